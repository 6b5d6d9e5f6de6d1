"""One attempt store shared by many processes: a class on one machine, and two windows on
one attempt (issue 19, item 3)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recsim.core.events import GENESIS, chain_digest
from recsim.core.scenario import LoadedScenario
from recsim.core.store import AttemptTakenOver, Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from tests.conftest import SCENARIOS
from tests.core.forked import fork, wait_all

WRITERS = 30
ANSWERS = 3


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def tutorial() -> LoadedScenario:
    return load_checked(SCENARIOS / "tutorial.yaml")


def _answer_some(store: Store, loaded: LoadedScenario, trainee: str) -> None:
    attempt = session.begin(store, loaded, trainee, clock=_clock)
    for slot in attempt.grader.form.slots[:ANSWERS]:
        item = attempt.open_item(slot.id)
        key = task_kind(item.kind).key_answer(item)
        attempt.answer(slot.id, key.model_dump(mode="json") if key else {})


def _chain_holds(store: Store, attempt_id: str) -> bool:
    previous = GENESIS
    for seq, event in enumerate(store.events(attempt_id), start=1):
        digest = chain_digest(previous, event.seq, event.at, event.type, event.item, event.data)
        if event.seq != seq or event.digest != digest:
            return False
        previous = digest
    return True


def test_thirty_processes_writing_one_new_store_at_once_all_succeed(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    path = tmp_path / "class" / "attempts.sqlite3"

    def play(number: int) -> None:
        store = Store(path)
        _answer_some(store, tutorial, f"Trainee {number:02d}")
        store.close()

    children = [
        fork(lambda n=n: play(n), tmp_path / f"error-{n}.txt")  # type: ignore[misc]
        for n in range(WRITERS)
    ]
    for child in children:  # all at once: the first to arrive creates the store
        child.start()
    statuses = wait_all(children)
    errors = [p.read_text() for p in sorted(tmp_path.glob("error-*.txt"))]
    assert statuses == [0] * WRITERS, errors[:1]
    store = Store(path)
    rows = store.attempts()
    assert len(rows) == WRITERS
    per_attempt = {row.id: [e.type for e in store.events(row.id)] for row in rows}
    expected = ["start"] + ["open_item", "open_record", "answer"] * ANSWERS
    assert all(kinds == expected for kinds in per_attempt.values())
    assert all(_chain_holds(store, row.id) for row in rows)


def test_a_second_window_is_told_the_attempt_is_open_and_may_take_it_over(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    path = tmp_path / "attempts.sqlite3"
    started, begun = os.pipe()
    taken = tmp_path / "taken-over.txt"

    def first_window() -> None:
        store = Store(path)
        attempt = session.begin(store, tutorial, "Ana", clock=_clock)
        os.write(begun, attempt.id.encode())
        while not (tmp_path / "go-on").exists():  # the trainee is reading in this window
            time.sleep(0.01)
        try:
            attempt.flag(attempt.grader.form.slots[0].id)
        except AttemptTakenOver as told:
            taken.write_text(str(told), encoding="utf-8")

    child = fork(first_window, tmp_path / "error.txt")
    child.start()
    attempt_id = os.read(started, 64).decode()
    store = Store(path)
    with pytest.raises(session.AttemptBusy, match="open in another recsim window"):
        session.resume(store, tutorial, attempt_id, clock=_clock)
    second = session.resume(store, tutorial, attempt_id, clock=_clock, take_over=True)
    first_item = second.grader.form.slots[0].id
    second.open_item(first_item)
    (tmp_path / "go-on").touch()
    assert wait_all([child]) == [0], (tmp_path / "error.txt").read_text()
    second.flag(first_item)  # this window carries on, and nothing it did was lost
    told = taken.read_text(encoding="utf-8")
    assert "opened in another window" in told and "\n" not in told
    kinds = [e.type for e in store.events(attempt_id)]
    assert kinds == ["start", "resume", "open_item", "open_record", "flag"]
    assert _chain_holds(store, attempt_id)


def test_a_window_that_was_killed_does_not_hold_its_attempt(
    tmp_path: Path, tutorial: LoadedScenario
) -> None:
    path = tmp_path / "attempts.sqlite3"
    started, begun = os.pipe()

    def killed_window() -> None:
        attempt = session.begin(Store(path), tutorial, "Ana", clock=_clock)
        os.write(begun, attempt.id.encode())
        time.sleep(60)

    child = fork(killed_window, tmp_path / "error.txt")
    child.start()
    attempt_id = os.read(started, 64).decode()
    child.kill()
    again = session.resume(Store(path), tutorial, attempt_id, clock=_clock)
    assert again.id == attempt_id
