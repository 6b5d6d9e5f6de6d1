"""The four ICD-10-CM index files of a CMS release, built into recsim's cache.

The "Code Tables, Tabular and Index" zip holds, besides the tabular list, the
Alphabetic Index (``icd10cm_index_YYYY.xml``), the External Cause of Injuries
Index (``icd10cm_eindex_YYYY.xml``), the Table of Neoplasms
(``icd10cm_neoplasm_YYYY.xml``) and the Table of Drugs and Chemicals
(``icd10cm_drug_YYYY.xml``). All four share one layout: ``ICD10CM.index`` with
a ``version`` and ``title``, the tables an ``indexHeading`` of ``head``
columns, then ``letter`` > ``mainTerm`` > nested ``term level="N"``. An entry
has a ``title`` (its nonessential modifiers in ``nemod``) and may have a
``code``, a ``manif`` (manifestation code, shown in brackets), ``see``,
``seeAlso``, ``codeAlso`` or table ``cell col="N"`` values.

Each file is streamed through :func:`recsim.coding.release.xml.elements`; every
main term is read and cleared as it ends, so memory stays bounded.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from recsim.coding.release import index_cache
from recsim.coding.release.cm_names import CM_PARTS
from recsim.coding.release.parts import FISCAL_YEAR, ReleasePart, ReleaseRefused
from recsim.coding.words import tokens, words

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

MAX_ENTRIES = 2_000_000
MAX_DEPTH = 16
MAX_TEXT = 1000
_SPACE = re.compile(r"\s+")
_TAGS = frozenset({"version", "title", "indexHeading", "mainTerm", "ICD10CM.index"})
_EMPTY_CELLS = frozenset({"", "-", "--", "\u2014", "\u2013"})


@dataclass
class _Entries:
    """The entries read so far, one list per cache section."""

    columns: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(
        default_factory=lambda: {s: [] for s in index_cache.PER_ENTRY}
    )
    hay: list[str] = field(default_factory=list)
    """Each entry's search words (not written: search reads them from the title)."""
    parent: array[int] = field(default_factory=lambda: array("i"))
    end: array[int] = field(default_factory=lambda: array("i"))
    mains: list[int] = field(default_factory=list)


