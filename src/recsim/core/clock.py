"""The simulated "today" of a scenario (its ``as_of`` date).

Every generated date, deadline and authorization expiry is computed from this
date, never from the machine's clock, so a form is the same on any day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

DEFAULT_AS_OF = date(2026, 3, 2)
"""The simulated today when a scenario gives none."""

_RELATIVE = re.compile(r"([+-])(\d{1,5})([dwmy])")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_relative(text: str, as_of: date) -> date:
    """Resolve ``-10d``, ``+3w``, ``+6m`` or ``-1y`` against ``as_of``.

    Months count 30 days and years 365: scenario authors write offsets to place
    a date before or after a deadline, not to land on a calendar day.
    """
    match = _RELATIVE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a relative date such as -10d, +3w, +6m or -1y")
    sign, amount, unit = match.groups()
    days = int(amount) * _UNIT_DAYS[unit]
    return as_of + timedelta(days=days if sign == "+" else -days)


def age_on(birth: date, on: date) -> int:
    """Age in completed years on a given day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (28 February for a 29 February start)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
