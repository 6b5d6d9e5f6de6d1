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
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.content import load_content
from recsim.core.form import Item
from recsim.core.generate import generate_patient
from recsim.core.generate.fake import seeded_faker
from recsim.core.model import Model
from recsim.core.records import PatientRecord
from recsim.core.scoring import Finding, points
from recsim.privacy import audit_trail
from recsim.tasks.base import BuildContext, TaskKind, Trail
from recsim.tasks.traps.block import Trap, TrapKind
from recsim.tasks.traps.content import TrapsFile, Variant, Verdict

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


@dataclass(frozen=True, slots=True)
class Response:
    """One response the trainee may pick, as the catalog defines it."""

    id: str
    label: str
    verdict: Verdict
    feedback: str


@dataclass(frozen=True, slots=True)
class TrapInfo:
    """One trap kind of the catalog."""

    kind: str
    topic: str
    rule: str
    chart_ages: tuple[int, int] | None
    variants: tuple[Variant, ...]
    responses: tuple[Response, ...]

    @property
    def best(self) -> Response:
        """The correct response."""
        return next(r for r in self.responses if r.verdict == "correct")


@cache
def _data() -> TrapsFile:
    return load_content(__package__, "traps.yaml", TrapsFile)


def _clean(text: str) -> str:
    return " ".join(str(text).split())


@cache
def catalog() -> dict[str, TrapInfo]:
    """Every trap kind, by name (traps.yaml)."""
    result: dict[str, TrapInfo] = {}
    for name, entry in _data().kinds.items():
        result[name] = TrapInfo(
            kind=name,
            topic=entry.topic,
            rule=entry.rule,
            chart_ages=entry.chart.ages if entry.chart else None,
            variants=tuple(entry.variants),
            responses=tuple(
                Response(rid, _clean(r.label), r.verdict, _clean(r.feedback))
                for rid, r in entry.responses.items()
            ),
        )
    return result


@cache
def all_responses() -> tuple[str, ...]:
    """Every response id of every trap kind (what an answer may say)."""
    return tuple(dict.fromkeys(r.id for info in catalog().values() for r in info.responses))


def consequence(verdict: str) -> str:
    """What follows from a response with this verdict, with its citations ("" when nothing does)."""
    said = (text for name, text in _data().consequences.items() if name == verdict)
    return _clean(next(said, ""))


class SearchHit(Model):
    """A chart as a search result lists it."""

    name: str
    """LAST, First."""
    mrn: str
    """The chart's MRN (opening it is logged)."""
    date_of_birth: str
    """As the index shows it."""
    sex: str
    """F or M."""
    note: str
    """Where the patient is, and that the chart is not in the work queue."""


class ResponseOption(Model):
    """A response the trainee may pick."""

    id: str
    """What the answer says."""
    label: str
    """What the trainee reads."""


class TrapView(Model):
    """The interruption as the trainee meets it."""

    kind: TrapKind
    """Trap kind."""
    channel: Literal["search", "message", "text", "email", "printer"]
    """How it reaches the trainee."""
    situation: str
    """What happens, in the words the trainee reads."""
    hit: SearchHit | None = None
    """The chart a search shows (for traps with a chart)."""
    record: PatientRecord | None = None
    """The chart itself, shown only if the trainee opens it (and the open is logged)."""
    responses: list[ResponseOption]
    """The responses offered."""


class TrapKey(Model):
    """How the trap is judged."""

    kind: TrapKind
    """Trap kind."""
    person: str
    """Whose information is at stake."""
    chart: str | None
    """MRN of the chart reachable by search; opening it is a violation."""
    best: str
    """The correct response."""
    verdicts: dict[str, Verdict]
    """Each offered response and its verdict."""
    feedback: dict[str, str]
    """Each offered response and what the trainee should learn from it."""
    labels: dict[str, str]
    """Each offered response as the trainee read it."""


class TrapAnswer(Model):
    """The trainee's response to a trap."""

    response: str = Field(max_length=40)
    """One of the responses offered, e.g. refuse_and_report."""

    @field_validator("response")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in all_responses():
            raise PydanticCustomError(
                "trap_response",
                "'{value}' is not a trap response; responses are: {known}",
                {"value": value, "known": ", ".join(all_responses())},
            )
        return value


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


