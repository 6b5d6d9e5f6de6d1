"""Bad answers and scenario blocks for the deficiency task: every one refused with one clear line and exit 1."""

from __future__ import annotations

import pytest

from recsim.cli import main
from tests.conftest import DATA, SCENARIOS

FOLDER = DATA / "deficiency"
SCENARIO = SCENARIOS / "hospital-chart-completion.yaml"

BAD_ANSWERS: dict[str, list[str]] = {
    "deficiencies-not-list.json": ["valid list", "'deficiencies'"],
    "delinquent-missing.json": ["field required", "'delinquent'"],
    "delinquent-not-boolean.json": ["valid boolean", "'delinquent'"],
    "provider-not-npi.json": ["is not an npi", "10-digit", "'deficiencies.0.provider'"],
    "too-many-deficiencies.json": ["at most 50 items"],
    "unknown-key.json": ["extra inputs are not permitted", "'due'"],
    "unknown-kind.json": ["'missing_consent'", "'deficiencies.0.kind'"],
}

BAD_SCENARIOS: dict[str, list[str]] = {
    "more-than-documents.yaml": [":9:", "deficiencies_per_chart", "only 2 document(s)"],
    "range-reversed.yaml": [":8:", "deficiencies_per_chart", "fewest <= most"],
    "range-too-wide.yaml": [":8:", "deficiencies_per_chart", "most <= 5"],
    "unknown-kind.yaml": [":8:", "kinds[0]", "did you mean 'missing_consent'"],
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
    assert str(path) in err and "answers.deficiency-1" in err
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
