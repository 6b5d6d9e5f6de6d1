"""Record types a release request names, and what ``full_record`` stands for.

``full_record`` is the general chart: every record type except psychotherapy
notes (kept apart from the medical record, 45 CFR 164.501) and substance-use
treatment records from a Part 2 program (segregated because 42 CFR Part 2
restricts them more than HIPAA does). Those two go out only when asked for and
allowed by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from recsim.core.scenario.release import RecordType

RECORD_TYPES: tuple[RecordType, ...] = RecordType.__args__  # type: ignore[attr-defined]
"""Every record type, in the order recsim lists them."""

GENERAL_RECORDS: tuple[RecordType, ...] = (
    "discharge_summary",
    "history_physical",
    "progress_notes",
    "lab_results",
    "imaging",
    "medication_list",
    "billing_records",
    "immunizations",
    "hiv_results",
)
"""What ``full_record`` covers."""

PSYCHOTHERAPY: RecordType = "psychotherapy_notes"
SUBSTANCE_USE: RecordType = "substance_use_treatment"

_LABELS: dict[str, str] = {
    "discharge_summary": "discharge summary",
    "history_physical": "history and physical",
    "progress_notes": "progress notes",
    "lab_results": "lab results",
    "imaging": "imaging reports",
    "medication_list": "medication list",
    "billing_records": "billing records",
    "immunizations": "immunization record",
    "psychotherapy_notes": "psychotherapy notes",
    "substance_use_treatment": "substance-use treatment records",
    "hiv_results": "HIV test results",
    "full_record": "full medical record",
}


def expand(records: Iterable[str]) -> frozenset[str]:
    """The record types a list stands for, with ``full_record`` spelt out."""
    result: set[str] = set()
    for record in records:
        if record == "full_record":
            result.update(GENERAL_RECORDS)
        else:
            result.add(record)
    return frozenset(result)


def ordered(records: Iterable[str]) -> list[RecordType]:
    """Record types in recsim's listing order, without repeats."""
    wanted = set(records)
    return [r for r in RECORD_TYPES if r in wanted]


def compress(records: Iterable[str], *, as_full_record: bool) -> list[RecordType]:
    """A released set written back as a list: ``full_record`` when the whole general chart goes."""
    wanted = set(records)
    if as_full_record and set(GENERAL_RECORDS) <= wanted:
        rest = ordered(wanted - set(GENERAL_RECORDS) - {"full_record"})
        return ["full_record", *rest]
    return ordered(wanted - {"full_record"})


def label(record: str) -> str:
    """How a record type reads in a sentence."""
    return _LABELS.get(record, record.replace("_", " "))


def labels(records: Iterable[str]) -> str:
    """Record types as a phrase: "discharge summary, lab results and imaging reports"."""
    names = [label(r) for r in ordered(records)] or [label(r) for r in records]
    if not names:
        return "nothing"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
