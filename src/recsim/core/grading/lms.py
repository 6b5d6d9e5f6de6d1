"""Gradebook files a learning-management system imports: Canvas, Moodle, or a plain table.

One row per student (every roster line, in roster order) and one column per
scenario, holding the overall score (0-100, instructor overrides included) of
the attempt that counts; a cell is empty when no attempt counts (nothing
handed in, or only flagged files: the excluded-files CSV says which and why).

- **Canvas** (Grades > Import): ``Student, ID, SIS User ID, SIS Login ID,
  Section``, then one column per assignment, and a ``Points Possible`` row
  under the header (100 for each: the scores are percentages). Canvas matches
  students on ``ID`` (its own number, which recsim cannot know: left empty),
  ``SIS User ID`` (the roster's student id) or ``SIS Login ID`` (the roster's
  login, or email). A column whose name is not an assignment yet becomes one.
- **Moodle** (Grades > Import > CSV file): ``ID number, Email address, Full
  name``, then one column per grade item; on import, map "Identify user by" to
  ``ID number`` or ``Email address`` and each column to its grade item.
- **generic**: ``name, student id, email, section``, then one column per
  scenario id.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal

from recsim.core.grading.classbook import Classbook, ClassRow, Excluded
from recsim.core.grading.gradebook import plain_text, spreadsheet_safe

Lms = Literal["canvas", "moodle", "generic"]
LMS_NAMES: tuple[Lms, ...] = ("canvas", "moodle", "generic")
POINTS_POSSIBLE = 100
"""What each scenario column is out of: scores are percentages."""
EXCLUDED_COLUMNS = ("file", "trainee", "scenario", "reason")


def lms_csv(book: Classbook, lms: Lms) -> str:
    """The classbook as the import file of ``lms``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    titles = _column_titles(book) if lms != "generic" else [s for s, _ in book.scenarios]
    if lms == "canvas":
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *titles])
        writer.writerow(["Points Possible", "", "", "", "", *[POINTS_POSSIBLE] * len(titles)])
    elif lms == "moodle":
        writer.writerow(["ID number", "Email address", "Full name", *titles])
    else:
        writer.writerow(["name", "student id", "email", "section", *titles])
    for row in book.rows:
        writer.writerow([_safe(cell) for cell in _identity(row, lms)] + _scores(row, book))
    return out.getvalue()


def excluded_csv(excluded: Sequence[Excluded]) -> str:
    """Every file that does not count (and every student with none), with the reason."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXCLUDED_COLUMNS)
    for entry in excluded:
        writer.writerow(
            [_safe(entry.file), _safe(entry.trainee), _safe(entry.scenario), _safe(entry.reason)]
        )
    return out.getvalue()


def _identity(row: ClassRow, lms: Lms) -> list[str]:
    student = row.student
    student_id = student.student_id if student else ""
    email = student.email if student else ""
    if lms == "canvas":
        login = student.login if student else ""
        return [row.name, "", student_id, login, student.section if student else ""]
    if lms == "moodle":
        return [student_id, email, row.name]
    return [row.name, student_id, email, student.section if student else ""]


def _scores(row: ClassRow, book: Classbook) -> list[str]:
    cells = []
    for scenario, _ in book.scenarios:
        attempt = row.counted.get(scenario)
        card = attempt.card if attempt is not None else None
        # Python's shortest exact text of the rounded score: reads back as the same number.
        cells.append("" if card is None else str(round(card.overall, 2)))
    return cells


def _column_titles(book: Classbook) -> list[str]:
    """Scenario titles; a title two scenarios share gets its id added."""
    titles = [title for _, title in book.scenarios]
    return [
        _safe(title if titles.count(title) == 1 else f"{title} [{scenario}]")
        for (scenario, _), title in zip(book.scenarios, titles, strict=True)
    ]


def _safe(text: str) -> str:
    return spreadsheet_safe(plain_text(text))
