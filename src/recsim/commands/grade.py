"""``recsim grade``: re-score a class's results files and print the gradebook.

The regrade and every check are in :mod:`recsim.session.regrade` and
:mod:`recsim.core.grading`; this module chooses the files, formats the table
and writes the exports. ``recsim report`` (commands/report.py) shares the
file handling below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recsim.commands import classlist
from recsim.commands.common import UserError, bundled_folder, iter_files, load, print_json
from recsim.commands.output import plain_text, show, table
from recsim.commands.seal import add_key_argument, read_key_option

if TYPE_CHECKING:
    from recsim.core.grading import GradebookRow, GradedAttempt, Unreadable

EXIT_STATUS = (
    "Exit status: 0 when every file was graded and nothing was flagged; 1 when any file "
    "is unreadable, not graded or flagged (the gradebook and exports are still written)."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    grade = commands.add_parser(
        "grade",
        help="re-score results files and print a gradebook",
        description="Re-score every results file from its raw answers against the scenario "
        "version it was played on, check that the file holds together (digest, event chain, "
        "timestamps, time limit), and print a gradebook.",
        epilog=EXIT_STATUS,
    )
    add_results_arguments(
        grade, csv_help="also write the gradebook to FILE as CSV (for a learning-management system)"
    )
    grade.add_argument(
        "--json", action="store_true", help="print the gradebook as JSON instead of a table"
    )
    grade.add_argument(
        "--items",
        action="store_true",
        help="after the table, each file's findings item by item (to review an attempt)",
    )
    classlist.add_roster_argument(grade)
    classlist.add_grade_arguments(grade)
    grade.set_defaults(run=run_grade)


def add_results_arguments(parser: argparse.ArgumentParser, *, csv_help: str) -> None:
    """The arguments ``grade`` and ``report`` share."""
    parser.add_argument(
        "results", nargs="+", metavar="RESULTS", help="results files (.json) or folders of them"
    )
    parser.add_argument(
        "--scenario",
        metavar="SCENARIO",
        action="append",
        help="grade against this scenario file or bundled name; repeat it for a class that "
        "played several (default: the path recorded in each results file, ID.yaml beside "
        "the results file, --scenario-dir, then the bundled scenario with its id)",
    )
    parser.add_argument(
        "--scenario-dir",
        metavar="DIR",
        action="append",
        default=[],
        help="also look for each results file's scenario (by id) among the files in DIR",
    )
    parser.add_argument(
        "--accept-changed",
        action="store_true",
        help="grade files played on another version of the scenario against the one "
        "found (they stay flagged); use only when the change does not affect the items",
    )
    add_key_argument(parser)
    parser.add_argument("--csv", metavar="FILE", help=csv_help)


def run_grade(args: argparse.Namespace) -> int:
    from recsim.core.grading import gradebook_csv, gradebook_json, gradebook_rows
    from recsim.core.grading.classbook import classbook

    csv_path = checked_csv_path(args.csv)
    classlist.check_grade_arguments(args)
    roster, overrides = classlist.read_roster_option(args), classlist.read_overrides_option(args)
    graded, unreadable = grade_class(args)
    graded = classlist.adjust_class(args, graded, roster, overrides)
    rows = gradebook_rows(graded)
    report_unreadable(unreadable)
    book = None
    if roster or args.lms or args.feedback:
        book = classbook(graded, roster, pick=args.attempt, late=args.late)
    if csv_path is not None and not args.lms:
        write_export(csv_path, gradebook_csv(rows))
    if book is not None:
        classlist.write_class_exports(args, book, csv_path, write_export)
    if args.json:
        print_json(
            gradebook_json(rows, unreadable)
            | ({"class": classlist.class_json(book)} if book else {})
        )
    else:
        print_gradebook(rows, unreadable)
        if book is not None and roster is not None:
            show(*classlist.class_lines(book, roster=True))
        if args.items:
            print_items(graded)
    return 1 if unreadable or any(row.flags for row in rows) else 0


# shared with ``recsim report`` ------------------------------------------------------


def grade_class(args: argparse.Namespace) -> tuple[list[GradedAttempt], list[Unreadable]]:
    """Every results file named on the command line, regraded."""
    from recsim.session.regrade import ScenarioFinder, grade_files

    named = [load(text) for text in args.scenario or []]
    for folder in args.scenario_dir:
        if not Path(folder).is_dir():
            raise UserError(f"{folder}: --scenario-dir names no folder", status=2)
    paths = list(iter_files(args.results, (".json",)))
    if not paths:
        raise UserError("no results files (.json) found in " + ", ".join(args.results))
    finder = ScenarioFinder(
        named=named,
        folders=[Path(f) for f in args.scenario_dir],
        bundled=bundled_folder(),
        accept_changed=args.accept_changed,
        keys=[read_key_option(Path(text)) for text in args.key],
    )
    return grade_files(paths, finder)


def report_unreadable(unreadable: Sequence[Unreadable]) -> None:
    """One line on stderr per file that is not a readable results file."""
    for problem in unreadable:
        print(f"recsim: {plain_text(str(problem))}", file=sys.stderr)


def checked_csv_path(text: str | None) -> Path | None:
    """The ``--csv`` file, refused before any work if writing it could destroy something."""
    if text is None:
        return None
    path = Path(text)
    if path.suffix.lower() != ".csv":
        # A slip such as "--csv results/ana.json" must never overwrite a results file.
        raise UserError(f"{path}: the CSV file name must end in .csv", status=2)
    if path.is_dir():
        raise UserError(f"{path}: is a folder; name the CSV file to write", status=2)
    if not path.parent.is_dir():
        raise UserError(f"{path}: the folder {path.parent} does not exist", status=2)
    return path


def write_export(path: Path, text: str) -> None:
    """Write an export in one step (a reader never sees half a file)."""
    from recsim.core.results import write_atomically

    try:
        write_atomically(path, text)
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror or error})") from None
    print(f"wrote {path}", file=sys.stderr)


# the table -----------------------------------------------------------------------


def print_gradebook(rows: Sequence[GradebookRow], unreadable: Sequence[Unreadable]) -> None:
    """The gradebook as a table that fits an 80-column terminal, then the flags in full."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.core.grading.gradebook import categories_present

    scenarios = sorted({(row.scenario, plain_text(row.scenario_title)) for row in rows})
    categories = categories_present(rows)
    book = table(scenarios[0][1] if len(scenarios) == 1 else None)
    # Names and ids are the columns that give way (wrapping) when the terminal is narrow.
    book.add_column("Trainee", overflow="fold", min_width=8, max_width=22, ratio=1)
    if len(scenarios) > 1:
        book.add_column("Scenario", overflow="fold", min_width=8, max_width=20, ratio=1)
    for category in categories:
        # the category's whole name: "Pri" or "Acc" is not a word an instructor reads
        book.add_column(category.capitalize(), justify="right", no_wrap=True, min_width=5)
    book.add_column("Overall", justify="right", no_wrap=True, min_width=9)
    book.add_column("Time", justify="right", no_wrap=True, min_width=6)
    book.add_column("Submitted (UTC)", no_wrap=True, min_width=16)
    any_flags = any(row.flags for row in rows)
    if any_flags:
        book.add_column("Flags", overflow="fold", min_width=8)
    for row in rows:
        cells = [Text(plain_text(row.trainee) or "(no name)")]
        if len(scenarios) > 1:
            cells.append(Text(plain_text(row.scenario)))
        cells += [Text(_percent(getattr(row, c))) for c in categories]
        cells += [Text(_overall(row)), Text(_time(row)), Text(utc_minute(row.submitted_at))]
        if any_flags:
            cells.append(Text(", ".join(row.flags)))
        book.add_row(*cells)
    parts: list[Any] = [book, Text("")] if rows else []
    flagged = [row for row in rows if row.flags]
    if flagged:
        parts.append(
            Text("Flags (docs/instructors.md says what each means and what it can prove):")
        )
        for row in flagged:
            parts.append(
                Padding(
                    Text(f"{plain_text(row.file)} ({plain_text(row.trainee) or 'no name'})"),
                    (0, 0, 0, 2),
                )
            )
            for code, message in zip(row.flags, row.flag_messages, strict=True):
                parts.append(Padding(Text(f"{code}: {plain_text(message)}"), (0, 0, 0, 4)))
        parts.append(Text(""))
    parts += classlist.override_lines(rows)
    parts.append(Text(summary(rows, unreadable)))
    show(*parts)


