"""Each statistics definition against a small batch counted by hand (docs/statistics.md)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from recsim.tasks.analysis.batch import CSV_COLUMNS, batch_csv
from recsim.tasks.analysis.models import EncounterBatch, InpatientStay
from recsim.tasks.analysis.statistics import (
    average_length_of_stay,
    bed_occupancy,
    delinquent_rate,
    discharges,
    is_delinquent,
    length_of_stay,
    readmission_rate,
    service_days,
    top_diagnoses,
)

# (account, mrn, admitted, discharged, disposition, planned, principal dx, chart completed)
ROWS = [
    ("A1", "P1", "2025-12-28", "2026-01-03", "home", False, "J18.9", "2026-01-20"),
    ("A2", "P2", "2026-01-02", "2026-01-02", "home", False, "N39.0", "2026-02-02"),
    ("A3", "P1", "2026-01-05", "2026-01-08", "home", False, "J18.9", "2026-02-07"),
    ("A4", "P3", "2026-01-04", "2026-01-06", "expired", False, "A41.9", None),
    ("A5", "P4", "2026-01-06", "2026-01-09", "transfer_acute", False, "I50.9", "2026-02-09"),
    ("A6", "P5", "2026-01-08", "2026-01-14", "home", False, "I50.9", "2026-01-20"),
    ("A7", "P2", "2026-01-20", "2026-01-22", "home", True, "Z51.11", "2026-01-25"),
    ("A8", "P6", "2026-01-09", "2026-01-10", "home", False, "A41.9", None),
    ("A9", "P6", "2026-02-10", "2026-02-12", "home", False, "A41.9", "2026-02-20"),
    ("A10", "P1", "2026-02-07", "2026-02-09", "home", False, "J18.9", "2026-02-20"),
    ("A11", "P7", "2026-01-10", "2026-01-12", "home", False, "N39.0", "2026-01-30"),
    ("A12", "P4", "2026-01-12", "2026-01-15", "home", False, "I50.9", "2026-01-30"),
]


def hand_counted() -> EncounterBatch:
    """Period 1-10 January 2026 (10 days), 4 beds, reported on 15 March 2026."""
    return EncounterBatch(
        facility="Test Hospital",
        beds=4,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 10),
        as_of=date(2026, 3, 15),
        stays=[
            InpatientStay(
                account=account,
                mrn=mrn,
                age=60,
                sex="F",
                admitted=date.fromisoformat(admitted),
                discharged=date.fromisoformat(discharged),
                disposition=disposition,
                planned=planned,  # type: ignore[arg-type]
                principal_dx=dx,
                principal_description="(test)",
                chart_completed=date.fromisoformat(completed) if completed else None,
            )
            for account, mrn, admitted, discharged, disposition, planned, dx, completed in ROWS
        ],
    )


def test_discharges_in_the_period_are_the_stays_discharged_from_its_first_to_its_last_day() -> None:
    # A1 (3 Jan), A2 (2 Jan), A3 (8 Jan), A4 (6 Jan), A5 (9 Jan), A8 (10 Jan);
    # A6 and A11 leave after it.
    assert [s.account for s in discharges(hand_counted())] == ["A1", "A2", "A3", "A4", "A5", "A8"]


def test_length_of_stay_is_discharge_minus_admission_and_a_same_day_stay_counts_one() -> None:
    stays = {s.account: s for s in hand_counted().stays}
    assert length_of_stay(stays["A1"]) == 6  # 28 Dec to 3 Jan
    assert length_of_stay(stays["A2"]) == 1  # admitted and discharged on 2 Jan
    assert length_of_stay(stays["A8"]) == 1  # 9 to 10 Jan


def test_average_length_of_stay_by_hand() -> None:
    # LOS of the six discharges: A1 6 + A2 1 + A3 3 + A4 2 + A5 3 + A8 1 = 16 days; 16 / 6 = 2.67.
    # Deaths (A4) and transfers (A5) are discharges too; A1's days before 1 January still count.
    alos = average_length_of_stay(hand_counted())
    assert (alos.numerator, alos.denominator) == (16, 6)
    assert round(alos.value, 1) == 2.7


def test_inpatient_service_days_follow_the_midnight_census() -> None:
    stays = {s.account: s for s in hand_counted().stays}
    start, end = date(2026, 1, 1), date(2026, 1, 10)
    assert service_days(stays["A1"], start, end) == 2  # 1 and 2 Jan; not the day of discharge
    assert service_days(stays["A2"], start, end) == 1  # same-day stay
    assert service_days(stays["A6"], start, end) == 3  # 8, 9, 10 Jan; still in hospital at the end
    assert service_days(stays["A11"], start, end) == 1  # admitted on the last day
    assert service_days(stays["A9"], start, end) == 0  # after the period


def test_bed_occupancy_by_hand() -> None:
    # Service days: A1 2 + A2 1 + A3 3 + A4 2 + A5 3 + A6 3 + A8 1 + A11 1 = 16;
    # available: 4 beds x 10 days = 40; 16 / 40 x 100 = 40.0 %.
    occupancy = bed_occupancy(hand_counted())
    assert (occupancy.numerator, occupancy.denominator) == (16, 40)
    assert occupancy.value == pytest.approx(40.0)


def test_readmission_rate_by_hand() -> None:
    # Index discharges: A1, A2, A3, A8 (A4 died, A5 went to another acute-care hospital) = 4.
    # A1 (P1, 3 Jan) -> A3 on 5 Jan, unplanned: readmitted.
    # A2 (P2, 2 Jan) -> A7 on 20 Jan is planned: not a readmission.
    # A3 (P1, 8 Jan) -> A10 on 7 Feb, exactly 30 days later: readmitted.
    # A8 (P6, 10 Jan) -> A9 on 10 Feb, 31 days later: outside the window.
    # A5's patient came back (A12), but a transfer is not an index discharge.
    rate = readmission_rate(hand_counted())
    assert (rate.numerator, rate.denominator) == (2, 4)
    assert rate.value == pytest.approx(50.0)
    assert rate.excluded == {
        "died": 1,
        "transferred to another acute-care hospital": 1,
        "readmitted only for a planned stay": 1,
    }


def test_delinquent_rate_by_hand() -> None:
    # Of the six discharges: A2 completed 31 days after discharge, A4 and A8 never completed
    # (more than 30 days have passed), A5 completed 31 days after; A1 took 17 days, A3 exactly 30.
    # 4 / 6 x 100 = 66.7 %.
    batch = hand_counted()
    late = [s.account for s in discharges(batch) if is_delinquent(s, batch.as_of)]
    assert late == ["A2", "A4", "A5", "A8"]
    rate = delinquent_rate(batch)
    assert (rate.numerator, rate.denominator) == (4, 6)
    assert round(rate.value, 1) == 66.7


def test_an_open_chart_is_not_delinquent_before_its_thirtieth_day() -> None:
    stay = hand_counted().stays[7]  # A8, discharged 10 January, still open
    assert not is_delinquent(stay, date(2026, 2, 9))  # day 30
    assert is_delinquent(stay, date(2026, 2, 10))  # day 31


def test_top_diagnoses_by_hand_with_a_tie_for_last_place() -> None:
    # Discharges by principal diagnosis: A41.9 2 (A4, A8), J18.9 2 (A1, A3), I50.9 1 (A5),
    # N39.0 1 (A2).
    top, accepted = top_diagnoses(hand_counted(), 3)
    assert top == ["A41.9", "J18.9", "I50.9"]
    assert accepted == ["A41.9", "J18.9", "I50.9", "N39.0"]
    assert top_diagnoses(hand_counted(), 2) == (["A41.9", "J18.9"], ["A41.9", "J18.9"])


def test_an_empty_period_gives_zero_rather_than_a_division_error() -> None:
    batch = hand_counted().model_copy(
        update={"period_start": date(2027, 1, 1), "period_end": date(2027, 1, 31)}
    )
    assert average_length_of_stay(batch).value == 0
    assert readmission_rate(batch).value == 0
    assert top_diagnoses(batch, 5) == ([], [])


def test_csv_export_has_a_header_and_one_row_per_stay() -> None:
    text = batch_csv(hand_counted())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert len(rows) == len(ROWS)
    assert rows[1] == {
        "account": "A2",
        "mrn": "P2",
        "age": "60",
        "sex": "F",
        "admitted": "2026-01-02",
        "discharged": "2026-01-02",
        "disposition": "home",
        "planned": "no",
        "principal_dx": "N39.0",
        "principal_description": "(test)",
        "chart_completed": "2026-02-02",
        "drg": "",
        "drg_weight": "",
        "death_hours": "",
        "autopsy": "no",
        "infection": "no",
    }
    assert rows[3]["chart_completed"] == "" and rows[6]["planned"] == "yes"
