"""Which errors each audit chart carries, and the chart that can carry them.

The block's plan (tasks/deal.py) gives every trainee the same number of errors of the
same kinds, dealt to charts per trainee; each chart is then the first patient of its
share of the index (or past it) on which every kind dealt to it can be planted without
disturbing another's evidence. ``validate`` refuses blocks no chart could satisfy.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import lru_cache

from recsim.core.generate.fake import seeded_faker
from recsim.core.records import PatientRecord
from recsim.core.scoring import points
from recsim.core.seeds import rng_for
from recsim.tasks.audit import clinical, lapses  # noqa: F401  (register their injectors)
from recsim.tasks.audit.block import ERROR_KINDS, AuditBlock
from recsim.tasks.audit.catalog import catalog
from recsim.tasks.audit.injectors import INJECTORS, Planted, Setting
from recsim.tasks.base import BuildContext, CheckContext, Problem
from recsim.tasks.deal import count_pattern, deal_hand


def within(path: str, place: str) -> bool:
    """Whether ``path`` is ``place`` or lies inside it (``notes[2].mrn`` is within ``notes[2]``)."""
    return path == place or path.startswith((place + ".", place + "["))


def overlaps(a: str, b: str) -> bool:
    """Whether one of two record paths lies within the other."""
    return within(a, b) or within(b, a)


def disturbs(one: Planted, other: Planted) -> bool:
    """Whether ``one`` changes, or is flagged at, a place ``other`` occupies or rests on.

    Two errors may both rest on the same evidence (the date of birth an age edit and an
    out-of-range date are judged against): evidence is only read.
    """
    return any(
        overlaps(mine, theirs) for mine in (one.location, *one.also) for theirs in other.places()
    )


def plant(
    record: PatientRecord, kinds: list[str], rng: random.Random, setting: Setting
) -> tuple[PatientRecord, list[Planted]]:
    """Plant one error of each of ``kinds`` that doesn't disturb the others' evidence.

    Kinds are planted in catalog order, which keeps the ones that rewrite identifiers
    (an MRN) after the ones that look for the patient's own documents. Kinds the chart
    cannot carry are skipped: the caller tries another chart.
    """
    planted: list[Planted] = []
    for kind in kinds:
        trial = record.model_copy(deep=True)
        result = INJECTORS[kind](trial, rng, setting)
        if result is None:
            continue
        if any(disturbs(result, done) or disturbs(done, result) for done in planted):
            continue
        record = trial
        planted.append(result)
    return record, planted


def plant_all(
    record: PatientRecord, kinds: list[str], rng: random.Random, setting: Setting
) -> list[Planted] | None:
    """Plant one error of each of ``kinds`` in ``record`` itself; None when one cannot be."""
    planted: list[Planted] = []
    for kind in kinds:
        result = INJECTORS[kind](record, rng, setting)
        if result is None or any(disturbs(result, d) or disturbs(d, result) for d in planted):
            return None
        planted.append(result)
    return planted


STAY_ONLY = {"discharge_before_admission"}
"""Error kinds planted only in a hospital stay, which clinic charts do not have."""
APART = frozenset(
    {
        frozenset({"allergy_conflict", "allergy_missing"}),
        frozenset({"dob_transposed", "date_out_of_range"}),
        frozenset({"dob_transposed", "age_conflict"}),
    }
)
"""Kinds that never share a chart: a conflict's evidence is the listed allergy that
allergy_missing removes, and a date out of range or an age edit is judged against the
date of birth that dob_transposed changes."""
SCARCE = frozenset(
    {
        "discharge_before_admission",
        "laterality_mismatch",
        "allergy_conflict",
        "dob_transposed",
        "allergy_missing",
        "cloned_note",
    }
)
"""Kinds whose evidence most charts lack (a stay, a sided condition, a drug allergy, a birth
day of 12 or less, two dated notes): they are dealt to different charts where possible."""
CHECKED = 8
"""Hands ``validate`` deals to see that a block's kinds can be dealt at all."""
CHECKED_CHARTS = 420
"""Charts those hands are dealt to, at most: a multiple of every count pattern's cycle
(1 to 7 counts long), so the checked charts hold the block's counts in proportion."""
SEARCH = 400
"""Charts looked at past the item's own share of the index before settling for fewer errors."""


def allowed_kinds(block: AuditBlock, setting: str) -> list[str]:
    """The kinds a block plants, in catalog order (``all`` leaves out what the setting lacks)."""
    if block.error_kinds == "all":
        return [k for k in ERROR_KINDS.names if setting != "clinic" or k not in STAY_ONLY]
    chosen = set(block.error_kinds)
    return [k for k in ERROR_KINDS.names if k in chosen]


def chart_plan(block: AuditBlock, context: BuildContext) -> tuple[tuple[str, ...], ...]:
    """The kinds each chart of the block carries on this trainee's form.

    Every trainee's form has the same counts and the same kinds (tasks/deal.py); the
    trainee's seed only decides which chart gets which.
    """
    kinds = tuple(allowed_kinds(block, context.scenario.setting))
    return _plan(block.records, block.errors_per_record, kinds, context.seed, context.task_number)


