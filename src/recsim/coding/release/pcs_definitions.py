"""The ICD-10-PCS definitions from the CMS release: ``icd10pcs_definitions_YYYY.xml``.

The file's root is ``ICD10PCS.definitions`` with a ``version`` and one ``section``
(``code=``) per section; each holds ``axis`` elements (``pos=``, a ``title``) whose
``terms`` name a value of that axis (``title``) and give its ``definition``,
``explanation`` and ``includes`` (for body parts, the anatomical terms the value
includes: the body part key; for devices, the device key). Terms are named, not
coded, so :class:`~recsim.coding.release.pcs_model.PcsTables` matches them to
the tables' labels by name within the section and axis. The definitions are
optional: without them the builder shows the tables' own root operation definitions.
"""

from __future__ import annotations

import re
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
from recsim.coding.release.pcs_model import PCS_CHARACTERS, Term
from recsim.coding.release.xml import elements

NAME = "icd10pcs-definitions"
MEMBER = re.compile(r"icd10pcs_definitions_(?P<year>\d{4})\.xml")
ROOT = "ICD10PCS.definitions"
MAGIC = b"RECSIM ICD-10-PCS DEFINITIONS\n"
FORMAT = 1
MAX_TERMS = 100_000
"""Far above a real release (a few thousand terms): a file with more is not one."""

Terms = dict[tuple[str, int, str], Term]
"""(section, axis position, value name in lower case) -> the term."""


def build(stream: BinaryIO, year: int, path: Path) -> int:
    """Read the definitions file of fiscal year ``year``, write the cache file, return its terms."""
    where = f"icd10pcs_definitions_{year}.xml"
    refuse_other_year(
        where, year, "icd10pcs_definitions_{year}.xml", "ICD-10-PCS Code Tables and Index"
    )
    terms: Terms = {}
    seen_root = False
    for element in elements(stream, where, frozenset(("version", "section", ROOT))):
        if element.tag == "version":
            check_version(element.text, year, where)
        elif element.tag == "section":
            _section(element, where, terms)
            element.clear()
            if len(terms) > MAX_TERMS:
                raise ReleaseRefused(where, f"more than {MAX_TERMS:,} terms: not a CMS file")
        else:
            seen_root = True
    if not seen_root or not terms:
        raise ReleaseRefused(
            where,
            "this is not the ICD-10-PCS definitions file (no ICD10PCS.definitions with "
            "section, axis and terms elements in it)",
        )
    document = [
        [section, position, name, term.definition, term.explanation, list(term.includes)]
        for (section, position, name), term in terms.items()
    ]
    envelope.write(path, MAGIC, {"format": FORMAT, "year": year}, document)
    return len(terms)


def _section(element: Element, where: str, terms: Terms) -> None:
    code = element.get("code", "")
    if code not in PCS_CHARACTERS:
        shown = code[:10].encode("ascii", "replace").decode("ascii")
        raise ReleaseRefused(where, f'a section has code "{shown}", which is not one character')
    for axis in element.findall("axis"):
        place = axis.get("pos", "")
        if place not in ("1", "2", "3", "4", "5", "6", "7"):
            shown = place[:10].encode("ascii", "replace").decode("ascii")
            raise ReleaseRefused(
                where, f'section {code} has an axis with pos="{shown}" (it must be 1 to 7)'
            )
        for entry in axis.findall("terms"):
            term = Term(
                _text(entry.find("definition")) or None,
                _text(entry.find("explanation")) or None,
                tuple(text for item in entry.findall("includes") if (text := _text(item))),
            )
            for title in entry.findall("title"):
                name = _text(title).lower()
                if name:
                    terms.setdefault((code, int(place), name), term)


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


PART = ReleasePart(
    name=NAME,
    title="ICD-10-PCS Definitions",
    member=MEMBER,
    build=build,
)


def load_terms(path: Path | None = None) -> Terms:
    """The definitions ``recsim codes add`` built; {} when they were not added or are damaged.

    They only add explanations to the tables, so a missing or damaged file is not an error.
    """
    try:
        _header, document = envelope.read(
            path or release_file(NAME), MAGIC, FORMAT, "ICD-10-PCS definitions file"
        )
        return _decode(document)
    except (envelope.EnvelopeDamaged, ValueError, TypeError, IndexError):
        return {}


def _decode(document: Any) -> Terms:
    terms: Terms = {}
    for section, position, name, definition, explanation, includes in document:
        texts = (name, definition or "", explanation or "", *includes)
        if section not in PCS_CHARACTERS or position not in range(1, 8):
            raise ValueError("term place")
        if not all(isinstance(text, str) for text in texts):
            raise ValueError("term text")
        terms[(section, position, name)] = Term(definition, explanation, tuple(includes))
    return terms
