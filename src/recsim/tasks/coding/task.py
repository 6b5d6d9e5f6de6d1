"""The coding task: encounters to code with ICD-10-CM FY2026, scored with partial credit."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from recsim.coding import codeset, normalize
from recsim.coding.code_shapes import is_procedure
from recsim.coding.pcs_axes import describe as describe_pcs
from recsim.coding.procedures import ProcedureCodeSet
from recsim.core.clock import add_years
from recsim.core.form import Item
from recsim.core.generate.fake import seeded_faker
from recsim.core.scoring import Finding
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.coding.block import AuthoredCase, CodingBlock
from recsim.tasks.coding.library import LibraryCase, cases_for, fill, is_section, library
from recsim.tasks.coding.models import CodingAnswer, CodingKey, CodingPatient, CodingView
from recsim.tasks.coding.pcs_scoring import is_pcs_key
from recsim.tasks.coding.scoring import grade, procedure_set
from recsim.tasks.coding.validation import check_block
from recsim.tasks.patients import person_words, shown

ENCOUNTER_WORDS = {
    "inpatient": "inpatient stay",
    "outpatient": "outpatient visit",
    "emergency": "emergency visit",
}
PCS_NAME = "ICD-10-PCS"
"""The procedure code set an inpatient stay whose key has ICD-10-PCS codes is coded in."""
RECENT_DAYS = 21
"""Dates of service fall within this many days before the scenario's simulated today."""


@dataclass(frozen=True)
class Variation:
    """The patient details one item gives a case: all drawn from the item's own generator."""

    first: str
    last: str
    sex: str
    age: int
    date_of_birth: date
    service_date: date
    admit_date: date | None
    clinician: str

    def values(self) -> dict[str, str]:
        """What the note placeholders become."""
        return person_words(self.first, self.last, self.sex, self.age) | {
            "visit_date": shown(self.service_date),
            "discharge_date": shown(self.service_date),
            "admit_date": shown(self.admit_date or self.service_date),
            "clinician": self.clinician,
        }


def vary(
    rng: random.Random,
    *,
    sexes: tuple[str, ...],
    ages: tuple[int, int],
    inpatient: bool,
    stay: tuple[int, int],
    as_of: date,
    locale: str,
    months: list[int] | None = None,
) -> Variation:
    """Patient details inside the case's limits (sex, age range, length of stay, season)."""
    fake = seeded_faker(locale, rng.randrange(2**32))
    sex = rng.choice(sexes)
    age = rng.randint(*ages)
    first = fake.first_name_female() if sex == "F" else fake.first_name_male()
    last = fake.last_name()
    clinician = f"{fake.first_name()} {fake.last_name()}, {rng.choice(('MD', 'MD', 'DO'))}"
    service = _service_date(rng, as_of, months)
    admit = service - timedelta(days=rng.randint(*stay)) if inpatient else None
    if age == 0:
        # A newborn's stay starts at birth; an infant seen as an outpatient is under a year old.
        born = admit if admit is not None else service - timedelta(days=rng.randint(0, 330))
    else:
        born = add_years(service, -age) - timedelta(days=rng.randint(1, 364))
    return Variation(first, last, sex, age, born, service, admit, clinician)


def _service_date(rng: random.Random, as_of: date, months: list[int] | None) -> date:
    """A recent date of service; for a seasonal case, one of the latest days of its season."""
    if months is None:
        return as_of - timedelta(days=rng.randint(1, RECENT_DAYS))
    days = (as_of - timedelta(days=n) for n in range(1, 367))
    in_season = [day for day in days if day.month in months][:RECENT_DAYS]
    return in_season[rng.randrange(len(in_season))]


