"""Bad answers and scenario blocks for the duplicates task: every one refused with one clear line and exit 1."""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

FOLDER = DATA / "duplicates"
SCENARIO = SCENARIOS / "hospital-mpi-cleanup.yaml"

BAD_ANSWERS: dict[str, list[str]] = {
    "answer-is-text.json": ["valid dictionary"],
    "decision-missing.json": ["field required", "'decision'"],
    "overlaid-with-merge.json": ["overlaid is only given with the decision send_to_review"],
    "survivor-not-mrn.json": ["'12345' is not an mrn", "'survivor'"],
    "unknown-decision.json": ["'merge', 'keep_separate' or 'send_to_review'", "'decision'"],
    "unknown-key.json": ["extra inputs are not permitted", "'reason'"],
    "unknown-merge-field.json": ["'first_name'", "'phone'", "blood_type"],
    "values-without-merge.json": ["only given with the decision merge"],
}

BAD_SCENARIOS: dict[str, list[str]] = {
    "group-of-four.yaml": [":8:", "tasks[0].duplicates.max_group", "at most 3"],
    "no-cases.yaml": [":8:", "tasks[0].duplicates.cases", "at least 1 entry"],
    "unknown-case.yaml": [":8:", "cases[1]", "did you mean 'nickname'"],
    "zero-pairs.yaml": [":7:", "tasks[0].duplicates.pairs", "at least 1"],
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
    assert str(path) in err and "answers.duplicates-1" in err
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
