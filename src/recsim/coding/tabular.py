"""Reading the FY2026 ICD-10-CM tabular list shipped in the ``simple_icd_10_cm`` package.

The package's data folder holds the CDC/CMS tabular XML (April 1, 2026) and
the list of every valid code. recsim reads both files directly, without
importing the package (its import parses the XML on every start), and walks
the tree the way the package does: chapters, blocks, categories and
subcategories from the XML, plus the codes made by adding a 7th character,
which exist only where the code list confirms them.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import xml.etree.ElementTree as ET
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as safe_tree
from defusedxml.common import DefusedXmlException

from recsim.coding.references import references

PACKAGE = "simple_icd_10_cm"

_NOTE_FIELDS = {
    "includes": "includes",
    "excludes1": "excludes1",
    "excludes2": "excludes2",
    "codeFirst": "code_first",
    "useAdditionalCode": "use_additional",
    "codeAlso": "code_also",
    "notes": "notes",
}


class SourceMissing(Exception):
    """The installed ICD-10-CM package or its data files cannot be found."""


@dataclass(frozen=True)
class Source:
    """The installed package's data files and what identifies their version."""

    tabular: Path
    code_list: Path
    version: str

    @property
    def stamp(self) -> str:
        """Package version plus file sizes: a different release means a different index."""
        return f"{self.version}:{self.tabular.stat().st_size}:{self.code_list.stat().st_size}"


def find_source() -> Source:
    """Locate the package's data folder without importing the package."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
        version = importlib.metadata.version(PACKAGE)
    except (ImportError, importlib.metadata.PackageNotFoundError, ValueError):
        spec, version = None, ""
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise SourceMissing(
            f"the ICD-10-CM code set is not installed (Python package {PACKAGE}); "
            "reinstall recsim to bring it back"
        )
    data = Path(locations[0]) / "data"
    tabular = sorted(data.glob("icd10c-tabular-*.xml"))
    code_list = sorted(data.glob("code-list-*.txt"))
    if not tabular or not code_list:
        raise SourceMissing(f"the ICD-10-CM data files are missing from {data}; reinstall recsim")
    return Source(tabular[-1], code_list[-1], version)


@dataclass
class Entry:
    """One node of the tabular tree as the builder sees it."""

    code: str
    description: str
    tag: str
    """``chapter``, ``section`` or ``diag`` (the XML element)."""
    parent: int
    details: dict[str, Any] = field(default_factory=dict)
    """Own notes, inclusion terms and 7th-character definitions (JSON-ready)."""
    sevenths: str = ""
    """For a heading that takes a 7th character: the characters the code list confirms."""
    seventh_meanings: str = ""
    """Their meanings joined, so search can find "initial encounter" under S52.501."""
    leaf: bool = False


def read_tabular(source: Source, progress: Callable[[str], None]) -> list[Entry]:
    """Every chapter, block, category and subcategory in tabular order (pre-order)."""
    progress(
        f"Reading the ICD-10-CM tabular list ({source.tabular.stat().st_size / 2**20:.1f} MB)..."
    )
    valid = set(source.code_list.read_text(encoding="utf-8").split())
    root = _parse(source.tabular)
    entries: list[Entry] = []
    for chapter in root.iter("chapter"):
        _walk(chapter, -1, None, entries, valid)
    progress(f"Linking the notes of {len(entries):,} entries to the codes they name...")
    _resolve_references(entries)
    return entries


def _parse(path: Path) -> ET.Element:
    """The tabular's root, read by ``defusedxml``: a document type declaration is refused
    (the published file has none), so no entity can expand or reach outside the file."""
    try:
        root = safe_tree.parse(path, forbid_dtd=True).getroot()
    except DefusedXmlException:
        raise SourceMissing(
            f"{path}: the tabular list declares a document type or entities, which the "
            "published file does not; reinstall recsim"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise SourceMissing(
            f"{path}: the tabular list is damaged (line {line}, column {column}); reinstall recsim"
        ) from None
    if root is None:
        raise SourceMissing(f"{path}: the tabular list is empty; reinstall recsim")
    return root


def _walk(
    element: ET.Element,
    parent: int,
    inherited_def: dict[str, str] | None,
    entries: list[Entry],
    valid: set[str],
) -> None:
    tag = element.tag
    name = element.get("id") if tag == "section" else _text(element.find("name"))
    entry = Entry(code=name or "", description=_text(element.find("desc")), tag=tag, parent=parent)
    index = len(entries)
    entries.append(entry)
    details = entry.details
    own_def: dict[str, str] = {}
    children: list[ET.Element] = []
    for child in element:
        if child.tag in ("section", "diag"):
            children.append(child)
        elif child.tag == "inclusionTerm":
            details.setdefault("inclusion_terms", []).extend(_notes(child))
        elif child.tag in _NOTE_FIELDS:
            details.setdefault(_NOTE_FIELDS[child.tag], []).extend([t, []] for t in _notes(child))
        elif child.tag == "sevenChrDef":
            own_def = _seventh_definitions(child)
            details["seventh"] = own_def
        elif child.tag == "sevenChrNote":
            details["seventh_note"] = " ".join(_notes(child))
    applying = own_def or inherited_def
    for child in children:
        _walk(child, index, applying, entries, valid)
    if not children and tag == "diag":
        entry.leaf = True
        if applying:
            padded = entry.code if len(entry.code) > 3 else entry.code + "."
            bare = padded.ljust(7, "X").replace(".", "")
            entry.sevenths = "".join(c for c in applying if bare + c in valid)
            entry.seventh_meanings = " ".join(applying[c] for c in entry.sevenths)


def _text(element: ET.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _notes(element: ET.Element) -> list[str]:
    return [t for t in (_text(n) for n in element.iter("note")) if t]


def _seventh_definitions(element: ET.Element) -> dict[str, str]:
    """char -> meaning; a <note> after an <extension> adds to its meaning."""
    meanings: dict[str, str] = {}
    last = None
    for child in element:
        text = _text(child)
        if child.tag == "extension" and child.get("char"):
            last = child.get("char", "")
            meanings[last] = text
        elif child.tag == "note" and last is not None and text:
            meanings[last] = f"{meanings[last]}; {text}"
    return meanings


def _resolve_references(entries: list[Entry]) -> None:
    codes = {e.code for e in entries if e.tag == "diag"}
    categories = sorted(c for c in codes if len(c) == 3)

    def exists(code: str) -> bool:
        return code in codes

    def between(first: str, last: str) -> list[str]:
        return categories[bisect_left(categories, first) : bisect_right(categories, last)]

    for entry in entries:
        for key in _NOTE_FIELDS.values():
            for note in entry.details.get(key, ()):
                note[1] = [list(r) for r in references(note[0], exists, between)]
