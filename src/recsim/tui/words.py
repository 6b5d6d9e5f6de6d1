"""How the UI names things: statuses, outcomes, durations and chart fields.

Every status and outcome has a symbol *and* a word, so meaning never rests on
colour alone. Pure functions, no Textual: the tests and the benchmark use them too.
"""

from __future__ import annotations

import math

STATUS = {
    "new": ("○", "new"),
    "in_progress": ("◐", "in progress"),
    "done": ("●", "done"),
    # not ⚑: that marks a flagged chart field; this is the trainee's note to come back
    "flagged": ("↩", "for review"),
}
"""Queue status -> (symbol, word)."""

OUTCOME = {
    "correct": ("✔", "correct"),
    "partial": ("◑", "partly right"),
    "missed": ("✘", "missed"),
    "false_alarm": ("✘", "false alarm"),
    "violation": ("✘", "violation"),
}
"""Finding outcome -> (symbol, word)."""
CODING_OUTCOME = {"false_alarm": ("✘", "not accepted"), "violation": ("✘", "not accepted")}
"""A coding penalty is an extra, invalid or edit-tripping code: its topic and feedback say which
("Extra code", "Claim edit"), so the outcome avoids the audit and privacy words."""


KIND_WORK = {
    "audit": "chart audit",
    "coding": "ICD-10-CM coding",
    "release": "release of information",
    "deidentify": "de-identification",
    "duplicates": "duplicate patients",
    "deficiency": "deficiency analysis",
    "claims": "claim review",
    "drg_validation": "DRG validation",
    "analysis": "health statistics",
    "rights": "patient-rights requests",
    "breach": "breach response",
}
"""Task kind -> the work it is, as the picker names it (a kind not listed shows its name)."""


def work_text(kinds: tuple[str, ...]) -> str:
    """``chart audit, ICD-10-CM coding``: the kinds of work a scenario holds, each once.

    Interruptions (traps) are left out: they are meant to come unannounced.
    """
    named = [KIND_WORK.get(kind, kind) for kind in dict.fromkeys(kinds) if kind != "trap"]
    return ", ".join(named)


def points_number(points: float) -> str:
    """``0.77``, ``4.62``, ``10``: points to at most two decimals, the zeros after them dropped.

    Shares of an item's points (de-identification splits them among identifiers) are long
    fractions; ``0.7692 of 4.6154`` reads as a precision no one asked for.
    """
    text = f"{points:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def status_text(status: str) -> str:
    """``● done``: the symbol and the word of a queue status."""
    symbol, word = STATUS.get(status, ("?", status))
    return f"{symbol} {word}"


def outcome_text(outcome: str, category: str | None = None) -> str:
    """``✔ correct``: the symbol and the word of a finding's outcome (in the category's words)."""
    words = {**OUTCOME, **CODING_OUTCOME} if category == "coding" else OUTCOME
    symbol, word = words.get(outcome, ("?", outcome))
    return f"{symbol} {word}"


def clock_text(seconds: float) -> str:
    """Time left as ``19:42`` or ``1:05:03`` (rounded up: 0:00 only when time is really up)."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_text(seconds: int | None) -> str:
    """A time limit in words: ``20 minutes``, ``1 hour 30 minutes``, or ``no time limit``."""
    if not seconds:
        return "no time limit"
    hours, minutes = divmod(seconds // 60, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    return " ".join(parts)


def count(number: int, noun: str, plural: str | None = None) -> str:
    """``1 item``, ``3 items``."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
