"""``recsim results list|show|export``: the attempt store, for instructors and trainees.

The store is the SQLite file every attempt is saved in (``recsim --store PATH``,
$RECSIM_STORE, or the user data folder). ``show`` re-scores a submitted attempt
the way ``recsim grade`` does, so what it shows is never just the saved score.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recsim.commands.access_log import log_json, log_text
from recsim.commands.common import UserError, bundled_folder, print_json, store_option
from recsim.commands.grade import item_by_item, utc_minute
from recsim.commands.output import plain_text, show, table

if TYPE_CHECKING:
    from recsim.core.grading import GradedAttempt
    from recsim.core.store import AttemptRow, Store

STORE_NOTE = (
    "The store is chosen with --store PATH, or $RECSIM_STORE; by default it is "
    "attempts.sqlite3 in the user data folder."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    results = commands.add_parser(
        "results",
        help="list, show or export stored attempts",
        description="Attempts saved in the attempt store. " + STORE_NOTE,
    )
    actions = results.add_subparsers(
        dest="action", metavar="ACTION", title="actions", required=True
    )

    listing = actions.add_parser(
        "list",
        help="every attempt in the store, newest first",
        description="Every attempt, newest first. " + STORE_NOTE,
    )
    _filters(listing)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    store_option(listing)
    listing.set_defaults(run=run_list)

    one = actions.add_parser(
        "show",
        help="one attempt: details, checks and findings item by item",
        description="One attempt. A submitted attempt is re-scored from its "
        "answers and checked as 'recsim grade' does. " + STORE_NOTE,
        epilog="Exit status: 1 when the attempt is flagged, as 'recsim grade' would.",
    )
    one.add_argument("attempt", metavar="ID", help="attempt id, or its first few characters")
    one.add_argument("--json", action="store_true", help="print JSON instead of text")
    store_option(one)
    one.set_defaults(run=run_show)

    export = actions.add_parser(
        "export",
        help="results files of submitted attempts, to a folder or as JSON",
        description="Write the results files of submitted attempts (all of them, or those named) "
        "to a folder to hand in or grade, or print them as JSON. Files are copied exactly as "
        "they were written, so their digests still hold. " + STORE_NOTE,
    )
    export.add_argument(
        "attempts",
        nargs="*",
        metavar="ID",
        help="attempt ids or prefixes (default: every submitted attempt)",
    )
    _filters(export)
    export.add_argument(
        "--to", metavar="FOLDER", help="write one results file per attempt into FOLDER"
    )
    export.add_argument(
        "--json", action="store_true", help="print the results documents as a JSON list"
    )
    store_option(export)
    export.set_defaults(run=run_export)


def _filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trainee", metavar="NAME", help="only this trainee's attempts (case and spacing ignored)"
    )
    parser.add_argument(
        "--scenario", metavar="ID", help="only attempts at the scenario with this id"
    )


# list ------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    store = existing_store(args)
    rows = filtered(store.summaries(), args) if store is not None else []
    if args.json:
        print_json(
            [
                {**row, "passed": None if row["passed"] is None else bool(row["passed"])}
                for row in rows
            ]
        )
        return 0
    if not rows:
        if store is None:
            print(f"No attempts yet: there is no attempt store at {_store_path(args)}.")
        elif args.trainee or args.scenario:
            print(f"No attempts in {_store_path(args)} match.")
        else:
            print(f"No attempts in {_store_path(args)} yet.")
        return 0
    from rich.text import Text

    listing = table()
    listing.add_column("Attempt", no_wrap=True, min_width=8)
    # Names and ids are the columns that give way (wrapping) when the terminal is narrow.
    listing.add_column("Trainee", overflow="ellipsis", min_width=8, max_width=22, ratio=1)
    listing.add_column("Scenario", overflow="ellipsis", min_width=8, max_width=24, ratio=1)
    listing.add_column("Status", no_wrap=True, min_width=11)
    listing.add_column("Score", justify="right", no_wrap=True, min_width=10)
    listing.add_column("Started (UTC)", no_wrap=True, min_width=16)
    for row in rows:
        listing.add_row(
            row["id"][:8],
            Text(plain_text(row["trainee"]) or "(no name)"),
            Text(plain_text(row["scenario_id"])),
            _status(row["status"]),
            _score(row),
            utc_minute(row["started_at"]),
        )
    count = len(rows)
    show(
        listing,
        Text(""),
        Text(
            f"{count} attempt{'s' if count != 1 else ''} in {_store_path(args)}. "
            "Scores are as saved at submission; "
            "'recsim results show ID' and 'recsim grade' re-score them."
        ),
    )
    return 0


def filtered(rows: list[dict[str, Any]], args: argparse.Namespace) -> list[dict[str, Any]]:
    from recsim.core.seeds import normalize_trainee

    if args.trainee:
        wanted = normalize_trainee(args.trainee)
        rows = [row for row in rows if normalize_trainee(row["trainee"]) == wanted]
    if args.scenario:
        rows = [row for row in rows if row["scenario_id"] == args.scenario]
    return rows


# show ------------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    store = open_store(args)
    row = find_attempt(store, args.attempt)
    counts: dict[str, int] = {}
    answered: set[str] = set()
    for event in store.events(row.id):
        counts[event.type] = counts.get(event.type, 0) + 1
        if event.type == "answer" and event.item is not None:
            answered.add(event.item)
    graded = _regraded(row)
    if args.json:
        print_json(
            {
                "attempt": _shown(row),
                "event_counts": counts,
                "items_answered": len(answered),
                "results": json.loads(row.results_json or "null") if graded else None,
                "flags": [{"code": f.code, "message": f.message} for f in graded.flags]
                if graded
                else [],
                "scorecard": graded.card.model_dump(mode="json")
                if graded and graded.card
                else None,
                "access_log": log_json(graded) if graded else [],
            }
        )
    else:
        _print_attempt(row, counts, len(answered), graded)
    return 1 if graded is not None and graded.flags else 0  # as 'recsim grade' does


def _shown(row: AttemptRow) -> dict[str, Any]:
    """The attempt's row as ``show --json`` prints it (not its results, nor which window has it)."""
    hidden = ("results_json", "writer", "writer_seen")
    return {k: v for k, v in asdict(row).items() if k not in hidden}