class CodingTask(TaskKind[CodingBlock, CodingAnswer]):
    """Task kind ``coding``."""

    kind: ClassVar[str] = "coding"
    block_model = CodingBlock
    answer_model = CodingAnswer
    view_model = CodingView

    def build(self, block: CodingBlock, index: int, item_id: str, context: BuildContext) -> Item:
        rng = context.rng("coding-case", index)
        scenario = context.scenario
        procedure_file = (
            str(context.folder / block.procedure_codes) if block.procedure_codes else None
        )
        position = context.authored(block, index)
        if position is not None:
            authored = block.items[position]
            variation = vary(
                rng,
                sexes=(authored.patient.sex,),
                ages=(authored.patient.age,) * 2,
                inpatient=authored.encounter == "inpatient",
                stay=(2, 6),
                as_of=scenario.as_of,
                locale=scenario.population.locale,
            )
            key = _authored_key(authored, position, variation, procedure_file)
            encounter, note = authored.encounter, fill(authored.note, variation.values())
        else:
            case = _drawn(block, index - block.authored_count(), context)
            variation = vary(
                rng,
                sexes=case.patient.sexes,
                ages=case.patient.age,
                inpatient=case.encounter == "inpatient",
                stay=case.stay,
                as_of=scenario.as_of,
                locale=scenario.population.locale,
                months=case.months,
            )
            key = _library_key(case, variation, procedure_file)
            encounter, note = case.encounter, fill(case.note, variation.values())
        view = CodingView(
            setting=scenario.setting,
            encounter=encounter,
            patient=CodingPatient(
                name=f"{variation.first} {variation.last}",
                sex=variation.sex,
                age=variation.age,
                date_of_birth=variation.date_of_birth,
            ),
            service_date=variation.service_date,
            admit_date=variation.admit_date,
            note=note,
            procedure_codes=block.procedure_codes or (PCS_NAME if is_pcs_key(key) else None),
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Code {ENCOUNTER_WORDS[encounter]}: {variation.last}, {variation.first} "
            f"({variation.age} {variation.sex})",
            view=view,
            key=key,
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: CodingAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, CodingKey)
        view = shaped(item.view, CodingView)
        objective = item.objectives[0] if item.objectives else None
        return grade(item.id, objective, key, answer, view.service_date)

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        key = shaped(item.key, CodingKey)
        if key.source == "scenario":
            return ("authored",)
        return next((tuple(c.tags) for c in library() if c.id == key.case), ())

    def key_answer(self, item: Item) -> CodingAnswer:
        key = shaped(item.key, CodingKey)
        return CodingAnswer(diagnoses=list(key.diagnoses), procedures=list(key.procedures))

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, CodingView)
        key = shaped(item.key, CodingKey)
        patient = view.patient
        stay = (
            f"admitted {view.admit_date}, discharged {view.service_date}"
            if view.admit_date
            else f"seen {view.service_date}"
        )
        yield (
            f"{patient.name}, {patient.sex}, {patient.age} (born {patient.date_of_birth}); "
            f"{ENCOUNTER_WORDS[view.encounter]}, {stay}; case {key.case} ({key.source})"
        )
        yield "note:"
        for line in view.note.rstrip().splitlines():
            yield f"  {line}" if line.strip() else ""
        first = "principal" if view.encounter == "inpatient" else "first-listed"
        for position, code in enumerate(key.diagnoses):
            label = f" ({first})" if position == 0 else ""
            yield f"key: {code} {key.descriptions.get(code, '')}{label}"
        for code in key.procedures:
            yield f"key: procedure {code} {key.descriptions.get(code, '')}".rstrip()
        for code, others in key.also_accepted.items():
            yield f"also accepted in place of {code}: " + ", ".join(others)
        if key.first_listed:
            yield "may also be listed first: " + ", ".join(key.first_listed)
        if key.optional:
            yield "optional (accepted, not required): " + ", ".join(key.optional)
        if key.guidelines:
            yield "guidelines: " + ", ".join(key.guidelines)
        for source in key.sources:
            yield f"source: {source}"
        if key.explanation:
            yield "why: " + " ".join(key.explanation.split())

    def validate(self, block: CodingBlock, context: CheckContext) -> Iterator[Problem]:
        """Tags, authored codes, the procedure code file, the library's supply and ``pick``."""
        yield from block.bank_problems()
        yield from check_block(block, context.folder, context.setting, context.as_of)


