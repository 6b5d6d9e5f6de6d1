"""Headless play: scoring an answers file without the UI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import DATA

BAD_ANSWERS = {
    "not-json.json": ["not valid JSON"],
    "list.json": ["JSON object"],
    "no-scenario.json": ["scenario", "field required"],
    "other-scenario.json": ["for scenario 'clinic-front-desk', not 'tutorial'"],
    "unknown-item.json": ["audit-99", "does not have"],
    "bad-error-kind.json": ["answers.audit-1", "flags.0.kind"],
    "bad-location.json": ["answers.audit-1", "flags.0.location"],
    "unknown-key.json": ["answers.audit-1", "flagz"],
    "answer-not-object.json": ["answers.audit-1"],
    "wrong-version.json": ["recsim_answers"],
    "not-utf8.json": ["not UTF-8"],
    "empty.json": ["is empty"],
    "trainee-escape.json": ["trainee", "character 5 of the name", "control character U+001B"],
}


def test_every_bad_answers_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (DATA / "answers").iterdir()) == sorted(BAD_ANSWERS)


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_bad_answers_file_gets_one_clear_line_and_exit_one(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["play", "tutorial", "--answers", str(DATA / "answers" / name), "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("recsim: ")
    for word in BAD_ANSWERS[name]:
        assert word in err, err


@pytest.fixture(scope="module")
def key_text() -> str:
    """Ana Ruiz's key answers, as ``recsim preview --key-answers`` prints them in a process of
    its own (made once: every test here plays that same key file)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recsim",
            "preview",
            "tutorial",
            "--trainee",
            "Ana Ruiz",
            "--key-answers",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _key_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "key.json"
    path.write_text(text)
    return path


def test_key_answers_file_scores_full_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key_text: str
) -> None:
    path = _key_file(tmp_path, key_text)
    assert main(["play", "tutorial", "--answers", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["overall"] == 100.0 and card["passed"] is True
    assert all(f["rule"] and f["feedback"] for f in card["findings"])


def test_another_trainees_key_does_not_fit_my_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key_text: str
) -> None:
    path = _key_file(tmp_path, key_text)  # Ana Ruiz's
    assert (
        main(["play", "tutorial", "--answers", str(path), "--trainee", "Ben Okafor", "--json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["overall"] < 100.0


def test_missing_answers_file_and_missing_scenario(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["play", "tutorial", "--answers", str(tmp_path / "nope.json")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["play", "no-such-scenario", "--answers", str(tmp_path / "nope.json")]) == 1
    assert "no bundled scenario of that name" in capsys.readouterr().err


def test_json_without_answers_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "tutorial", "--json"]) == 2


def test_human_readable_scorecard(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key_text: str
) -> None:
    path = _key_file(tmp_path, key_text)
    assert main(["play", "tutorial", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Overall 100.0%") and "PASSED" in out