def print_items(graded: Sequence[GradedAttempt]) -> None:
    """Each graded file's findings, item by item, in gradebook order."""
    from rich.text import Text

    from recsim.core.grading import gradebook_rows

    order = {row.file: n for n, row in enumerate(gradebook_rows(graded))}
    parts: list[Any] = [
        Text(""),
        Text(
            "Item by item, re-scored ('recsim preview SCENARIO --trainee NAME' "
            "shows each form and key; for a sealed exam add --seed N, the sitting_seed "
            "in its key file)"
        ),
    ]
    for attempt in sorted(graded, key=lambda g: order[str(g.results.path)]):
        document = attempt.results.document
        parts += [
            Text(""),
            Text(
                f"{plain_text(document.trainee) or '(no name)'}: "
                f"{plain_text(str(attempt.results.path))}"
            ),
        ]
        if attempt.card is None:
            parts.append(Text("  not graded (see the flags above)"))
        else:
            parts += item_by_item(attempt, heading=False)
    show(*parts)


def item_by_item(graded: GradedAttempt, *, heading: bool = True) -> list[Any]:
    """A regraded attempt's findings grouped by item, each with what was given and expected."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.session.access_log import ACCESS_LOG

    card = graded.card
    if card is None:
        return []
    lines: list[Any] = []
    if heading:
        lines.append(
            Text(
                "Item by item (re-scored; 'recsim preview SCENARIO --trainee NAME' shows the form "
                "and key):"
            )
        )
    answers = graded.results.document.answers
    item = None
    for finding in card.findings:
        if finding.item != item:
            item = finding.item
            unanswered = item not in answers and item != ACCESS_LOG  # the log is not an item
            lines.append(Text(f"  {item}" + (" (not answered)" if unanswered else "")))
        said = []
        if finding.given:
            said.append(f"given {plain_text(finding.given)}")
        if finding.expected and finding.outcome != "correct":
            said.append(f"expected {plain_text(finding.expected)}")
        text = f"{finding.outcome:<11} {finding.topic} ({finding.earned:g}/{finding.possible:g})"
        lines.append(Padding(Text(text + ("; " + "; ".join(said) if said else "")), (0, 0, 0, 4)))
    return lines


def summary(rows: Sequence[GradebookRow], unreadable: Sequence[Unreadable]) -> str:
    """One sentence that counts what happened to every file."""
    graded = [row for row in rows if row.status == "graded"]
    parts = [f"{len(graded)} graded ({sum(1 for r in graded if r.passed)} passed)"]
    flagged = sum(1 for row in rows if row.flags)
    if flagged:
        parts.append(f"{flagged} flagged")
    if len(rows) > len(graded):
        parts.append(f"{len(rows) - len(graded)} not graded")
    if unreadable:
        parts.append(f"{len(unreadable)} unreadable")
    total = len(rows) + len(unreadable)
    return f"{total} results file{'s' if total != 1 else ''}: " + ", ".join(parts) + "."


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _overall(row: GradebookRow) -> str:
    if row.overall is None:
        return "-"
    return f"{row.overall:.1f} " + ("pass" if row.passed else "FAIL")


def _time(row: GradebookRow) -> str:
    from recsim.core.grading import duration_text

    return duration_text(row.time_taken_seconds)


def utc_minute(iso: str | None) -> str:
    """An ISO timestamp as ``2026-03-02 09:00`` in UTC."""
    if iso is None:
        return "-"
    from datetime import UTC, datetime

    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M")
