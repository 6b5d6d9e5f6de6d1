"""Which clock a time limit runs on: working time, or the wall clock.

``working``: only time with recsim open counts, so a trainee who closes recsim
finds the same time left (the practice default). ``wall``: the limit runs from
the start of the attempt whether recsim is open or not, as an exam in a room
would (the exam default). docs/instructors.md explains the choice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

ClockMode = Literal["wall", "working"]
BEFORE_CLOCKS: ClockMode = "working"
"""How attempts and results files from before ``clock`` existed were timed."""


def default_clock(mode: str) -> ClockMode:
    """The clock a scenario runs on when it names none: wall for exams, working for practice."""
    return "wall" if mode == "exam" else "working"


def clock_mode(value: object) -> ClockMode:
    """A recorded clock mode; anything else (an old attempt's missing value) is working time."""
    return "wall" if value == "wall" else BEFORE_CLOCKS


def used_seconds(mode: ClockMode, *, elapsed: float, started_at: datetime, now: datetime) -> float:
    """Seconds counted against the limit: working time, or wall time since the start.

    On the wall clock, working time still counts when it is larger (a clock set back
    during the attempt must not give more time).
    """
    if mode == "working":
        return elapsed
    return max(elapsed, (now - started_at).total_seconds())
