"""Claims built from the population's documented encounters, with one problem planted (or none).

Diagnoses are checked with the coding engine (recsim.coding.edits): a claim is
clean of edits unless the planted problem is a code edit, and then the engine
itself says which edit fires and why.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, timedelta

from recsim.coding import codeset
from recsim.coding.edits import CheckResult, check_codes
from recsim.core.clock import age_on
from recsim.core.generate.library import library
from recsim.core.generate.notes import note_text
from recsim.core.generate.population import WELLNESS_CODES
from recsim.core.records import ClinicalNote, CodedEntry, Encounter, PatientRecord, Provider
from recsim.core.seeds import derive_seed
from recsim.tasks.claims.content import claims_content
from recsim.tasks.claims.draft import PLACES, Draft, draft_claim
from recsim.tasks.claims.history import history_for
from recsim.tasks.claims.models import (
    Attachment,
    Claim,
    ClaimDiagnosis,
    ClaimKey,
    ClaimView,
    Eligibility,
    ServiceInfo,
    ServiceLine,
)
from recsim.tasks.claims.problems import PLANTERS, Tools

PATIENTS_TRIED = 12
"""Patients tried for an encounter that fits the problem before a wellness visit is made."""
RECENT_DAYS = 240
"""Claims are for encounters within this many days before the simulated today."""


def edits_for(codes: list[str], draft: Draft) -> CheckResult:
    """The coding engine's edits for diagnoses billed for this draft's patient and setting."""
    return check_codes(codes, sex=draft.record.patient.sex, age=draft.age, setting=draft.setting)


def build_claim(
    problem: str,
    rng: random.Random,
    records: Iterable[PatientRecord],
    roster: tuple[Provider, ...],
    as_of: date,
    number: str,
) -> tuple[ClaimView, ClaimKey]:
    """A claim with ``problem`` planted (``clean``: none), from the first encounter that fits."""
    tools = Tools(
        check=lambda codes, draft: {e.edit for e in edits_for(codes, draft).edits},
        describe=lambda code: _description(code),
        roster=roster,
        as_of=as_of,
    )
    tried: list[PatientRecord] = []
    for record in records:
        tried.append(record)
        for encounter in sorted(record.encounters, key=lambda e: e.admit_date, reverse=True):
            made = _attempt(problem, record, encounter, rng, tools, as_of, number)
            if made is not None:
                return made
        if len(tried) >= PATIENTS_TRIED:
            break
    for patient in tried:  # a wellness visit fits every problem but a code edit at 15-17
        record, encounter = _wellness_visit(patient, roster, as_of, rng)
        made = _attempt(problem, record, encounter, rng, tools, as_of, number)
        if made is not None:
            return made
    raise AssertionError(f"no claim with the problem {problem} could be made")


def _attempt(
    problem: str,
    record: PatientRecord,
    encounter: Encounter,
    rng: random.Random,
    tools: Tools,
    as_of: date,
    number: str,
) -> tuple[ClaimView, ClaimKey] | None:
    if (
        not as_of - timedelta(days=RECENT_DAYS)
        <= encounter.discharge_date
        < as_of - timedelta(days=2)
    ):
        return None  # a review queue holds claims that arrived lately, not years ago or tomorrow
    diagnoses = _clean_diagnoses(record, encounter)
    if diagnoses is None:
        return None
    draft = draft_claim(
        record, encounter, diagnoses, as_of, rng, minutes_below_top=problem == "upcoded"
    )
    if not PLANTERS[problem](draft, rng, tools):
        return None
    conflicts = billing_conflicts(draft)
    if len(conflicts) != (1 if problem in ("unbundled", "units_over_limit") else 0):
        # exactly the planted problem, and nothing else, breaks a bundling pair or a unit limit
        return None
    result = edits_for(draft.diagnoses, draft)
    found = {e.edit for e in result.edits}
    if problem == "code_edit":
        edit = next((e for e in result.edits if e.edit == draft.facts["edit"]), None)
        if edit is None or found != {edit.edit}:
            return None
        draft.facts.update(message=edit.message, source=edit.source)
    elif found:
        return None
    view = _view(draft, as_of, number, rng)  # the view names a duplicate's prior claim
    return view, _key(problem, draft, sorted(found))


def billing_conflicts(draft: Draft) -> list[str]:
    """Bundling pairs billed on one date, and lines over their unit limit (recsim's NCCI, MUE)."""
    content = claims_content()
    found = []
    by_date: dict[date, set[str]] = {}
    for line in draft.lines:
        by_date.setdefault(line.on, set()).add(line.code)
        if line.units > content.services[line.code].limit:
            found.append(f"{line.code} x {line.units}")
    for codes in by_date.values():
        found.extend(
            f"{b.column1}+{b.column2}" for b in content.bundles if {b.column1, b.column2} <= codes
        )
    return found


def _clean_diagnoses(record: PatientRecord, encounter: Encounter) -> list[str] | None:
    """The encounter's diagnoses less secondary ones that trip an edit (None if the first does)."""
    codes = list(dict.fromkeys(d.code for d in encounter.diagnoses))
    if not codes:
        return None
    age = age_on(record.patient.date_of_birth, encounter.admit_date)
    while True:
        result = check_codes(codes, sex=record.patient.sex, age=age, setting=encounter.type)
        if not result.edits:
            return codes
        involved = {c for e in result.edits for c in e.codes}
        if codes[0] in involved or len(codes) == 1:
            return None
        codes = [codes[0], *(c for c in codes[1:] if c not in involved)]


def _wellness_visit(
    record: PatientRecord, roster: tuple[Provider, ...], as_of: date, rng: random.Random
) -> tuple[PatientRecord, Encounter]:
    """A documented wellness visit for a patient whose chart offers none that fits."""
    patient = record.patient
    adult = (as_of - patient.date_of_birth).days >= 18 * 365
    code = WELLNESS_CODES["adult" if adult else "child"]
    specialties = (
        ("Family Medicine", "Internal Medicine") if adult else ("Pediatrics", "Family Medicine")
    )
    attending = rng.choice([p for p in roster if p.specialty in specialties])
    on = as_of - timedelta(days=rng.randint(5, 60))
    encounter = Encounter(
        id=f"V{rng.randrange(10**8):08d}",
        type="outpatient",
        admit_date=on,
        discharge_date=on,
        attending=attending,
        reason="Annual wellness visit",
        diagnoses=[CodedEntry(code=code, description=library().descriptions[code])],
        member_id=record.coverage.member_id,
    )
    visited = record.model_copy(update={"encounters": [*record.encounters, encounter]})
    note = ClinicalNote(
        id=f"D{rng.randrange(10**8):08d}",
        type="Progress note",
        written_on=on,
        author=attending,
        patient_name=patient.full_name,
        mrn=patient.mrn,
        date_of_birth=patient.date_of_birth,
        text=note_text(rng, visited, encounter, None, "", "Progress note"),
        signed_by=attending.name,
        signed_on=on,
    )
    return visited.model_copy(update={"notes": [*record.notes, note]}), encounter


def _description(code: str) -> str:
    info = codeset().get(code)
    return info.description if info is not None else code


def _view(draft: Draft, as_of: date, number: str, rng: random.Random) -> ClaimView:
    content = claims_content()
    patient, coverage = draft.record.patient, draft.record.coverage
    lines = [
        ServiceLine(
            line=n,
            date=line.on,
            code=line.code,
            description=content.services[line.code].description,
            units=line.units,
            charge=round(content.services[line.code].fee * line.units, 2),
            pointers=line.pointers,
        )
        for n, line in enumerate(draft.lines, start=1)
    ]
    first, last = min(line.date for line in lines), max(line.date for line in lines)
    received = min(
        as_of - timedelta(days=1), max(last, draft.last) + timedelta(days=rng.randint(3, 20))
    )
    claim = Claim(
        number=number,
        received=received,
        member_id=coverage.member_id,
        patient_name=patient.full_name,
        date_of_birth=patient.date_of_birth,
        sex=patient.sex,
        provider=draft.provider,
        place=PLACES[draft.setting],
        from_date=first,
        to_date=last,
        diagnoses=[ClaimDiagnosis(code=c, description=_description(c)) for c in draft.diagnoses],
        lines=lines,
    )
    attachments = [
        Attachment(title=a.title, date=a.on, author=a.author, received=a.received, text=a.text)
        for a in draft.attachments
    ]
    reference = [
        ServiceInfo(
            code=code,
            description=content.services[code].description,
            limit=content.services[code].limit,
            includes=[b.column2 for b in content.includes(code)],
        )
        for code in dict.fromkeys(line.code for line in lines)
    ]
    return ClaimView(
        claim=claim,
        eligibility=_eligibility(draft),
        attachments=attachments,
        reference=reference,
        as_of=as_of,
        history=history_for(draft, claim, random.Random(derive_seed("claims-history", number))),
    )


def _eligibility(draft: Draft) -> Eligibility:
    """The member's coverage on file at the plan, as the draft's dates have it."""
    coverage = draft.record.coverage
    return Eligibility(
        payer=coverage.payer,
        plan=coverage.plan,
        member_id=coverage.member_id,
        subscriber=coverage.subscriber,
        effective_from=draft.coverage_from,
        effective_to=draft.coverage_to,
    )


def _key(problem: str, draft: Draft, edits: list[str]) -> ClaimKey:
    content = claims_content()
    info = content.clean if problem == "clean" else content.problems[problem]
    return ClaimKey(
        problem=problem,
        title=info.title,
        decision=info.decision,
        reason=info.reason,
        category=info.category,
        severity=info.severity,
        line=None if draft.fault is None else draft.fault + 1,
        deny_line=draft.fault + 1 if info.line and draft.fault is not None else None,
        rule=info.rule.format(**draft.facts),
        explanation=info.explain.format(**draft.facts),
        edits=edits,
    )
