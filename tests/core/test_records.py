"""The record model: strict fields, paths, and an amendment history that keeps originals."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from recsim.core.generate import generate_patient
from recsim.core.records import Address, PatientRecord


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Address(street="1 Main St", city="Springfield", state="IL", zip="62701", county="Sangamon")  # type: ignore[call-arg]


def test_an_amendment_keeps_the_original_value() -> None:
    record = generate_patient(1, 0)
    original = record.patient.last_name
    amended = record.amend(
        "patient.last_name",
        "Corrected",
        by="HIM clerk",
        on=date(2026, 3, 2),
        reason="Name mismatch",
    )
    assert amended.patient.last_name == "Corrected"
    assert amended.original("patient.last_name") == original
    assert amended.amendments[0].old_value == original
    assert amended.amendments[0].new_value == "Corrected"
    assert record.patient.last_name == original  # the source chart is untouched


def test_a_second_amendment_appends_and_the_first_original_survives() -> None:
    record = generate_patient(1, 0)
    birth = record.patient.date_of_birth
    once = record.amend(
        "patient.date_of_birth", "1970-01-02", by="a", on=date(2026, 3, 2), reason="typo"
    )
    twice = once.amend(
        "patient.date_of_birth", "1970-02-01", by="b", on=date(2026, 3, 3), reason="typo"
    )
    assert [a.new_value for a in twice.amendments] == ["1970-01-02", "1970-02-01"]
    assert twice.original("patient.date_of_birth") == birth.isoformat()
    assert twice.patient.date_of_birth == date(1970, 2, 1)


def test_amending_a_nested_list_field() -> None:
    record = generate_patient(3, 5)
    amended = record.amend(
        "encounters[0].attending.npi", "1234567893", by="a", on=date(2026, 3, 2), reason="NPI"
    )
    assert amended.encounters[0].attending.npi == "1234567893"
    assert amended.original("encounters[0].attending.npi") == record.encounters[0].attending.npi


@pytest.mark.parametrize(
    "path", ["patient.nope", "encounters[99].id", "patient..mrn", "", "patient.mrn.x"]
)
def test_bad_paths_raise_key_error(path: str) -> None:
    with pytest.raises(KeyError):
        generate_patient(1, 0).value_at(path)


def test_fields_lists_leaves_with_paths_that_resolve() -> None:
    record = generate_patient(2, 7)
    fields = list(record.fields())
    assert ("patient.mrn", record.patient.mrn) in fields
    for path, shown in fields:
        assert record.value_at(path) == shown
    assert not any(path.startswith("amendments") for path, _ in fields)


def test_a_record_round_trips_through_json() -> None:
    record = generate_patient(4, 2)
    assert PatientRecord.model_validate_json(record.model_dump_json()) == record


def test_a_clinic_visit_shows_no_discharge_date_or_disposition() -> None:
    record = next(
        r
        for r in (generate_patient(5, i) for i in range(200))
        if {e.type for e in r.encounters} >= {"outpatient", "inpatient"}
    )
    shown = dict(record.fields())
    for number, encounter in enumerate(record.encounters):
        hidden = encounter.type == "outpatient"
        assert (f"encounters[{number}].discharge_date" not in shown) == hidden
        assert (f"encounters[{number}].disposition" not in shown) == hidden
        assert f"encounters[{number}].admit_date" in shown