class TrapTask(TaskKind[Trap, TrapAnswer]):
    """Task kind ``trap``."""

    kind: ClassVar[str] = "trap"
    block_model = Trap
    answer_model = TrapAnswer

    def build(self, block: Trap, index: int, item_id: str, context: BuildContext) -> Item:
        info = catalog()[block.kind]
        scenario = context.scenario
        rng = context.rng("trap", index, block.kind)
        # Its own stream: the trap's chart is generated between this Faker's draws.
        fake = seeded_faker(scenario.population.locale, rng.randrange(2**32), stream="traps")
        record = None
        if info.chart_ages is not None:
            record = generate_patient(
                context.seed,
                TRAP_CHART_INDEX + index,
                as_of=scenario.as_of,
                ages=info.chart_ages,
                locale=scenario.population.locale,
                setting=scenario.setting,
            )
            patient = record.patient
            first, last = patient.first_name, patient.last_name
        else:
            first, last = fake.first_name(), fake.last_name()
        coworker_first, coworker_last = fake.first_name(), fake.last_name()
        physician = fake.last_name()
        words: dict[str, str] = {
            **_data().settings[scenario.setting].model_dump(),
            "person": f"{first} {last}",
            "first": first,
            "search": last,
            "role": rng.choice(_data().famous_roles),
            "coworker": f"{coworker_first} {coworker_last}",
            "coworker_first": coworker_first,
            "coworker_role": rng.choice(_data().coworker_roles),
            "physician": physician,
            "pages": str(rng.randint(3, 12)),
        }
        if record is not None:
            words.update(
                _relative_words(rng, record, age_on(record.patient.date_of_birth, scenario.as_of))
            )
        variants = [
            v for v in info.variants if v.settings is None or scenario.setting in v.settings
        ]
        variant = rng.choice(variants)
        # A personal address looks like its owner's: whoever the situation has writing.
        owner = f"dr.{physician}" if "{physician}" in variant.situation else words["coworker"]
        words["email"] = ids.make_email(owner, rng)
        hit = None
        if record is not None:
            patient = record.patient
            hit = SearchHit(
                name=f"{patient.last_name.upper()}, {patient.first_name}",
                mrn=patient.mrn,
                date_of_birth=patient.date_of_birth.isoformat(),
                sex=patient.sex,
                note=f"{words['place'][0].upper()}{words['place'][1:]}; not in your work queue",
            )
        responses = [(r, _clean(r.label.format_map(words))) for r in info.responses]
        view = TrapView(
            kind=block.kind,
            channel=variant.channel,
            situation=_clean(variant.situation.format_map(words)),
            hit=hit,
            record=record,
            responses=[ResponseOption(id=r.id, label=label) for r, label in responses],
        )
        key = TrapKey(
            kind=block.kind,
            person=words["person"],
            chart=record.patient.mrn if record else None,
            best=info.best.id,
            verdicts={r.id: r.verdict for r in info.responses},
            feedback={r.id: _clean(r.feedback.format_map(words)) for r in info.responses},
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
        key: TrapKey = item.key  # type: ignore[assignment]
        info = catalog()[key.kind]
        worth = points(SEVERITY)
        base: dict[str, Any] = {
            "item": item.id,
            "category": "privacy",
            "severity": SEVERITY,
            "objective": item.objectives[0] if item.objectives else None,
            "expected": key.labels[key.best],
        }
        findings: list[Finding] = []
        if answer is None:
            findings.append(
                Finding(
                    **base,
                    outcome="missed",
                    earned=0,
                    possible=worth,
                    topic=info.topic,
                    rule=info.rule,
                    feedback=f"No response to this situation. {key.feedback[key.best]}",
                )
            )
        elif answer.response not in key.verdicts:
            offered = ", ".join(key.verdicts)
            findings.append(
                Finding(
                    **base,
                    outcome="missed",
                    earned=0,
                    possible=worth,
                    topic=info.topic,
                    rule=info.rule,
                    given=answer.response,
                    feedback=f"'{answer.response}' is not one of the responses to this situation "
                    f"({offered}). {key.feedback[key.best]}",
                )
            )
        else:
            verdict = key.verdicts[answer.response]
            feedback = " ".join(
                part for part in (key.feedback[answer.response], consequence(verdict)) if part
            )
            # A violation also makes the item worth more, so it always costs more than any
            # other answer, leaving the trap unanswered included (as release decisions do).
            findings.append(
                Finding(
                    **base,
                    outcome=_OUTCOME[verdict],
                    earned=worth * _SHARE[verdict],
                    possible=worth * (2 if verdict == "violation" else 1),
                    topic=info.topic,
                    rule=info.rule,
                    feedback=feedback,
                    given=key.labels[answer.response],
                )
            )
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
                    f"The access log shows you opened {key.person}'s chart ({key.chart}), which no item "
                    f"in your work concerns. {log} {audit_trail.CONSEQUENCE}"
                ),
            )
        ]

    def key_answer(self, item: Item) -> TrapAnswer:
        key: TrapKey = item.key  # type: ignore[assignment]
        return TrapAnswer(response=key.best)

    def describe(self, item: Item) -> Iterator[str]:
        view: TrapView = item.view  # type: ignore[assignment]
        key: TrapKey = item.key  # type: ignore[assignment]
        yield f"trap {view.kind} ({view.channel}): {view.situation}"
        if view.hit is not None:
            yield f"search hit: {view.hit.name}, MRN {view.hit.mrn}, born {view.hit.date_of_birth} ({view.hit.note})"
        for option in view.responses:
            yield f"  {key.verdicts[option.id]:>10}  {option.id}: {option.label}"
        yield f"key: {key.best}" + (
            f"; opening chart {key.chart} is a violation (access log)" if key.chart else ""
        )


TASK: TaskKind[Trap, TrapAnswer] = TrapTask()