@lru_cache(maxsize=16)
def _plan(
    records: int, bounds: tuple[int, int], kinds: tuple[str, ...], seed: int, task: int
) -> tuple[tuple[str, ...], ...]:
    """The plan of one form's block, made once: each chart is built on its own (random
    access), and dealing a block of 10,000 charts for each of them would be quadratic."""
    dealt = _dealt(records, bounds, list(kinds), rng_for(seed, task, "audit-plan"))
    if dealt is None:  # validate refuses such blocks; an unchecked one still gets a form
        dealt = [[kinds[n % len(kinds)]] if kinds else [] for n in range(records)]
    order = {kind: n for n, kind in enumerate(ERROR_KINDS.names)}
    return tuple(tuple(sorted(chart, key=order.__getitem__)) for chart in dealt)


def _dealt(
    records: int, bounds: tuple[int, int], kinds: list[str], rng: random.Random
) -> list[list[str]] | None:
    """The balanced hand of kinds dealt to a block's charts (None: it cannot be dealt)."""
    counts = count_pattern(records, *bounds)
    rng.shuffle(counts)
    info = catalog()
    worth = {kind: points(info[kind].severity) for kind in kinds}
    return deal_hand(counts, kinds, worth, rng, apart=APART, scarce=SCARCE)


def undealable(block: AuditBlock, setting: str) -> bool:
    """Whether some trainee's hand could not be dealt: kinds that must stay apart crowd out.

    Dealt on at most :data:`CHECKED_CHARTS` charts: the counts repeat and the hand grows in
    proportion, so a larger block crowds no more than its first few hundred charts do.
    """
    kinds = allowed_kinds(block, setting)
    if not any(pair <= set(kinds) for pair in APART):
        return False  # only distinctness binds, and the dealing order always meets it
    records = min(block.records, CHECKED_CHARTS)
    return any(
        _dealt(records, block.errors_per_record, kinds, random.Random(n)) is None
        for n in range(CHECKED)
    )


def candidates(context: BuildContext, index: int, records: int) -> Iterator[int]:
    """Patients chart ``index`` may be drawn from: its own share of the index, then beyond it.

    Every ``records``-th patient from the item's own belongs to no other chart of the
    task; past the index, numbers are the task's own, so charts never share a patient.
    """
    size = context.scenario.population.patients
    for step in range(max(1, size // records)):
        yield context.patient_number(index + step * records)
    for step in range(SEARCH):
        yield size + (context.task_number * SEARCH + step) * records + index


def listed(block: AuditBlock) -> list[str]:
    return [] if block.error_kinds == "all" else list(block.error_kinds)


def unplantable(block: AuditBlock, context: CheckContext) -> Iterator[Problem]:
    """Listed kinds that no chart of the scenario's ages can carry."""
    low, high = context.ages
    needs = {
        "sex_conflict": (high < 18, "a patient aged 18 or over"),
        "age_conflict": (low >= 15 and high < 18, "a patient under 15 or over 17"),
    }
    for kind in listed(block):
        impossible, who = needs.get(kind, (False, ""))
        if impossible:
            message = (
                f"{kind} needs {who}, and the population's ages are {low}-{high}: "
                "remove it, or widen population.ages"
            )
            yield ("error_kinds",), message, "error"


def most_together(kinds: list[str]) -> int:
    """The most of ``kinds`` one chart can carry: no two that must stay apart."""
    paired = sorted({k for pair in APART for k in pair if pair <= set(kinds)})
    best = 0
    for mask in range(1 << len(paired)):
        chosen = {k for n, k in enumerate(paired) if mask >> n & 1}
        if not any(pair <= chosen for pair in APART):
            best = max(best, len(chosen))
    return len(kinds) - len(paired) + best


def apart_words(kinds: list[str]) -> str:
    pairs = sorted(" and ".join(sorted(pair)) for pair in APART if pair <= set(kinds))
    return "; ".join(pairs) + " never share a chart"


def planted_chart(
    block: AuditBlock, index: int, kinds: list[str], context: BuildContext
) -> tuple[PatientRecord, list[Planted], Setting]:
    """The first candidate chart that carries every one of ``kinds`` together.

    Most kinds need something only some charts have (a hospital stay, a drug allergy, a
    birth day that still reads as a date when swapped with its month); trying patient after
    patient is what lets every chart carry exactly the errors the plan dealt it. Should
    none carry them all, the item's own chart gets those it can.
    """
    for attempt, number in enumerate(candidates(context, index, block.records)):
        rng = context.rng("audit", index, attempt)
        setting = _setting(context, number, rng)
        # a freshly generated chart: planting in place needs no copy, and a chart that
        # cannot carry a kind is dropped at once
        record = context.population.patient(number)
        planted = plant_all(record, kinds, rng, setting)
        if planted is not None:
            return record, planted, setting
    rng = context.rng("audit", index, "fewer")
    number = context.patient_number(index)
    setting = _setting(context, number, rng)
    record, planted = plant(context.population.patient(number), kinds, rng, setting)
    return record, planted, setting


def _setting(context: BuildContext, number: int, rng: random.Random) -> Setting:
    return Setting(
        as_of=context.scenario.as_of,
        seed=context.seed,
        index=number,
        faker=seeded_faker(context.scenario.population.locale, rng.randrange(2**32)),
        place=context.scenario.setting,
    )
