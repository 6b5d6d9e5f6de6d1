"""The name policy on the command line, in rosters and answers files, and at grading (item 6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.seeds import MAX_TRAINEE
from tests.core.classroom import make_class, read, reseal, write


def test_preview_refuses_an_osc_sequence_in_one_line_that_does_not_replay_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["preview", "tutorial", "--trainee", "Ana\x1b]2;renamed pane\x07"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err == (
        "recsim: --trainee: character 4 of the name is the control character U+001B, which can "
        "drive a terminal; use letters, digits, spaces and punctuation only\n"
    )


def test_play_refuses_a_name_that_grade_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"recsim_answers": 1, "scenario": "tutorial", "answers": {}}))
    play = ["play", "tutorial", "--answers", str(answers), "--json", "--trainee"]
    assert main([*play, "x" * (MAX_TRAINEE + 1)]) == 2
    assert capsys.readouterr().err == (
        "recsim: --trainee: the name is 201 characters long; use at most 200\n"
    )
    assert main([*play, "x" * MAX_TRAINEE]) == 0


def test_grade_takes_a_name_of_the_limit_and_refuses_one_over_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classroom = make_class(tmp_path)
    path = classroom.files["perfect"]
    document = read(path)
    document["trainee"] = "x" * MAX_TRAINEE
    write(path, reseal(document, chain=False))
    main(["grade", str(path), "--json"])
    assert json.loads(capsys.readouterr().out)["unreadable"] == []
    document["trainee"] = "x" * (MAX_TRAINEE + 1)
    write(path, reseal(document, chain=False))
    assert main(["grade", str(path), "--json"]) == 1
    assert "trainee: the name is 201 characters long" in capsys.readouterr().err


def test_a_roster_line_with_a_control_character_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("# period 3\nAna Ruiz\nBen\x1b[2J Okafor\n", encoding="utf-8")
    assert main(["preview", "tutorial", "--roster", str(roster)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"recsim: {roster}:3: character 4 of the name")
    assert "\x1b" not in err


def test_a_scenario_given_as_the_roster_is_not_read_as_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "exam.yaml"
    roster.write_text("recsim: 1\nid: exam\n", encoding="utf-8")
    assert main(["preview", "tutorial", "--roster", str(roster)]) == 1
    assert capsys.readouterr().err == (
        f"recsim: {roster}:1: this line is YAML or JSON, not a name; "
        "a roster lists one trainee name per line\n"
    )


def test_roster_names_are_kept_as_the_policy_spells_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text("  Zoe\u0308   Bronte\u0308 \n", encoding="utf-8")
    assert main(["preview", "tutorial", "--roster", str(roster), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["trainee"] == "Zoë Brontë"
