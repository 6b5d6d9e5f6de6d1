"""Procedure code sets an instructor supplies as CSV files (recsim ships none).

CPT codes and descriptors are the AMA's copyright, so recsim carries no CPT
content at all; a program that holds a licence loads its own list. The same
format holds ICD-10-PCS codes taken from CMS's free order file, or a course's
own teaching list.

Format: UTF-8 CSV, a header row ``code,description``, then one code per row.
Codes are 3 to 10 letters and digits (CPT 99213, HCPCS G0008, ICD-10-PCS
0DTJ4ZZ). Every problem is reported as ``file:line:col: message``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from recsim.core.files import FileRefused, read_bytes
from recsim.core.scenario.errors import InvalidFile, Problem

MAX_BYTES = 8 * 1024 * 1024
MAX_CODES = 100_000
"""Bounds well above any real list (ICD-10-PCS has under 80,000 codes)."""
MAX_DESCRIPTION = 400
MAX_PROBLEMS = 20
"""Stop reporting after this many problems: the file needs fixing as a whole."""
HEADER = ("code", "description")
_CODE = re.compile(r"^[A-Z0-9]{3,10}$")


@dataclass(frozen=True, slots=True)
class ProcedureCode:
    """One procedure code and its description as the instructor's file gives it."""

    code: str
    description: str


@dataclass(frozen=True)
class ProcedureCodeSet:
    """A procedure code set loaded from one CSV file."""

    name: str
    """The file it came from, for messages."""
    codes: dict[str, ProcedureCode]
    """Upper-case code -> entry, in file order."""

    def get(self, code: str) -> ProcedureCode | None:
        """The entry for ``code`` (case and surrounding spaces ignored), or None."""
        return self.codes.get(code.strip().upper())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def __len__(self) -> int:
        return len(self.codes)

    def search(self, query: str, limit: int = 20) -> list[ProcedureCode]:
        """Entries whose code starts with the query, or whose description holds every query word."""
        wanted = query.lower().split()
        if not wanted:
            return []
        found = []
        for entry in self.codes.values():
            text = entry.description.lower()
            if entry.code.startswith(query.strip().upper()) or all(w in text for w in wanted):
                found.append(entry)
                if len(found) >= limit:
                    break
        return found


def load_procedure_codes(path: str | Path) -> ProcedureCodeSet:
    """Read a procedure code CSV file; raises :class:`InvalidFile` listing every problem."""
    path = Path(path)
    name = str(path)
    try:
        raw = read_bytes(path, MAX_BYTES, what="procedure code file")
    except FileRefused as refused:
        raise InvalidFile([Problem(name, 0, 0, "", refused.reason)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InvalidFile(
            [Problem(name, line, 1, "", "is not UTF-8 text; save the file as CSV UTF-8")]
        ) from None
    return parse_procedure_codes(text, name)


def parse_procedure_codes(text: str, name: str = "<text>") -> ProcedureCodeSet:
    """Parse the CSV text of a procedure code set (see the module docstring for the format)."""
    problems: list[Problem] = []
    codes: dict[str, ProcedureCode] = {}
    first_seen: dict[str, int] = {}
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise InvalidFile(
            [
                Problem(
                    name, 0, 0, "", "is empty; it needs a header row 'code,description' and codes"
                )
            ]
        )
    header_seen = False
    for number, line in enumerate(lines, start=1):
        if len(problems) >= MAX_PROBLEMS:
            break
        if not line.strip():
            continue
        if "\x00" in line:
            problems.append(
                Problem(name, number, 1, "", "holds a NUL character; this is not a CSV text file")
            )
            continue
        fields, starts = _fields(line)
        if fields is None:
            problems.append(
                Problem(name, number, 1, "", "has an unclosed quote (a row must fit on one line)")
            )
            continue
        if not header_seen:
            header_seen = True
            if tuple(f.strip().lower() for f in fields) != HEADER:
                problems.append(
                    Problem(
                        name, number, 1, "", "the first row must be the header 'code,description'"
                    )
                )
            continue
        problems.extend(_row_problems(name, number, fields, starts, codes, first_seen))
        if len(codes) > MAX_CODES:
            problems.append(
                Problem(name, number, 1, "", f"more than {MAX_CODES:,} codes; split the file")
            )
            break
    if not codes and not problems:
        problems.append(Problem(name, 0, 0, "", "has a header but no codes"))
    if problems:
        raise InvalidFile(problems[:MAX_PROBLEMS])
    return ProcedureCodeSet(name, codes)


def _row_problems(
    name: str,
    number: int,
    fields: list[str],
    starts: list[int],
    codes: dict[str, ProcedureCode],
    first_seen: dict[str, int],
) -> Iterator[Problem]:
    if len(fields) != 2:
        column = starts[2] if len(fields) > 2 else len(",".join(fields)) + 1
        yield Problem(
            name,
            number,
            column,
            "",
            f"has {len(fields)} column{'s' if len(fields) != 1 else ''}; "
            "each row is code,description "
            "(put a description that holds a comma in double quotes)",
        )
        return
    code, description = fields[0].strip().upper(), " ".join(fields[1].split())
    if not _CODE.match(code):
        shown = fields[0] if len(fields[0]) <= 20 else fields[0][:19] + "\u2026"
        yield Problem(
            name,
            number,
            starts[0],
            "code",
            f"{shown!r} is not a procedure code (3 to 10 letters and digits, e.g. 0DTJ4ZZ)",
        )
        return
    if not description:
        yield Problem(name, number, starts[1], "description", f"code {code} has no description")
        return
    if len(description) > MAX_DESCRIPTION:
        yield Problem(
            name,
            number,
            starts[1],
            "description",
            f"the description of {code} is longer than {MAX_DESCRIPTION} characters",
        )
        return
    if code in codes:
        yield Problem(
            name,
            number,
            starts[0],
            "code",
            f"{code} is listed twice (first on line {first_seen[code]})",
        )
        return
    codes[code] = ProcedureCode(code, description)
    first_seen[code] = number


def _fields(line: str) -> tuple[list[str] | None, list[int]]:
    """The CSV fields of one line and the 1-based column where each starts (None: bad quoting)."""
    try:
        fields = next(csv.reader([line], strict=True))
    except (csv.Error, StopIteration):
        return None, []
    starts, quoted = [1], False
    for offset, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(offset + 2)
    return fields, starts