def _drawn(block: CodingBlock, number: int, context: BuildContext) -> LibraryCase:
    """Library case ``number`` of this task: a seeded order of the cases that fit, no repeats."""
    setting = context.scenario.setting
    tagged = cases_for(setting, block.tags)
    pool, tags = (tagged, block.tags) if tagged else (cases_for(setting), [])
    order = by_tag(pool, tags, context.rng("coding-draw"))
    # Validation refuses more cases than the pool holds; past that the order repeats rather
    # than failing.
    return order[number % len(order)]


def by_tag(pool: list[LibraryCase], tags: list[str], rng: random.Random) -> list[LibraryCase]:
    """The pool in a seeded order that takes the block's tags in turn, one case each.

    So every form of a block asking for diabetes and CKD cases gets as many of one as of
    the other, as far as the count allows (which tag gets an odd one out is drawn); a case
    carrying two of the tags counts for the first whose turn it takes.
    """
    cases = sorted(pool, key=lambda c: c.id)
    rng.shuffle(cases)
    turns = list(dict.fromkeys(tags))
    if len(turns) < 2:
        return cases
    rng.shuffle(turns)
    queues = [[c for c in cases if tag in c.tags] for tag in turns]
    order: list[LibraryCase] = []
    taken: set[str] = set()
    while any(queues):
        for queue in queues:
            while queue and queue[0].id in taken:
                queue.pop(0)
            if queue:
                case = queue.pop(0)
                taken.add(case.id)
                order.append(case)
    return order


def _descriptions(
    codes: list[str], procedures: ProcedureCodeSet | None, procedure_codes: list[str]
) -> dict[str, str]:
    cs = codeset()
    found = {c: info.description for c in codes if (info := cs.get(c)) is not None}
    # A PCS code no code set file describes is described from its axes, when recsim knows them.
    found.update(
        {
            c: words
            for c in procedure_codes
            if is_procedure(c) and (words := describe_pcs(c)) is not None
        }
    )
    if procedures is not None:
        found.update(
            {
                c: entry.description
                for c in procedure_codes
                if (entry := procedures.get(c)) is not None
            }
        )
    return found


def _library_key(case: LibraryCase, variation: Variation, procedure_file: str | None) -> CodingKey:
    expect = case.expect
    others = [c for codes in expect.also_accepted.values() for c in codes]
    return CodingKey(
        case=case.id,
        source="library",
        diagnoses=list(expect.diagnoses),
        optional=list(expect.optional),
        also_accepted={k: list(v) for k, v in expect.also_accepted.items()},
        first_listed=list(expect.first_listed),
        procedures=list(expect.procedures),
        descriptions=_descriptions(
            [*expect.diagnoses, *expect.optional, *others],
            procedure_set(procedure_file),
            expect.procedures,
        ),
        guidelines=list(case.guidelines),
        explanation=" ".join(case.explain.split()),
        sex=variation.sex,
        age=variation.age,
        encounter=case.encounter,
        procedure_file=procedure_file,
    )


def _authored_key(
    case: AuthoredCase, index: int, variation: Variation, procedure_file: str | None
) -> CodingKey:
    expect = case.expect
    diagnoses = [normalize(c) for c in expect.diagnoses]
    optional = [normalize(c) for c in expect.optional]
    also = {normalize(k): [normalize(c) for c in v] for k, v in expect.also_accepted.items()}
    procedures = ["".join(c.split()).upper() for c in expect.procedures]
    named = [*diagnoses, *optional, *(c for codes in also.values() for c in codes)]
    cited = [" ".join(c.split()) for c in case.cite if c.strip()]
    return CodingKey(
        case=case.id or f"items[{index}]",
        source="scenario",
        diagnoses=diagnoses,
        optional=optional,
        also_accepted=also,
        first_listed=[normalize(c) for c in expect.first_listed],
        procedures=procedures,
        descriptions=_descriptions(named, procedure_set(procedure_file), procedures),
        guidelines=[c for c in cited if is_section(c)],
        sources=[c for c in cited if not is_section(c)],
        explanation=" ".join(case.explain.split()),
        sex=variation.sex,
        age=variation.age,
        encounter=case.encounter,
        procedure_file=procedure_file,
    )


TASK: TaskKind[CodingBlock, CodingAnswer] = CodingTask()
