"""A trainee's progress across every attempt in the store: mastery per topic and per exam
domain over time, time per item, and the weakest topics.

Mastery is the share of a topic's findings the trainee got right (a partial counts half);
it is read from the scorecards saved with submitted attempts.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from recsim.core.seeds import normalize_trainee
from recsim.core.storage import AttemptRow
from recsim.core.store import Store
from recsim.session.domains import domain_title, domains_file, kind_of_item, topic_domains
from recsim.session.errors import UserError
from recsim.session.topics import topic_words

CREDIT = {"correct": 1.0, "partial": 0.5}
"""What each outcome counts toward mastery (every other outcome counts nothing)."""

WEAKEST = 5
"""How many weakest topics are listed."""

PRODUCTIVITY_NOTE = (
    "recsim knows of no published productivity standard for training items; "
    "compare with the target your instructor or employer sets"
)


@dataclass(frozen=True)
class Outcome:
    """One submitted attempt, as progress needs it."""

    attempt: str
    scenario: str
    submitted_at: str
    elapsed: float
    answered: int
    findings: list[tuple[str, str, float]]
    """(kind, topic, credit) of each finding."""


@dataclass
class Tally:
    """Credit over a number of findings."""

    credit: float = 0.0
    count: int = 0

    def add(self, credit: float) -> None:
        self.credit += credit
        self.count += 1

    @property
    def mastery(self) -> float:
        return round(100 * self.credit / self.count, 1) if self.count else 0.0


@dataclass
class Progress:
    """Mastery by topic and by domain, over a trainee's attempts in time order."""

    trainee: str
    outcomes: list[Outcome]
    topics: dict[tuple[str, str], Tally] = field(default_factory=dict)
    domains: dict[str, Tally] = field(default_factory=dict)
    history: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    """Domain -> (date, mastery in that attempt) for each attempt that touched it."""

    def weakest(self, count: int = WEAKEST) -> list[tuple[str, str]]:
        """The (kind, topic) pairs with the lowest mastery, most findings first among equals."""
        ranked = sorted(self.topics.items(), key=lambda pair: (pair[1].mastery, -pair[1].count))
        return [pair for pair, tally in ranked if tally.mastery < 100][:count]

    @property
    def seconds_per_item(self) -> float | None:
        answered = sum(o.answered for o in self.outcomes)
        seconds = sum(o.elapsed for o in self.outcomes)
        return seconds / answered if answered and seconds > 0 else None


def outcome_of(row: AttemptRow) -> Outcome | None:
    """A submitted attempt's findings from its saved results (None if it has none)."""
    if row.status != "submitted" or not row.results_json:
        return None
    try:
        document = json.loads(row.results_json)
        card = document["scorecard"]
        findings = [
            (kind_of_item(f["item"]), f["topic"], CREDIT.get(f["outcome"], 0.0))
            for f in card["findings"]
        ]
        answered = int(card.get("items_answered", len(document.get("answers", {}))))
    except (ValueError, KeyError, TypeError):
        return None  # a damaged copy: recsim grade reports it; progress leaves it out
    submitted = row.submitted_at or row.started_at
    return Outcome(row.id, row.scenario_title, submitted, row.elapsed, answered, findings)


def trainee_rows(store: Store, trainee: str) -> tuple[str, list[AttemptRow]]:
    """The trainee's attempts, oldest first; with no name, the store's one trainee.

    Raises :class:`UserError` when no name is given and the store holds several trainees.
    """
    if not trainee:
        names = sorted({str(row["trainee"]) for row in store.summaries() if row["trainee"]})
        if len(names) > 1:
            raise UserError(
                f"this attempt store holds {len(names)} trainees ({', '.join(names[:5])}"
                f"{', ...' if len(names) > 5 else ''}); name one with --trainee NAME",
                status=2,
            )
        trainee = names[0] if names else ""
    key = normalize_trainee(trainee)
    # Only this trainee's rows, results and all: a class's shared store holds everyone's.
    mine = [
        _attempt_row(found)
        for found in store.read("SELECT * FROM attempts WHERE trainee_key = ?", (key,))
    ]
    # The name as the trainee typed it when playing, not as it was given here.
    trainee = mine[0].trainee if mine else trainee
    return trainee, sorted(mine, key=lambda row: (row.submitted_at or row.started_at, row.id))


def _attempt_row(found: sqlite3.Row) -> AttemptRow:
    columns = found.keys()  # a Row iterates over its values, not its column names
    values = {name: found[name] for name in columns if name in AttemptRow.__dataclass_fields__}
    if isinstance(values.get("results_json"), bytes):  # saved as a blob (Store.save_results)
        values["results_json"] = values["results_json"].decode("utf-8", errors="replace")
    return AttemptRow(**values)


def progress_of(store: Store, trainee: str) -> Progress:
    """A trainee's progress over every submitted attempt in the store."""
    name, rows = trainee_rows(store, trainee)
    outcomes = [o for o in map(outcome_of, rows) if o is not None]
    progress = Progress(name, outcomes)
    for outcome in outcomes:
        this_attempt: dict[str, Tally] = defaultdict(Tally)
        for kind, topic, credit in outcome.findings:
            progress.topics.setdefault((kind, topic), Tally()).add(credit)
            for domain in topic_domains(kind, topic):
                progress.domains.setdefault(domain, Tally()).add(credit)
                this_attempt[domain].add(credit)
        for domain, tally in this_attempt.items():
            progress.history.setdefault(domain, []).append(
                (outcome.submitted_at[:10], tally.mastery)
            )
    return progress


def progress_json(progress: Progress, *, target_per_hour: float | None = None) -> dict[str, Any]:
    """The progress as ``recsim progress --json`` prints it."""
    file = domains_file()
    per_item = progress.seconds_per_item
    return {
        "trainee": progress.trainee,
        "attempts": len(progress.outcomes),
        "domains": [
            {
                "id": domain,
                "exam": file.domains[domain].exam,
                "title": domain_title(domain),
                "findings": tally.count,
                "mastery": tally.mastery,
                "history": [{"date": d, "mastery": m} for d, m in progress.history[domain]],
            }
            for domain in file.domains
            if (tally := progress.domains.get(domain)) is not None
        ],
        "not_practised": [domain for domain in file.domains if domain not in progress.domains],
        "topics": [
            {
                "kind": kind,
                "topic": topic,
                "title": topic_words(topic),
                "findings": tally.count,
                "mastery": tally.mastery,
                "domains": list(topic_domains(kind, topic)),
            }
            for (kind, topic), tally in sorted(progress.topics.items())
        ],
        "weakest": [
            {"kind": k, "topic": t, "title": topic_words(t)} for k, t in progress.weakest()
        ],
        "time": {
            "seconds_per_item": None if per_item is None else round(per_item, 1),
            "items_per_hour": None if per_item is None else round(3600 / per_item, 1),
            "target_per_hour": target_per_hour,
            "note": PRODUCTIVITY_NOTE,
        },
        "outlines": [exam.outline for exam in file.exams.values()],
    }


def domain_mastery(findings: Iterable[tuple[str, str, str]]) -> dict[str, Tally]:
    """Domain -> the credit of the findings (item id, topic, outcome) in it."""
    tallies: dict[str, Tally] = {}
    for item_id, topic, outcome in findings:
        for domain in topic_domains(kind_of_item(item_id), topic):
            tallies.setdefault(domain, Tally()).add(CREDIT.get(outcome, 0.0))
    return tallies
