"""Chart fields named as the record viewer names them, for feedback a trainee reads.

A finding's "expected" and "given" lines must not show record paths
(``patient.first_name``) or model field names (``member_id``): they say
"Demographics › First name", as the chart does. The terminal UI's record
viewer lays the chart out with the same words.
"""

from __future__ import annotations

import re

SECTIONS = {
    "patient": "Demographics",
    "coverage": "Coverage",
    "encounters": "Encounters",
    "allergies": "Allergies",
    "medications": "Medications",
    "observations": "Observations (vitals and labs)",
    "notes": "Clinical notes",
}
"""The chart's sections, by the first step of a record path."""
ENTRY = {
    "encounters": "Encounter",
    "allergies": "Allergy",
    "medications": "Medication",
    "observations": "Observation",
    "notes": "Note",
    "diagnoses": "Diagnosis",
    "procedures": "Procedure",
    "amendments": "Correction",
}
"""What one entry of a list is called (``Encounter 2``)."""
ABBREVIATIONS = {"mrn": "MRN", "npi": "NPI", "ssn": "SSN", "zip": "ZIP", "id": "ID"}
_FIELDS = {"admit_date": "Admission or visit date"}
"""Labels that are not the field's own words (an encounter may be a clinic visit)."""
_STEP = re.compile(r"\.?([a-z_]+)|\[(\d+)\]")


def field_words(name: str) -> str:
    """A model field name as a label: ``date_of_birth`` -> ``Date of birth``.

    Abbreviations keep their capitals: ``member_id`` -> ``Member ID``.
    """
    if name in _FIELDS:
        return _FIELDS[name]
    words = [ABBREVIATIONS.get(part, part) for part in name.split("_")]
    first = words[0]
    words[0] = first if first.isupper() else first.capitalize()
    return " ".join(words)


def steps(path: str) -> list[str | int]:
    """A record path's steps: ``encounters[1].date`` -> ``["encounters", 1, "date"]``."""
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def entry_label(path_steps: list[str | int]) -> str:
    """The entry a path's steps end at: ``[..., "diagnoses", 0]`` -> ``Diagnosis 1``."""
    index, name = path_steps[-1], str(path_steps[-2]) if len(path_steps) > 1 else ""
    assert isinstance(index, int)
    return f"{ENTRY.get(name, field_words(name))} {index + 1}"


def place(path: str) -> str:
    """Where a record path is, in words.

    ``encounters[1].discharge_date`` reads ``Encounter 2 › Discharge date``. An
    entry's number stands for the list it is in (``Encounter 2``, not ``Encounters ›
    Encounter 2``); a whole section reads as its heading (``Demographics``).
    """
    found = steps(path)
    if not found:
        return path
    parts: list[str] = []
    for number, step in enumerate(found):
        following = found[number + 1] if number + 1 < len(found) else None
        if isinstance(step, int):
            parts.append(entry_label(found[: number + 1]))
        elif isinstance(following, int):
            continue  # named by the entry that follows
        elif number == 0:
            parts.append(SECTIONS.get(step, field_words(step)))
        else:
            parts.append(field_words(step))
    return " › ".join(parts)
