"""The ICD-10-PCS tables as a coder reads them: which value each axis allows after the ones before.

An ICD-10-PCS code is built from one table: its first three characters (section,
body system, root operation) name the table, and characters 4 to 7 (body part,
approach, device, qualifier in the Medical and Surgical section) must all come
from one row of it (ICD-10-PCS Official Guidelines A9). A body part may sit in
several rows, each with its own approaches, devices and qualifiers, so the
choices for an axis depend on every choice to its left, not only on the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

PCS_CHARACTERS = frozenset("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
"""The 34 values a character can take: digits and letters except I and O (Guidelines A5)."""
FIRST_AXES = ("Section", "Body System", "Operation")
"""The titles CMS gives characters 1 to 3 when a table does not (every table does)."""


@dataclass(frozen=True)
class Term:
    """What the CMS definitions file says of a value (root operation, approach, body part...)."""

    definition: str | None
    explanation: str | None
    includes: tuple[str, ...]
    """For a body part, the anatomical terms coded to it (the body part key); for a device,
    the devices it covers (the device key)."""


@dataclass(frozen=True)
class Choice:
    """One value an axis allows: its character, its name, and its definition when CMS gives one."""

    code: str
    label: str
    definition: str | None = None
    explanation: str | None = None
    includes: tuple[str, ...] = ()

    def notes(self) -> list[str]:
        """What CMS says of the value, one sentence each: definition, explanation, includes."""
        notes = [f"Definition: {self.definition}"] if self.definition else []
        if self.explanation:
            notes.append(f"Explanation: {self.explanation}")
        if self.includes:
            notes.append(f"Includes: {'; '.join(self.includes)}")
        return notes


@dataclass(frozen=True)
class Row:
    """One row of a table: the values of characters 4 to 7 that may be combined."""

    axes: tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]
    """Per character 4..7: value -> label, in the table's order."""

    def allows(self, tail: str) -> bool:
        """Whether the characters after the table's three (0 to 4) all come from this row."""
        return all(char in self.axes[place] for place, char in enumerate(tail))

    @property
    def codes(self) -> int:
        """How many codes the row makes (one per combination of its values)."""
        count = 1
        for axis in self.axes:
            count *= len(axis)
        return count


@dataclass(frozen=True)
class Table:
    """One table: the code's first three characters, their names, the axis titles and the rows."""

    prefix: str
    labels: tuple[str, str, str]
    """Names of the section, the body system and the root operation (or its equivalent)."""
    definition: str | None
    """The definition of the root operation, as the table gives it."""
    titles: tuple[str, ...]
    """Seven axis titles: Section, Body System, Operation, Body Part, Approach, Device, Qualifier
    in the Medical and Surgical section; other sections name some of them otherwise."""
    rows: tuple[Row, ...]


