"""Breach response at the privacy office (task kind ``breach``).

Each item is an incident report; the trainee decides, in the order of the Breach
Notification Rule, whether unsecured PHI was impermissibly used or disclosed
(45 CFR 164.402), whether an exception applies, what the risk assessment shows, and
who must be told by when (164.404-412). Part 2 records follow the same rule (42 CFR 2.16(b)).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from recsim.core.form import Item
from recsim.core.generate.fake import seeded_faker
from recsim.core.scoring import Finding
from recsim.core.seeds import derive_seed
from recsim.tasks.base import (
    BuildContext,
    CheckContext,
    Lead,
    Problem,
    TaskKind,
    Trail,
    shaped,
)
from recsim.tasks.breach.block import BREACH_TOPICS, INCIDENTS, BreachBlock
from recsim.tasks.breach.checks import block_problems
from recsim.tasks.breach.content import breach_content
from recsim.tasks.breach.follow_up import follow_up_item, follow_ups
from recsim.tasks.breach.models import BreachAnswer, BreachKey, BreachView
from recsim.tasks.breach.paperwork import office, paperwork
from recsim.tasks.breach.rules import key_for
from recsim.tasks.breach.scoring import (
    RECIPIENT_WORDS,
    SUBSTITUTE_WORDS,
    notice_findings,
    step_findings,
)


class BreachTask(TaskKind[BreachBlock, BreachAnswer]):
    """Task kind ``breach``."""

    kind: ClassVar[str] = "breach"
    block_model = BreachBlock
    answer_model = BreachAnswer
    view_model = BreachView

    def build(self, block: BreachBlock, index: int, item_id: str, context: BuildContext) -> Item:
        rng = context.rng("breach", index)
        locale = context.scenario.population.locale
        where = office(
            context.rng("breach-office"),
            seeded_faker(
                locale,
                derive_seed("breach-office", context.seed, context.task_number),
                stream="breach",
            ),
        )
        fake = seeded_faker(
            locale, derive_seed("breach", context.seed, context.task_number, index), stream="breach"
        )
        position = context.authored(block, index)
        written = block.items[position] if position is not None else None
        if written is not None:
            archetype = written.archetype
        else:
            names = list(INCIDENTS.names if block.archetypes == "all" else block.archetypes)
            context.rng("breach-order").shuffle(names)
            archetype = names[(index - block.authored_count()) % len(names)]
        number = derive_seed("breach-number", context.seed, context.task_number, index) % 10**4
        view = paperwork(
            archetype,
            written,
            where,
            rng,
            fake,
            as_of=context.scenario.as_of,
            reference=f"INC-{context.scenario.as_of.year}-{number:04d}",
        )
        key = key_for(archetype, breach_content().archetypes[archetype], view)
        if written is not None and written.id is not None:
            key = key.model_copy(update={"authored_id": written.id})
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Incident {view.reference}: {view.title}",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: BreachAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, BreachKey)
        entry = breach_content().entry(key.archetype)
        objective = item.objectives[0] if item.objectives else None
        base: dict[str, Any] = {"item": item.id, "category": "privacy", "objective": objective}
        return step_findings(base, entry, key, answer) + notice_findings(base, key, answer)

    def key_answer(self, item: Item) -> BreachAnswer:
        key = shaped(item.key, BreachKey)
        letter = [n for n, part in breach_content().letter.items() if part.required]
        return BreachAnswer(
            unsecured_breach=key.unsecured,
            exception=key.exception,
            risk=key.risk,
            notices=dict(key.notices),
            media_states=list(key.media_states),
            substitute=key.substitute,
            letter=letter if "individuals" in key.notices else [],
            hold_until=key.hold_until,
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, BreachView)
        key = shaped(item.key, BreachKey)
        named = f" ({key.authored_id})" if key.authored_id else ""
        yield f"{key.archetype}{named}: {view.organization}"
        yield (
            f"occurred {view.occurred}, discovered {view.discovered} by {view.discovered_by}, "
            f"reported {view.reported}; {view.total:,} affected ("
            + ", ".join(f"{s.state} {s.count:,}" for s in view.affected)
            + f"), {view.missing_contact} without contact details"
        )
        if view.law_enforcement is not None:
            hold = view.law_enforcement
            yield f"law enforcement: {hold.form} statement on {hold.on}, until {hold.until or '-'}"
        yield from _describe_key(key)

    def validate(self, block: BreachBlock, context: CheckContext) -> Iterator[Problem]:
        yield from block.bank_problems()
        yield from block_problems(block, context.as_of)

    def topic_title(self, topic: str) -> str | None:
        return BREACH_TOPICS.title(topic)

    def follows(self, situation: str) -> bool:
        return bool(follow_ups(situation))

    def follow_up(self, lead: Lead, item_id: str, context: BuildContext) -> Item:
        return follow_up_item(lead, item_id, context)


def _describe_key(key: BreachKey) -> Iterator[str]:
    content = breach_content()
    said = "unsecured PHI impermissibly used or disclosed" if key.unsecured else "no"
    yield f"key: step 1 {said}"
    if key.exception is not None:
        yield f"key: step 2 {content.exceptions[key.exception].title}"
    if key.risk is not None:
        yield f"key: step 3 {content.risks[key.risk].title}"
    if not key.notices:
        yield "key: no notice owed"
    for recipient, due in key.notices.items():
        where = f" ({', '.join(key.media_states)})" if recipient == "media" else ""
        yield f"key: notify {RECIPIENT_WORDS[recipient]}{where} by {due}"
    if "individuals" in key.notices:
        yield f"key: substitute notice: {SUBSTITUTE_WORDS[key.substitute]}"
    if key.hold_until is not None:
        yield f"key: hold the notices until {key.hold_until}"


TASK: TaskKind[BreachBlock, BreachAnswer] = BreachTask()
