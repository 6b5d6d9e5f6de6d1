"""Whole-scenario checks: ids unique across blocks, and weights that let a category dominate."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.scenario import InvalidFile
from recsim.session.checks import load_checked

EXAM = """\
recsim: 1
id: weights-test
title: Weights
setting: hospital
passing_score: {passing}
weights: {{privacy: {privacy}}}
tasks:
  - audit: {{records: 6}}
traps:
  - {{kind: coworker_lookup}}
  - {{kind: famous_patient}}
"""
CASE = """\
        - id: {id}
          encounter: outpatient
          patient: {{sex: M, age: 61}}
          note: Type 2 diabetes without complications.
          expect: {{diagnoses: [E11.9]}}
"""


def _warnings(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return [f"{w.where}: {w.message}" for w in load_checked(path).warnings]


def test_privacy_weighted_two_over_two_traps_lets_weak_auditing_pass(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, EXAM.format(passing=75, privacy=2))
    assert len(warnings) == 2
    skippable, dominant = sorted(warnings)
    assert skippable.startswith("weights.accuracy: accuracy holds 73% of the points")
    assert "a trainee scoring 49% in accuracy and full marks elsewhere passes with 83.0%" in (
        skippable
    )
    assert dominant.startswith("weights.privacy: privacy counts for 67% of the overall score")
    assert "passes (75%) scoring 25.0% in everything else" in dominant


def test_weights_that_make_half_marks_fail_raise_no_warning(tmp_path: Path) -> None:
    assert _warnings(tmp_path, EXAM.format(passing=75, privacy=1)) == []


def test_a_low_pass_mark_is_warned_even_with_equal_weights(tmp_path: Path) -> None:
    # both categories hold a large share of the points (accuracy 73%, privacy 27%)
    accuracy, privacy = _warnings(tmp_path, EXAM.format(passing=70, privacy=1))
    assert "scoring 49% in accuracy and full marks elsewhere passes with 74.5%" in accuracy
    assert "scoring 49% in privacy and full marks elsewhere passes with 74.5%" in privacy


def test_a_category_weighted_zero_is_warned_about_and_the_other_dominates(
    tmp_path: Path,
) -> None:
    text = EXAM.format(passing=75, privacy=1).replace("{privacy: 1}", "{accuracy: 0}")
    dominant, skippable = sorted(_warnings(tmp_path, text), reverse=True)
    assert "privacy counts for 100% of the overall score" in dominant
    assert "scoring 0.0% in everything else" in dominant
    assert "accuracy holds 73% of the points on a form but counts for 0%" in skippable


def test_a_scenario_with_one_category_has_no_balance_to_warn_about(tmp_path: Path) -> None:
    text = EXAM.format(passing=50, privacy=5).split("traps:")[0]
    assert _warnings(tmp_path, text) == []


def test_coding_case_ids_must_be_unique_across_blocks(tmp_path: Path) -> None:
    block = "  - coding:\n      items:\n" + CASE.format(id="dm2")
    text = "recsim: 1\nid: two\ntitle: Two\nsetting: clinic\ntasks:\n" + block + block
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile) as error:
        load_checked(path)
    (problem,) = error.value.problems
    assert problem.where == "tasks[1].coding.items[0].id" and problem.line == 15
    assert "the id 'dm2' is also used by item 1 of task 1 (coding)" in problem.message


def test_the_weight_check_of_a_huge_scenario_counts_a_sample_not_every_item() -> None:
    # Checking a scenario (validate, the picker, the briefing of recsim play) must not build
    # every item of a 100,000-item form: each task's points are scaled from a sample.
    from recsim.session import scenario_checks
    from recsim.session.forms import make_variant
    from recsim.session.scenarios import parse_scenario

    text = (
        "recsim: 1\nid: huge\ntitle: Huge\nsetting: hospital\nseed: 3\n"
        "population: {patients: 5000}\nqueue: ordered\n"
        "tasks:\n  - audit: {records: 5000, errors_per_record: [0, 1]}\n"
    )
    variant = make_variant(parse_scenario(text, "huge.yaml"))
    built: list[str] = []
    original = variant.form.item

    def counting(item_id: str):  # type: ignore[no-untyped-def]
        built.append(item_id)
        return original(item_id)

    variant.form.item = counting  # type: ignore[method-assign]
    points = scenario_checks.possible_points(variant)
    assert len(built) <= scenario_checks.SAMPLE
    assert points["accuracy"] > 0
