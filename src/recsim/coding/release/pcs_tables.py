"""The ICD-10-PCS tables from the CMS release: read ``icd10pcs_tables_YYYY.xml``, build the cache.

CMS publishes the tables each fiscal year in the ICD-10-PCS "Code Tables and
Index" zip. The file's root is ``ICD10PCS.tabular`` with a ``version`` (the
fiscal year) and one ``pcsTable`` per table: three ``axis`` elements (``pos`` 1
to 3, each a ``title``, one ``label code=...`` and, for the root operation, a
``definition``) and its ``pcsRow`` elements, each with the ``axis`` elements of
positions 4 to 7 and their labels. ``recsim codes add`` builds it into
:func:`~recsim.coding.release.parts.release_file` ``("icd10pcs-tables")``
(:mod:`.pcs_file`); :func:`load_tables` gives the :class:`PcsTables`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import Element

from recsim.coding.release import pcs_definitions, pcs_file, pcs_index
from recsim.coding.release.parts import (
    ReleasePart,
    ReleaseRefused,
    check_version,
    refuse_other_year,
    release_file,
)
from recsim.coding.release.pcs_file import TablesUnavailable as TablesUnavailable
from recsim.coding.release.pcs_model import FIRST_AXES, PCS_CHARACTERS, PcsTables, Row, Table
from recsim.coding.release.xml import elements

NAME = "icd10pcs-tables"
MEMBER = re.compile(r"icd10pcs_tables_(?P<year>\d{4})\.xml")
ROOT = "ICD10PCS.tabular"
MAX_TABLES = 5000
"""Far above a real release (about 900 tables): a file with more is not one."""


def build(stream: BinaryIO, year: int, path: Path) -> int:
    """Read the tables file of fiscal year ``year``, write the cache file, return its code count."""
    where = f"icd10pcs_tables_{year}.xml"
    refuse_other_year(where, year, "icd10pcs_tables_{year}.xml", "ICD-10-PCS Code Tables and Index")
    tables: list[Table] = []
    seen_root = False
    for element in elements(stream, where, frozenset(("version", "pcsTable", ROOT))):
        if element.tag == "version":
            check_version(element.text, year, where)
        elif element.tag == "pcsTable":
            tables.append(_table(element, where, len(tables) + 1))
            element.clear()
            if len(tables) > MAX_TABLES:
                raise ReleaseRefused(where, f"more than {MAX_TABLES:,} tables: not a CMS file")
        else:
            seen_root = True
    if not seen_root or not tables:
        raise ReleaseRefused(
            where,
            "this is not the ICD-10-PCS tables file (no ICD10PCS.tabular with pcsTable "
            "elements in it)",
        )
    result = PcsTables(_merged(tables), year)
    pcs_file.write(path, result)
    return result.codes


def _table(element: Element, where: str, number: int) -> Table:
    heads = {axis.get("pos"): axis for axis in element.findall("axis")}
    chars: list[str] = []
    labels: list[str] = []
    titles: list[str] = []
    for position in ("1", "2", "3"):
        axis = heads.get(position)
        if axis is None:
            raise ReleaseRefused(where, f'table {number} has no axis {position} (pos="{position}")')
        found = _labels(axis, where, f"table {number}, axis {position}")
        if len(found) != 1:
            raise ReleaseRefused(
                where, f"table {number}, axis {position} has {len(found)} labels instead of one"
            )
        ((char, label),) = found.items()
        chars.append(char)
        labels.append(label)
        titles.append(_text(axis.find("title")) or FIRST_AXES[int(position) - 1])
    prefix = "".join(chars)
    found_rows = element.findall("pcsRow")
    if not found_rows:
        raise ReleaseRefused(where, f"table {prefix} has no rows (pcsRow)")
    rows = tuple(
        _row(row, where, f"table {prefix}, row {place}") for place, row in enumerate(found_rows, 1)
    )
    definition = _text(heads["3"].find("definition")) or None
    for position in ("4", "5", "6", "7"):
        axis = found_rows[0].find(f"axis[@pos='{position}']")  # _row made sure it is there
        title = _text(axis.find("title")) if axis is not None else ""
        titles.append(title or f"Character {position}")
    return Table(prefix, (labels[0], labels[1], labels[2]), definition, tuple(titles), rows)


def _row(element: Element, where: str, at: str) -> Row:
    axes: list[dict[str, str]] = []
    for position in ("4", "5", "6", "7"):
        axis = element.find(f"axis[@pos='{position}']")
        if axis is None:
            raise ReleaseRefused(where, f'{at} has no axis {position} (pos="{position}")')
        found = _labels(axis, where, f"{at}, axis {position}")
        if not found:
            raise ReleaseRefused(where, f"{at}, axis {position} has no labels")
        axes.append(found)
    return Row((axes[0], axes[1], axes[2], axes[3]))


def _labels(axis: Element, where: str, at: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for label in axis.findall("label"):
        char = label.get("code", "")
        if char not in PCS_CHARACTERS:
            shown = char[:10].encode("ascii", "replace").decode("ascii")
            raise ReleaseRefused(
                where,
                f'{at} has a label with code "{shown}", which is not one ICD-10-PCS '
                "character (0-9 or a letter other than I and O)",
            )
        found.setdefault(char, _text(label))
    return found


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _merged(tables: list[Table]) -> list[Table]:
    """One table per prefix: a table CMS prints in two parts keeps the rows of both."""
    merged: dict[str, Table] = {}
    for table in tables:
        if table.prefix in merged:
            first = merged[table.prefix]
            table = Table(
                first.prefix,
                first.labels,
                first.definition,
                first.titles,
                first.rows + table.rows,
            )
        merged[table.prefix] = table
    return list(merged.values())


PARTS = (
    ReleasePart(
        name=NAME,
        title="ICD-10-PCS Tables",
        member=MEMBER,
        build=build,
    ),
    pcs_definitions.PART,
    pcs_index.PART,
)
"""The parts of the ICD-10-PCS release this module reads (``recsim codes add`` registers them)."""


def load_tables(path: Path | None = None) -> PcsTables:
    """The ICD-10-PCS tables ``recsim codes add`` built, with the definitions if added too.

    Loaded once per process for each version of the files (:mod:`.pcs_definitions`).
    Raises :class:`TablesUnavailable` (one sentence, naming ``recsim codes add``) when
    they were never added or the cache file is damaged.
    """
    return pcs_file.load(path or release_file(NAME), release_file(pcs_definitions.NAME))
