"""Submitting survives a kill at any moment, and a results file that can't be written
leaves the attempt open (issue 19, item 1)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recsim.core.attempt import Attempt
from recsim.core.grading import check_evidence, read_results
from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from recsim.session.submit import SubmitFailed, read_scorecard, submit
from tests.conftest import SCENARIOS
from tests.core.forked import fork

KILLS = 24


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def tutorial() -> LoadedScenario:
    return load_checked(SCENARIOS / "tutorial.yaml")


def _worked(store: Store, loaded: LoadedScenario, trainee: str) -> Attempt:
    attempt = session.begin(store, loaded, trainee, clock=_clock)
    for slot in attempt.grader.form.slots:
        item = attempt.open_item(slot.id)
        key = task_kind(item.kind).key_answer(item)
        if key is not None:
            attempt.answer(slot.id, key.model_dump(mode="json"))
    return attempt


def _submit_in_a_child(
    path: Path, loaded: LoadedScenario, attempt_id: str, results: Path, report: Path
) -> tuple[int, float]:
    """Fork a process that reopens the attempt and submits it; returns its pid and the
    moment (monotonic) it began to submit."""
    moment_read, moment_write = os.pipe()

    def work() -> None:
        store = Store(path)
        attempt = session.resume(store, loaded, attempt_id, clock=_clock, take_over=True)
        os.write(moment_write, b"s")
        submit(store, attempt, results_folder=results)

    child = fork(work, report)
    child.start()
    os.read(moment_read, 1)
    os.close(moment_read)
    os.close(moment_write)
    return child.pid, time.monotonic()


def _settled(store: Store, loaded: LoadedScenario, attempt_id: str, results: Path) -> str:
    """What the next start finds: 'submitted' (with a sound results file) or 'resumable'."""
    row = store.attempt(attempt_id)
    assert row is not None
    if session.interrupted(store, loaded, row.trainee) is not None:
        session.finish_interrupted(store, loaded, row, results)
        row = store.attempt(attempt_id)
        assert row is not None
    if row.status == "submitted":
        assert row.results_path is not None
        graded = read_results(Path(row.results_path))
        assert check_evidence(graded) == []
        assert Path(row.results_path).read_text(encoding="utf-8") == row.results_json
        return "submitted"
    assert session.resumable(store, loaded, row.trainee) == row
    session.resume(store, loaded, attempt_id, clock=_clock)  # and it does resume
    return "resumable"


def test_a_kill_anywhere_in_submit_leaves_the_attempt_submitted_or_resumable(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    path, results = tmp_path / "attempts.sqlite3", tmp_path / "results"
    store = Store(path)
    # One submit run to the end measures the window the kills are spread over.
    timing = _worked(store, tutorial, "Timing Run")
    _, began = _submit_in_a_child(path, tutorial, timing.id, results, tmp_path / "timing.txt")
    os.waitpid(-1, 0)
    window = max(time.monotonic() - began, 0.005)
    outcomes = []
    for number in range(KILLS):
        attempt = _worked(store, tutorial, f"Trainee {number:02d}")
        report = tmp_path / f"error-{number}.txt"
        pid, began = _submit_in_a_child(path, tutorial, attempt.id, results, report)
        time.sleep(max(0.0, began + window * number / (KILLS - 1) - time.monotonic()))
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        assert not report.exists(), report.read_text()
        outcomes.append(_settled(store, tutorial, attempt.id, results))
    assert set(outcomes) <= {"submitted", "resumable"}


def test_a_results_folder_that_cannot_be_made_leaves_the_attempt_open(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    store = Store(tmp_path / "attempts.sqlite3")
    attempt = _worked(store, tutorial, "Ana")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(SubmitFailed) as failed:
        submit(store, attempt, results_folder=blocked / "results")
    message = str(failed.value)
    assert message.startswith(f"{blocked / 'results'}: cannot create the results folder (")
    assert "still open" in message and "\n" not in message
    row = store.attempt(attempt.id)
    assert not attempt.submitted and row is not None and row.status == "in_progress"
    path = submit(store, attempt, results_folder=tmp_path / "results")  # put right: it works
    assert read_scorecard(path).overall == 100.0


def test_a_results_file_that_cannot_be_written_takes_the_submit_back(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    store = Store(tmp_path / "attempts.sqlite3")
    attempt = _worked(store, tutorial, "Ana")
    results = tmp_path / "results"
    target = session.submitting.results_path(attempt.row, results)
    target.mkdir(parents=True)  # a folder where the file should go: the rename fails
    with pytest.raises(SubmitFailed, match="cannot write the results file"):
        submit(store, attempt, results_folder=results)
    assert not attempt.submitted
    assert [e.type for e in store.events(attempt.id)][-1] == "answer"  # the submit taken back
    assert list(results.iterdir()) == [target]  # no temporary file left behind
    target.rmdir()
    path = submit(store, attempt, results_folder=results)
    assert check_evidence(read_results(path)) == []
