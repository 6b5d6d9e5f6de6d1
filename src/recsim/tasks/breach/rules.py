"""The Breach Notification Rule applied to an incident's paperwork: the key and its deadlines.

Pure functions of the archetype and the paperwork, so that moving a date in the
paperwork moves every deadline with it (tests/tasks/test_breach_deadlines.py).
"""

from __future__ import annotations

from datetime import date, timedelta

from recsim.tasks.breach.content import ArchetypeEntry, Days, breach_content
from recsim.tasks.breach.models import BreachKey, BreachView, Hold, Recipient, Substitute


def hold_end(hold: Hold | None, days: Days) -> date | None:
    """The last day of a law-enforcement hold (45 CFR 164.412(a) written, (b) oral)."""
    if hold is None:
        return None
    if hold.form == "written" and hold.until is not None:
        return hold.until
    return hold.on + timedelta(days=days.oral_hold)


def annual_log_due(discovered: date, days: Days) -> date:
    """When HHS gets the log of a year's small breaches: 60 days after that year ends
    (45 CFR 164.408(c))."""
    return date(discovered.year, 12, 31) + timedelta(days=days.annual_log)


def substitute_for(missing: int, days: Days) -> Substitute:
    """The substitute notice for ``missing`` individuals without contact details (164.404(d)(2))."""
    if missing == 0:
        return "none"
    return "other_written_or_phone" if missing < days.substitute_threshold else "website_or_media"


def key_for(archetype: str, entry: ArchetypeEntry, view: BreachView) -> BreachKey:
    """The key of an incident: each step's answer and each notice's deadline."""
    common = {"archetype": archetype, "discovered": view.discovered}
    if entry.secured is not None:
        return BreachKey(**common, unsecured=False)
    if entry.exception != "none":
        return BreachKey(**common, unsecured=True, exception=entry.exception)
    if entry.risk != "presumed_breach":
        return BreachKey(**common, unsecured=True, exception="none", risk=entry.risk)
    days = breach_content().days
    hold = hold_end(view.law_enforcement, days)

    def by(deadline: date) -> date:
        # 164.412 suspends every notice until the hold ends; the 60-day limit still binds
        # when the hold ends first (recsim's reading; docs/privacy.md, "Breach response").
        return deadline if hold is None else max(deadline, hold)

    within = by(view.discovered + timedelta(days=days.notify))
    if entry.role == "business_associate":
        notices: dict[Recipient, date] = {"covered_entity": within}
        return BreachKey(
            **common,
            unsecured=True,
            exception="none",
            risk=entry.risk,
            notices=notices,
            hold_until=hold,
        )
    notices = {"individuals": within}
    media = [s.state for s in view.affected if s.count > days.media_threshold]
    if media:
        notices["media"] = within
    if view.total >= days.secretary_threshold:
        notices["secretary_now"] = within
    else:
        notices["secretary_annual_log"] = by(annual_log_due(view.discovered, days))
    return BreachKey(
        **common,
        unsecured=True,
        exception="none",
        risk=entry.risk,
        notices=notices,
        media_states=media,
        substitute=substitute_for(view.missing_contact, days),
        hold_until=hold,
    )
