"""Audit scoring details: partial credit, false alarms, clean charts and amendments."""

from __future__ import annotations

from datetime import date

from recsim.core.scoring import FALSE_ALARM_PENALTY
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.audit import TASK, amended
from recsim.tasks.audit.models import AuditAnswer, Flag
from recsim.tasks.base import Trail
from tests.tasks.audit.test_error_kinds import one_kind_scenario


def _item(kind: str):  # type: ignore[no-untyped-def]
    for seed in range(50):
        for item in make_variant(one_kind_scenario(kind, seed)).form.items():
            if item.key.errors:  # type: ignore[attr-defined]
                return item
    raise AssertionError(kind)


def test_right_place_wrong_kind_is_half_credit() -> None:
    item = _item("invalid_mrn")
    findings = TASK.check(
        item, AuditAnswer(flags=[Flag(location="patient.mrn", kind="name_mismatch")]), Trail()
    )
    assert [(f.outcome, f.earned) for f in findings] == [("partial", findings[0].possible / 2)]
    assert "wrong kind" in findings[0].feedback


def test_feedback_names_the_kind_the_field_and_the_value_in_the_charts_words() -> None:
    item = _item("name_mismatch")
    error = item.key.errors[0]  # type: ignore[attr-defined]
    (missed,) = TASK.check(item, AuditAnswer(), Trail())
    assert missed.expected == (
        f"Name differs between demographics and a document, at Demographics › "
        f"{'First' if 'first' in error.location else 'Last'} name; corrected value: {error.correct}"
    )
    wrong_kind = AuditAnswer(
        flags=[
            Flag(location=error.location, kind="dob_transposed"),
            Flag(location="patient.address.zip", kind="zip_state_mismatch"),
        ]
    )
    partial, alarm = TASK.check(item, wrong_kind, Trail())
    assert 'you called it "date of birth with day and month transposed"' in partial.feedback
    assert partial.given is not None and partial.given.startswith(
        "Date of birth with day and month transposed, at "
    )
    assert "nothing is wrong at Demographics › Address › ZIP." in alarm.feedback
    assert alarm.given == "ZIP code does not belong to the state, at Demographics › Address › ZIP"
    for finding in (missed, partial, alarm):
        shown = f"{finding.feedback} {finding.expected or ''} {finding.given or ''}"
        assert "_" not in shown and "patient." not in shown, shown
        assert finding.rule


def test_a_wrong_correction_is_half_credit_and_shows_the_right_value() -> None:
    item = _item("member_id_mismatch")
    error = item.key.errors[0]  # type: ignore[attr-defined]
    answer = AuditAnswer(
        flags=[Flag(location=error.location, kind=error.kind, correction="XYZ000")]
    )
    (finding,) = TASK.check(item, answer, Trail())
    assert finding.outcome == "partial" and error.correct in finding.feedback


def test_flag_inside_a_whole_entry_counts_for_that_entry() -> None:
    item = _item("wrong_patient_document")
    location = item.key.errors[0].location  # type: ignore[attr-defined]
    answer = AuditAnswer(flags=[Flag(location=f"{location}.mrn", kind="wrong_patient_document")])
    assert [f.outcome for f in TASK.check(item, answer, Trail())] == ["correct"]


def test_false_alarms_cost_points_but_an_item_never_goes_below_zero() -> None:
    item = _item("invalid_mrn")
    answer = AuditAnswer(
        flags=[
            Flag(location="patient.mrn", kind="invalid_mrn"),
            Flag(location="patient.phone", kind="zip_state_mismatch"),
        ]
    )
    findings = TASK.check(item, answer, Trail())
    alarm = next(f for f in findings if f.outcome == "false_alarm")
    assert alarm.earned == -FALSE_ALARM_PENALTY and alarm.possible == 0


def test_a_clean_chart_rightly_left_clean_earns_its_point() -> None:
    clean = make_variant(
        parse_scenario(
            "recsim: 1\nid: clean\ntitle: c\nsetting: clinic\ntasks:\n"
            "  - audit: {records: 3, errors_per_record: [0, 0]}\n",
            "clean.yaml",
        )
    )
    for item in clean.form.items():
        (finding,) = TASK.check(item, AuditAnswer(flags=[]), Trail())
        assert finding.outcome == "correct" and finding.earned == finding.possible == 1
        flagged = TASK.check(
            item, AuditAnswer(flags=[Flag(location="patient.mrn", kind="invalid_mrn")]), Trail()
        )
        assert sum(f.earned for f in flagged) < 0


def test_corrections_become_amendments_that_keep_the_original() -> None:
    item = _item("dob_transposed")
    error = item.key.errors[0]  # type: ignore[attr-defined]
    shown = item.view.record.value_at(error.location)  # type: ignore[attr-defined]
    record = amended(item, TASK.key_answer(item), by="Ana Ruiz", on=date(2026, 3, 2))
    assert record.value_at(error.location) == error.correct
    assert record.original(error.location) == shown
    assert record.amendments[0].by == "Ana Ruiz"
