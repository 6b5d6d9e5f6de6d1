"""Tamper evidence: does a results file hold together?

Each check looks at one thing a trainee (or an accident) could change: the
digest over the whole file, the hash chain of events, the answers and the
access audit trail against the events that recorded them, the timestamps and
the working time, and the stored scorecard against a fresh regrade. Each
failure is one :class:`Flag` with a sentence for the instructor.

What this proves, and what it cannot on a trainee's own machine, is in
docs/instructors.md ("What tamper evidence can and cannot prove").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from recsim import __version__
from recsim.core.events import GENESIS, canonical, chain_digest, content_digest
from recsim.core.grading.document import ResultsEvent, ResultsFile
from recsim.core.scoring import Scorecard
from recsim.core.timelimit import ClockMode, clock_mode, used_seconds

FlagCode = Literal[
    "digest",
    "chain",
    "identity",
    "answers_edited",
    "trail_edited",
    "timestamps",
    "late",
    "scorecard",
    "scenario_changed",
    "scenario_missing",
    "answers_unfit",
    "duplicate",
    "not_on_roster",
    "past_due",
]

LATE_GRACE_SECONDS = 5.0
"""An answer saved this soon after the time limit is not late: the screen that closes the
exam checks the timer about once a second, and saving takes a moment."""
CLOCK_TOLERANCE = timedelta(seconds=5)
"""Wall-clock slack: the submission time and the submit event are read a moment apart."""
ELAPSED_TOLERANCE = 0.05
"""Working time is saved to a tenth of a second."""


@dataclass(frozen=True, slots=True)
class Flag:
    """One reason not to take a results file at face value."""

    code: FlagCode
    """Stable short code (CSV and JSON exports, scripts)."""
    message: str
    """One sentence for the instructor."""


def check_evidence(results: ResultsFile) -> list[Flag]:
    """Every check that needs only the file (the scorecard check needs a regrade)."""
    checks: tuple[Callable[[ResultsFile], Flag | None], ...] = (
        _digest,
        _chain,
        _identity,
        _answers,
        _trail,
        _timestamps,
        _late,
    )
    return [flag for check in checks if (flag := check(results)) is not None]


def scorecard_flag(
    stored: Mapping[str, Any], regraded: Scorecard, *, written_by: str
) -> Flag | None:
    """A flag when the scorecard in the file is not what its answers score now."""
    fresh = regraded.model_dump(mode="json")
    if _summary(stored) == _summary(fresh):
        return None
    said = stored.get("overall")
    if (
        isinstance(said, int | float)
        and not isinstance(said, bool)
        and round(said, 2) != regraded.overall
    ):
        message = (
            f"the scorecard in the file says {said:.1f}% "
            f"but its answers score {regraded.overall:.1f}%"
        )
    else:
        message = "the scorecard in the file does not match its answers (the findings differ)"
    if written_by != __version__:
        message += (
            f"; the file was written by recsim {written_by} and this is {__version__}: forms "
            f"and scoring may have changed between them, so grade it with recsim {written_by} "
            "(docs/instructors.md, 'Upgrading recsim during a term')"
        )
    return Flag("scorecard", message)


def past_due_flag(submitted_at: datetime | None, due: datetime | None) -> Flag | None:
    """A ``past_due`` flag when the results were submitted after the scenario's due time.

    Whole minutes count: a file submitted within the minute of the due time is on time.
    """
    if submitted_at is None or due is None:
        return None
    minutes = int((submitted_at - due).total_seconds() // 60)
    if minutes < 1:
        return None
    return Flag(
        "past_due",
        f"submitted {lateness_words(minutes)} after the due time "
        f"({due.isoformat(timespec='minutes')})",
    )


def lateness_words(minutes: int) -> str:
    """How late, for people: ``45 min``, ``2 h 15 min``, ``3 days 4 h``."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        day_words = f"{days} day{'s' if days != 1 else ''}"
        return f"{day_words} {hours} h" if hours else day_words
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def item_order(item_id: str) -> tuple[str, int, str]:
    """Sort key that puts audit-2 before audit-10."""
    found = re.fullmatch(r"(.*?)(\d+)", item_id)
    return (found.group(1), int(found.group(2)), "") if found else (item_id, -1, item_id)


