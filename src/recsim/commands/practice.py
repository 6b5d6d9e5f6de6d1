"""``recsim practice``: today's practice set, made from the topics due across all attempts."""

from __future__ import annotations

import argparse
from datetime import date

from recsim.commands.common import UserError, print_json, store_option, trainee_argument
from recsim.session.terminal import TerminalRequest


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    practice = commands.add_parser(
        "practice",
        help="practise today's topics: what you missed, spaced over days",
        description="Builds today's practice from every attempt you submitted: the topics you "
        "missed, most-missed first, each coming back after 1, 2, 4, 8 and then 16 days as "
        "you get it right (a miss brings it back tomorrow). Come back each day.",
    )
    practice.add_argument("--trainee", default="", metavar="NAME", help="whose practice")
    practice.add_argument(
        "--json", action="store_true", help="print today's plan as JSON instead of playing it"
    )
    practice.add_argument(
        "--on",
        metavar="DATE",
        help="plan as of this date (YYYY-MM-DD) instead of today, e.g. to see what comes next",
    )
    store_option(practice)
    practice.set_defaults(run=run_practice)


def run_practice(args: argparse.Namespace) -> int | TerminalRequest:
    """Print the plan, or play its first practice set in the terminal UI."""
    from recsim.commands.progress import refuse_unknown_trainee
    from recsim.commands.results import existing_store
    from recsim.session.daily import daily_plan, plan_json, write_set

    trainee = trainee_argument(args.trainee)
    today = _day(args.on)
    store = existing_store(args)
    if store is None:
        if args.json:
            print_json({"trainee": trainee, "today": today.isoformat(), "due": [], "sets": []})
        else:
            print("Nothing to practise yet: play a scenario first; what you miss comes back here.")
        return 0
    try:
        refuse_unknown_trainee(store, trainee)
        plan = daily_plan(store, trainee, today)
        if args.json:
            print_json(plan_json(plan))
            return 0
        playable = [s for s in plan.sets if s.document is not None]
        if not playable:
            print(_nothing_due(plan))
            return 0
        path = write_set(playable[0])
    finally:
        store.close()
    return TerminalRequest(
        store=getattr(args, "store", None), scenario_path=path, trainee=plan.trainee
    )


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--on {text}: not a date; write it like 2026-03-09 (year, month, day)", status=2
        ) from None


def _nothing_due(plan: object) -> str:
    from recsim.session.daily import DailyPlan
    from recsim.session.topics import topic_words

    assert isinstance(plan, DailyPlan)
    if plan.due:
        return (
            "The topics due today ("
            + ", ".join(topic_words(b.topic) for b in plan.due)
            + ") cannot be made into fresh items: their scenario files have moved or changed."
        )
    if plan.later:
        first = plan.later[0]
        return (
            f"Nothing is due today. Next: {topic_words(first.topic)} on "
            f"{first.due.isoformat()}. Come back then."
        )
    return "Nothing to practise: you have missed nothing yet."
