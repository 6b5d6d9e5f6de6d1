"""The daily practice set (``recsim practice``): the topics due today across every attempt
in the store, most-missed first, made into practice sets from where they were missed.

Before planning, every submitted attempt not yet counted moves its topics in the
Leitner schedule (:mod:`recsim.core.schedule`), so coming back each day finds what is due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from recsim.core.scenario import InvalidFile
from recsim.core.schedule import Box, boxes, count_attempt, counted
from recsim.core.seeds import normalize_trainee
from recsim.core.store import Store
from recsim.session.checks import load_checked
from recsim.session.practice import (
    build_practice,
    practice_folder,
    practice_path,
    practice_seed,
    write_practice,
)
from recsim.session.progress import outcome_of, trainee_rows
from recsim.session.topics import topic_words

MOST_TOPICS = 6
"""Topics in one day's practice, at most."""


@dataclass
class PracticeSet:
    """One practice set of the day: the topics due that were missed in one scenario."""

    source: str
    """The attempt the topics were last missed in."""
    scenario: Path
    topics: list[Box]
    path: Path | None = None
    """Where the set is (or would be) written; None when no fresh item tests its topics."""
    document: dict[str, Any] | None = None


@dataclass
class DailyPlan:
    """What is due today, and the practice sets made of it."""

    trainee: str
    today: date
    due: list[Box]
    later: list[Box]
    sets: list[PracticeSet] = field(default_factory=list)


def update_schedule(store: Store, trainee: str) -> str:
    """Count every submitted attempt of the trainee not yet in the schedule, oldest first;
    returns the trainee's name as they played."""
    name, rows = trainee_rows(store, trainee)
    done = counted(store, [row.id for row in rows])
    for row in rows:
        outcome = outcome_of(row) if row.id not in done else None
        if outcome is None:
            continue
        results: dict[tuple[str, str], bool] = {}
        for kind, topic, credit in outcome.findings:
            results[(kind, topic)] = results.get((kind, topic), True) and credit == 1.0
        day = date.fromisoformat(outcome.submitted_at[:10])
        practice = row.scenario_id.startswith("practice-")
        count_attempt(store, row.trainee_key, row.id, day, results, practice=practice)
    return name


def daily_plan(store: Store, trainee: str, today: date) -> DailyPlan:
    """Today's plan: the due topics (lowest box, then most missed, first) grouped into one
    practice set per attempt they were last missed in (not written yet)."""
    name = update_schedule(store, trainee)
    scheduled = boxes(store, normalize_trainee(name))
    ranked = sorted(scheduled, key=lambda b: (b.due > today, b.box, -b.misses, b.kind, b.topic))
    due = [b for b in ranked if b.due <= today][:MOST_TOPICS]
    later = sorted((b for b in scheduled if b not in due), key=lambda b: (b.due, b.topic))
    plan = DailyPlan(name, today, due, later)
    by_source: dict[str, list[Box]] = {}
    for box in due:
        if box.source is not None:
            by_source.setdefault(box.source, []).append(box)
    for source, topics in by_source.items():
        row = store.attempt(source)
        if row is None:
            continue
        plan.sets.append(_made(store, row, topics, today))
    return plan


def _made(store: Store, row: Any, topics: list[Box], today: date) -> PracticeSet:
    practice = PracticeSet(row.id, Path(row.scenario_path), topics)
    try:
        loaded = load_checked(practice.scenario)
    except (InvalidFile, OSError):
        return practice  # the scenario has moved or changed since: nothing to make it from
    wanted: dict[str, set[str]] = {}
    for box in topics:
        wanted.setdefault(box.kind, set()).add(box.topic)
    # The day and the topics are part of its name (and the day of its seed): the same day and
    # topics give the same set, a day later or other topics due a fresh one.
    listed = ",".join(sorted(f"{b.kind}:{b.topic}" for b in topics))
    key = f"{row.id}@{today.isoformat()}:{listed}"
    path = practice_path(practice_folder(store.path), key, row.trainee, 1)
    document = build_practice(
        loaded,
        row.trainee,
        {kind: frozenset(names) for kind, names in wanted.items()},
        seed=practice_seed(row.seed, today.toordinal()),
        path=path,
    )
    if document is not None:
        practice.path, practice.document = path, document
    return practice


def write_set(practice: PracticeSet) -> Path | None:
    """Write a planned set to its file (once) and return where it is."""
    if practice.path is None or practice.document is None:
        return None
    if not practice.path.exists():
        write_practice(practice.path, practice.document)
    return practice.path


def plan_json(plan: DailyPlan) -> dict[str, Any]:
    """The plan as ``recsim practice --json`` prints it."""

    def topic(box: Box) -> dict[str, Any]:
        return {
            "kind": box.kind,
            "topic": box.topic,
            "title": topic_words(box.topic),
            "box": box.box,
            "due": box.due.isoformat(),
            "misses": box.misses,
        }

    return {
        "trainee": plan.trainee,
        "today": plan.today.isoformat(),
        "due": [topic(b) for b in plan.due],
        "sets": [
            {
                "from_attempt": s.source,
                "scenario": str(s.scenario),
                "topics": [b.topic for b in s.topics],
                "practice_file": None if s.path is None else str(s.path),
                "items": [] if s.document is None else s.document["practice"]["items"],
            }
            for s in plan.sets
        ],
        "later": [topic(b) for b in plan.later],
    }