def _clean(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()[:MAX_TEXT]


def _text(element: Element | None) -> str:
    return "" if element is None else _clean("".join(element.itertext()))


def _title(element: Element) -> tuple[str, str]:
    """The entry's title and its nonessential modifiers (the ``nemod`` inside the title)."""
    title = element.find("title")
    if title is None:
        return "", ""
    plain = [title.text or ""]
    nemods = []
    for child in title:
        if child.tag == "nemod":
            nemods.append("".join(child.itertext()))
        else:
            plain.append("".join(child.itertext()))
        plain.append(child.tail or "")
    return _clean(" ".join(plain)), _clean(" ".join(nemods))


def _add(entries: _Entries, element: Element, parent: int, depth: int, where: str) -> None:
    """Append ``element`` and its subterms in document order."""
    if depth > MAX_DEPTH:
        raise ReleaseRefused(where, f"an index entry is nested more than {MAX_DEPTH} levels deep")
    if len(entries.parent) >= MAX_ENTRIES:
        raise ReleaseRefused(where, f"the file has more than {MAX_ENTRIES:,} index entries")
    me = len(entries.parent)
    title, nemod = _title(element)
    sections = entries.sections
    sections["title"].append(title)
    sections["nemod"].append(nemod)
    entries.hay.append(" ".join(words(f"{title} {nemod}")))
    for section, tag in (
        ("code", "code"),
        ("manif", "manif"),
        ("see", "see"),
        ("see_also", "seeAlso"),
        ("code_also", "codeAlso"),
    ):
        sections[section].append(_text(element.find(tag)))
    sections["cells"].append(_cells(element, len(entries.columns)))
    entries.parent.append(parent)
    entries.end.append(0)
    for term in element.iterfind("term"):
        _add(entries, term, me, depth + 1, where)
    entries.end[me] = len(entries.parent)


def _cells(element: Element, columns: int) -> str:
    """The entry's table values in column order (column 1 is the title, so it is left out)."""
    values = [""] * columns
    for cell in element.iterfind("cell"):
        try:
            column = int(cell.get("col", "")) - 2
        except ValueError:
            continue
        text = _text(cell).replace("\t", " ")
        if 0 <= column < columns and text not in _EMPTY_CELLS:
            values[column] = text
    return "\t".join(values)


@dataclass(frozen=True)
class _Expect:
    """What the file's own title and headings must say for it to be the part its name says."""

    title_word: str
    heading_word: str | None


def _builder(name: str, title: str, expect: _Expect) -> Callable[[BinaryIO, int, Path], int]:
    def build(stream: BinaryIO, year: int, path: Path) -> int:
        where = f"{title} ({name})"
        entries = _read(stream, year, where, title, expect)
        _write(entries, name, year, path)
        return len(entries.parent)

    return build


def _read(stream: BinaryIO, year: int, where: str, title: str, expect: _Expect) -> _Entries:
    # Imported here: a process that only reads the built cache never loads an XML parser.
    from recsim.coding.release.xml import elements

    if year != FISCAL_YEAR:
        raise ReleaseRefused(
            where, f"the file is from the FY{year} release; recsim reads the FY{FISCAL_YEAR} files"
        )
    entries = _Entries()
    version: str | None = None
    seen_title = False
    rooted = False
    for element in elements(stream, where, _TAGS):
        tag = element.tag
        if tag == "version" and version is None:
            version = _text(element)
            if version != str(FISCAL_YEAR):
                raise ReleaseRefused(
                    where,
                    f"the file says it is version {version[:20]!r}; recsim reads the "
                    f"FY{FISCAL_YEAR} release",
                )
        elif tag == "title" and not seen_title and not entries.mains:
            seen_title = True
            said = _text(element)
            if len(said) > 3 and expect.title_word not in said.lower():
                raise ReleaseRefused(where, f"the file is titled {said[:80]!r}, not the {title}")
        elif tag == "indexHeading":
            entries.columns = _headings(element)
            _check_heading(entries.columns, where, title, expect)
        elif tag == "mainTerm":
            if version is None:
                raise ReleaseRefused(where, "the file has no <version>; it is not a CMS index file")
            entries.mains.append(len(entries.parent))
            _add(entries, element, -1, 0, where)
            element.clear()
        elif tag == "ICD10CM.index":
            rooted = True
    if not rooted:
        raise ReleaseRefused(where, "the file is not an ICD-10-CM index (no ICD10CM.index root)")
    if version is None or not entries.mains:
        raise ReleaseRefused(where, "the file holds no index entries")
    if expect.heading_word is not None and not entries.columns:
        raise ReleaseRefused(where, f"the file has no column headings, so it is not the {title}")
    return entries


def _headings(element: Element) -> list[str]:
    """The headings of columns 2, 3, ... (column 1 holds the entries' titles).

    A ``head`` names its column with ``col="N"``; heads without it count from column 1.
    """
    heads: dict[int, str] = {}
    for position, head in enumerate(element.iterfind("head"), 1):
        try:
            column = int(head.get("col", position))
        except ValueError:
            column = position
        if 1 <= column <= 64:
            heads[column] = _text(head)
    return [heads.get(c, "") for c in range(2, max(heads, default=1) + 1)]


def _check_heading(columns: list[str], where: str, title: str, expect: _Expect) -> None:
    said = " ".join(columns).lower()
    if expect.heading_word is None or expect.heading_word not in said:
        raise ReleaseRefused(
            where, f"the file's column headings ({said[:60]!r}) are not those of the {title}"
        )


def _write(entries: _Entries, name: str, year: int, path: Path) -> None:
    postings: dict[str, set[int]] = {}
    hay = entries.hay
    for main in entries.mains:
        for word in hay[main].split():
            postings.setdefault(word, set()).add(main)
    vocabulary = sorted(postings)
    at = array("I", [0])
    flat = array("I")
    for word in vocabulary:
        flat.extend(sorted(postings[word]))
        at.append(len(flat))
    keys: set[tuple[str, int]] = set()
    titles = entries.sections["title"]
    for main in entries.mains:
        for text in (titles[main], titles[main].split(",")[0]):
            keys.add((" ".join(tokens(text)), main))
    ordered = sorted(keys)
    sections: dict[str, list[str] | array[int]] = dict(entries.sections)
    sections.update(
        vocabulary=vocabulary,
        main_keys=[key for key, _ in ordered],
        main_ids=array("I", [main for _, main in ordered]),
        parent=entries.parent,
        end=entries.end,
        postings_at=at,
        postings=flat,
    )
    header = {"part": name, "year": year, "columns": entries.columns, "count": len(hay)}
    index_cache.write(path, header, sections)


def _part(name: str, stem: str, title: str, expect: _Expect) -> ReleasePart:
    return ReleasePart(
        name=name,
        title=title,
        member=re.compile(rf"{stem}_(?P<year>\d{{4}})\.xml"),
        build=_builder(name, title, expect),
    )


_EXPECT = {
    "icd10cm-index": ("icd10cm_index", _Expect("diseases", None)),
    "icd10cm-eindex": ("icd10cm_eindex", _Expect("external", None)),
    "icd10cm-neoplasm": ("icd10cm_neoplasm", _Expect("neoplasm", "malignant")),
    "icd10cm-drug": ("icd10cm_drug", _Expect("drug", "poisoning")),
}
PARTS: tuple[ReleasePart, ...] = tuple(
    _part(name, _EXPECT[name][0], title, _EXPECT[name][1]) for name, title in CM_PARTS
)
"""The ICD-10-CM index parts of a CMS release, in the order a coder consults them."""