def duration_text(seconds: float) -> str:
    """Working time for people: ``7m05s``, ``1h02m``."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m{secs:02d}s"


# the checks --------------------------------------------------------------------


def _digest(results: ResultsFile) -> Flag | None:
    if content_digest(results.raw) == results.raw["digest"]:
        return None
    return Flag(
        "digest",
        "the file's digest does not match its content: it was changed after recsim wrote it",
    )


def _chain(results: ResultsFile) -> Flag | None:
    events: list[dict[str, Any]] = results.raw["events"]
    if not events:
        return Flag("chain", "the file has no event log")
    previous = GENESIS
    for position, event in enumerate(events, start=1):
        if event["seq"] != position:
            return Flag(
                "chain",
                f"event {position} is numbered {event['seq']}: events were removed or reordered",
            )
        expected = chain_digest(
            previous, event["seq"], event["at"], event["type"], event["item"], event["data"]
        )
        if expected != event["digest"]:
            return Flag(
                "chain",
                f"the event chain breaks at event {position} ({event['type']}): "
                "an event was edited, removed or reordered",
            )
        previous = event["digest"]
    if events[0]["type"] != "start":
        return Flag("chain", "the event log does not begin with the start of the attempt")
    if events[-1]["type"] != "submit":
        return Flag("chain", "the event log does not end with the submission")
    return None


def _identity(results: ResultsFile) -> Flag | None:
    document = results.document
    start = document.events[0] if document.events else None
    if start is None or start.type != "start":
        return None  # the chain check already says so
    claims = {"scenario": document.scenario.id, "trainee": document.trainee, "seed": document.seed}
    for name, claimed in claims.items():
        recorded = start.data.get(name)
        if recorded != claimed:
            return Flag(
                "identity",
                f"the file names {name} {claimed!r}, but the attempt was started "
                f"with {name} {recorded!r}",
            )
    started_on = clock_mode(start.data.get("clock"))  # attempts before clocks: working time
    if started_on != document.clock:
        return Flag(
            "identity",
            f"the file says the time limit ran on {document.clock} time, but the attempt was "
            f"started on {started_on} time (the late check depends on it)",
        )
    return None


def _answers(results: ResultsFile) -> Flag | None:
    document = results.document
    recorded: dict[str, Any] = {}
    for event in document.events:
        if event.type == "answer" and event.item is not None:
            recorded[event.item] = event.data.get("answer")
    differing = sorted(
        (
            item
            for item in set(recorded) | set(document.answers)
            if canonical(recorded.get(item)) != canonical(document.answers.get(item))
        ),
        key=item_order,
    )
    if not differing:
        return None
    shown = ", ".join(differing[:5]) + (
        f" and {len(differing) - 5} more" if len(differing) > 5 else ""
    )
    noun = "the answer to" if len(differing) == 1 else "the answers to"
    return Flag(
        "answers_edited", f"{noun} {shown} differ from the answers recorded as they were given"
    )


def _trail(results: ResultsFile) -> Flag | None:
    recorded = [
        {
            "mrn": event["data"].get("mrn"),
            "reason": event["data"].get("reason", ""),
            "item": event["item"],
            "at": event["at"],
        }
        for event in results.raw["events"]
        if event["type"] == "open_record"
    ]
    if canonical(recorded) == canonical(results.raw["opened"]):
        return None
    return Flag(
        "trail_edited",
        "the list of charts opened differs from the chart openings recorded as "
        "they happened (the access audit trail is scored)",
    )


def _timestamps(results: ResultsFile) -> Flag | None:
    document = results.document
    if document.submitted_at is None:
        return Flag("timestamps", "the file has no submission time")
    previous: ResultsEvent | None = None
    for event in document.events:
        elapsed = _elapsed(event)
        if elapsed is None:
            return Flag("timestamps", f"event {event.seq} ({event.type}) has no working time")
        if event.at < document.started_at - CLOCK_TOLERANCE:
            return Flag(
                "timestamps",
                f"event {event.seq} ({event.type}) is dated before the attempt started",
            )
        if event.at > document.submitted_at + CLOCK_TOLERANCE:
            return Flag(
                "timestamps", f"event {event.seq} ({event.type}) is dated after the submission"
            )
        if previous is not None:
            if event.at < previous.at - CLOCK_TOLERANCE:
                return Flag(
                    "timestamps",
                    f"event {event.seq} ({event.type}) is dated before event "
                    f"{previous.seq}, which it follows",
                )
            before = _elapsed(previous)
            if before is not None and elapsed < before - ELAPSED_TOLERANCE:
                return Flag(
                    "timestamps",
                    f"the working time goes backwards at event {event.seq} ({event.type})",
                )
        previous = event
    last = _elapsed(previous) if previous is not None else None
    if last is not None and abs(last - document.elapsed_seconds) > ELAPSED_TOLERANCE:
        return Flag(
            "timestamps",
            f"the time taken in the file ({duration_text(document.elapsed_seconds)}) "
            f"differs from the event log ({duration_text(last)})",
        )
    return None


def _late(results: ResultsFile) -> Flag | None:
    document = results.document
    limit = document.time_limit_seconds
    if limit is None:
        return None
    late = [
        (event.item, used)
        for event in document.events
        if event.type == "answer"
        and (elapsed := _elapsed(event)) is not None
        and (used := _used(document.clock, elapsed, event.at, document.started_at))
        > limit + LATE_GRACE_SECONDS
    ]
    if not late:
        return None
    item, used = late[0]
    count = "an answer was" if len(late) == 1 else f"{len(late)} answers were"
    when = "of working time" if document.clock == "working" else "after the start"
    return Flag(
        "late",
        f"{count} saved after the {duration_text(limit)} time limit (first: {item} at "
        f"{duration_text(used)} {when}); the score counts them",
    )


def _used(clock: ClockMode, elapsed: float, at: datetime, started_at: datetime) -> float:
    """Seconds of the limit used at an event, on the clock the attempt ran on."""
    return used_seconds(clock, elapsed=elapsed, started_at=started_at, now=at)


def _elapsed(event: ResultsEvent) -> float | None:
    value = event.data.get("elapsed")
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        return None
    return float(value)


def _summary(card: Mapping[str, Any]) -> Any:
    """What must agree between two scorecards: numbers and outcomes, not the feedback wording."""
    try:
        return (
            round(float(card["overall"]), 2),
            bool(card["passed"]),
            int(card["items_total"]),
            int(card["items_answered"]),
            sorted(
                (name, round(float(score["earned"]), 4), round(float(score["possible"]), 4))
                for name, score in card["categories"].items()
            ),
            [
                (
                    f["item"],
                    f["topic"],
                    f["outcome"],
                    round(float(f["earned"]), 4),
                    round(float(f["possible"]), 4),
                )
                for f in card["findings"]
            ],
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # a malformed scorecard never matches
