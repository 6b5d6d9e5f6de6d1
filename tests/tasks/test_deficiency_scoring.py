"""Deficiency scoring: found, wrong provider, missed, false ones, delinquency, complete charts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from recsim.core.form import Item
from recsim.core.scenario import InvalidFile
from recsim.core.scoring import FALSE_ALARM_PENALTY
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.deficiency import TASK
from recsim.tasks.deficiency.models import DeficiencyAnswer, DeficiencyEntry, DeficiencyKey


def items(
    kinds: str = "all", per_chart: str = "[1, 3]", count: int = 8, seed: int = 3
) -> list[Item]:
    text = (
        "recsim: 1\nid: deficiency-test\ntitle: Deficiency test\nsetting: hospital\n"
        f"seed: {seed}\npopulation: {{patients: 30}}\n"
        f"tasks:\n  - deficiency: {{charts: {count}, kinds: {kinds}, "
        f"deficiencies_per_chart: {per_chart}}}\n"
    )
    loaded = parse_scenario(text, "d.yaml", checks=(task_checks,), base=Path("d.yaml"))
    return list(make_variant(loaded).form.items())


def with_deficiencies(**options: object) -> Item:
    return next(i for i in items(**options) if i.key.deficiencies)  # type: ignore[arg-type, attr-defined]


def test_key_answers_score_every_finding_correct() -> None:
    for item in items(per_chart="[0, 3]", count=12):
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.outcome == "correct" and f.earned == f.possible for f in findings)


def test_an_unanalysed_chart_earns_nothing() -> None:
    for item in items(per_chart="[0, 3]", count=12):
        assert all(f.earned == 0 and f.outcome == "missed" for f in TASK.check(item, None, Trail()))


def test_a_deficiency_found_and_assigned_to_the_right_provider_earns_its_severity() -> None:
    item = with_deficiencies(kinds="[missing_operative_report]", per_chart="[1, 1]")
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    (deficiency,) = key.deficiencies
    answer = DeficiencyAnswer(
        deficiencies=[DeficiencyEntry(kind=deficiency.kind, provider=deficiency.provider.npi)],
        delinquent=key.delinquent,
    )
    found, delinquency = TASK.check(item, answer, Trail())
    assert (found.outcome, found.earned, found.severity) == ("correct", 3.0, 3)
    assert "482.51(b)(6)" in found.rule and "surgeon" in found.feedback
    assert delinquency.outcome == "correct"


def test_the_right_deficiency_assigned_to_the_wrong_provider_earns_half() -> None:
    item = with_deficiencies(kinds="[unsigned_order]", per_chart="[1, 1]")
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    (deficiency,) = key.deficiencies
    other = next(p for p in item.view.providers if p.npi != deficiency.provider.npi)  # type: ignore[attr-defined]
    answer = DeficiencyAnswer(
        deficiencies=[
            DeficiencyEntry(kind="unsigned_order", document=deficiency.document, provider=other.npi)
        ],
        delinquent=key.delinquent,
    )
    found = TASK.check(item, answer, Trail())[0]
    assert found.outcome == "partial" and found.earned == found.possible / 2
    assert deficiency.provider.name in found.feedback and "document's author" in found.feedback


def test_an_unsigned_order_must_name_the_right_order() -> None:
    item = with_deficiencies(kinds="[unsigned_order]", per_chart="[1, 1]")
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    (deficiency,) = key.deficiencies
    signed = next(d.id for d in item.view.documents if d.type == "order" and d.signed_at)  # type: ignore[attr-defined]
    answer = DeficiencyAnswer(
        deficiencies=[
            DeficiencyEntry(
                kind="unsigned_order", document=signed, provider=deficiency.provider.npi
            )
        ],
        delinquent=key.delinquent,
    )
    outcomes = [f.outcome for f in TASK.check(item, answer, Trail())]
    assert outcomes == ["missed", "false_alarm", "correct"]


def test_a_missed_deficiency_earns_nothing_and_explains_the_deadline() -> None:
    item = with_deficiencies(kinds="[missing_history_physical]", per_chart="[1, 1]")
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    missed = TASK.check(item, DeficiencyAnswer(delinquent=key.delinquent), Trail())[0]
    assert missed.outcome == "missed" and missed.earned == 0
    assert "24 hours after admission" in missed.feedback and "482.22(c)(5)(i)" in missed.rule


def test_false_deficiencies_cost_points() -> None:
    item = next(i for i in items(per_chart="[0, 0]") if not i.key.deficiencies)  # type: ignore[attr-defined]
    npi = item.view.providers[0].npi  # type: ignore[attr-defined]
    answer = DeficiencyAnswer(
        deficiencies=[DeficiencyEntry(kind="missing_discharge_summary", provider=npi)],
        delinquent=False,
    )
    findings = TASK.check(item, answer, Trail())
    alarm = next(f for f in findings if f.outcome == "false_alarm")
    assert alarm.earned == -FALSE_ALARM_PENALTY and alarm.possible == 0
    assert "not a deficiency of this chart" in alarm.feedback
    assert sum(f.earned for f in findings) < sum(
        f.earned for f in TASK.check(item, TASK.key_answer(item), Trail())
    )


def test_a_complete_chart_left_without_deficiencies_earns_its_point() -> None:
    for item in items(per_chart="[0, 0]", count=4):
        findings = TASK.check(item, DeficiencyAnswer(delinquent=False), Trail())
        assert [(f.topic, f.outcome) for f in findings] == [
            ("complete_chart", "correct"),
            ("delinquent_chart", "correct"),
        ]


def test_delinquency_is_scored_both_ways() -> None:
    charts = items(per_chart="[1, 2]", count=20)
    for wanted in (True, False):
        item = next(i for i in charts if i.key.delinquent is wanted)  # type: ignore[attr-defined]
        right = TASK.key_answer(item)
        wrong = right.model_copy(update={"delinquent": not wanted})
        assert TASK.check(item, right, Trail())[-1].outcome == "correct"
        last = TASK.check(item, wrong, Trail())[-1]
        assert last.outcome == "missed" and "30 days after discharge" in last.feedback
        assert "482.24(c)(4)(viii)" in last.rule


def test_an_answer_must_give_a_provider_npi_and_the_delinquency() -> None:
    with pytest.raises(ValidationError):
        DeficiencyAnswer.model_validate({"deficiencies": []})
    with pytest.raises(ValidationError):
        DeficiencyEntry.model_validate({"kind": "missing_consent", "provider": "Dr Who"})
    with pytest.raises(ValidationError):
        DeficiencyEntry.model_validate({"kind": "missing_lab", "provider": "1234567893"})


def test_describe_shows_the_stay_and_every_key_entry() -> None:
    for item in items(per_chart="[0, 3]"):
        lines = list(TASK.describe(item))
        assert lines[0].startswith(item.view.patient.name)  # type: ignore[attr-defined]
        assert (
            sum(line.startswith("key: ") for line in lines)
            == max(1, len(item.key.deficiencies)) + 1
        )  # type: ignore[attr-defined]


def test_validate_refuses_more_deficiencies_than_documents_to_hold_them() -> None:
    with pytest.raises(InvalidFile, match="only 2 document"):
        items(
            kinds="[missing_consent, unsigned_history_physical, missing_history_physical]",
            per_chart="[1, 3]",
        )


def test_a_missing_update_linked_to_the_history_and_physical_it_updates_is_found() -> None:
    item = with_deficiencies(kinds="[missing_history_physical_update]", per_chart="[1, 1]")
    key: DeficiencyKey = item.key  # type: ignore[assignment]
    (deficiency,) = key.deficiencies
    history = next(d for d in item.view.documents if d.type == "history_physical")  # type: ignore[attr-defined]
    answer = DeficiencyAnswer(
        deficiencies=[
            DeficiencyEntry(
                kind=deficiency.kind, document=history.id, provider=deficiency.provider.npi
            )
        ],
        delinquent=key.delinquent,
    )
    findings = TASK.check(item, answer, Trail())
    assert [f.outcome for f in findings] == ["correct", "correct"]


def test_the_expected_line_of_a_missing_document_says_it_has_none() -> None:
    item = with_deficiencies(kinds="[missing_discharge_summary]", per_chart="[1, 1]")
    missed = TASK.check(item, None, Trail())[0]
    assert missed.expected is not None and "none (the document is missing)" in missed.expected