class PcsTables:
    """The ICD-10-PCS tables of one release, asked axis by axis."""

    def __init__(
        self,
        tables: Iterable[Table],
        year: int,
        terms: Mapping[tuple[str, int, str], Term] | None = None,
    ) -> None:
        self.year = year
        self.tables = {table.prefix: table for table in tables}
        self.terms = terms or {}
        """The definitions file's terms: (section, position, name in lower case) -> term."""

    @property
    def codes(self) -> int:
        """How many valid codes the tables make."""
        return sum(row.codes for table in self.tables.values() for row in table.rows)

    def is_valid(self, code: str) -> bool:
        """Whether the seven characters are a code of these tables (one row of one table)."""
        code = code.strip().upper()
        table = self.tables.get(code[:3])
        return (
            len(code) == 7 and table is not None and any(row.allows(code[3:]) for row in table.rows)
        )

    def accepted(self, prefix: str) -> int:
        """How many characters of ``prefix``, from the left, some code of the tables begins with."""
        prefix = prefix.strip().upper()
        for length in range(min(len(prefix), 7), 0, -1):
            if self._starts(prefix[:length]):
                return length
        return 0

    def _starts(self, prefix: str) -> bool:
        if len(prefix) <= 3:
            return any(key.startswith(prefix) for key in self.tables)
        table = self.tables.get(prefix[:3])
        return table is not None and any(row.allows(prefix[3:]) for row in table.rows)

    def title(self, position: int, prefix: str = "") -> str:
        """The title of axis ``position`` (1-7) in the table ``prefix`` leads to: "Body Part"."""
        for key, table in sorted(self.tables.items()):
            if key.startswith(prefix[: min(position - 1, 3)]):
                return table.titles[position - 1]
        return FIRST_AXES[position - 1] if position <= 3 else f"Character {position}"

    def choices(self, prefix: str) -> list[Choice]:
        """The values the next axis allows after ``prefix`` (0 to 6 characters), in table order.

        Empty when no code of the tables begins with ``prefix`` (see :meth:`accepted`).
        """
        prefix = prefix.strip().upper()
        if len(prefix) >= 7 or (prefix and not self._starts(prefix)):
            return []
        if len(prefix) < 3:
            return self._first_axes(prefix)
        table = self.tables[prefix[:3]]
        found: dict[str, Choice] = {}
        place = len(prefix) - 3
        for row in table.rows:
            if row.allows(prefix[3:]):
                for char, label in row.axes[place].items():
                    if char not in found:
                        found[char] = self._explained(Choice(char, label), prefix[0], place + 4)
        return sorted(found.values(), key=lambda choice: choice.code)

    def _explained(self, choice: Choice, section: str, position: int) -> Choice:
        """The choice with what the definitions file says of it, when it was added."""
        term = self.terms.get((section, position, choice.label.lower()))
        if term is None:
            return choice
        return Choice(
            choice.code,
            choice.label,
            choice.definition or term.definition,
            term.explanation,
            term.includes,
        )

    def _first_axes(self, prefix: str) -> list[Choice]:
        found: dict[str, Choice] = {}
        place = len(prefix)
        for key, table in self.tables.items():
            if key.startswith(prefix) and key[place] not in found:
                definition = table.definition if place == 2 else None
                choice = Choice(key[place], table.labels[place], definition)
                found[key[place]] = self._explained(choice, key[0], place + 1)
        return sorted(found.values(), key=lambda choice: choice.code)

    def meaning(self, code: str) -> list[tuple[str, Choice]]:
        """Each character of a valid code with its axis title and meaning; [] if invalid."""
        code = code.strip().upper()
        if not self.is_valid(code):
            return []
        meaning: list[tuple[str, Choice]] = []
        for position in range(7):
            chosen = next(c for c in self.choices(code[:position]) if c.code == code[position])
            meaning.append((self.title(position + 1, code[:position]), chosen))
        return meaning


def check_prefix(text: str) -> str:
    """``text`` as the start of a code (upper case, no spaces); ValueError says what is wrong."""
    prefix = "".join(text.split()).upper()
    if len(prefix) > 7:
        raise ValueError(f"an ICD-10-PCS code has 7 characters; {_shown(prefix)} has {len(prefix)}")
    wrong = [char for char in prefix if char not in PCS_CHARACTERS]
    if wrong:
        char = wrong[0] if wrong[0].isprintable() else "?"
        raise ValueError(
            f"{_shown(prefix)}: '{char}' is not an ICD-10-PCS character; codes use the digits "
            "0-9 and the letters A-Z except I and O (so they are never read as 1 and 0)"
        )
    return prefix


def dead_end(tables: PcsTables, prefix: str) -> str:
    """Why no code begins with ``prefix``, and what the tables allow where it goes wrong."""
    good = tables.accepted(prefix)
    allowed = tables.choices(prefix[:good])
    title = tables.title(good + 1, prefix[:good])
    listed = ", ".join(f"{c.code} {c.label}" for c in allowed[:12])
    more = f" and {len(allowed) - 12} more" if len(allowed) > 12 else ""
    after = f"after {prefix[:good]} the" if good else "the"
    return (
        f"no ICD-10-PCS code begins with {prefix[: good + 1]}: {after} {title} "
        f"(character {good + 1}) can be {listed}{more}"
    )


def _shown(text: str) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean if len(clean) <= 12 else clean[:11] + "\u2026"
