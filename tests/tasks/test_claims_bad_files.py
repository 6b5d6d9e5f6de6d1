"""Bad answers and scenario blocks for the claims task: every one refused with one clear line and exit 1."""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

FOLDER = DATA / "claims"
SCENARIO = SCENARIOS / "insurer-claim-review.yaml"

BAD_ANSWERS: dict[str, list[str]] = {
    "deny-without-reason.json": ["a denial needs a reason", "member_not_covered"],
    "reason-with-approve.json": ["only given with the decision deny"],
    "unknown-decision.json": ["'approve', 'deny' or 'pend_for_records'", "'decision'"],
    "unknown-key.json": ["extra inputs are not permitted", "'amount'"],
    "unknown-reason.json": ["'code_edit'", "'reason'"],
}

# The block's count field shares the task's name ('claims:' inside 'claims'); these pin the task
# and the message.
BAD_SCENARIOS: dict[str, list[str]] = {
    "clean-share-over-one.yaml": ["tasks[0].claims", "at most 1.0 (got 2)"],
    "no-problems.yaml": ["tasks[0].claims", "at least 1 entry"],
    "unknown-problem.yaml": ["tasks[0].claims", "did you mean 'upcoded'"],
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
    assert str(path) in err and "answers.claims-1" in err
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
