"""``recsim report``: the class's item analysis in the terminal, as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.commands.report import bar
from tests.conftest import DATA
from tests.core.classroom import TRAINEES, Classroom, make_class


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["report", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_report_reads_in_80_columns_with_text_bars(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _report(capsys, str(played.results))
    assert status == 0 and err == ""
    assert all(len(line) <= 80 for line in out.splitlines()), out
    words = " ".join(out.split())  # lines wrap at 80 columns
    assert "5 trainees (latest attempt each)" in words and "2 flagged by 'recsim grade'" in words
    for heading in (
        "What the class met and missed, weakest first",
        "Objectives, weakest first",
        "Trainees:",
    ):
        assert heading in out
    assert re.search(r"(██████████|##########) +100%", out), out
    assert "Medication ordered despite a documented" in out  # topics in words, not ids
    assert f"{TRAINEES['edited']} *: 100.0% pass" in out
    assert f"{TRAINEES['empty']}: 0.0% FAIL" in out


def test_strengths_and_gaps_are_named_in_words(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _report(capsys, str(played.results))
    listed = [
        line.split(":", 1)[1]
        for line in out.splitlines()
        if line.strip().startswith(("strengths:", "gaps:"))
    ]
    assert any(entry.strip() != "-" for entry in listed), out
    # A topic id (lower_case_with_underscores) never reaches the teacher.
    assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", entry) for entry in listed), listed


def test_the_json_analysis_adds_up(played: Classroom, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _report(capsys, str(played.results), "--json")
    report = json.loads(out)
    assert status == 0 and report["recsim_report"] == 1
    (scenario,) = report["scenarios"]
    assert scenario["scenario"] == "class-exam" and scenario["trainee_count"] == 5
    for topic in scenario["topics"]:
        assert topic["faced"] == topic["met"] + topic["partly"] + topic["missed"] <= 5
    trainees = {t["trainee"]: t for t in scenario["trainees"]}
    assert (
        trainees[TRAINEES["perfect"]]["gaps"] == []
        and trainees[TRAINEES["empty"]]["strengths"] == []
    )
    assert trainees[TRAINEES["edited"]]["flagged"] and not trainees[TRAINEES["typical"]]["flagged"]
    assert [o["objective"] for o in scenario["objectives"]] == ["audit"]
    clean = next(t for t in scenario["topics"] if t["topic"] == "clean_chart")
    assert clean["missed"] >= 1  # the empty trainee left every chart, clean ones included


def test_csv_and_json_exports_round_trip(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.csv"
    _, out, _ = _report(capsys, str(played.results), "--json", "--csv", str(target))
    (scenario,) = json.loads(out)["scenarios"]
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    by_section = {
        section: [r for r in rows if r["section"] == section]
        for section in ("topic", "objective", "trainee")
    }
    assert len(rows) == sum(len(v) for v in by_section.values())
    for row, topic in zip(by_section["topic"], scenario["topics"], strict=True):
        assert (row["name"], row["category"], row["rule"]) == (
            topic["topic"],
            topic["category"],
            topic["rule"],
        )
        assert [int(row[k]) for k in ("faced", "met", "partly", "missed", "false_alarms")] == [
            topic[k] for k in ("faced", "met", "partly", "missed", "false_alarms")
        ]
        assert (
            float(row["earned"]) == topic["earned"] and float(row["possible"]) == topic["possible"]
        )
    for row, trainee in zip(by_section["trainee"], scenario["trainees"], strict=True):
        assert row["name"] == trainee["trainee"] and float(row["overall"]) == trainee["overall"]
        assert [g for g in row["gaps"].split(";") if g] == trainee["gaps"]
        assert (row["passed"], row["flagged"]) == (
            str(trainee["passed"]).lower(),
            str(trainee["flagged"]).lower(),
        )
    (objective,) = by_section["objective"]
    assert float(objective["percent"]) == scenario["objectives"][0]["percent"]


def test_files_that_cannot_be_graded_are_named_and_the_rest_reported(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "handed-in"
    shutil.copytree(played.results, folder)
    shutil.copy(DATA / "results" / "list.json", folder / "zz-broken.json")
    status, out, err = _report(capsys, str(folder))
    assert status == 1
    assert err.splitlines() == [
        f"recsim: {folder / 'zz-broken.json'}: "
        "is not a recsim results file (expected a JSON object)"
    ]
    assert "5 trainees" in out


def test_a_class_on_a_changed_scenario_says_so_and_reports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classroom = make_class(tmp_path)
    classroom.scenario.write_text(classroom.scenario.read_text() + "# changed\n")
    status, out, err = _report(capsys, str(classroom.files["perfect"]))
    assert status == 1 and out == ""
    assert err.splitlines()[0].endswith(
        "or --accept-changed if the change does not affect the items"
    )
    assert err.splitlines()[1] == "No results file could be graded, so there is nothing to analyse."


def test_bars_fill_in_proportion() -> None:
    assert bar(0, "#.") == ".........." and bar(100, "#.") == "##########"
    assert bar(30, "#.") == "###......." and bar(None, "#.") == " " * 10
    assert bar(250, "#.", width=4) == "####"
