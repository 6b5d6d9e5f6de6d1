"""``clock: wall | working``: whether an exam's time limit runs while recsim is closed."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from recsim.core.grading import read_results
from recsim.core.grading.evidence import check_evidence
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.submit import submit
from tests.conftest import SCENARIOS
from tests.core.classroom import Clock, key_answer, reseal, write

EXAM = SCENARIOS / "hospital-audit-exam.yaml"
"""A 20-minute exam with no ``clock``: the wall clock by default."""


def _scenario(tmp_path: Path, clock: str | None = None, mode: str = "exam") -> Path:
    text = EXAM.read_text(encoding="utf-8").replace("mode: exam", f"mode: {mode}", 1)
    if clock is not None:
        text = text.replace("\ntime_limit:", f"\nclock: {clock}\ntime_limit:", 1)
    path = tmp_path / "exam.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("mode", "clock", "expected"),
    [("exam", None, "wall"), ("practice", None, "working"), ("exam", "working", "working"),
     ("practice", "wall", "wall")],
)  # fmt: skip
def test_exams_default_to_the_wall_clock_and_practice_to_working_time(
    tmp_path: Path, mode: str, clock: str | None, expected: str
) -> None:
    assert load_checked(_scenario(tmp_path, clock, mode)).scenario.clock_mode == expected


def _away(tmp_path: Path, clock: str | None, minutes: int) -> tuple[float, Path]:
    """Start, close recsim for ``minutes``, resume: (seconds left, the submitted results)."""
    loaded = load_checked(_scenario(tmp_path, clock))
    store = Store(tmp_path / "attempts.sqlite3")
    wall = Clock()
    attempt = session.begin(store, loaded, "Ana Ruiz", clock=wall)
    first = attempt.grader.form.slots[0].id
    attempt.answer(first, key_answer(attempt.open_item(first)))
    wall.now += timedelta(minutes=minutes)
    attempt = session.resume(store, loaded, attempt.id, clock=wall)
    left = attempt.remaining()
    second = attempt.grader.form.slots[1].id
    attempt.answer(second, key_answer(attempt.open_item(second)))
    path = submit(store, attempt, results_folder=tmp_path / "results")
    store.close()
    assert left is not None
    return left, path


def test_on_the_wall_clock_time_away_from_recsim_is_used_up(tmp_path: Path) -> None:
    left, _ = _away(tmp_path, None, 15)
    assert 4 * 60 <= left <= 5 * 60


def test_on_working_time_time_away_from_recsim_is_not_counted(tmp_path: Path) -> None:
    left, _ = _away(tmp_path, "working", 15)
    assert left > 19 * 60


def test_a_wall_clock_answer_after_the_limit_is_flagged_late_and_the_clock_recorded(
    tmp_path: Path,
) -> None:
    _, path = _away(tmp_path, None, 45)
    results = read_results(path)
    assert results.document.clock == "wall"
    (flag,) = [f for f in check_evidence(results) if f.code == "late"]
    assert "after the 20m00s time limit" in flag.message and "after the start" in flag.message


def test_a_file_without_a_clock_is_checked_on_working_time_as_before(tmp_path: Path) -> None:
    _, path = _away(tmp_path, None, 45)
    document = json.loads(path.read_text(encoding="utf-8"))
    # As recsim wrote files before clocks: no clock in the file nor in the start event.
    del document["clock"]
    del document["events"][0]["data"]["clock"]
    write(path, reseal(document))
    results = read_results(path)
    assert results.document.clock == "working"
    assert check_evidence(results) == []


def test_a_working_time_exam_closed_for_an_hour_is_not_late(tmp_path: Path) -> None:
    _, path = _away(tmp_path, "working", 60)
    results = read_results(path)
    assert results.document.clock == "working"
    assert [f.code for f in check_evidence(results)] == []


def test_a_wall_clock_file_edited_to_say_working_time_is_flagged(tmp_path: Path) -> None:
    _, path = _away(tmp_path, None, 45)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["clock"] = "working"
    write(path, reseal(document))
    codes = {flag.code: flag.message for flag in check_evidence(read_results(path))}
    assert set(codes) == {"identity"}
    assert "the attempt was started on wall time" in codes["identity"]
