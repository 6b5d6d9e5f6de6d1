"""Confidentiality traps (task kind ``trap``): the interruptions a records technician meets.

A scenario plants traps (``traps: [{kind: famous_patient}, ...]``); each becomes
one item in the queue: a search result showing a well-known person's chart, a
co-worker's request for a look-up, a relative's record, a request to e-mail
records to a personal address, or pages left at a shared printer. The trainee
picks a response from a small closed vocabulary (traps.yaml); complying or
opening without a job reason is a violation, refusing is acceptable, refusing
and reporting (or redirecting) is correct.

Traps whose person has a chart reachable by search are also scored from the
access audit trail (recsim.privacy.audit_trail): opening that chart is a
violation whatever the trainee answered.

Trap charts are made with :func:`recsim.core.generate.generate_patient` at
population indexes from :data:`TRAP_CHART_INDEX` up. Queue charts use indexes
below the population size (at most 100,000), and the index-to-MRN map is
one-to-one below 10**7, so a trap chart's MRN is synthetic and never the MRN
of a chart in the work queue.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any, ClassVar

from faker import Faker

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.form import Item
from recsim.core.generate import generate_patient
from recsim.core.generate.fake import seeded_faker
from recsim.core.records import PatientRecord
from recsim.core.scoring import Finding, points
from recsim.privacy import audit_trail
from recsim.tasks.base import (
    BuildContext,
    CheckContext,
    Lead,
    Listed,
    Problem,
    TaskKind,
    Trail,
    shaped,
)
from recsim.tasks.traps.block import Trap
from recsim.tasks.traps.catalog import TrapInfo, catalog, consequence, one_line, traps_file
from recsim.tasks.traps.models import ResponseOption, SearchHit, TrapAnswer, TrapKey, TrapView

TRAP_CHART_INDEX = 9_000_000
"""First population index reserved for trap charts (one per trap: at most 20 per scenario).

