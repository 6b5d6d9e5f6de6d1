"""The class list: who should hand work in, and how the learning-management system knows them.

A roster is either one name per line, or a CSV file whose first line is a
header with a ``name`` column and, optionally, ``student id``, ``email``,
``section`` and ``login`` columns (other spellings such as ``Student ID`` or
``student_id`` are accepted). Names match results files the way recsim tells
trainees apart (:func:`recsim.core.seeds.normalize_trainee`: case and spacing
ignored), so two roster lines may never share a name.
"""

from __future__ import annotations

import csv
import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.yamlsafe import read_text
from recsim.core.seeds import normalize_trainee

COLUMNS = {
    "name": "name",
    "student name": "name",
    "full name": "name",
    "student id": "student_id",
    "id": "student_id",
    "sis user id": "student_id",
    "id number": "student_id",
    "email": "email",
    "email address": "email",
    "section": "section",
    "login": "login",
    "sis login id": "login",
    "username": "login",
}
"""Header spellings (case, spaces and underscores ignored) -> the field they fill."""

MAX_NAME = 200
"""Longest name a results file can carry."""
NEAR = 0.85
"""Similarity (difflib ratio of the loose forms) from which two names are near-duplicates."""


@dataclass(frozen=True)
class Student:
    """One roster line."""

    name: str
    line: int
    """Line of the roster file, for messages."""
    student_id: str = ""
    email: str = ""
    section: str = ""
    login: str = ""
    """The login the learning-management system knows (Canvas's SIS Login ID); email if absent."""

    @property
    def key(self) -> str:
        """The name as recsim matches it (case and spacing ignored)."""
        return normalize_trainee(self.name)


@dataclass(frozen=True)
class Roster:
    """A class list read from a file."""

    path: Path
    students: tuple[Student, ...]
    warnings: tuple[str, ...]
    """Near-duplicate names within the roster (a typo could land on the wrong student)."""

    def find(self, name: str) -> Student | None:
        """The student with this name, ignoring case and spacing."""
        key = normalize_trainee(name)
        return next((s for s in self.students if s.key == key), None)

    def near(self, name: str) -> Student | None:
        """A student whose name is close to (but not) this one: the likely intended name."""
        return _closest(name, self.students)

    @property
    def has_ids(self) -> bool:
        """Whether any student has a student id."""
        return any(s.student_id for s in self.students)


def read_roster(path: Path) -> Roster:
    """Read a roster file, or raise :class:`InvalidFile` with one located problem."""
    text = read_text(path, what="roster", allow_empty=True)
    return parse_roster(text, path)


def parse_roster(text: str, path: Path) -> Roster:
    """Parse the text of a roster file (one name per line, or CSV with a header)."""
    text = text.removeprefix("\ufeff")  # spreadsheets save CSV with a byte-order mark
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if line.strip()), 0)
    header = next(csv.reader([lines[first]])) if lines else []
    if any(_field(cell) == "name" for cell in header):
        students = _csv_students(text, path)
    else:
        students = _listed_students(lines, path)
    if not students:
        raise _problem(
            path, 0, "lists no one; write one name per line, or a CSV with a name column"
        )
    return Roster(path, tuple(students), tuple(_near_duplicates(students)))


def has_header(text: str) -> bool:
    """Whether a roster's text is a CSV class list (its first line names a ``name`` column)."""
    lines = text.removeprefix("\ufeff").splitlines()
    first = next((line for line in lines if line.strip()), "")
    return any(_field(cell) == "name" for cell in next(csv.reader([first]), []))


def _listed_students(lines: list[str], path: Path) -> list[Student]:
    students: list[Student] = []
    for number, raw in enumerate(lines, start=1):
        name = raw.strip()
        if not name or name.startswith("#"):
            continue
        if "," in name or "\t" in name:
            raise _problem(
                path,
                number,
                "a comma or tab in a one-name-per-line roster; for a CSV roster, "
                "start with a header line such as 'name,student id,email,section'",
            )
        _add(students, Student(_checked_name(name, path, number), number), path)
    return students


def _csv_students(text: str, path: Path) -> list[Student]:
    rows = csv.reader(text.splitlines())
    fields: list[str | None] = []
    students: list[Student] = []
    for number, row in enumerate(rows, start=1):
        if not any(cell.strip() for cell in row):
            continue
        if not fields:
            fields = _header(row, path, number)
            continue
        if len(row) > len(fields):
            raise _problem(
                path, number, f"{len(row)} cells, but the header names {len(fields)} columns"
            )
        values = {f: cell.strip() for f, cell in zip(fields, row, strict=False) if f}
        name = _checked_name(values.get("name", ""), path, number)
        email = values.get("email", "")
        if email and ("@" not in email or " " in email):
            raise _problem(path, number, f"{email!r} is not an email address")
        student = Student(
            name,
            number,
            student_id=values.get("student_id", ""),
            email=email,
            section=values.get("section", ""),
            login=values.get("login", "") or email,
        )
        _add(students, student, path)
    return students


def _header(row: list[str], path: Path, number: int) -> list[str | None]:
    fields: list[str | None] = []
    for cell in row:
        field = _field(cell)
        if field is None and cell.strip():
            known = "name, student id, email, section, login"
            raise _problem(path, number, f"unknown column {cell.strip()!r} (columns: {known})")
        if field is not None and field in fields:
            raise _problem(path, number, f"two columns give the {field.replace('_', ' ')}")
        fields.append(field)
    return fields


def _field(cell: str) -> str | None:
    return COLUMNS.get(" ".join(cell.replace("_", " ").split()).casefold())


def _checked_name(name: str, path: Path, number: int) -> str:
    if not name:
        raise _problem(path, number, "no name on this line")
    if len(name) > MAX_NAME:
        raise _problem(path, number, f"the name is {len(name)} characters; at most {MAX_NAME}")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise _problem(path, number, "the name holds a control or invisible character")
    return name


def _add(students: list[Student], student: Student, path: Path) -> None:
    for other in students:
        if other.key == student.key:
            raise _problem(
                path,
                student.line,
                f"{student.name!r} is already on line {other.line}; recsim tells trainees apart "
                "by name, so two trainees need two different names (add an initial)",
            )
        if student.student_id and other.student_id == student.student_id:
            raise _problem(
                path,
                student.line,
                f"student id {student.student_id!r} is already on line {other.line}",
            )
    students.append(student)


def _loose(name: str) -> str:
    """A name with accents, punctuation and spaces gone: what a typo usually leaves alone."""
    decomposed = unicodedata.normalize("NFKD", normalize_trainee(name))
    return "".join(c for c in decomposed if c.isalnum())


def _closest(name: str, students: Iterable[Student]) -> Student | None:
    key, loose = normalize_trainee(name), _loose(name)
    best: tuple[float, Student] | None = None
    for student in students:
        if student.key == key:
            continue
        ratio = difflib.SequenceMatcher(None, loose, _loose(student.name)).ratio()
        if ratio >= NEAR and (best is None or ratio > best[0]):
            best = (ratio, student)
    return best[1] if best else None


def _near_duplicates(students: list[Student]) -> list[str]:
    warnings = []
    for n, student in enumerate(students):
        other = _closest(student.name, students[:n])
        if other is not None:
            warnings.append(
                f"{student.name!r} (line {student.line}) is close to {other.name!r} "
                f"(line {other.line}): a trainee who mistypes one may land on the other"
            )
    return warnings


def _problem(path: Path, line: int, message: str) -> InvalidFile:
    return InvalidFile([Problem(str(path), line, 1 if line else 0, "", message)])
