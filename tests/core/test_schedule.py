"""The practice schedule: Leitner boxes per trainee and topic, kept in the attempt store."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from recsim.core.schedule import INTERVALS, boxes, count_attempt, due_after, next_box
from recsim.core.storage import _MIGRATIONS
from recsim.core.store import SCHEMA_VERSION, AttemptRow, Store

DAY = date(2026, 3, 2)


def test_a_miss_sends_a_topic_to_box_one_and_a_correct_practice_moves_it_up() -> None:
    assert next_box(None, correct=False, practice=False) == 1
    assert next_box(4, correct=False, practice=True) == 1
    assert next_box(1, correct=True, practice=True) == 2
    assert next_box(len(INTERVALS), correct=True, practice=True) == len(INTERVALS)
    # Right outside practice: no change, and a topic never missed is not scheduled.
    assert next_box(3, correct=True, practice=False) == 3
    assert next_box(None, correct=True, practice=True) is None


def test_boxes_come_back_after_one_two_four_eight_and_sixteen_days() -> None:
    assert INTERVALS == (1, 2, 4, 8, 16)
    assert [(due_after(box, DAY, first_miss=False) - DAY).days for box in range(1, 6)] == [
        1,
        2,
        4,
        8,
        16,
    ]
    assert due_after(1, DAY, first_miss=True) == DAY  # just missed: practise it today


def test_an_attempt_moves_the_boxes_once(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    results = {("audit", "invalid_mrn"): False, ("audit", "name_mismatch"): True}
    count_attempt(store, "ana", "a1", DAY, results, practice=False)
    count_attempt(store, "ana", "a1", DAY, results, practice=False)  # counted already
    (box,) = boxes(store, "ana")
    assert (box.topic, box.box, box.due, box.misses, box.source) == ("invalid_mrn", 1, DAY, 1, "a1")
    later = date(2026, 3, 3)
    count_attempt(store, "ana", "p1", later, {("audit", "invalid_mrn"): True}, practice=True)
    (box,) = boxes(store, "ana")
    assert (box.box, box.due, box.misses, box.source) == (2, date(2026, 3, 5), 1, "a1")
    count_attempt(store, "ana", "p2", later, {("audit", "invalid_mrn"): False}, practice=True)
    (box,) = boxes(store, "ana")
    assert (box.box, box.due, box.misses, box.source) == (1, date(2026, 3, 4), 2, "p2")
    assert boxes(store, "bo") == []  # one trainee's schedule is theirs alone


def test_a_version_2_store_opens_with_its_attempts_and_gains_the_schedule(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v2.sqlite3"
    db = sqlite3.connect(path)
    for version in (1, 2):
        for statement in _MIGRATIONS[version]:
            db.execute(statement)
    db.execute("PRAGMA user_version = 2")
    db.execute(
        "INSERT INTO attempts (id, scenario_id, scenario_title, scenario_path, content_hash,"
        " trainee, trainee_key, seed, mode, started_at) VALUES"
        " ('abc123', 'tutorial', 'Tutorial', 'tutorial.yaml', 'h', 'Ana', 'ana', 1, 'practice',"
        " '2026-03-02T09:00:00+00:00')"
    )
    db.commit()
    db.close()
    store = Store(path)
    row = store.attempt("abc123")
    assert isinstance(row, AttemptRow) and row.trainee == "Ana"
    count_attempt(store, "ana", "abc123", DAY, {("audit", "invalid_mrn"): False}, practice=False)
    assert [b.topic for b in boxes(store, "ana")] == ["invalid_mrn"]
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    db.close()
