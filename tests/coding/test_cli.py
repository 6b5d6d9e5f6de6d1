"""``recsim codes``: exit codes, JSON shapes and malformed input (DESIGN.md, "Command line")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_check_prints_the_documented_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "codes", "check", "--json", "n184", "E11.22")
    assert status == 0, err
    data = json.loads(out)
    assert data["codes"] == ["N18.4", "E11.22"]
    assert data["edits"] == [
        {
            "edit": "code_first_sequence",
            "codes": ["N18.4", "E11.22"],
            "message": data["edits"][0]["message"],
            "source": data["edits"][0]["source"],
        }
    ]


def test_check_exits_zero_with_or_without_edits(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "codes", "check", "E11.22", "N18.4")
    assert status == 0 and "No edits" in out
    status, out, _ = run(
        capsys, "codes", "check", "--sex", "m", "--age", "70", "--setting", "inpatient", "Z37.0,O80"
    )
    assert status == 0
    assert "unacceptable_principal" in out and "sex_conflict" in out and "Source:" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["codes", "check"],
        ["codes", "check", ""],
        ["codes", "check", " , "],
        ["codes", "check", "--age", "125", "I10"],
        ["codes", "check", "--age", "-1", "I10"],
        ["codes", "show", "E11.99"],
        ["codes", "show", ""],
        ["codes", "search", " "],
        ["codes", "search", "--limit", "0", "diabetes"],
    ],
)
def test_unusable_input_exits_one_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("recsim: ")


def test_more_than_a_thousand_codes_exit_one(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "codes", "check", *(["I10"] * 10_000))
    assert status == 1 and "at most 1,000" in err
    status, out, _ = run(capsys, "codes", "check", "--json", *(["I10"] * 1_000))
    assert status == 0 and json.loads(out)["edits"][0]["edit"] == "duplicate_code"


@pytest.mark.parametrize(
    "argv",
    [
        ["codes"],
        ["codes", "lookup", "E11"],
        ["codes", "check", "--sex", "X", "I10"],
        ["codes", "check", "--age", "old", "I10"],
        ["codes", "check", "--setting", "hospice", "I10"],
        ["codes", "search"],
        ["codes", "show"],
    ],
)
def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, _, _ = run(capsys, *argv)
    assert status == 2


def test_malformed_codes_are_checked_not_crashed_on(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "codes", "check", "--json", "é11.22", "日本", "Z" * 100_000, "E11.2\x07"
    )
    assert status == 0, err
    data = json.loads(out)
    assert [e["edit"] for e in data["edits"]] == ["invalid_code"] * 4
    assert data["codes"][3] == "E11.2?"
    assert all(len(code) <= 40 for code in data["codes"])


def test_search_prints_codes_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "codes", "search", "diab", "kid")
    assert status == 0 and "E11.22" in out
    status, out, _ = run(capsys, "codes", "search", "S52.501", "--limit", "3", "--json")
    data = json.loads(out)
    assert [r["code"] for r in data["results"]] == ["S52.501", "S52.501A", "S52.501B"]
    assert data["results"][0]["needs_seventh_character"] is True
    assert set(data["results"][0]) == {
        "code",
        "description",
        "kind",
        "billable",
        "needs_seventh_character",
    }


def test_search_without_matches_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "codes", "search", "xyzzy", "plugh")
    assert status == 0 and "No ICD-10-CM code matches" in out
    status, out, _ = run(capsys, "codes", "search", "--json", "日本語 " * 1000)
    assert status == 0 and json.loads(out)["results"] == []


def test_show_gives_hierarchy_notes_and_seventh_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "codes", "show", "s52501")
    assert status == 0
    assert "Hierarchy:" in out and "S52.5 " in out
    assert "7th characters" in out and "initial encounter for closed fracture" in out
    status, out, _ = run(capsys, "codes", "show", "--json", "E11.22")
    data = json.loads(out)
    assert [h["code"] for h in data["hierarchy"]] == ["4", "E08-E13", "E11", "E11.2"]
    assert any(n["at"] == "E11" and "E10-" in n["codes"] for n in data["excludes1"])
    assert data["billable"] is True and data["children"] == []


def test_show_of_a_wrong_seventh_character_explains_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "codes", "show", "T36.01A")
    assert status == 1 and "T36.0X1A" in err


def test_first_use_on_a_fresh_machine_builds_with_visible_progress(tmp_path: Path) -> None:
    env = dict(os.environ, RECSIM_CACHE_DIR=str(tmp_path / "fresh-cache"))
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "codes", "search", "diab", "kid"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "E11.22" in result.stdout
    assert "Building the ICD-10-CM FY2026 index" in result.stderr
    assert "ready" in result.stderr
    assert list((tmp_path / "fresh-cache").glob("icd10cm-*.index"))
