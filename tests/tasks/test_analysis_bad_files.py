"""Bad answers and scenario blocks for the analysis task: every one refused with one clear line and exit 1."""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

FOLDER = DATA / "analysis"
SCENARIO = SCENARIOS / "public-health-statistics.yaml"

BAD_ANSWERS: dict[str, list[str]] = {
    "code-too-long.json": ["is not an icd-10-cm code", "'codes'"],
    "negative-value.json": ["greater than or equal to 0", "'value'"],
    "too-many-codes.json": ["at most 20 items", "'codes'"],
    "unknown-key.json": ["extra inputs are not permitted", "'median'"],
    "value-as-words.json": ["valid number", "'value'"],
    "value-nan.json": ["finite number", "'value'"],
    "value-too-large.json": ["less than or equal to 10000000", "'value'"],
}

BAD_SCENARIOS: dict[str, list[str]] = {
    "overfull-period.yaml": [":9:", "tasks[0].analysis.period_days", "give more beds or a longer period"],
    "overfull-year.yaml": [":7:", "tasks[0].analysis.encounters", "even over a year"],
    "period-too-short.yaml": [":8:", "tasks[0].analysis.period_days", "at least 7"],
    "too-few-encounters.yaml": [":7:", "tasks[0].analysis.encounters", "at least 10"],
    "unknown-question.yaml": [":8:", "questions[0]", "'median_age'", "bed_occupancy"],
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (FOLDER / "answers").iterdir()) == sorted(BAD_ANSWERS)
    assert sorted(p.name for p in (FOLDER / "scenarios").iterdir()) == sorted(BAD_SCENARIOS)


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_a_bad_answer_gets_one_clear_line_and_exit_one(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = FOLDER / "answers" / name
    status = main(["play", str(SCENARIO), "--answers", str(path), "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert str(path) in err and "answers.analysis-1" in err
    for words in BAD_ANSWERS[name]:
        assert words in err, (words, err)


@pytest.mark.parametrize("name", sorted(BAD_SCENARIOS))
def test_a_bad_block_is_refused_with_a_located_message(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = FOLDER / "scenarios" / name
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in out + err
    assert out.startswith(str(path) + ":"), out
    for words in BAD_SCENARIOS[name]:
        assert words in out, (words, out)
