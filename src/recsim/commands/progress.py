"""``recsim progress``: a trainee's mastery per topic and per exam domain, from the store."""

from __future__ import annotations

import argparse
from typing import Any

from recsim.commands.common import UserError, print_json, store_option, trainee_argument
from recsim.session.terminal import TerminalRequest


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    progress = commands.add_parser(
        "progress",
        help="your mastery per topic and per CCA/RHIT exam domain, over all your attempts",
        description="How ready you are, from every attempt you submitted: mastery (the share of "
        "findings you got right) per topic and per exam content domain over time, your time "
        "per item, and your weakest topics.",
    )
    progress.add_argument("--trainee", default="", metavar="NAME", help="whose progress")
    progress.add_argument(
        "--json", action="store_true", help="print the progress as JSON instead of as text"
    )
    progress.add_argument(
        "--per-hour",
        type=float,
        metavar="N",
        help="the items per hour your instructor or employer expects (shown beside yours)",
    )
    store_option(progress)
    progress.set_defaults(run=run_progress)


def run_progress(args: argparse.Namespace) -> int | TerminalRequest:
    """Print the progress as JSON or as text (the terminal UI's results screen opens it too)."""
    from recsim.commands.results import existing_store
    from recsim.session.progress import progress_json, progress_of

    trainee = trainee_argument(args.trainee)
    if args.per_hour is not None and not 0 < args.per_hour <= 1000:
        raise UserError(f"--per-hour {args.per_hour:g}: give a number from 0 to 1000", status=2)
    store = existing_store(args)
    if store is None:
        if args.json:
            print_json({"trainee": trainee, "attempts": 0, "domains": [], "topics": []})
            return 0
        print("No attempts yet: play a scenario first, then come back to see your progress.")
        return 0
    try:
        refuse_unknown_trainee(store, trainee)
        data = progress_json(progress_of(store, trainee), target_per_hour=args.per_hour)
    finally:
        store.close()
    if args.json:
        print_json(data)
        return 0
    _print(data)
    return 0


def refuse_unknown_trainee(store: Any, trainee: str) -> None:
    """A name no attempt in the store was played under is most likely mistyped: say so, and
    whose attempts the store holds, rather than report no progress and nothing missed."""
    from recsim.core.seeds import normalize_trainee

    names = sorted({str(row["trainee"]) for row in store.summaries() if row["trainee"]})
    if not trainee or not names:
        return
    if normalize_trainee(trainee) not in {normalize_trainee(name) for name in names}:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        raise UserError(
            f"--trainee {trainee}: no attempt in this attempt store was played under that name "
            f"(it holds {shown}); check the spelling"
        )


def _print(data: dict[str, Any]) -> None:
    from recsim.commands.report import bar

    attempts = f"{data['attempts']} attempt" + ("" if data["attempts"] == 1 else "s")
    print(f"Progress of {data['trainee'] or '(no name)'}: {attempts} submitted")
    if not data["domains"]:
        print("Nothing scored yet: submit an attempt first.")
        return
    for domain in data["domains"]:
        row = f"  {bar(domain['mastery'], '█░', 10)} {domain['mastery']:5.1f}%  "
        _say(row + domain["title"], indent=len(row))
    if data["not_practised"]:
        from recsim.session.domains import domain_title

        _say("Not practised yet: " + "; ".join(map(domain_title, data["not_practised"])))
    if data["weakest"]:
        _say("Weakest topics: " + "; ".join(t["title"] for t in data["weakest"]))
        print("Practise them: recsim practice")
    time = data["time"]
    if time["seconds_per_item"] is not None:
        line = f"Time: {time['seconds_per_item'] / 60:.1f} min per item"
        line += f" ({time['items_per_hour']:g} per hour)"
        if time["target_per_hour"]:
            line += f"; target {time['target_per_hour']:g} per hour"
        _say(line + f". {time['note'][:1].upper()}{time['note'][1:]}.")
    _say("Domains from: " + "; ".join(data["outlines"]))


def _say(text: str, *, indent: int = 0) -> None:
    """Print a long line wrapped between words at the terminal's width (at least 60), its
    later lines indented by ``indent``."""
    import shutil
    import textwrap

    width = max(60, shutil.get_terminal_size((80, 24)).columns)
    print(
        textwrap.fill(
            text,
            width,
            subsequent_indent=" " * indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    )
