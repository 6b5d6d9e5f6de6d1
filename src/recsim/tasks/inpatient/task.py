"""The inpatient coding task: code a discharged stay, group it, compare the DRG with the key's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import ClassVar

from recsim.coding import codeset
from recsim.coding.pcs_axes import describe as describe_pcs
from recsim.core.form import Item
from recsim.core.scoring import Finding
from recsim.tasks.base import BuildContext, CheckContext, Problem, TaskKind, Trail, shaped
from recsim.tasks.inpatient.block import InpatientBlock
from recsim.tasks.inpatient.drg import drg_finding
from recsim.tasks.inpatient.models import (
    InpatientAnswer,
    InpatientKey,
    InpatientView,
    SecondaryAnswer,
    StayDocumentView,
    StayPatient,
)
from recsim.tasks.inpatient.procedures import disposition_finding, procedure_findings
from recsim.tasks.inpatient.rules import status
from recsim.tasks.inpatient.scoring import (
    describer,
    extra_findings,
    principal_finding,
    secondary_findings,
)
from recsim.tasks.stays import StayCase, all_cases, case_by_id, pick_cases, render_stay
from recsim.tasks.stays.library import matching
from recsim.tasks.stays.render import FY2026


class InpatientTask(TaskKind[InpatientBlock, InpatientAnswer]):
    """Task kind ``inpatient``."""

    kind: ClassVar[str] = "inpatient"
    block_model = InpatientBlock
    answer_model = InpatientAnswer
    view_model = InpatientView

    def build(self, block: InpatientBlock, index: int, item_id: str, context: BuildContext) -> Item:
        case = _drawn(block, index, context)
        stay = render_stay(
            case, context.rng("inpatient-stay", index), as_of=context.scenario.as_of, clinicians=()
        )
        view = InpatientView(
            patient=StayPatient(
                name=stay.patient_name, sex=stay.sex, age=stay.age, date_of_birth=stay.date_of_birth
            ),
            admit_date=stay.admit_date,
            discharge_date=stay.discharge_date,
            documents=[StayDocumentView(heading=h, text=t) for h, t in stay.documents],
        )
        last, first = stay.patient_name.split(" ", 1)[::-1]
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"Code inpatient stay: {last}, {first} ({stay.age} {stay.sex})",
            view=view,
            key=_key(case),
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: InpatientAnswer | None, trail: Trail) -> list[Finding]:
        key = shaped(item.key, InpatientKey)
        view = shaped(item.view, InpatientView)
        objective = item.objectives[0] if item.objectives else None
        base = {"item": item.id, "category": "coding", "objective": objective}
        given = answer if answer is not None else InpatientAnswer()
        describe = describer(key)
        days = (view.discharge_date - view.admit_date).days
        findings = [principal_finding(base, key, given, describe)]
        findings.extend(secondary_findings(base, key, given, describe))
        findings.extend(extra_findings(base, key, given, describe))
        findings.extend(procedure_findings(base, key, given, view.discharge_date))
        findings.append(disposition_finding(base, key, given, days, view.discharge_date))
        if answer is not None:
            findings.append(drg_finding(base, view, key, given))
        return findings

    def item_kinds(self, item: Item) -> tuple[str, ...]:
        key = shaped(item.key, InpatientKey)
        try:
            return tuple(case_by_id(key.case).tags)
        except KeyError:
            return ()

    def key_answer(self, item: Item) -> InpatientAnswer:
        stay = shaped(item.key, InpatientKey).stay
        return InpatientAnswer(
            principal=stay.principal,
            secondary=[
                SecondaryAnswer(code=d.code, poa="" if d.poa == "exempt" else d.poa)
                for d in stay.secondary
            ],
            procedures=list(stay.procedures),
            disposition=stay.disposition,
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, InpatientView)
        key = shaped(item.key, InpatientKey)
        stay, patient = key.stay, view.patient
        yield (
            f"{patient.name}, {patient.sex}, {patient.age} (born {patient.date_of_birth}); "
            f"admitted {view.admit_date}, discharged {view.discharge_date}; case {key.case}: "
            f"{key.title}"
        )
        for document in view.documents:
            yield f"{document.heading}:"
            for line in document.text.rstrip().splitlines():
                yield f"  {line}" if line.strip() else ""
        yield f"key: principal {stay.principal} {key.descriptions.get(stay.principal, '')}"
        for d in stay.secondary:
            poa = "exempt (blank)" if d.poa == "exempt" else d.poa
            optional = ", optional" if d.code in key.optional else ""
            yield f"key: {d.code} {key.descriptions.get(d.code, '')} (POA {poa}{optional})"
        for code in stay.procedures:
            yield f"key: procedure {code} {key.descriptions.get(code, '')}".rstrip()
        yield f"key: discharge status {status(stay.disposition)}"
        yield f"key: MS-DRG {stay.drg:03d} (MDC {key.mdc})"
        if key.principal_alternatives:
            yield "principal also accepted: " + ", ".join(key.principal_alternatives)
        if key.guidelines:
            yield "guidelines: " + ", ".join(key.guidelines)
        if key.explanation:
            yield "why: " + key.explanation

    def validate(self, block: InpatientBlock, context: CheckContext) -> Iterator[Problem]:
        """Tags, ids and MDCs the library has; enough stays; a simulated today in FY2026."""
        unknown = list(_unknown(block))
        yield from unknown
        if unknown:
            return
        pool = matching(tags=block.tags, mdc=block.mdc, ids=block.ids)
        if not pool:
            yield (("tags",), "no inpatient stay carries these tags in these MDCs", "error")
        elif block.ids and block.cases > len(block.ids):
            yield (
                ("cases",),
                f"asks for {block.cases} stays but ids lists {len(block.ids)}; list more ids or "
                "ask for fewer stays",
                "error",
            )
        elif block.cases > len(pool):
            yield (
                ("cases",),
                f"asks for {block.cases} stays but only {len(pool)} match the tags and MDCs; "
                "ask for fewer or widen the tags",
                "error",
            )
        yield from _fiscal_year(context)


def _fiscal_year(context: CheckContext) -> Iterator[Problem]:
    """A warning when the simulated today puts the discharges at the edge of FY2026."""
    if not FY2026[0] < context.as_of <= date(2026, 10, 31):
        yield (
            (),
            f"the inpatient stays are coded and grouped for FY2026 (discharges "
            f"{FY2026[0]} to {FY2026[1]}); the scenario's as_of {context.as_of} puts "
            "every discharge at the edge of that year",
            "warning",
        )


def _unknown(block: InpatientBlock) -> Iterator[Problem]:
    cases = all_cases()
    ids = {c.id for c in cases}
    tags = sorted({t for c in cases for t in c.tags})
    mdcs = {c.mdc for c in cases}
    for n, tag in enumerate(block.tags):
        if tag not in tags:
            yield (
                ("tags", n),
                f"no inpatient stay has the tag {tag!r}; tags: {', '.join(tags)}",
                "error",
            )
    for n, case_id in enumerate(block.ids):
        if case_id not in ids:
            yield (
                ("ids", n),
                f"there is no inpatient stay {case_id!r} (see recsim preview)",
                "error",
            )
    for n, mdc in enumerate(block.mdc):
        if mdc not in mdcs:
            yield (
                ("mdc", n),
                f"no inpatient stay groups to MDC {mdc}; MDCs: "
                + ", ".join(str(m) for m in sorted(mdcs)),
                "error",
            )


def _drawn(block: InpatientBlock, index: int, context: BuildContext) -> StayCase:
    """Stay ``index`` of the block, from a seeded order of the matching stays."""
    order = pick_cases(
        context.rng("inpatient-draw"),
        block.cases,
        tags=block.tags,
        mdc=block.mdc,
        ids=block.ids,
        shuffle=block.shuffle,
    )
    return order[index % len(order)]


def _key(case: StayCase) -> InpatientKey:
    codes = codeset()
    diagnoses = [
        case.key.principal,
        *(d.code for d in case.key.secondary),
        *case.optional,
        *case.principal_alternatives,
    ]
    descriptions = {c: info.description for c in diagnoses if (info := codes.get(c)) is not None}
    descriptions.update(
        {c: words for c in case.key.procedures if (words := describe_pcs(c)) is not None}
    )
    return InpatientKey(
        case=case.id,
        title=case.title,
        mdc=case.mdc,
        stay=case.key,
        optional=list(case.optional),
        principal_alternatives=list(case.principal_alternatives),
        descriptions=descriptions,
        guidelines=list(case.guidelines),
        explanation=" ".join(case.explain.split()),
    )


TASK: TaskKind[InpatientBlock, InpatientAnswer] = InpatientTask()
