"""Bad breach blocks and answers: each refused with one clear line naming where and what.

The files are in tests/data/breach (``scenarios/`` checked with ``recsim validate``,
``answers/`` scored against the bundled privacy-office-breach scenario).
"""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

FOLDER = DATA / "breach"
SCENARIO = SCENARIOS / "privacy-office-breach.yaml"
JARGON = ("Value error", "value error", "Traceback", "pydantic")

BLOCKS = {
    "discovered-after-as-of.yaml": [":10:", "items[0].discovered", "after the scenario's as_of"],
    "discovered-before-occurred.yaml": [":11:", "items[0].discovered", "before occurred"],
    "more-missing-than-affected.yaml": [":11:", "missing_contact", "only 4 are affected"],
    "negative-count.yaml": [":10:", "items[0].affected.PA", "at least 0 (got -3)"],
    "negative-missing.yaml": [":10:", "items[0].missing_contact", "at least 0 (got -1)"],
    "no-such-day.yaml": [":10:", "'2026-02-30' is not a valid date"],
    "nobody-affected.yaml": [":10:", "items[0].affected", "at least one person"],
    "oral-hold-with-end.yaml": [":11:", "law_enforcement.until", "164.412(b)"],
    "statement-before-discovery.yaml": [":11:", "law_enforcement.stated", "before the incident"],
    "unknown-archetype.yaml": [":9:", "archetypes[0]", "'lost_laptop'", "phishing_email_account"],
    "unknown-state.yaml": [":10:", "affected.ZZ", "'ZZ'", "OH"],
}
ANSWERS = {
    "date-in-words.json": ["valid date", "'notices.individuals'"],
    "media-without-states.json": ["a media notice needs its states"],
    "step-one-missing.json": ["field required", "'unsecured_breach'"],
    "unknown-exception.json": ["'could_not_retain'", "'exception'"],
    "unknown-letter-part.json": ["'what_happened'", "'letter.0'"],
    "unknown-recipient.json": ["'secretary_annual_log'", "'notices.patients"],
}


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
    assert out.startswith(str(path) + ":") and len(out.strip().splitlines()) == 1, out
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
    assert str(path) in err and "answers.breach-1" in err
    for words in ANSWERS[name]:
        assert words in err, (words, err)
