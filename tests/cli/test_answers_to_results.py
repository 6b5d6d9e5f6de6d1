"""Answers collected another way become a results file graded with the class; scenarios are
found by --scenario (repeated), beside the results file, and in --scenario-dir."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import SCENARIOS
from tests.core.classroom import exam_copy


def _half_key(tmp_path: Path, capsys: pytest.CaptureFixture[str], scenario: str) -> Path:
    """Key answers for Ana Ruiz with the second half of the items left out."""
    assert main(["preview", scenario, "--trainee", "Ana Ruiz", "--key-answers"]) == 0
    answers = json.loads(capsys.readouterr().out)
    items = list(answers["answers"])
    for item in items[len(items) // 2 :]:
        del answers["answers"][item]
    path = tmp_path / "ana-answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def test_answers_become_a_results_file_that_grades_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _half_key(tmp_path, capsys, "tutorial")
    assert main(["play", "tutorial", "--answers", str(answers), "--json"]) == 0
    headless = json.loads(capsys.readouterr().out)
    out = tmp_path / "handed-in"
    assert main(["play", "tutorial", "--answers", str(answers), "--results", str(out)]) == 0
    capsys.readouterr()
    assert main(["grade", str(out), "--json"]) == 0  # graded, nothing flagged
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["trainee"] == "Ana Ruiz" and row["flags"] == []
    assert row["overall"] == headless["overall"] < 100


def test_a_results_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _half_key(tmp_path, capsys, "tutorial")
    target = tmp_path / "ana.json"
    target.write_text("{}", encoding="utf-8")
    status = main(["play", "tutorial", "--answers", str(answers), "--results", str(target)])
    err = capsys.readouterr().err
    assert status == 1 and "already exists" in err and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "{}"


def test_results_without_answers_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "tutorial", "--results", "out"]) == 2
    assert "--results needs --answers FILE" in capsys.readouterr().err


def _exam_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """A results file of a copy of the audit exam, and the copy; then the copy is moved away."""
    scenario = exam_copy(tmp_path)
    answers = _half_key(tmp_path, capsys, str(scenario))
    results = tmp_path / "results"
    assert main(["play", str(scenario), "--answers", str(answers), "--results", str(results)]) == 0
    capsys.readouterr()
    kept = tmp_path / "kept"
    kept.mkdir()
    return results, Path(shutil.move(scenario, kept / "week3.yaml"))


def test_a_scenario_is_found_in_scenario_dir_and_beside_the_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, scenario = _exam_results(tmp_path, capsys)
    assert main(["grade", str(results), "--json"]) == 1  # moved: not found
    assert "scenario_missing" in capsys.readouterr().out
    assert main(["grade", str(results), "--json", "--scenario-dir", str(scenario.parent)]) == 0
    capsys.readouterr()
    shutil.copy(scenario, results / "class-exam.yaml")
    assert main(["grade", str(results), "--json"]) == 0


def test_scenario_may_be_named_several_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, scenario = _exam_results(tmp_path, capsys)
    tutorial = str(SCENARIOS / "tutorial.yaml")
    assert main(["grade", str(results), "--scenario", tutorial, "--scenario", str(scenario)]) == 0
    capsys.readouterr()
    assert main(["grade", str(results), "--json", "--scenario", tutorial]) == 1
    assert "not 'tutorial' (--scenario)" in capsys.readouterr().out
