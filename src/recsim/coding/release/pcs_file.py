"""The cache file of the ICD-10-PCS tables: small, checked, and never executed.

Layout (:mod:`.envelope`, as the ICD-10-CM index file): a magic
line, one JSON header line (format, fiscal year, payload size and SHA-256,
counts), then the payload, one JSON document. Every name appears once in the
payload's ``strings`` list and tables refer to it by number, so the file is a
fraction of the XML's size. The file is untrusted input: anything that does not
match (truncated, edited, another format) raises :class:`TablesUnavailable`
with one sentence saying to add the tables again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recsim.coding.release import envelope
from recsim.coding.release.pcs_model import PCS_CHARACTERS, PcsTables, Row, Table

MAGIC = b"RECSIM ICD-10-PCS TABLES\n"
FORMAT = 1
"""Bump whenever the layout or the meaning of a field changes."""
ADD = (
    "add them with: recsim codes add icd10pcs_tables_2026.xml (or the FY2026 ICD-10-PCS "
    "Code Tables and Index zip, or recsim codes add --download)"
)


class TablesUnavailable(Exception):
    """The tables were never added, or their cache file is damaged; the message says which."""


def write(path: Path, tables: PcsTables) -> None:
    """Write the tables to ``path`` (the caller's temporary name), flushed to disk."""
    strings: dict[str, int] = {}

    def number(text: str | None) -> int:
        if text is None:
            return -1
        return strings.setdefault(text, len(strings))

    encoded = [
        [
            table.prefix,
            [number(label) for label in table.labels],
            number(table.definition),
            [number(title) for title in table.titles],
            [
                [[[char, number(label)] for char, label in axis.items()] for axis in row.axes]
                for row in table.rows
            ],
        ]
        for table in tables.tables.values()
    ]
    header = {"format": FORMAT, "year": tables.year, "tables": len(tables.tables)}
    header["codes"] = tables.codes
    envelope.write(path, MAGIC, header, {"strings": list(strings), "tables": encoded})


_loaded: dict[tuple[object, ...], PcsTables] = {}


def load(path: Path, definitions: Path | None = None) -> PcsTables:
    """The tables in ``path``, with the definitions in ``definitions`` when that file exists.

    Read once per process for each version of the two files.
    """
    try:
        info = path.stat()
    except OSError:
        raise TablesUnavailable(f"The ICD-10-PCS tables have not been added yet; {ADD}.") from None
    key: tuple[object, ...] = (str(path), info.st_mtime_ns, info.st_size, _stamp(definitions))
    if key not in _loaded:
        _loaded.clear()
        tables = read(path)
        if definitions is not None and key[-1] is not None:
            from recsim.coding.release.pcs_definitions import load_terms

            tables = PcsTables(tables.tables.values(), tables.year, load_terms(definitions))
        _loaded[key] = tables
    return _loaded[key]


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info is not None else None


def read(path: Path) -> PcsTables:
    """Load and check the file; raises :class:`TablesUnavailable` for anything amiss."""
    try:
        header, document = envelope.read(path, MAGIC, FORMAT, "ICD-10-PCS tables file")
    except envelope.EnvelopeDamaged as damaged:
        if damaged.missing:
            raise TablesUnavailable(
                f"The ICD-10-PCS tables have not been added yet; {ADD}."
            ) from None
        raise _damaged(str(damaged)) from None
    year = header.get("year")
    try:
        tables = _decode(document["strings"], document["tables"])
    except (ValueError, KeyError, TypeError, IndexError):
        raise _damaged("its tables are damaged") from None
    if not isinstance(year, int) or not tables:
        raise _damaged("its tables are damaged")
    return PcsTables(tables, year)


def _damaged(why: str) -> TablesUnavailable:
    return TablesUnavailable(f"The ICD-10-PCS tables file in the cache is unusable ({why}); {ADD}.")


def _decode(strings: Any, encoded: Any) -> list[Table]:
    """Tables from the payload; any value of the wrong type or out of range raises ValueError."""
    if not isinstance(strings, list) or not all(isinstance(s, str) for s in strings):
        raise ValueError("strings")

    def text(number: Any) -> str:
        if not isinstance(number, int) or not 0 <= number < len(strings):
            raise ValueError("string number")
        return str(strings[number])

    def char(value: Any) -> str:
        if not isinstance(value, str) or value not in PCS_CHARACTERS:
            raise ValueError("character")
        return value

    tables: list[Table] = []
    for prefix, labels, definition, titles, rows in encoded:
        if not isinstance(prefix, str) or len(prefix) != 3:
            raise ValueError("prefix")
        for one in prefix:
            char(one)
        if len(labels) != 3 or len(titles) != 7 or not rows:
            raise ValueError("table")
        decoded = []
        for row in rows:
            if len(row) != 4 or not all(row):
                raise ValueError("row")
            axes = [{char(c): text(n) for c, n in axis} for axis in row]
            decoded.append(Row((axes[0], axes[1], axes[2], axes[3])))
        tables.append(
            Table(
                prefix,
                (text(labels[0]), text(labels[1]), text(labels[2])),
                None if definition == -1 else text(definition),
                tuple(text(title) for title in titles),
                tuple(decoded),
            )
        )
    return tables
