"""The practice schedule: a Leitner box for each topic a trainee has met, kept in the store.

A topic missed goes to box 1; each practice that gets it right moves it up a box, and
each miss sends it back to box 1. A topic is due again after its box's interval, so
what a trainee knows comes back less and less often and what they miss comes back soon.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from recsim.core.store import Store

INTERVALS = (1, 2, 4, 8, 16)
"""Days until a topic in box 1, 2, ... 5 is due again."""


@dataclass(frozen=True)
class Box:
    """Where one topic stands for one trainee."""

    kind: str
    topic: str
    box: int
    """1 (practise tomorrow) to 5 (in 16 days)."""
    due: date
    misses: int
    """How often the topic has been missed, in all."""
    source: str | None
    """The attempt it was last missed in (a practice set is made from its scenario)."""


def next_box(current: int | None, *, correct: bool, practice: bool) -> int | None:
    """The box after one more attempt at a topic (None: the topic is not scheduled).

    A miss sends it to box 1; a correct practice moves it up one box (at most the last);
    a correct answer outside practice leaves it where it is.
    """
    if not correct:
        return 1
    if current is None:
        return None
    return min(current + 1, len(INTERVALS)) if practice else current


def due_after(box: int, day: date, *, first_miss: bool) -> date:
    """When a topic in ``box`` is due, counted from ``day``: a topic just missed outside
    practice is due at once (it has not been practised yet)."""
    return day if first_miss else day + timedelta(days=INTERVALS[box - 1])


def boxes(store: Store, trainee_key: str) -> list[Box]:
    """The trainee's topics and their boxes."""
    rows = store.read(
        "SELECT kind, topic, box, due, misses, source FROM topic_boxes WHERE trainee_key = ?"
        " ORDER BY kind, topic",
        (trainee_key,),
    )
    return [
        Box(r["kind"], r["topic"], r["box"], date.fromisoformat(r["due"]), r["misses"], r["source"])
        for r in rows
    ]


def counted(store: Store, attempt_ids: Iterable[str]) -> set[str]:
    """Which of these attempts the schedule has counted already."""
    wanted = list(attempt_ids)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = store.read(
            f"SELECT attempt_id FROM topic_boxes_counted WHERE attempt_id IN ({marks})", chunk
        )
        found.update(r["attempt_id"] for r in rows)
    return found


def count_attempt(
    store: Store,
    trainee_key: str,
    attempt_id: str,
    day: date,
    results: Mapping[tuple[str, str], bool],
    *,
    practice: bool,
) -> None:
    """Move each topic of one submitted attempt (``results``: (kind, topic) -> all correct)
    to its next box, once: an attempt already counted changes nothing."""
    if counted(store, [attempt_id]):
        return
    current = {(b.kind, b.topic): b for b in boxes(store, trainee_key)}
    statements: list[tuple[str, tuple[object, ...]]] = []
    for (kind, topic), correct in sorted(results.items()):
        before = current.get((kind, topic))
        box = next_box(before.box if before else None, correct=correct, practice=practice)
        if box is None:
            continue
        misses = (before.misses if before else 0) + (not correct)
        source = attempt_id if not correct else (before.source if before else None)
        due = due_after(box, day, first_miss=not correct and not practice)
        statements.append(
            (
                "INSERT INTO topic_boxes (trainee_key, kind, topic, box, due, misses, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (trainee_key, kind, topic) DO UPDATE"
                " SET box = excluded.box, due = excluded.due, misses = excluded.misses,"
                " source = excluded.source",
                (trainee_key, kind, topic, box, due.isoformat(), misses, source),
            )
        )
    statements.append(("INSERT INTO topic_boxes_counted (attempt_id) VALUES (?)", (attempt_id,)))
    store.write(statements)
