"""``recsim progress``: mastery per topic and per exam domain from the attempts in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsim.cli import main
from tests.core.classroom import TRAINEES, Classroom, make_class


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _progress(capsys: pytest.CaptureFixture[str], store: Path, who: str) -> dict[str, object]:
    status, out, _ = _run(capsys, "--store", str(store), "progress", "--trainee", who, "--json")
    assert status == 0
    data: dict[str, object] = json.loads(out)
    return data


def test_progress_json_shows_mastery_per_exam_domain(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    perfect = _progress(capsys, played.store, TRAINEES["perfect"])
    typical = _progress(capsys, played.store, TRAINEES["typical"])
    assert perfect["trainee"] == TRAINEES["perfect"] and perfect["attempts"] == 1
    domains = {d["id"]: d for d in perfect["domains"]}  # type: ignore[attr-defined]
    # An audit exam is health records and compliance work, for both exams.
    assert {"cca_records", "rhit_data", "rhit_compliance"} <= set(domains)
    assert all(d["mastery"] == 100.0 for d in domains.values())
    assert domains["cca_records"]["history"][0]["mastery"] == 100.0
    typical_records = next(d for d in typical["domains"] if d["id"] == "cca_records")  # type: ignore[attr-defined]
    assert 0 < typical_records["mastery"] < 100
    # An audit is no statistics work: that domain is listed as not practised.
    assert "rhit_analytics" in perfect["not_practised"]  # type: ignore[operator]


def test_the_weakest_topics_are_the_ones_missed(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = _progress(capsys, played.store, TRAINEES["empty"])
    perfect = _progress(capsys, played.store, TRAINEES["perfect"])
    assert empty["weakest"] and not perfect["weakest"]
    topics = {t["topic"]: t for t in empty["topics"]}  # type: ignore[attr-defined]
    assert all(topics[w["topic"]]["mastery"] == 0 for w in empty["weakest"])  # type: ignore[attr-defined]


def test_text_names_the_domains_and_the_outlines(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(
        capsys, "--store", str(played.store), "progress", "--trainee", TRAINEES["typical"]
    )
    assert status == 0
    assert "CCA: Health records and data content" in out
    assert "Not practised yet: " in out and "RHIT: Data analytics and use" in out
    assert "Exam Content Outline" in out and "recsim practice" in out


def test_a_store_of_many_trainees_asks_whose_progress(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "--store", str(played.store), "progress")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "holds 5 trainees" in err and "--trainee NAME" in err


def test_a_target_out_of_range_is_refused(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(played.store), "progress", "--trainee", "Typical Tam"]
    status, _, err = _run(capsys, *store, "--per-hour", "-3")
    assert status == 2 and err.startswith("recsim: --per-hour -3:") and err.count("\n") == 1


def test_no_store_yet_says_so_and_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "none.sqlite3"
    status, out, _ = _run(capsys, "--store", str(store), "progress")
    assert status == 0 and "No attempts yet" in out and not store.exists()


def test_long_lines_break_between_words_at_the_terminal_width(
    played: Classroom, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 60 columns the terminal broke "Data analytics a / nd use" mid-word.
    monkeypatch.setenv("COLUMNS", "60")
    status, out, _ = _run(
        capsys, "--store", str(played.store), "progress", "--trainee", TRAINEES["typical"]
    )
    assert status == 0
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines), [line for line in lines if len(line) > 60]
    words = " ".join(out.split())
    assert "RHIT: Data analytics and use" in words and "Exam Content Outline" in words


@pytest.mark.parametrize("command", ["progress", "practice"])
def test_a_name_no_attempt_was_played_under_is_refused_as_likely_mistyped(
    played: Classroom, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # "Nothing to practise: you have missed nothing yet" for a misspelt name told a trainee
    # they were done.
    typo = TRAINEES["typical"] + "x"
    status, out, err = _run(capsys, "--store", str(played.store), command, "--trainee", typo)
    assert status == 1 and out == ""
    assert err.startswith(f"recsim: --trainee {typo}: no attempt in this attempt store")
    assert TRAINEES["typical"] in err and err.strip().endswith("check the spelling")
    assert len(err.strip().splitlines()) == 1
