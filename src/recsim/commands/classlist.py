"""The class options of ``recsim grade`` and ``recsim report``: roster, overrides, LMS, feedback.

The domain is :mod:`recsim.core.grading` (roster, overrides, classbook, lms,
feedback_sheet); this module reads the files named on the command line, turns
their problems into one-line errors, and prints or writes what those modules
return.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recsim.commands.common import UserError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from recsim.core.grading import GradebookRow, GradedAttempt
    from recsim.core.grading.classbook import Classbook
    from recsim.core.grading.overrides import Override
    from recsim.core.grading.roster import Roster


def add_roster_argument(parser: argparse.ArgumentParser) -> None:
    """``--roster FILE`` (grade and report)."""
    parser.add_argument(
        "--roster",
        metavar="FILE",
        help="class list: one name per line, or CSV with a 'name' column and optional "
        "'student id', 'email', 'section', 'login'; every student gets a row, missing "
        "submissions are listed and results from names not on it are flagged",
    )


def add_overrides_argument(parser: argparse.ArgumentParser) -> None:
    """``--overrides FILE`` (grade and report)."""
    parser.add_argument(
        "--overrides",
        metavar="FILE",
        help="YAML list of instructor overrides (trainee, item, decision: accept|reject or "
        "points: N, reason, instructor); the original score is kept beside the new one",
    )


def add_grade_arguments(parser: argparse.ArgumentParser) -> None:
    """The class options only ``grade`` has (and ``--overrides``)."""
    add_overrides_argument(parser)
    parser.add_argument(
        "--lms",
        choices=("canvas", "moodle", "generic"),
        help="with --csv: write one row per student and one column per scenario, in the "
        "import layout of this learning-management system (canvas and moodle need --roster); "
        "files that do not count are listed with the reason in FILE-excluded.csv",
    )
    parser.add_argument(
        "--attempt",
        choices=("latest", "best"),
        default="latest",
        help="which valid attempt counts when a student handed in several (default: latest)",
    )
    parser.add_argument(
        "--late",
        choices=("count", "exclude"),
        default="count",
        help="files submitted after the scenario's due time: count them, marked late in the "
        "class list (the default), or exclude them from the class exports with the reason",
    )
    parser.add_argument(
        "--feedback",
        metavar="DIR",
        help="write one printable HTML feedback sheet per student into DIR",
    )


def check_grade_arguments(args: argparse.Namespace) -> None:
    """Refuse option combinations that cannot work, before any grading."""
    if args.lms and not args.csv:
        raise UserError("--lms needs --csv FILE (the file to write for the import)", status=2)
    if args.lms in ("canvas", "moodle") and not args.roster:
        raise UserError(
            f"--lms {args.lms} needs --roster FILE: the import matches students by the "
            "ids or emails the roster gives",
            status=2,
        )
    if args.feedback:
        folder = Path(args.feedback)
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{folder}: is a file; --feedback names a folder", status=2)
        if not folder.parent.is_dir():
            raise UserError(f"{folder}: the folder {folder.parent} does not exist", status=2)


def read_roster_option(args: argparse.Namespace) -> Roster | None:
    """The ``--roster`` file, read; its near-duplicate names are warned about on stderr."""
    if not getattr(args, "roster", None):
        return None
    from recsim.core.grading.roster import read_roster
    from recsim.core.scenario import InvalidFile

    try:
        roster = read_roster(Path(args.roster))
    except InvalidFile as error:
        raise UserError(str(error.problems[0])) from None
    for warning in roster.warnings:
        print(f"recsim: warning: {roster.path}: {warning}", file=sys.stderr)
    return roster


def read_overrides_option(args: argparse.Namespace) -> list[Override]:
    """The ``--overrides`` file, read and checked for shape before any grading."""
    if not getattr(args, "overrides", None):
        return []
    from recsim.core.grading.overrides import read_overrides
    from recsim.core.scenario import InvalidFile

    try:
        return read_overrides(Path(args.overrides))
    except InvalidFile as error:
        raise UserError(str(error.problems[0])) from None


def adjust_class(
    args: argparse.Namespace,
    graded: list[GradedAttempt],
    roster: Roster | None,
    overrides: list[Override],
) -> list[GradedAttempt]:
    """The graded attempts with the roster's flags and the instructor's overrides applied."""
    from recsim.core.grading.classbook import mark_strangers

    if roster is not None:
        graded = mark_strangers(graded, roster)
    if overrides:
        from recsim.core.grading.overrides import apply_overrides
        from recsim.core.scenario import InvalidFile

        try:
            graded = apply_overrides(graded, overrides, Path(args.overrides))
        except InvalidFile as error:
            raise UserError(str(error.problems[0])) from None
    return graded


def write_class_exports(
    args: argparse.Namespace,
    book: Classbook,
    csv_path: Path | None,
    write_export: Callable[[Path, str], None],
) -> None:
    """The LMS file and its excluded-files companion, and the feedback sheets, as asked."""
    if args.lms and csv_path is not None:
        from recsim.core.grading.lms import excluded_csv, lms_csv

        write_export(csv_path, lms_csv(book, args.lms))
        write_export(
            csv_path.with_name(csv_path.stem + "-excluded.csv"), excluded_csv(book.excluded)
        )
    if args.feedback:
        write_feedback(Path(args.feedback), book)


def write_feedback(folder: Path, book: Classbook) -> None:
    """One HTML sheet per student with an attempt that counts."""
    from recsim.core.grading.feedback_sheet import feedback_sheet, sheet_file_names
    from recsim.core.results import write_atomically
    from recsim.session.topics import topic_words

    try:
        folder.mkdir(exist_ok=True)
        names = sheet_file_names(book)
        written = 0
        for row in book.rows:
            if row.counted:
                write_atomically(folder / names[row.name], feedback_sheet(row, book, topic_words))
                written += 1
    except OSError as error:
        raise UserError(f"{folder}: cannot write ({error.strerror or error})") from None
    print(
        f"wrote {written} feedback sheet{'s' if written != 1 else ''} in {folder}", file=sys.stderr
    )


def class_json(book: Classbook) -> dict[str, Any]:
    """The class view for ``--json``: each student's counted scores, missing, excluded."""
    from recsim.core.grading.classbook import late_note

    return {
        "students": [
            {
                "name": row.name,
                "student_id": row.student.student_id if row.student else "",
                "section": row.student.section if row.student else "",
                "scores": {s: (a.card.overall if a.card else None) for s, a in row.counted.items()},
                "late": {s: note for s, a in row.counted.items() if (note := late_note(a))},
            }
            for row in book.rows
        ],
        "missing": [{"name": s.name, "scenario": scenario} for s, scenario in book.missing],
        "excluded": [vars(e) for e in book.excluded],
    }


