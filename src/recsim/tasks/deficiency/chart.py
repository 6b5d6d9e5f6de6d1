"""Discharged inpatient charts: a complete chart first, then the deficiencies taken out of it.

Which deficiencies each chart of a block gets is dealt once per form (``chart_kinds``,
from tasks/deal.py), so every trainee's charts hold the same kinds and points.

Building the complete chart first and then removing a document or its
signature (or moving a history and physical out of its window) keeps every
deficiency real: whatever the key lists is exactly what differs from a
complete chart, and nothing else is wrong.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from recsim.core.clock import age_on
from recsim.core.records import PatientRecord, Provider
from recsim.core.scoring import points
from recsim.core.seeds import rng_for
from recsim.tasks.base import BuildContext
from recsim.tasks.deal import count_pattern, deal_hand
from recsim.tasks.deficiency.block import DEFICIENCY_KINDS, DeficiencyBlock
from recsim.tasks.deficiency.complete import Chart, complete_chart
from recsim.tasks.deficiency.content import KindInfo, deficiency_content
from recsim.tasks.deficiency.models import (
    ChartDocument,
    DeficiencyKey,
    KeyDeficiency,
)


def kinds_plan(
    kinds: list[str], charts: int, bounds: tuple[int, int], rng: random.Random
) -> list[list[str]] | None:
    """The kinds each of ``charts`` charts carries: the same hand for every trainee, dealt.

    None when no deal keeps two kinds of one document apart (``validate`` refuses such
    blocks). Surgical kinds go to different charts where possible, since only a surgical
    stay can carry them.
    """
    info = deficiency_content().kinds
    counts = count_pattern(charts, *bounds)
    rng.shuffle(counts)
    worth = {kind: points(info[kind].severity) for kind in kinds}
    apart = [
        frozenset((a, b)) for a in kinds for b in kinds if a < b and info[a].group == info[b].group
    ]
    surgical = [kind for kind in kinds if info[kind].surgical]
    return deal_hand(counts, kinds, worth, rng, apart=apart, scarce=surgical)


def can_operate(record: PatientRecord, as_of: date) -> bool:
    """Whether the patient is of an age and sex some operation of the content fits."""
    age = age_on(record.patient.date_of_birth, as_of)
    return any(o.fits(record.patient.sex, age) for o in deficiency_content().operations)


def build_chart(
    record: PatientRecord,
    roster: tuple[Provider, ...],
    as_of: date,
    kinds: list[str],
    rng: random.Random,
    document_id: Callable[[int], str],
) -> tuple[Chart, DeficiencyKey]:
    """A discharged chart with a deficiency of each of ``kinds`` (surgical ones need an
    operation the patient can have), and its key."""
    content = deficiency_content()
    patient = record.patient
    age = age_on(patient.date_of_birth, as_of)
    operations = [o for o in content.operations if o.fits(patient.sex, age)]
    info = content.kinds
    needs_surgery = any(info[k].surgical for k in kinds)
    surgical = bool(operations) and (needs_surgery or rng.random() < 0.5)
    planted = [info[k] for k in kinds if surgical or not info[k].surgical]
    operation = rng.choice(operations) if surgical else None
    pre_admission = operation is not None and (
        any(k.name == "missing_history_physical_update" for k in planted) or rng.random() < 0.5
    )
    chart = complete_chart(record, roster, as_of, age, operation, pre_admission, rng, document_id)
    key = [_plant(kind, chart, roster, rng) for kind in planted]
    now = as_of
    deficiencies = [
        KeyDeficiency(
            kind=kind.name,
            title=kind.title,
            document=document,
            provider=provider,
            role=kind.responsible,
            due=due,
            overdue=due.date() < now,
            severity=kind.severity,
            rule=kind.rule,
            explanation=kind.explain.format(**facts),
        )
        for kind, (document, provider, due, facts) in zip(planted, key, strict=False)
    ]
    completion_due = content.completion_due(chart.stay.discharged_at.date())
    chart.documents.sort(key=lambda d: (d.written_at, d.id))
    return chart, DeficiencyKey(
        deficiencies=deficiencies,
        completion_due=completion_due,
        delinquent=bool(deficiencies) and completion_due < as_of,
    )


def _plant(
    kind: KindInfo, chart: Chart, roster: tuple[Provider, ...], rng: random.Random
) -> tuple[str | None, Provider, datetime, dict[str, str]]:
    """Take one deficiency out of the complete chart.

    Returns the document, the responsible provider, when it is due and the
    facts its explanation names.
    """
    stay = chart.stay
    of_type = [d for d in chart.documents if d.type == kind.document]
    target = rng.choice(of_type) if of_type else None
    if kind.document == "order":
        target = rng.choice(of_type[1:])  # the admission order set is always signed on the unit
    document_number, facts = _take_out(kind, chart, target, rng)
    provider = {
        "attending": stay.attending,
        "surgeon": stay.surgeon,
        "author": target.author if target else stay.attending,
    }[kind.responsible]
    assert provider is not None
    event = {
        "admission": stay.admitted_at,
        "surgery": stay.operated_at,
        "discharge": stay.discharged_at,
    }[kind.deadline.after]
    assert event is not None
    due = kind.deadline.due(event)
    facts.update(
        provider=provider.name,
        due=_when(due),
        operation=(stay.operation or "").lower(),
        operated=_when(stay.operated_at) if stay.operated_at else "",
    )
    return document_number, provider, due, facts


def _take_out(
    kind: KindInfo, chart: Chart, target: ChartDocument | None, rng: random.Random
) -> tuple[str | None, dict[str, str]]:
    """Remove the document, its signature, or move it out of its window: (document, facts)."""
    stay, documents = chart.stay, chart.documents
    facts: dict[str, str] = {}
    if kind.problem == "missing":
        documents[:] = [d for d in documents if d.type != kind.document]
        if kind.name == "missing_history_physical":
            documents[:] = [d for d in documents if d.type != "history_physical_update"]
        if kind.name == "missing_history_physical_update":
            facts["written"] = _when(of_type_first(chart, "history_physical").written_at)
        return None, facts
    assert target is not None
    if kind.problem == "unsigned":
        documents[documents.index(target)] = target.model_copy(update={"signed_at": None})
        facts.update(
            order=target.summary.removesuffix(", read back.").split(",")[0].lower(),
            written=_when(target.written_at),
        )
        return target.id, facts
    # out_of_window: the history and physical is too old, or too late
    documents[:] = [d for d in documents if d.type != "history_physical_update"]
    if rng.random() < 0.5 or stay.discharged_at - stay.admitted_at < timedelta(hours=40):
        days = rng.randint(31, 90)
        written = stay.admitted_at - timedelta(days=days)
        facts["relation"] = f"{days} days before admission"
    else:
        hours = rng.randint(30, 96)
        written = stay.admitted_at + timedelta(hours=hours)
        facts["relation"] = f"{hours} hours after admission"
    moved = target.model_copy(
        update={"written_at": written, "signed_at": written + timedelta(hours=2)}
    )
    documents[documents.index(target)] = moved
    facts["written"] = _when(written)
    return target.id, facts


def of_type_first(chart: Chart, kind: str) -> ChartDocument:
    """The first document of a type (``StopIteration`` if none)."""
    return next(d for d in chart.documents if d.type == kind)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


@lru_cache(maxsize=16)
def chart_kinds(
    kinds: tuple[str, ...], charts: int, bounds: tuple[int, int], seed: int, task: int
) -> tuple[tuple[str, ...], ...]:
    """One form's deal for a block, made once for all its charts (each is built on its own)."""
    dealt = kinds_plan(list(kinds), charts, bounds, rng_for(seed, task, "plan"))
    if dealt is None:  # validate refuses such blocks
        return ((),) * charts
    return tuple(tuple(chart) for chart in dealt)


CHECKED = 8
"""Hands ``validate`` deals to see that a block's kinds can be dealt at all."""
CHECKED_CHARTS = 420
"""Charts those hands are dealt to, at most: a multiple of every count pattern's cycle
(1 to 6 counts long), so the checked charts hold the block's counts in proportion."""


def block_kinds(block: DeficiencyBlock) -> list[str]:
    """The kinds a block plants, each once, in the order listed (``all``: the catalog's)."""
    chosen = DEFICIENCY_KINDS.names if block.kinds == "all" else block.kinds
    return list(dict.fromkeys(chosen))


def patient_for(context: BuildContext, index: int, charts: int, kinds: list[str]) -> PatientRecord:
    """Chart ``index``'s patient: when a kind dealt to it needs an operation, the first of
    its share of the index (every ``charts``-th patient) whom some operation fits."""
    info = deficiency_content().kinds
    own = context.patient(index)
    if not any(info[k].surgical for k in kinds) or can_operate(own, context.scenario.as_of):
        return own
    size = context.scenario.population.patients
    for step in range(1, max(1, size // charts)):
        other = context.patient(index + step * charts)
        if can_operate(other, context.scenario.as_of):
            return other
    return own  # no one of age for surgery: the chart carries its other kinds only