Above :data:`MAX_ITEMS`, the most patients a population may hold, and far below 10**7."""

SEVERITY = 4
"""Traps test unlawful access and disclosure: the highest severity."""
_SHARE = {"violation": -1.0, "unsafe": 0.0, "acceptable": 0.5, "correct": 1.0}
_OUTCOME = {
    "violation": "violation",
    "unsafe": "missed",
    "acceptable": "partial",
    "correct": "correct",
}


def _relative_words(rng: random.Random, record: PatientRecord, age: int) -> dict[str, str]:
    female = record.patient.sex == "F"
    if age >= 70:
        relative = "grandmother" if female else "grandfather"
    else:
        relative = rng.choice(
            ("aunt", "cousin", "sister-in-law") if female else ("uncle", "cousin", "brother-in-law")
        )
    sender = rng.choice(("mother", "father", "sister", "brother", "cousin"))
    return {
        "relative_relation": relative,
        "sender_relation": sender if sender != relative else "mother",
    }


def _chart(info: TrapInfo, index: int, context: BuildContext) -> PatientRecord | None:
    """The chart a search shows, for trap kinds whose person has one."""
    if info.chart_ages is None:
        return None
    scenario = context.scenario
    return generate_patient(
        context.seed,
        TRAP_CHART_INDEX + index,
        as_of=scenario.as_of,
        ages=info.chart_ages,
        locale=scenario.population.locale,
        setting=scenario.setting,
    )


def _words(
    record: PatientRecord | None, rng: random.Random, fake: Faker, context: BuildContext
) -> dict[str, str]:
    """The values the situation, responses and feedback are written with."""
    scenario = context.scenario
    if record is not None:
        first, last = record.patient.first_name, record.patient.last_name
    else:
        first, last = fake.first_name(), fake.last_name()
    coworker_first, coworker_last = fake.first_name(), fake.last_name()
    words: dict[str, str] = {
        **traps_file().settings[scenario.setting].model_dump(),
        "person": f"{first} {last}",
        "first": first,
        "search": last,
        "role": rng.choice(traps_file().famous_roles),
        "coworker": f"{coworker_first} {coworker_last}",
        "coworker_first": coworker_first,
        "coworker_role": rng.choice(traps_file().coworker_roles),
        "physician": fake.last_name(),
        "pages": str(rng.randint(3, 12)),
    }
    if record is not None:
        words.update(
            _relative_words(rng, record, age_on(record.patient.date_of_birth, scenario.as_of))
        )
    return words


def _people(
    block: Trap, index: int, context: BuildContext
) -> tuple[random.Random, PatientRecord | None, dict[str, str]]:
    """The trap's generator, its person's chart and the words naming everyone, drawn in the
    same order for the item and for its lead (so a follow-up names the same people)."""
    info = catalog()[block.kind]
    rng = context.rng("trap", index, block.kind)
    # Its own stream: the trap's chart is generated between this Faker's draws.
    fake = seeded_faker(context.scenario.population.locale, rng.randrange(2**32), stream="traps")
    record = _chart(info, index, context)
    return rng, record, _words(record, rng, fake, context)


def _hit(record: PatientRecord | None, words: dict[str, str]) -> SearchHit | None:
    """The chart as the search lists it (None when the trap has no chart)."""
    if record is None:
        return None
    patient = record.patient
    return SearchHit(
        name=f"{patient.last_name.upper()}, {patient.first_name}",
        mrn=patient.mrn,
        date_of_birth=patient.date_of_birth.isoformat(),
        sex=patient.sex,
        note=f"{words['place'][0].upper()}{words['place'][1:]}; not in your work queue",
    )


def _response_finding(
    base: dict[str, Any], key: TrapKey, info: TrapInfo, answer: TrapAnswer | None
) -> Finding:
    """The finding for the response the trainee picked (or did not pick)."""
    worth = points(SEVERITY)
    base = {**base, "topic": info.topic, "rule": info.rule}
    if answer is None:
        return Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=worth,
            feedback=f"No response to this situation. {key.feedback[key.best]}",
        )
    if answer.response not in key.verdicts:
        offered = ", ".join(key.verdicts)
        return Finding(
            **base,
            outcome="missed",
            earned=0,
            possible=worth,
            given=answer.response,
            feedback=f"'{answer.response}' is not one of the responses to this situation "
            f"({offered}). {key.feedback[key.best]}",
        )
    verdict = key.verdicts[answer.response]
    feedback = " ".join(
        part for part in (key.feedback[answer.response], consequence(verdict)) if part
    )
    # A violation also makes the item worth more, so it always costs more than any
    # other answer, leaving the trap unanswered included (as release decisions do).
    return Finding(
        **base,
        outcome=_OUTCOME[verdict],
        earned=worth * _SHARE[verdict],
        possible=worth * (2 if verdict == "violation" else 1),
        feedback=feedback,
        given=key.labels[answer.response],
    )


class TrapTask(TaskKind[Trap, TrapAnswer]):
    """Task kind ``trap``."""

    kind: ClassVar[str] = "trap"
    block_model = Trap
    answer_model = TrapAnswer
    view_model = TrapView

    def build(self, block: Trap, index: int, item_id: str, context: BuildContext) -> Item:
        info = catalog()[block.kind]
        scenario = context.scenario
        rng, record, words = _people(block, index, context)
        variants = [
            v for v in info.variants if v.settings is None or scenario.setting in v.settings
        ]
        variant = rng.choice(variants)
        # A personal address looks like its owner's: whoever the situation has writing.
        physician = words["physician"]
        owner = f"dr.{physician}" if "{physician}" in variant.situation else words["coworker"]
        words["email"] = ids.make_email(owner, rng)
        responses = [(r, one_line(r.label.format_map(words))) for r in info.responses]
        # The order is drawn per trainee so the key's place in the list gives nothing away;
        # its own stream leaves every other draw of the trap as it was.
        context.rng("trap-order", index, block.kind).shuffle(responses)
        view = TrapView(
            kind=block.kind,
            channel=variant.channel,
            situation=one_line(variant.situation.format_map(words)),
            hit=_hit(record, words),
            record=record,
            responses=[ResponseOption(id=r.id, label=label) for r, label in responses],
        )
        key = TrapKey(
            kind=block.kind,
            person=words["person"],
            chart=record.patient.mrn if record else None,
            best=info.best.id,
            verdicts={r.id: r.verdict for r in info.responses},
            feedback={r.id: one_line(r.feedback.format_map(words)) for r in info.responses},
            labels={r.id: label for r, label in responses},
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=variant.title.format_map(words),
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: TrapAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, TrapKey)
        info = catalog()[key.kind]
        base: dict[str, Any] = {
            "item": item.id,
            "category": "privacy",
            "severity": SEVERITY,
            "objective": item.objectives[0] if item.objectives else None,
            "expected": key.labels[key.best],
        }
        findings = [_response_finding(base, key, info, answer)]
        if key.chart is not None:
            findings.extend(self._trail_findings(item, key, trail, base))
        return findings

    def _trail_findings(
        self, item: Item, key: TrapKey, trail: Trail, base: dict[str, Any]
    ) -> list[Finding]:
        # No queue item concerns a trap chart (see TRAP_CHART_INDEX), so every open is unjustified.
        reviews = audit_trail.unjustified_opens(trail.opens, key.chart or "", assigned=())
        if not reviews:
            return []
        log = " ".join(review.describe() for review in reviews)
        return [
            Finding(
                **{**base, "expected": "no access to this chart"},
                outcome="violation",
                earned=-points(SEVERITY),
                possible=points(SEVERITY),
                topic="access_without_job_reason",
                rule=f"{audit_trail.RULE}; {audit_trail.REVIEW_RULE}",
                given=f"opened {key.chart} {len(reviews)} time(s)",
                feedback=(
                    f"The access log shows you opened {key.person}'s chart ({key.chart}), "
                    f"which no item in your work concerns. {log} {audit_trail.CONSEQUENCE}"
                ),
            )
        ]

    def charts(self, item: Item) -> tuple[str, ...]:
        # The trap scores the opens of its chart itself (_trail_findings).
        chart = shaped(item.key, TrapKey).chart
        return (chart,) if chart else ()

    def listed(self, item: Item) -> tuple[Listed, ...]:
        # The person's chart is in the hospital's index: a search away, as on the job.
        record = shaped(item.view, TrapView).record
        if record is None:
            return ()
        p = record.patient
        return (Listed(p.mrn, p.last_name, p.first_name, p.date_of_birth, p.sex),)

    def chart_of(self, item: Item, mrn: str) -> PatientRecord | None:
        record = shaped(item.view, TrapView).record
        return record if record is not None and record.patient.mrn == mrn else None

    def validate(self, block: Trap, context: CheckContext) -> Iterator[Problem]:
        leads = catalog()[block.kind].leads_to
        if block.leads_to is not None and block.leads_to not in leads:
            able = [name for name, info in catalog().items() if block.leads_to in info.leads_to]
            yield (
                ("leads_to",),
                f"a {block.kind} trap has no {block.leads_to} follow-up; leads_to: "
                f"{block.leads_to} is for {' and '.join(able) or 'no'} traps",
                "error",
            )

    def follow_up_kind(self, block: Trap) -> str | None:
        return block.leads_to

    def lead(self, block: Trap, index: int, context: BuildContext) -> Lead | None:
        if block.leads_to is None:
            return None
        words = _people(block, index, context)[2]
        facts = {
            "colleague": words["coworker"],
            "colleague_role": words["coworker_role"],
            "patient": words["person"],
            "system": words["system"],
            "day": context.scenario.as_of.isoformat(),
        }
        return Lead(block.kind, facts)

    def key_answer(self, item: Item) -> TrapAnswer:
        key = shaped(item.key, TrapKey)
        return TrapAnswer(response=key.best)

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, TrapView)
        key = shaped(item.key, TrapKey)
        yield f"trap {view.kind} ({view.channel}): {view.situation}"
        if view.hit is not None:
            hit = view.hit
            yield f"search hit: {hit.name}, MRN {hit.mrn}, born {hit.date_of_birth} ({hit.note})"
        for option in view.responses:
            yield f"  {key.verdicts[option.id]:>10}  {option.id}: {option.label}"
        yield f"key: {key.best}" + (
            f"; opening chart {key.chart} is a violation (access log)" if key.chart else ""
        )


TASK: TaskKind[Trap, TrapAnswer] = TrapTask()
