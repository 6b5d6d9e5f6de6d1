"""Bad rights blocks and answers: each refused with one located line, never a traceback.

tests/data/rights holds the files (``scenarios/`` checked with ``recsim validate``,
``answers/`` scored against the bundled privacy-office scenario with ``recsim play``).
"""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS
from tests.tasks.test_task_bad_files import JARGON

FOLDER = DATA / "rights"
SCENARIO = SCENARIOS / "privacy-office-rights.yaml"
BLOCKS = {
    "impossible-date.yaml": [":9:", "'2026-02-30' is not a valid date"],
    "no-requests.yaml": [":8:", "tasks[0].rights.requests", "makes no requests"],
    "received-after-as-of.yaml": [":9:", "items[0].received", "after the scenario's as_of"],
    "received-within-below-zero.yaml": [":9:", "received_within", "at least 0 (got -2)"],
    "requests-below-zero.yaml": [":8:", "tasks[0].rights.requests", "at least 0 (got -1)"],
    "same-id-twice.yaml": [":10:", "items[1].id", "share the id 'one'"],
    "time-to-act-over.yaml": [":9:", "items[0].received", "60 days to act ended on 2026-01-30"],
    "unknown-archetype.yaml": [":9:", "archetypes[0]", "did you mean 'access_paper_copy'"],
}
"""Bad scenario file -> words its located message must contain."""
ANSWERS = {
    "deadline-not-a-date.json": ["valid date", "'deadline'"],
    "deny-without-ground.json": ["needs its ground"],
    "ground-with-grant.json": ["only given with the decision deny or grant_in_part"],
    "lines-not-list.json": ["valid list", "'lines'"],
    "unknown-decision.json": ["'grant', 'grant_in_part', 'deny' or 'extend'", "'decision'"],
    "unknown-ground.json": ["'accurate_and_complete'", "'ground'"],
    "unknown-key.json": ["extra inputs are not permitted", "'reason'"],
}
"""Bad answers file -> words its one-line message must contain."""


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (FOLDER / "scenarios").iterdir()) == sorted(BLOCKS)
    assert sorted(p.name for p in (FOLDER / "answers").iterdir()) == sorted(ANSWERS)


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_a_bad_block_is_refused_with_a_located_message(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FOLDER / "scenarios" / name
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and not any(word in out + err for word in JARGON), out + err
    assert out.startswith(str(path) + ":"), out
    for words in BLOCKS[name]:
        assert words in out, (words, out)


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_a_bad_answer_gets_one_clear_line_and_exit_one(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FOLDER / "answers" / name
    status = main(["play", str(SCENARIO), "--answers", str(path), "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and not any(word in err for word in JARGON), err
    assert str(path) in err and "answers.rights-1" in err
    for words in ANSWERS[name]:
        assert words in err, (words, err)
