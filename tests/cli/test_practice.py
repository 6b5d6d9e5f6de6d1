"""``recsim practice``: today's set from every attempt, spaced over days (a Leitner schedule)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import recsim.tui.launch
from recsim.cli import main
from recsim.core.store import Store
from recsim.session.checks import load_checked
from recsim.session.submit import read_scorecard
from recsim.session.terminal import TerminalRequest
from tests.core.classroom import TRAINEES, Classroom, key_answer, make_class, play

TYPICAL = TRAINEES["typical"]
EXAM_DAY = "2026-03-02"  # the class's attempts were submitted then


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


@pytest.fixture
def store(played: Classroom, tmp_path: Path) -> Path:
    """The class's store copied (practice writes its schedule and sets beside it)."""
    copy = tmp_path / "attempts.sqlite3"
    shutil.copy(played.store, copy)
    return copy


def _plan(capsys: pytest.CaptureFixture[str], store: Path, who: str, on: str) -> dict[str, Any]:
    status = main(["--store", str(store), "practice", "--trainee", who, "--json", "--on", on])
    out, _ = capsys.readouterr()
    assert status == 0
    data: dict[str, Any] = json.loads(out)
    return data


def test_the_days_plan_is_the_topics_missed_most_missed_first(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(capsys, store, TYPICAL, EXAM_DAY)
    assert plan["trainee"] == TYPICAL and plan["due"]
    assert all(t["box"] == 1 and t["due"] == EXAM_DAY for t in plan["due"])
    (practice_set,) = plan["sets"]  # every topic was missed in the one exam
    assert practice_set["topics"] == [t["topic"] for t in plan["due"]]
    assert practice_set["items"] and Path(practice_set["practice_file"]).name.startswith(
        "practice-"
    )
    assert not Path(practice_set["practice_file"]).exists()  # --json plans; it writes nothing
    assert _plan(capsys, store, TRAINEES["perfect"], EXAM_DAY)["due"] == []


def test_a_correct_practice_moves_its_topics_on_two_days(
    played: Classroom, store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(capsys, store, TYPICAL, EXAM_DAY)
    request = _played_request(store, capsys)
    assert request.scenario_path is not None and request.trainee == TYPICAL
    practice = load_checked(request.scenario_path)
    with_store = Store(store)
    results = play(with_store, practice, TYPICAL, key_answer, played.root / "practice-results")
    with_store.close()
    after = _plan(capsys, store, TYPICAL, EXAM_DAY)
    # The topics the practice set tested (a missed topic no fresh item tests stays due).
    practised = {f.topic for f in read_scorecard(results).findings}
    assert practised <= set(practice.scenario.practice.topics)  # type: ignore[union-attr]
    moved = {t["topic"]: t for t in after["later"] if t["topic"] in practised}
    assert moved and all(t["box"] == 2 and t["due"] == "2026-03-04" for t in moved.values())
    assert not practised & {t["topic"] for t in after["due"]}
    # What was not in today's set is still due, and the day's plan lists it: in a set of its
    # own, not the file just played.
    assert len(after["due"]) >= len(plan["due"]) - len(practised)
    assert all(s["practice_file"] != str(request.scenario_path) for s in after["sets"])
    later = _plan(capsys, store, TYPICAL, "2026-03-04")
    assert practised <= {t["topic"] for t in later["due"]}  # back after two days


def _played_request(store: Path, capsys: pytest.CaptureFixture[str]) -> TerminalRequest:
    asked: list[TerminalRequest] = []

    def terminal(request: TerminalRequest) -> int:
        asked.append(request)
        return 0

    original = recsim.tui.launch.run_terminal
    recsim.tui.launch.run_terminal = terminal
    try:
        status = main(["--store", str(store), "practice", "--trainee", TYPICAL, "--on", EXAM_DAY])
    finally:
        recsim.tui.launch.run_terminal = original
    capsys.readouterr()
    assert status == 0 and len(asked) == 1
    assert asked[0].scenario_path is not None and asked[0].scenario_path.is_file()
    return asked[0]


def test_a_date_that_is_not_one_is_refused_in_one_line(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--store", str(store), "practice", "--trainee", TYPICAL, "--on", "2026-13-01"])
    _, err = capsys.readouterr()
    assert status == 2 and err.startswith("recsim: --on 2026-13-01: not a date")
    assert err.count("\n") == 1


def test_no_store_yet_has_nothing_to_practise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "none.sqlite3"
    assert main(["--store", str(store), "practice"]) == 0
    assert "Nothing to practise yet" in capsys.readouterr().out and not store.exists()
