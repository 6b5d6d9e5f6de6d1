"""Master patient index scoring: each decision, survivorship, overlays and the answer's shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from recsim.core.form import Item
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import FALSE_ALARM_PENALTY
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.duplicates import TASK
from recsim.tasks.duplicates.models import DuplicatesAnswer, DuplicatesKey, DuplicatesView


def scenario(cases: str, *, seed: int = 11, pairs: int = 6, extra: str = "") -> LoadedScenario:
    text = (
        "recsim: 1\nid: mpi-test\ntitle: MPI test\nsetting: hospital\n"
        f"seed: {seed}\npopulation: {{patients: 40}}\n"
        f"tasks:\n  - duplicates: {{pairs: {pairs}, cases: {cases}{extra}}}\n"
    )
    return parse_scenario(text, "mpi-test.yaml", checks=(task_checks,), base=Path("mpi-test.yaml"))


def items(cases: str, **options: object) -> list[Item]:
    return list(make_variant(scenario(cases, **options)).form.items())  # type: ignore[arg-type]


def one(case: str) -> Item:
    return items(f"[{case}]", pairs=1)[0]


def outcomes(item: Item, answer: DuplicatesAnswer | None) -> list[tuple[str, float]]:
    return [(f.outcome, f.earned) for f in TASK.check(item, answer, Trail())]


def total(item: Item, answer: DuplicatesAnswer | None) -> tuple[float, float]:
    findings = TASK.check(item, answer, Trail())
    return sum(f.earned for f in findings), sum(f.possible for f in findings)


@pytest.mark.parametrize("cases", ["all", "[nickname, twins, overlay]", "[moved_address]"])
def test_key_answers_score_every_finding_correct(cases: str) -> None:
    for item in items(cases, pairs=12, extra=", max_group: 3"):
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert findings and all(f.outcome == "correct" and f.earned == f.possible for f in findings)


def test_an_unanswered_group_earns_nothing_but_is_explained() -> None:
    for item in items("all", pairs=10):
        findings = TASK.check(item, None, Trail())
        assert all(f.earned == 0 and f.outcome == "missed" for f in findings)
        assert "Deciding:" in findings[0].feedback


def test_merge_is_the_right_decision_for_a_true_duplicate() -> None:
    item = one("nickname")
    key: DuplicatesKey = item.key  # type: ignore[assignment]
    assert key.decision == "merge" and key.truth == "duplicate"
    findings = TASK.check(item, TASK.key_answer(item), Trail())
    assert findings[0].outcome == "correct" and findings[0].expected == "Merge"
    assert "nickname" in findings[0].feedback
    assert {f.topic for f in findings[1:]} == {"survivorship"}


def test_keep_separate_is_the_right_decision_for_look_alikes() -> None:
    for case in ("twins", "junior_senior", "common_name"):
        item = one(case)
        assert item.key.decision == "keep_separate"  # type: ignore[attr-defined]
        assert outcomes(item, DuplicatesAnswer(decision="keep_separate")) == [("correct", 5.0)]


def test_send_to_review_is_the_right_decision_for_an_overlay_and_names_the_record() -> None:
    item = one("overlay")
    key: DuplicatesKey = item.key  # type: ignore[assignment]
    assert key.decision == "send_to_review" and key.overlaid
    assert outcomes(item, DuplicatesAnswer(decision="send_to_review", overlaid=key.overlaid)) == [
        ("correct", 5.0),
        ("correct", 2.0),
    ]
    other = next(e.mrn for e in item.view.entries if e.mrn != key.overlaid)  # type: ignore[attr-defined]
    assert outcomes(item, DuplicatesAnswer(decision="send_to_review", overlaid=other)) == [
        ("correct", 5.0),
        ("missed", 0.0),
    ]


@pytest.mark.parametrize("case", ["twins", "junior_senior", "common_name", "overlay"])
def test_merging_two_different_people_is_a_patient_safety_violation(case: str) -> None:
    item = one(case)
    (decision, *_rest) = TASK.check(item, DuplicatesAnswer(decision="merge"), Trail())
    assert decision.outcome == "violation" and decision.severity == 4 and decision.earned == 0
    assert "most dangerous" in decision.feedback and "Deciding:" in decision.feedback
    assert "differ" in decision.feedback  # the identifiers that decided it
    assert total(item, DuplicatesAnswer(decision="merge"))[0] == 0


def test_review_of_a_decidable_case_earns_half_the_decision() -> None:
    duplicate, twins = one("typo"), one("twins")
    (first, *_rest) = TASK.check(duplicate, DuplicatesAnswer(decision="send_to_review"), Trail())
    assert first.outcome == "partial" and first.earned == first.possible / 2
    assert outcomes(twins, DuplicatesAnswer(decision="send_to_review")) == [("partial", 2.5)]


def test_keeping_a_duplicate_apart_misses_it_and_every_survivorship_point() -> None:
    item = one("missing_ssn")
    findings = TASK.check(item, DuplicatesAnswer(decision="keep_separate"), Trail())
    assert [f.outcome for f in findings] == ["missed"] * len(findings)
    assert "splits the patient's history" in findings[0].feedback


def test_keeping_an_overlay_apart_leaves_it_in_place() -> None:
    item = one("overlay")
    decision, overlaid = TASK.check(item, DuplicatesAnswer(decision="keep_separate"), Trail())
    assert decision.outcome == "missed" and "overlay in place" in decision.feedback
    assert overlaid.outcome == "missed"


def test_a_wrong_surviving_value_loses_only_that_field() -> None:
    item = one("transposed_dob")
    key: DuplicatesKey = item.key  # type: ignore[assignment]
    view: DuplicatesView = item.view  # type: ignore[assignment]
    wrong = next(
        e.mrn for e in view.entries if e.shown("date_of_birth") != key.survivors["date_of_birth"]
    )
    answer = TASK.key_answer(item).model_copy(
        update={"values": {**key.sources, "date_of_birth": wrong}}
    )
    findings = TASK.check(item, answer, Trail())
    missed = [f for f in findings if f.outcome != "correct"]
    assert [f.expected for f in missed] == [f"Date of birth: {key.survivors['date_of_birth']}"]
    assert "photo ID" in missed[0].feedback


def test_the_record_registered_first_keeps_its_number() -> None:
    item = one("moved_address")
    view: DuplicatesView = item.view  # type: ignore[assignment]
    assert item.key.survivor == min(view.entries, key=lambda e: e.registered_on).mrn  # type: ignore[attr-defined]
    later = view.entries[-1].mrn
    answer = TASK.key_answer(item).model_copy(update={"survivor": later})
    assert [f.outcome for f in TASK.check(item, answer, Trail())].count("missed") == 1


def test_contact_fields_survive_from_the_most_recently_updated_record() -> None:
    for item in items("[moved_address]", pairs=8):
        key: DuplicatesKey = item.key  # type: ignore[assignment]
        newest = max(item.view.entries, key=lambda e: e.updated_on)  # type: ignore[attr-defined]
        assert key.survivors["address"] == newest.shown("address")
        assert key.survivors["phone"] == newest.phone


def test_naming_an_overlay_where_there_is_none_is_a_false_alarm() -> None:
    item = one("twins")
    mrn = item.view.entries[0].mrn  # type: ignore[attr-defined]
    findings = TASK.check(item, DuplicatesAnswer(decision="send_to_review", overlaid=mrn), Trail())
    assert findings[-1].outcome == "false_alarm" and findings[-1].earned == -FALSE_ALARM_PENALTY


def test_survivorship_belongs_to_a_merge_only() -> None:
    with pytest.raises(ValidationError, match="only given with the decision merge"):
        DuplicatesAnswer(decision="keep_separate", survivor="RS12345678")
    with pytest.raises(ValidationError, match="only given with the decision send_to_review"):
        DuplicatesAnswer(decision="merge", overlaid="RS12345678")
    with pytest.raises(ValidationError):
        DuplicatesAnswer(decision="merge", values={"first_name": "not an MRN"})  # type: ignore[dict-item]
    with pytest.raises(ValidationError):
        DuplicatesAnswer.model_validate(
            {"decision": "merge", "values": {"blood_type": "RS12345678"}}
        )


def test_describe_shows_every_record_and_the_key() -> None:
    for item in items("all", pairs=10):
        lines = list(TASK.describe(item))
        assert sum(line.startswith("RS") for line in lines) == len(item.view.entries)  # type: ignore[attr-defined]
        assert any(line.startswith("key: ") for line in lines)


def test_validate_warns_when_groups_of_three_cannot_happen() -> None:
    loaded = scenario("[twins, overlay]", extra=", max_group: 3")
    assert any("max_group" in str(w) for w in loaded.warnings)
    assert not scenario("[typo]", extra=", max_group: 3").warnings
