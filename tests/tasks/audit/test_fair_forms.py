"""Fair audit forms: every chart within errors_per_record, every kind dealt, equal points.

Issue 18: with [1, 1] over 20 charts only some kinds were planted, with [2, 2] most
charts were clean, and one class's possible points ranged 33-58.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.audit.block import ERROR_KINDS
from recsim.tasks.audit.models import AuditKey
from recsim.tasks.base import Trail
from recsim.tasks.deal import balanced_hand, count_pattern, deal

TRAINEES = [f"Trainee {n}" for n in range(8)]
THREE = "[invalid_npi, zip_state_mismatch, name_mismatch]"


def audit(block: str, setting: str = "hospital", ages: str = "[0, 95]"):
    text = (
        f"recsim: 1\nid: fair\ntitle: Fair\nsetting: {setting}\nseed: 11\n"
        f"population: {{patients: 40, ages: {ages}}}\ntasks:\n  - audit: {block}\n"
    )
    return parse_scenario(text, "fair.yaml", base=Path("fair.yaml"))


def keys(loaded, trainee: str) -> list[AuditKey]:
    return [item.key for item in make_variant(loaded, trainee).form.items()]  # type: ignore[misc]


def test_one_error_per_chart_over_twenty_charts_plants_every_kind_on_every_chart() -> None:
    loaded = audit("{records: 20, errors_per_record: [1, 1], error_kinds: all}")
    for trainee in TRAINEES[:3]:
        charts = keys(loaded, trainee)
        assert [len(key.errors) for key in charts] == [1] * 20
        kinds = Counter(e.kind for key in charts for e in key.errors)
        # 20 charts, 19 kinds: each kind at least once, one of them twice
        assert set(kinds) == set(ERROR_KINDS.names) and sum(kinds.values()) == 20


def test_two_errors_per_chart_leaves_no_chart_clean() -> None:
    block = (
        "{records: 10, errors_per_record: [2, 2], "
        "error_kinds: [allergy_conflict, allergy_missing, implausible_value, duplicate_entry]}"
    )
    loaded = audit(block)
    assert list(task_checks(loaded.scenario, loaded.path)) == []
    for trainee in TRAINEES[:3]:
        charts = keys(loaded, trainee)
        assert [len(key.errors) for key in charts] == [2] * 10
        for key in charts:  # the two allergy kinds never share a chart
            assert {e.kind for e in key.errors} != {"allergy_conflict", "allergy_missing"}


@pytest.mark.parametrize("bounds", ["[0, 3]", "[1, 2]", "[0, 1]"])
def test_every_trainee_gets_the_same_kinds_and_points(bounds: str) -> None:
    kinds = [
        "allergy_conflict",
        "dob_transposed",
        "invalid_npi",
        "zip_state_mismatch",
        "cloned_note",
    ]
    loaded = audit(
        f"{{records: 7, errors_per_record: {bounds}, error_kinds: [{', '.join(kinds)}]}}"
    )
    low, high = (int(n) for n in bounds.strip("[]").split(","))
    possible = set()
    for trainee in TRAINEES:
        variant = make_variant(loaded, trainee)
        charts = [item.key for item in variant.form.items()]
        assert all(low <= len(key.errors) <= high for key in charts)  # type: ignore[attr-defined]
        dealt = Counter(e.kind for key in charts for e in key.errors)  # type: ignore[attr-defined]
        assert min(dealt[kind] for kind in kinds) >= sum(dealt.values()) // len(kinds)
        possible.add(sum(f.possible for f in variant.score({}).findings))
    assert len(possible) == 1  # equal by construction


def test_a_single_chart_block_still_carries_its_error() -> None:
    loaded = audit("{records: 1, errors_per_record: [0, 1], error_kinds: [name_mismatch]}")
    assert all(len(keys(loaded, t)[0].errors) == 1 for t in TRAINEES)


def test_the_charts_that_carry_each_kind_differ_between_trainees() -> None:
    loaded = audit(f"{{records: 6, errors_per_record: [1, 1], error_kinds: {THREE}}}")
    layouts = {tuple(key.errors[0].kind for key in keys(loaded, t)) for t in TRAINEES}
    assert len(layouts) > 1


def test_the_count_pattern_alternates_from_the_ends_inward() -> None:
    assert count_pattern(8, 0, 3) == [3, 0, 2, 1, 3, 0, 2, 1]
    assert count_pattern(1, 0, 1) == [1]
    assert count_pattern(3, 2, 2) == [2, 2, 2]


def test_a_balanced_hand_is_worth_the_same_whoever_draws_it() -> None:
    worth = {"a": 1.0, "b": 1.0, "c": 5.0, "d": 5.0}
    hands = [balanced_hand(6, list(worth), worth, random.Random(n)) for n in range(20)]
    assert {sum(worth[k] for k in hand) for hand in hands} == {18.0}
    assert all(Counter(hand)[k] >= 1 for hand in hands for k in worth)
    # one extra from each pair of equal worth; which one is drawn
    assert len({tuple(sorted(hand)) for hand in hands}) == 4


def test_a_deal_keeps_kinds_distinct_and_apart() -> None:
    apart = [frozenset({"x", "y"})]
    for seed in range(30):
        dealt = deal([2, 2, 1], ["x", "y", "z", "z", "w"], random.Random(seed), apart=apart)
        assert dealt is not None
        for chart in dealt:
            assert len(set(chart)) == len(chart) and not {"x", "y"} <= set(chart)
        assert sorted(len(chart) for chart in dealt) == [1, 2, 2]
    assert deal([2], ["x", "y"], random.Random(1), apart=apart) is None


def test_a_finding_of_an_unreviewed_chart_counts_every_planted_error() -> None:
    loaded = audit(f"{{records: 3, errors_per_record: [2, 2], error_kinds: {THREE}}}")
    variant = make_variant(loaded, "Ana")
    for item in variant.form.items():
        findings = variant.findings(item, None, Trail())
        assert len(findings) == 2 and all(f.outcome == "missed" for f in findings)


def test_a_misfiled_document_and_an_mrn_typo_share_a_chart() -> None:
    # the MRN's evidence is the patient's own documents, not the misfiled one's number
    loaded = audit(
        "{records: 4, errors_per_record: [2, 2], "
        "error_kinds: [wrong_patient_document, invalid_mrn]}"
    )
    for trainee in TRAINEES[:3]:
        for key in keys(loaded, trainee):
            assert sorted(e.kind for e in key.errors) == ["invalid_mrn", "wrong_patient_document"]


def test_two_errors_judged_against_the_date_of_birth_share_a_chart() -> None:
    # both only read the date of birth: evidence may be shared, never changed
    loaded = audit(
        "{records: 4, errors_per_record: [2, 2], error_kinds: [date_out_of_range, age_conflict]}"
    )
    for trainee in TRAINEES[:3]:
        for key in keys(loaded, trainee):
            assert sorted(e.kind for e in key.errors) == ["age_conflict", "date_out_of_range"]
