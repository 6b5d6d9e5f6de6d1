"""Independent reviewers: find each error kind from what the trainee sees, nothing else.

They read only the visible chart and the simulated today (never the key), the
way a careful technician would; the tests use them to prove every planted
error is detectable and that clean charts give them nothing to find.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.generate.library import library
from recsim.core.generate.review import allergy_conflicts
from recsim.core.records import PatientRecord
from recsim.tasks.audit.injectors import DEADLINE_DAYS, STATE_REGION

Detector = Callable[[PatientRecord, date], set[str]]
DETECTORS: dict[str, Detector] = {}
SEX_ONLY = {"N40.0": "M", "N95.1": "F", "Z34.82": "F"}
LATERAL = {
    code: (c, side) for c in library().conditions if c.lateral for side, code in c.codes.items()
}


def detector(kind: str) -> Callable[[Detector], Detector]:
    def register(function: Detector) -> Detector:
        DETECTORS[kind] = function
        return function

    return register


def _own_notes(record: PatientRecord) -> list[int]:
    return [
        n
        for n, note in enumerate(record.notes)
        if note.mrn == record.patient.mrn
        or note.patient_name.split()[0] == record.patient.first_name
    ]


@detector("name_mismatch")
def _names(record: PatientRecord, as_of: date) -> set[str]:
    found = set()
    for note in record.notes:
        first, _, last = note.patient_name.partition(" ")
        if first != record.patient.first_name and last == record.patient.last_name:
            found.add("patient.first_name")
        if last != record.patient.last_name and first == record.patient.first_name:
            found.add("patient.last_name")
    return found


@detector("dob_transposed")
def _dob(record: PatientRecord, as_of: date) -> set[str]:
    birth = record.patient.date_of_birth
    if birth.day > 12:
        return set()
    swapped = birth.replace(month=birth.day, day=birth.month)
    return {
        "patient.date_of_birth" for note in record.notes if note.date_of_birth == swapped != birth
    }


@detector("sex_conflict")
def _sex(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"encounters[{e}].diagnoses[{d}]"
        for e, encounter in enumerate(record.encounters)
        for d, entry in enumerate(encounter.diagnoses)
        if SEX_ONLY.get(entry.code, record.patient.sex) != record.patient.sex
    }


@detector("invalid_npi")
def _npi(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"encounters[{e}].attending.npi"
        for e, encounter in enumerate(record.encounters)
        if not ids.is_valid_npi(encounter.attending.npi)
    }


@detector("member_id_mismatch")
def _member(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"encounters[{e}].member_id"
        for e, encounter in enumerate(record.encounters)
        if encounter.member_id != record.coverage.member_id
    }


@detector("coverage_not_in_force")
def _coverage(record: PatientRecord, as_of: date) -> set[str]:
    cover = record.coverage
    early = [
        e
        for e in record.encounters
        if e.member_id == cover.member_id and e.admit_date < cover.effective_from
    ]
    return {"coverage.effective_from"} if early else set()


@detector("discharge_before_admission")
def _discharge(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"encounters[{e}].discharge_date"
        for e, encounter in enumerate(record.encounters)
        if encounter.discharge_date < encounter.admit_date
    }


@detector("allergy_conflict")
def _allergy_conflict(record: PatientRecord, as_of: date) -> set[str]:
    return {finding.path for finding in allergy_conflicts(record, as_of)}


@detector("allergy_missing")
def _allergy_missing(record: PatientRecord, as_of: date) -> set[str]:
    listed = {a.substance for a in record.allergies}
    for n in _own_notes(record):
        line = next(
            row for row in record.notes[n].text.splitlines() if row.startswith("Allergies:")
        )
        stated = set(re.findall(r"([A-Z][A-Za-z ]+?) \(", line))
        if stated - listed:
            return {"allergies"}
    return set()


@detector("laterality_mismatch")
def _laterality(record: PatientRecord, as_of: date) -> set[str]:
    found = set()
    for e, encounter in enumerate(record.encounters):
        texts = " ".join(n.text for n in record.notes if n.written_on == encounter.admit_date)
        for d, entry in enumerate(encounter.diagnoses):
            if entry.code not in LATERAL:
                continue
            condition, side = LATERAL[entry.code]
            other = "left" if side == "right" else "right"
            if any(p.text.format(side=other) in texts for p in condition.phrases):
                found.add(f"encounters[{e}].diagnoses[{d}]")
    return found


@detector("wrong_patient_document")
def _wrong_patient(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"notes[{n}]"
        for n, note in enumerate(record.notes)
        if note.mrn != record.patient.mrn
        and note.date_of_birth != record.patient.date_of_birth
        and note.patient_name.split()[-1] != record.patient.last_name
    }


@detector("duplicate_entry")
def _duplicates(record: PatientRecord, as_of: date) -> set[str]:
    found = set()
    for section in ("observations", "medications"):
        entries = getattr(record, section)
        seen = Counter(e.model_dump_json() for e in entries)
        found |= {f"{section}[{n}]" for n, e in enumerate(entries) if seen[e.model_dump_json()] > 1}
    return found


@detector("implausible_value")
def _implausible(record: PatientRecord, as_of: date) -> set[str]:
    limits = {"Heart rate": 300, "Temperature": 115, "Oxygen saturation": 100}
    return {
        f"observations[{n}].value"
        for n, o in enumerate(record.observations)
        if o.name in limits and o.value > limits[o.name]
    }


@detector("zip_state_mismatch")
def _zip(record: PatientRecord, as_of: date) -> set[str]:
    address = record.patient.address
    return set() if address.state in STATE_REGION[address.zip[0]] else {"patient.address.zip"}


@detector("unsigned_note")
def _unsigned(record: PatientRecord, as_of: date) -> set[str]:
    return {
        f"notes[{n}].signed_by"
        for n, note in enumerate(record.notes)
        if note.signed_by is None and (as_of - note.written_on).days > DEADLINE_DAYS
    }


@detector("date_out_of_range")
def _dates(record: PatientRecord, as_of: date) -> set[str]:
    birth = record.patient.date_of_birth
    return {
        f"observations[{n}].taken_on"
        for n, o in enumerate(record.observations)
        if o.taken_on > as_of or o.taken_on < birth
    }


@detector("age_conflict")
def _age(record: PatientRecord, as_of: date) -> set[str]:
    found = set()
    for e, encounter in enumerate(record.encounters):
        age = age_on(record.patient.date_of_birth, encounter.admit_date)
        for d, entry in enumerate(encounter.diagnoses):
            if (entry.code == "Z00.129" and age >= 18) or (entry.code == "Z00.00" and age < 15):
                found.add(f"encounters[{e}].diagnoses[{d}]")
    return found


@detector("cloned_note")
def _cloned(record: PatientRecord, as_of: date) -> set[str]:
    seen = Counter(note.text for note in record.notes)
    return {f"notes[{n}].text" for n, note in enumerate(record.notes) if seen[note.text] > 1}


@detector("invalid_mrn")
def _mrn(record: PatientRecord, as_of: date) -> set[str]:
    return set() if ids.is_valid_mrn(record.patient.mrn) else {"patient.mrn"}