def class_lines(book: Classbook, *, roster: bool) -> list[Any]:
    """The class list for the terminal: each student's score per scenario, then who is missing."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.core.grading.classbook import late_note
    from recsim.core.grading.gradebook import plain_text

    parts: list[Any] = [Text(""), Text("Class list (the attempt that counts per student):")]
    missing = {(s.name, scenario) for s, scenario in book.missing}
    for row in book.rows:
        ident = f" [{row.student.student_id}]" if row.student and row.student.student_id else ""
        scores = []
        for scenario, _ in book.scenarios:
            attempt = row.counted.get(scenario)
            if attempt is None or attempt.card is None:
                shown = "missing" if (row.name, scenario) in missing else "not counted (flagged)"
            else:
                card = attempt.card
                shown = f"{card.overall:.1f} {'pass' if card.passed else 'FAIL'}"
                if (note := late_note(attempt)) is not None:
                    shown += f" (late: {note})"
                if attempt.original is not None:
                    shown += f" (overridden; regrade {attempt.original.overall:.1f})"
            scores.append(f"{plain_text(scenario)} {shown}" if len(book.scenarios) > 1 else shown)
        line = f"{plain_text(row.name) or '(no name)'}{ident}: {'; '.join(scores)}"
        parts.append(Padding(Text(line), (0, 0, 0, 2)))
    if roster:
        names = [f"{plain_text(s.name)} ({plain_text(sc)})" for s, sc in book.missing]
        parts.append(Text(f"Missing submissions ({len(names)}): {', '.join(names) or 'none'}"))
    return parts


def override_lines(rows: Sequence[GradebookRow]) -> list[Any]:
    """The instructor overrides under the table: who changed what, why, and the score before."""
    from rich.padding import Padding
    from rich.text import Text

    from recsim.core.grading.gradebook import plain_text

    changed = [row for row in rows if row.overrides]
    if not changed:
        return []
    parts: list[Any] = [Text("Instructor overrides (Overall includes them; the regrade is kept):")]
    for row in changed:
        name = plain_text(row.trainee) or "no name"
        parts.append(Padding(Text(f"{plain_text(row.file)} ({name})"), (0, 0, 0, 2)))
        parts += [Padding(Text(plain_text(o)), (0, 0, 0, 4)) for o in row.overrides]
    return [*parts, Text("")]
