"""The patient record as a records department sees it, with its correction history.

A correction never overwrites a value: it appends an :class:`Amendment` (who,
when, old value, new value, reason) and the original stays readable. A workforce
member correcting an error found in review follows the organization's
error-correction process (CMS Medicare Program Integrity Manual, Pub. 100-08,
ch. 3, section 3.3.2.5; AHIMA amendment and correction practice); it is not a
patient's request to amend under 45 CFR 164.526. The field keeps its name,
``amendments``, because saved charts and results use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from recsim.core.model import Model

Sex = Literal["F", "M"]
EncounterType = Literal["inpatient", "outpatient", "emergency"]


class Address(Model):
    """A postal address."""

    street: str
    """Street line."""
    city: str
    """City."""
    state: str
    """Two-letter USPS state abbreviation."""
    zip: str
    """Five-digit ZIP code."""


class Patient(Model):
    """Demographics: the part of the record registration owns."""

    mrn: str
    """Medical record number: ``RS`` + 7 digits + Luhn check digit."""
    first_name: str
    """Legal first name."""
    last_name: str
    """Legal last name."""
    preferred_name: str | None = None
    """Name the patient prefers to be called, if different."""
    date_of_birth: date
    """Date of birth."""
    sex: Sex
    """Sex recorded at registration."""
    address: Address
    """Home address."""
    phone: str
    """Telephone number (always in the fictional 555-01xx block)."""
    email: str
    """E-mail address (always at a reserved example domain)."""
    ssn: str | None = None
    """Social Security number (always from a never-issued area), or none on file."""
    language: str = "English"
    """Preferred language."""

    @property
    def full_name(self) -> str:
        """First and last name as printed on a document."""
        return f"{self.first_name} {self.last_name}"


class Coverage(Model):
    """The insurance card on file."""

    payer: str
    """Health plan (a fictional payer)."""
    plan: str
    """Plan or product name."""
    member_id: str
    """Member (subscriber or dependant) identification number."""
    group_number: str
    """Employer or group number."""
    subscriber: str
    """Name of the subscriber."""
    relationship: Literal["self", "spouse", "child", "other"]
    """Patient's relationship to the subscriber."""
    effective_from: date
    """First day of coverage."""
    effective_to: date | None = None
    """Last day of coverage, or none when still active."""


class Provider(Model):
    """A clinician who can be attending, prescriber or note author."""

    name: str
    """Name with credential, e.g. "Dana Whitfield, MD"."""
    specialty: str
    """Specialty."""
    npi: str
    """National Provider Identifier: 10 digits, Luhn check digit over prefix 80840."""


class CodedEntry(Model):
    """A diagnosis or procedure with its code."""

    code: str
    """Code with its dot, e.g. E11.22."""
    description: str
    """Description as printed on the record."""


class Encounter(Model):
    """A visit or stay."""

    id: str
    """Encounter (account) number."""
    type: EncounterType
    """Inpatient, outpatient or emergency."""
    admit_date: date
    """Admission or visit date."""
    discharge_date: date
    """Discharge date (the visit date for outpatient and emergency visits)."""
    attending: Provider
    """Attending or rendering provider."""
    reason: str
    """Reason for the visit as stated at registration."""
    diagnoses: list[CodedEntry] = Field(default_factory=list)
    """Coded diagnoses; the first is principal or first-listed."""
    procedures: list[CodedEntry] = Field(default_factory=list)
    """Coded procedures."""
    disposition: str = "home"
    """Discharge disposition."""
    member_id: str = ""
    """Member ID billed on this encounter (must match the coverage card)."""


class Allergy(Model):
    """An entry on the allergy list."""

    substance: str
    """Substance, e.g. "Penicillin"."""
    drug_class: str | None = None
    """Drug class the allergy covers, e.g. "penicillins"; none for non-drugs."""
    reaction: str
    """Reaction, e.g. "hives"."""
    severity: Literal["mild", "moderate", "severe"]
    """Severity."""


class Medication(Model):
    """An active or past medication order."""

    name: str
    """Drug and strength, e.g. "Metformin 500 mg tablet"."""
    drug_class: str
    """Pharmacological class, used for allergy checks."""
    dose: str
    """Dose and frequency as ordered."""
    route: str
    """Route."""
    prescriber: Provider
    """Ordering provider."""
    start_date: date
    """Date ordered."""


class Observation(Model):
    """A vital sign or a laboratory result."""

    name: str
    """What was measured."""
    category: Literal["vital", "lab"]
    """Vital sign or laboratory result."""
    value: float
    """Measured value."""
    unit: str
    """Unit of the value."""
    low: float | None = None
    """Lower end of the reference range."""
    high: float | None = None
    """Upper end of the reference range."""
    taken_on: date
    """Date of the measurement."""


