"""The ICD-10-PCS Index from the CMS release: ``icd10pcs_index_YYYY.xml``.

The file's root is ``ICD10PCS.index`` with a ``version`` and ``letter`` elements
holding ``mainTerm`` elements; a main term and each of its nested ``term``
elements has a ``title`` and may carry a ``code`` (a whole code), ``codes`` or
``tab`` (the first characters of a code: where to go in the tables), a ``see``
(a cross-reference, with its own ``codes`` or ``tab`` inside it at times) or a
``use`` (the table value a term is coded to). recsim keeps each entry as its
path of titles and what it gives, and searches the paths by word starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree.ElementTree import Element

from recsim.coding.release import envelope
from recsim.coding.release.parts import (
    ReleasePart,
    ReleaseRefused,
    check_version,
    refuse_other_year,
    release_file,
)
from recsim.coding.release.xml import elements

NAME = "icd10pcs-index"
MEMBER = re.compile(r"icd10pcs_index_(?P<year>\d{4})\.xml")
ROOT = "ICD10PCS.index"
MAGIC = b"RECSIM ICD-10-PCS INDEX\n"
FORMAT = 1
MAX_ENTRIES = 500_000
"""Far above a real release (tens of thousands of entries): a file with more is not one."""
MAX_DEPTH = 12
"""Deeper nesting than any CMS index has: a file with more is refused, never recursed into."""
_WORD = re.compile(r"[a-z0-9]+")
_TARGET = re.compile(r"\b[0-9A-HJ-NP-Z]{3,7}\b")
"""A code or its first characters inside a cross-reference ("Excision, Appendix 0DBJ")."""


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: its path of terms and where it sends the coder."""

    path: str
    """Main term and subterms: "Resection, Appendix"."""
    code: str
    """A whole code, or the first characters of one (0DTJ); "" when the entry gives none."""
    see: str
    """A cross-reference ("Excision, Appendix 0DBJ"), or ""."""
    use: str
    """The table value the term is coded to ("Appendix"), or ""."""

    def targets(self) -> list[tuple[str, str]]:
        """Where in the tables the entry sends the coder: (a code or its first characters, the
        words that say so), from its own code and from the codes inside its cross-references."""
        found = [(self.code, f"{self.path} {self.code}")] if self.code else []
        for part in self.see.split("; see ") if self.see else []:
            for match in _TARGET.finditer(part):
                if any(char.isdigit() for char in match.group()):  # a code, not a capitalised word
                    found.append((match.group(), f"{self.path}, see {part}"))
        return found

    def said(self) -> str:
        """What the entry says, after its path: "0DTJ", "see Excision, Appendix 0DBJ"."""
        parts = [self.code] if self.code else []
        if self.see:
            parts.append(f"see {self.see}")
        if self.use:
            parts.append(f"use {self.use}")
        return "; ".join(parts)


def build(stream: BinaryIO, year: int, path: Path) -> int:
    """Read the index of fiscal year ``year``, write the cache file, return its entries."""
    where = f"icd10pcs_index_{year}.xml"
    refuse_other_year(where, year, "icd10pcs_index_{year}.xml", "ICD-10-PCS Code Tables and Index")
    entries: list[IndexEntry] = []
    seen_root = False
    for element in elements(stream, where, frozenset(("version", "letter", ROOT))):
        if element.tag == "version":
            check_version(element.text, year, where)
        elif element.tag == "letter":
            for main in element.findall("mainTerm"):
                _walk(main, "", 1, entries, where)
            element.clear()
            if len(entries) > MAX_ENTRIES:
                raise ReleaseRefused(where, f"more than {MAX_ENTRIES:,} entries: not a CMS file")
        else:
            seen_root = True
    if not seen_root or not entries:
        raise ReleaseRefused(
            where,
            "this is not the ICD-10-PCS Index (no ICD10PCS.index with letter and mainTerm "
            "elements in it)",
        )
    document = [[e.path, e.code, e.see, e.use] for e in entries]
    envelope.write(path, MAGIC, {"format": FORMAT, "year": year}, document)
    return len(entries)


def _walk(node: Element, parent: str, depth: int, entries: list[IndexEntry], where: str) -> None:
    if depth > MAX_DEPTH:
        raise ReleaseRefused(where, f"terms nested deeper than {MAX_DEPTH} levels under {parent}")
    title = _text(node.find("title"))
    path = f"{parent}, {title}" if parent and title else parent or title
    code = next(
        (_text(node.find(tag)) for tag in ("code", "codes", "tab") if node.find(tag) is not None),
        "",
    )
    see = "; see ".join(_text(item) for item in node.findall("see"))
    use = "; use ".join(_text(item) for item in node.findall("use"))
    if path and (code or see or use):
        entries.append(IndexEntry(path, code.replace(" ", ""), see, use))
    for term in node.findall("term"):
        _walk(term, path, depth + 1, entries, where)


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


PART = ReleasePart(name=NAME, title="ICD-10-PCS Index", member=MEMBER, build=build)


class PcsIndex:
    """The index entries, searched by the starts of words of their paths."""

    def __init__(self, entries: list[IndexEntry]) -> None:
        self.entries = entries
        self._words = [_WORD.findall(entry.path.lower()) for entry in entries]

    def search(self, query: str, limit: int = 20) -> list[IndexEntry]:
        """Entries whose path has a word starting with each word of ``query``; main terms first."""
        wanted = _WORD.findall(query.lower())
        if not wanted:
            return []
        found = [
            (0 if words[0].startswith(wanted[0]) else 1, len(words), number)
            for number, words in enumerate(self._words)
            if all(any(word.startswith(part) for word in words) for part in wanted)
        ]
        return [self.entries[number] for *_rank, number in sorted(found)[:limit]]


def load_index(path: Path | None = None) -> PcsIndex | None:
    """The index ``recsim codes add`` built; None when it was not added or is damaged."""
    try:
        _header, document = envelope.read(
            path or release_file(NAME), MAGIC, FORMAT, "ICD-10-PCS index file"
        )
        return PcsIndex(_decode(document))
    except (envelope.EnvelopeDamaged, ValueError, TypeError):
        return None


def _decode(document: Any) -> list[IndexEntry]:
    entries = []
    for path, code, see, use in document:
        if not all(isinstance(text, str) for text in (path, code, see, use)):
            raise ValueError("entry")
        entries.append(IndexEntry(path, code, see, use))
    return entries
