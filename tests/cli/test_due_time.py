"""A scenario's ``due`` time: late results are flagged, and ``--late`` decides if they count."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.grading.evidence import lateness_words, past_due_flag
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.bundled import bundled_folder
from recsim.session.checks import load_checked
from recsim.session.regrade import ScenarioFinder, grade_files
from recsim.session.submit import submit
from tests.core.classroom import Clock, exam_copy, key_answer, play

DUE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""An hour after the classroom clock's exam morning (09:00 UTC)."""


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(scenario, results folder): Ana submits on time, Ben a day later."""
    root = tmp_path_factory.mktemp("due")
    scenario = exam_copy(root)
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(
        text.replace("\ntitle:", "\ndue: 2026-03-02T05:00-05:00\ntitle:", 1), encoding="utf-8"
    )
    loaded = load_checked(scenario)
    results = root / "results"
    store = Store(root / "attempts.sqlite3")
    play(store, loaded, "Ana Ruiz", key_answer, results)
    clock = Clock()
    clock.now += timedelta(days=1)
    attempt = session.begin(store, loaded, "Ben Ode", clock=clock)
    for slot in attempt.grader.form.slots:
        raw = key_answer(attempt.open_item(slot.id))
        if raw is not None:
            attempt.answer(slot.id, raw)
    submit(store, attempt, results_folder=results)
    store.close()
    return scenario, results


def test_lateness_is_said_in_hours_and_minutes() -> None:
    assert lateness_words(135) == "2 h 15 min"
    assert lateness_words(45) == "45 min"
    assert lateness_words(120) == "2 h"
    assert lateness_words(3 * 24 * 60 + 4 * 60) == "3 days 4 h"


def test_a_submission_within_the_due_minute_is_on_time() -> None:
    assert past_due_flag(DUE + timedelta(seconds=59), DUE) is None
    assert past_due_flag(DUE - timedelta(hours=1), DUE) is None
    assert past_due_flag(DUE, None) is None


def test_a_submission_after_the_due_time_is_flagged_with_how_late() -> None:
    flag = past_due_flag(DUE + timedelta(hours=2, minutes=15, seconds=20), DUE)
    assert flag is not None and flag.code == "past_due"
    assert flag.message.startswith("submitted 2 h 15 min after the due time (2026-03-02T10:00")


def test_grading_flags_only_the_file_submitted_after_the_due_time(
    handed_in: tuple[Path, Path],
) -> None:
    scenario, results = handed_in
    finder = ScenarioFinder(named=[load_checked(scenario)], folders=[], bundled=bundled_folder())
    graded, unreadable = grade_files(sorted(results.glob("*.json")), finder)
    flags = {g.results.document.trainee: [f.code for f in g.flags] for g in graded}
    assert not unreadable
    assert flags == {"Ana Ruiz": [], "Ben Ode": ["past_due"]}


def _lms(handed_in: tuple[Path, Path], *extra: str) -> tuple[dict[str, str], list[list[str]]]:
    scenario, results = handed_in
    book = results.parent / "book.csv"
    grade = ["grade", str(results), "--scenario", str(scenario), "--lms", "generic"]
    main([*grade, "--csv", str(book), *extra])
    rows = list(csv.reader(io.StringIO(book.read_text(encoding="utf-8"))))
    excluded = book.with_name("book-excluded.csv").read_text(encoding="utf-8")
    return {row[0]: row[4] for row in rows[1:]}, list(csv.reader(io.StringIO(excluded)))[1:]


def test_late_files_count_by_default_and_are_marked_late_in_the_class_list(
    handed_in: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    scores, excluded = _lms(handed_in)
    assert scores == {"Ana Ruiz": "100.0", "Ben Ode": "100.0"}
    assert excluded == []
    scenario, results = handed_in
    roster = results.parent / "class.txt"
    roster.write_text("Ana Ruiz\nBen Ode\n", encoding="utf-8")
    capsys.readouterr()
    main(["grade", str(results), "--scenario", str(scenario), "--roster", str(roster)])
    out = " ".join(capsys.readouterr().out.split())
    assert "Ben Ode: 100.0 pass (late: submitted 23 h after the due time" in out
    assert "Ana Ruiz: 100.0 pass" in out and "Ana Ruiz: 100.0 pass (late" not in out


def test_late_exclude_leaves_late_files_out_with_the_reason(
    handed_in: tuple[Path, Path],
) -> None:
    scores, excluded = _lms(handed_in, "--late", "exclude")
    assert scores == {"Ana Ruiz": "100.0", "Ben Ode": ""}
    ((_, trainee, _, reason),) = excluded
    assert trainee == "Ben Ode"
    assert reason.startswith("late (--late exclude): submitted 23 h after the due time")