class ClinicalNote(Model):
    """A clinical document: progress note, H&P, discharge summary and the like."""

    id: str
    """Document number."""
    type: str
    """Document type, e.g. "Progress note"."""
    written_on: date
    """Date of service of the note."""
    author: Provider
    """Author."""
    patient_name: str
    """Patient name printed in the document header."""
    mrn: str
    """MRN printed in the document header."""
    date_of_birth: date
    """Date of birth printed in the document header."""
    text: str
    """Body of the note."""
    signed_by: str | None = None
    """Who authenticated the note, or none when unsigned."""
    signed_on: date | None = None
    """Date of authentication, or none when unsigned."""


class Amendment(Model):
    """One correction, appended, never overwriting (PIM ch. 3, 3.3.2.5: the original stays)."""

    path: str
    """Where in the record, e.g. ``patient.date_of_birth``."""
    old_value: str
    """The value before the amendment, as displayed."""
    new_value: str
    """The corrected value, as displayed."""
    by: str
    """Who amended it."""
    on: date
    """When."""
    reason: str
    """Why."""


class PatientRecord(Model):
    """One patient's chart as the trainee sees it."""

    patient: Patient
    """Demographics."""
    coverage: Coverage
    """Insurance card on file."""
    encounters: list[Encounter] = Field(default_factory=list)
    """Visits and stays, oldest first."""
    allergies: list[Allergy] = Field(default_factory=list)
    """Allergy list."""
    medications: list[Medication] = Field(default_factory=list)
    """Medication orders."""
    observations: list[Observation] = Field(default_factory=list)
    """Vitals and laboratory results."""
    notes: list[ClinicalNote] = Field(default_factory=list)
    """Clinical documents."""
    amendments: list[Amendment] = Field(default_factory=list)
    """Correction history, oldest first (workforce corrections, originals kept)."""

    def fields(self) -> Iterator[tuple[str, str]]:
        """Every leaf field as ``(path, displayed value)``, in reading order.

        The amendment history is not a field of the chart: it is shown apart. An
        outpatient (clinic) visit has no discharge date or disposition to show:
        those belong to stays and emergency visits.
        """
        for name in type(self).model_fields:
            if name == "amendments":
                continue
            for path, value in _leaves(getattr(self, name), name):
                visit = _STAY_ONLY.fullmatch(path)
                if visit is None or self.encounters[int(visit[1])].type != "outpatient":
                    yield path, value

    def value_at(self, path: str) -> str:
        """The displayed current value at ``path`` (``KeyError`` if there is none)."""
        return display(_resolve(self, path))

    def original(self, path: str) -> str:
        """The value at ``path`` before any amendment (the current one if never amended)."""
        for amendment in self.amendments:
            if amendment.path == path:
                return amendment.old_value
        return self.value_at(path)

    def amend(self, path: str, new_value: str, *, by: str, on: date, reason: str) -> PatientRecord:
        """A copy with ``path`` corrected and the correction appended to the history."""
        old_value = self.value_at(path)
        amended = self.model_copy(deep=True)
        parent, last = _split(path)
        container: Any = _resolve(amended, parent) if parent else amended
        current = _get(container, last)
        _set(container, last, _coerce(current, new_value))
        amended.amendments.append(
            Amendment(
                path=path, old_value=old_value, new_value=new_value, by=by, on=on, reason=reason
            )
        )
        return amended


_STEP = re.compile(r"([a-z_]+)|\[(\d+)\]")
_STAY_ONLY = re.compile(r"encounters\[(\d+)\]\.(?:discharge_date|disposition)")


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for match in _STEP.finditer(path):
        name, index = match.groups()
        steps.append(name if name is not None else int(index))
    if (
        not steps
        or "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps).lstrip(".") != path
    ):
        raise KeyError(path)
    return steps


def _get(container: Any, step: str | int) -> Any:
    try:
        if isinstance(step, int):
            return container[step]
        if isinstance(container, BaseModel) and step in type(container).model_fields:
            return getattr(container, step)
    except (IndexError, TypeError):
        pass
    raise KeyError(step)


def _set(container: Any, step: str | int, value: Any) -> None:
    if isinstance(step, int):
        container[step] = value
    else:
        setattr(container, step, value)


def _resolve(root: Any, path: str) -> Any:
    node = root
    for step in _steps(path):
        node = _get(node, step)
    return node


def _split(path: str) -> tuple[str, str | int]:
    steps = _steps(path)
    last = steps[-1]
    parent = path[: path.rfind(f"[{last}]" if isinstance(last, int) else last)].rstrip(".")
    return parent, last


def _coerce(current: Any, text: str) -> Any:
    if isinstance(current, date):
        return date.fromisoformat(text)
    if isinstance(current, float):
        return float(text)
    return text


def display(value: Any) -> str:
    """How a field value is shown to the trainee and stored in an amendment."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _leaves(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _leaves(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leaves(child, f"{path}[{index}]")
    else:
        yield path, display(node)
