"""The gradebook: one row per results file, for the terminal and for a learning-management system.

A :class:`GradedAttempt` is what regrading one file produced (the fresh
scorecard, or none when the file could not be graded, and its flags);
:func:`gradebook_row` flattens it into the columns every export shares, so the
table, the CSV and the JSON always say the same thing.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from recsim.core.grading.document import ResultsFile
from recsim.core.grading.evidence import Flag
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import CATEGORIES, Scorecard

GRADEBOOK_FORMAT = 1


@dataclass
class GradedAttempt:
    """One results file after regrading: the fresh scorecard (None if not graded) and its flags."""

    results: ResultsFile
    scenario: LoadedScenario | None
    """The scenario version it was graded against."""
    card: Scorecard | None
    """The regrade; None when the file could not be graded (see the flags)."""
    flags: list[Flag] = field(default_factory=list)
    original: Scorecard | None = None
    """The regrade before instructor overrides (None when no override applies)."""
    overrides: list[AppliedOverride] = field(default_factory=list)
    """Instructor overrides applied to ``card``, in the order of the overrides file."""

    @property
    def graded(self) -> bool:
        return self.card is not None

    @property
    def regraded(self) -> Scorecard | None:
        """The scorecard the answers earn, before any instructor override."""
        return self.original or self.card


@dataclass(frozen=True)
class AppliedOverride:
    """One instructor override as applied: the audit trail every export shows."""

    item: str
    decision: Literal["accept", "reject", "points"]
    points_before: float
    points_after: float
    points_possible: float
    overall_before: float
    overall_after: float
    reason: str
    instructor: str

    def __str__(self) -> str:
        verb = {"accept": "accepted", "reject": "rejected"}.get(self.decision, "points set")
        return (
            f"{self.item} {verb} by {self.instructor}: {self.points_before:g} -> "
            f"{self.points_after:g} of {self.points_possible:g} points (overall "
            f"{self.overall_before:.1f} -> {self.overall_after:.1f}); {self.reason}"
        )


@dataclass(frozen=True)
class Unreadable:
    """A file that is not a readable results file, and why (one line)."""

    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class GradebookRow:
    """One line of the gradebook; percentages are 0-100, None where nothing applies."""

    file: str
    attempt: str
    trainee: str
    scenario: str
    scenario_title: str
    content_hash: str
    status: Literal["graded", "not_graded"]
    accuracy: float | None
    coding: float | None
    privacy: float | None
    overall: float | None
    passing_score: float | None
    passed: bool | None
    items_answered: int | None
    items_total: int | None
    time_taken_seconds: float
    time_limit_seconds: int | None
    started_at: str
    submitted_at: str | None
    flags: tuple[str, ...]
    """Flag codes (see :data:`recsim.core.grading.evidence.FlagCode`)."""
    flag_messages: tuple[str, ...]
    """The same flags as sentences, in the same order."""
    original_overall: float | None = None
    """The regraded overall score before instructor overrides (None when none applies)."""
    overrides: tuple[str, ...] = ()
    """Instructor overrides as sentences: item, decision, who, points before and after, why."""

    def to_json(self) -> dict[str, Any]:
        """A JSON object with the same keys as the CSV header."""
        data = asdict(self)
        data["flags"] = list(self.flags)
        data["flag_messages"] = list(self.flag_messages)
        data["overrides"] = list(self.overrides)
        return data


COLUMNS: tuple[str, ...] = tuple(GradebookRow.__dataclass_fields__)
"""Column order of the CSV export (and keys of the JSON rows)."""


def gradebook_row(graded: GradedAttempt) -> GradebookRow:
    """The gradebook line of one regraded file."""
    document = graded.results.document
    card = graded.card

    def percent(category: str) -> float | None:
        if card is None or category not in card.categories:
            return None
        return round(card.categories[category].percent, 2)

    return GradebookRow(
        file=str(graded.results.path),
        attempt=document.attempt,
        trainee=document.trainee,
        scenario=document.scenario.id,
        scenario_title=document.scenario.title,
        content_hash=document.scenario.content_hash,
        status="graded" if card is not None else "not_graded",
        accuracy=percent("accuracy"),
        coding=percent("coding"),
        privacy=percent("privacy"),
        overall=card.overall if card else None,
        passing_score=card.passing_score if card else None,
        passed=card.passed if card else None,
        items_answered=card.items_answered if card else None,
        items_total=card.items_total if card else None,
        time_taken_seconds=document.elapsed_seconds,
        time_limit_seconds=document.time_limit_seconds,
        started_at=document.started_at.isoformat(),
        submitted_at=document.submitted_at.isoformat() if document.submitted_at else None,
        flags=tuple(flag.code for flag in graded.flags),
        flag_messages=tuple(flag.message for flag in graded.flags),
        original_overall=graded.original.overall if graded.original else None,
        overrides=tuple(str(o) for o in graded.overrides),
    )


def gradebook_rows(graded: Iterable[GradedAttempt]) -> list[GradebookRow]:
    """Rows in a stable order: scenario, trainee, submission time, file."""
    rows = [gradebook_row(g) for g in graded]
    return sorted(
        rows, key=lambda r: (r.scenario, r.trainee.casefold(), r.submitted_at or "", r.file)
    )


def categories_present(rows: Sequence[GradebookRow]) -> list[str]:
    """Score categories any row has a score in (the others need no column)."""
    return [c for c in CATEGORIES if any(getattr(row, c) is not None for row in rows)]


def gradebook_json(
    rows: Sequence[GradebookRow], unreadable: Sequence[Unreadable]
) -> dict[str, Any]:
    """The ``recsim grade --json`` document."""
    return {
        "recsim_gradebook": GRADEBOOK_FORMAT,
        "rows": [row.to_json() for row in rows],
        "unreadable": [{"file": str(u.path), "problem": u.message} for u in unreadable],
    }


def gradebook_csv(rows: Sequence[GradebookRow]) -> str:
    """The gradebook as CSV: one header line, one line per file (flags joined by ';')."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_cells(row.to_json(), COLUMNS))
    return out.getvalue()


def csv_cells(record: dict[str, Any], columns: Sequence[str]) -> list[str]:
    """CSV cells of a JSON-style record: lists joined, None empty, text made spreadsheet-safe."""
    cells = []
    for column in columns:
        value = record[column]
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        elif isinstance(value, list | tuple):
            spaced = column.endswith("messages") or column == "overrides"
            joined = (" | " if spaced else ";").join(map(str, value))
            cells.append(spreadsheet_safe(plain_text(joined)))
        elif isinstance(value, str):
            cells.append(spreadsheet_safe(plain_text(value)))
        else:
            cells.append(
                str(value)
            )  # Python's shortest exact text: the CSV reads back the same number
    return cells


UNSEEN = frozenset({"Cc", "Cf", "Zl", "Zp"})
"""Unicode categories shown as "?": control characters (terminal escapes, NUL, line breaks),
invisible format characters (right-to-left overrides that disguise text) and line separators."""


def plain_text(text: str) -> str:
    """Text from a trainee's file made safe to show or export: nothing acts, everything shows."""
    return "".join("?" if unicodedata.category(c) in UNSEEN else c for c in text)


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a trainee chose their own name)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