def _regraded(row: AttemptRow) -> GradedAttempt | None:
    """The attempt's results regraded as ``recsim grade`` would (None while in progress)."""
    if row.status != "submitted" or not row.results_json:
        return None
    from recsim.core.grading import UnreadableResults
    from recsim.core.grading.document import read_results_text
    from recsim.session.regrade import ScenarioFinder, regrade

    where = Path(row.results_path or f"{row.id}.json")
    try:
        results = read_results_text(where, row.results_json)
    except UnreadableResults as error:
        raise UserError(f"attempt {row.id[:8]}: its saved results {error.message}") from None
    return regrade(results, ScenarioFinder(bundled=bundled_folder()))


def _print_attempt(
    row: AttemptRow, counts: dict[str, int], answered: int, graded: GradedAttempt | None
) -> None:
    from rich.text import Text

    from recsim.core.grading import duration_text

    limit = f", time limit {duration_text(row.time_limit)}" if row.time_limit else ""
    details = [
        ("trainee", plain_text(row.trainee) or "(no name)"),
        (
            "scenario",
            f"{plain_text(row.scenario_title)} "
            f"({row.scenario_id}, version {row.content_hash[:12]})",
        ),
        ("scenario file", plain_text(row.scenario_path)),
        ("mode", f"{row.mode}{limit}"),
        ("status", _status(row.status)),
        ("started", utc_minute(row.started_at) + " UTC"),
        ("submitted", utc_minute(row.submitted_at) + " UTC" if row.submitted_at else "-"),
        ("time taken", duration_text(row.elapsed)),
        ("items answered", str(answered)),
        ("events", ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"),
        ("results file", plain_text(row.results_path or "-")),
    ]
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in details:
        grid.add_row(label, Text(value))
    parts: list[Any] = [Text(f"Attempt {row.id}"), Padding(grid, (0, 0, 0, 2))]
    if graded is not None:
        parts += _regrade_lines(graded)
    elif row.status == "in_progress":
        parts.append(
            Text(
                "  Still in progress: it can be resumed from 'recsim play'; it has no results yet."
            )
        )
    show(*parts)


def _regrade_lines(graded: GradedAttempt) -> list[Any]:
    from rich.padding import Padding
    from rich.text import Text

    lines: list[Any] = []
    card = graded.card
    if card is not None:
        verdict = "pass" if card.passed else "FAIL"
        by_category = ", ".join(
            f"{name} {score.percent:.1f}%" for name, score in card.categories.items()
        )
        lines.append(Text(""))
        lines.append(
            Padding(
                Text(
                    f"Score {card.overall:.1f}% {verdict} (pass mark {card.passing_score:g}%), "
                    f"re-scored from the answers: {by_category}"
                ),
                (0, 0, 0, 2),
            )
        )
    for flag in graded.flags:
        lines.append(Padding(Text(f"flag {flag.code}: {plain_text(flag.message)}"), (0, 0, 0, 2)))
    if card is not None:
        lines += [Text(""), *item_by_item(graded), *log_text(graded)]
    return lines


# export ----------------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    if not args.to and not args.json:
        raise UserError("say where the results go: --to FOLDER, or --json to print them", status=2)
    store = open_store(args)
    problems: list[str] = []
    from recsim.commands.export import exportable, salvaged, write_folder
    from recsim.core.store import StoreError

    try:
        if args.attempts:
            rows = [find_attempt(store, text) for text in args.attempts]
        else:
            summaries = filtered(store.summaries(), args)
            wanted = {s["id"] for s in summaries if s["status"] != "in_progress"}
            rows = [row for row in store.attempts() if row.id in wanted]
    except StoreError as error:  # a damaged store: every attempt that can still be read
        problems.append(f"{error}; exporting what can still be read")
        rows = salvaged(store, lambda summaries: filtered(summaries, args))
    chosen = [row for row in rows if exportable(row, problems)]
    if args.json:
        print_json([json.loads(row.results_json or "null") for row in chosen])
    if args.to:
        write_folder(Path(args.to), chosen, problems)
    for problem in problems:
        print(f"recsim: {problem}", file=sys.stderr)
    return 1 if problems else 0


# the store ---------------------------------------------------------------------------


def _store_path(args: argparse.Namespace) -> Path:
    from recsim.core.paths import store_path

    return store_path(getattr(args, "store", None))


def open_store(args: argparse.Namespace) -> Store:
    """The attempt store the command line chose, which must exist."""
    store = existing_store(args)
    if store is None:
        raise UserError(
            f"{_store_path(args)}: no attempt store there yet (nothing has been played with "
            "it); choose one with 'recsim --store PATH results ...' or $RECSIM_STORE"
        )
    return store


def existing_store(args: argparse.Namespace) -> Store | None:
    """The attempt store the command line chose, or None if there is none yet (never made here)."""
    from recsim.core.store import Store, StoreError

    path = _store_path(args)
    if not path.exists():
        return None
    if not path.is_file():
        raise UserError(f"{path}: is not a file; --store names the attempt store's SQLite file")
    try:
        return Store(path, create=False)
    except StoreError as error:
        raise UserError(str(error)) from None


def find_attempt(store: Store, text: str) -> AttemptRow:
    """The one attempt whose id starts with ``text``, or a one-line error."""
    prefix = text.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{1,64}", prefix):
        raise UserError(
            f"'{plain_text(text)}' is not an attempt id: ids are hexadecimal, as "
            "'recsim results list' shows them"
        )
    found = store.attempts_starting(prefix)
    if not found:
        raise UserError(
            f"no attempt in {store.path} has an id starting '{prefix}'; see 'recsim results list'"
        )
    if len(found) > 1:
        listed = ", ".join(f"{row.id[:12]} ({plain_text(row.trainee)})" for row in found[:5])
        raise UserError(f"'{prefix}' matches {len(found)} attempts ({listed}); type more of the id")
    return found[0]


def _status(status: str) -> str:
    return {"in_progress": "in progress", "submitting": "being submitted"}.get(status, status)


def _score(row: dict[str, Any]) -> str:
    overall = row.get("overall")
    if not isinstance(overall, int | float):
        return "-"
    return f"{overall:.1f} " + ("pass" if row.get("passed") else "FAIL")
