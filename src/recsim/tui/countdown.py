"""An attempt's clock as the trainee meets it: the timer saved now and then, warnings, time up.

The app counts the seconds and shows what :meth:`Countdown.second` says; the clock
itself (time used, time left) is the attempt's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

    from recsim.core.attempt import Attempt

TICK_EVERY = 5
"""Seconds between saves of the timer (answers are saved at once, whatever this says)."""
WARNINGS = (300, 60)
"""Seconds left at which an exam warns the trainee."""


@dataclass(frozen=True)
class Notice:
    """Something the clock tells the trainee."""

    text: str
    warning: bool = False
    """Shown as a warning (time running short), not as plain information."""


TIME_UP: Final = Notice("")
"""An exam's time has run out: the attempt is submitted as it stands (the results say why)."""


@dataclass
class Countdown:
    """The seconds an attempt has been open in this run, and the warnings already given."""

    seconds: int = 0
    warned: set[int] = field(default_factory=set)
    """Thresholds (seconds left) already announced; 0 once the time is up."""

    def second(self, attempt: Attempt) -> Iterator[Notice]:
        """Count one more second of ``attempt``: what to tell the trainee now (often nothing).

        Every :data:`TICK_EVERY` seconds the timer is saved, so a crash loses at most that
        much. An exam's time up yields :data:`TIME_UP`; practice only says it.
        """
        self.seconds += 1
        if self.seconds % TICK_EVERY == 0:
            attempt.tick()
        remaining = attempt.remaining()
        if remaining is None:
            return
        for threshold in WARNINGS:
            if remaining <= threshold and threshold not in self.warned and remaining > 0:
                self.warned.add(threshold)
                minutes = threshold // 60
                yield Notice(f"{minutes} minute{'s' if minutes != 1 else ''} left.", warning=True)
        if remaining <= 0 and 0 not in self.warned:
            self.warned.add(0)
            if attempt.practice:
                yield Notice("The suggested time is up. This is practice, so you can keep working.")
            else:
                yield TIME_UP
