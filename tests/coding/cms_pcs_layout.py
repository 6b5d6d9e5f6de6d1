"""A small ICD-10-PCS tables file in the layout of the CMS release (``icd10pcs_tables_YYYY.xml``).

The layout follows the published file: root ``ICD10PCS.tabular`` (with the schema
location CMS gives), a ``version``, and ``pcsTable`` elements holding the axes of
positions 1-3 (``title``, one ``label code=``, a ``definition`` for the root
operation) and ``pcsRow`` elements (``codes`` = the row's code count) holding the
axes of positions 4-7 (``values`` = how many labels).

The tables are written for these tests from ICD-10-PCS FY2026 facts: for every body
part they list, they hold all of its rows (checked against the grouper's code
editor in test_pcs_tables.py), so validity agrees with it. Names are the tables'
value names; definitions are recsim's own wording, not the CMS text.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

Axis = dict[str, str]
"""character -> label."""

APPROACH = {
    "0": "Open",
    "3": "Percutaneous",
    "4": "Percutaneous Endoscopic",
    "7": "Via Natural or Artificial Opening",
    "8": "Via Natural or Artificial Opening Endoscopic",
    "F": "Via Natural or Artificial Opening With Percutaneous Endoscopic Assistance",
}
NO_DEVICE = {"Z": "No Device"}
NO_QUALIFIER = {"Z": "No Qualifier"}


def _pick(axis: Axis, chars: str) -> Axis:
    return {char: axis[char] for char in chars}


GI = ("0", "Medical and Surgical"), ("D", "Gastrointestinal System")
JOINTS = ("0", "Medical and Surgical"), ("S", "Lower Joints")
HEART = ("0", "Medical and Surgical"), ("2", "Heart and Great Vessels")
HIP = {"9": "Hip Joint, Right", "B": "Hip Joint, Left"}
HIP_DEVICES = {
    "1": "Synthetic Substitute, Metal",
    "2": "Synthetic Substitute, Metal on Polyethylene",
    "3": "Synthetic Substitute, Ceramic",
    "4": "Synthetic Substitute, Ceramic on Polyethylene",
    "6": "Synthetic Substitute, Oxidized Zirconium on Polyethylene",
    "J": "Synthetic Substitute",
}
STENTS = {
    "4": "Intraluminal Device, Drug-eluting",
    "5": "Intraluminal Device, Drug-eluting, Two",
    "6": "Intraluminal Device, Drug-eluting, Three",
    "7": "Intraluminal Device, Drug-eluting, Four or More",
    "D": "Intraluminal Device",
    "E": "Intraluminal Device, Two",
    "F": "Intraluminal Device, Three",
    "G": "Intraluminal Device, Four or More",
    "T": "Intraluminal Device, Radioactive",
    "Z": "No Device",
}

TABLES: list[dict[str, object]] = [
    {
        "head": (*GI, ("T", "Resection")),
        "definition": "Taking out all of a body part, with nothing put in its place",
        "rows": [
            (
                {
                    "5": "Esophagus",
                    "6": "Stomach",
                    "F": "Large Intestine, Right",
                    "J": "Appendix",
                },
                _pick(APPROACH, "0478"),
                NO_DEVICE,
                NO_QUALIFIER,
            ),
            (
                {"F": "Large Intestine, Right", "J": "Appendix"},
                _pick(APPROACH, "4"),
                NO_DEVICE,
                {"G": "Hand-Assisted"},
            ),
        ],
    },
    {
        "head": (*GI, ("B", "Excision")),
        "definition": "Taking out part of a body part, with nothing put in its place",
        "rows": [
            (
                {"6": "Stomach"},
                _pick(APPROACH, "03478"),
                NO_DEVICE,
                {"3": "Vertical", "X": "Diagnostic", "Z": "No Qualifier"},
            ),
            (
                {"J": "Appendix"},
                _pick(APPROACH, "03478"),
                NO_DEVICE,
                {"X": "Diagnostic", "Z": "No Qualifier"},
            ),
            ({"J": "Appendix"}, _pick(APPROACH, "4"), NO_DEVICE, {"G": "Hand-Assisted"}),
        ],
    },
    {
        "head": (*JOINTS, ("R", "Replacement")),
        "definition": "Putting in material that takes over the place or the work of a body part",
        "rows": [
            (
                HIP,
                _pick(APPROACH, "0"),
                HIP_DEVICES,
                {"9": "Cemented", "A": "Uncemented", "Z": "No Qualifier"},
            ),
            (
                HIP,
                _pick(APPROACH, "0"),
                {
                    "7": "Autologous Tissue Substitute",
                    "E": "Articulating Spacer",
                    "K": "Nonautologous Tissue Substitute",
                },
                NO_QUALIFIER,
            ),
        ],
    },
    {
        "head": (*HEART, ("7", "Dilation")),
        "definition": "Widening the opening or the channel of a tubular body part",
        "rows": [
            (
                {"0": "Coronary Artery, One Artery", "1": "Coronary Artery, Two Arteries"},
                _pick(APPROACH, "034"),
                STENTS,
                {"6": "Bifurcation", "Z": "No Qualifier"},
            ),
        ],
    },
]
TITLES = ("Section", "Body System", "Operation", "Body Part", "Approach", "Device", "Qualifier")


def _axis(position: int, axis: Axis, definition: str | None = None) -> str:
    labels = "".join(
        f'<label code="{char}">{escape(label)}</label>' for char, label in axis.items()
    )
    extra = f"<definition>{escape(definition)}</definition>" if definition else ""
    return (
        f'<axis pos="{position}" values="{len(axis)}"><title>{TITLES[position - 1]}</title>'
        f"{labels}{extra}</axis>"
    )


def table_xml(table: dict[str, object]) -> str:
    """One ``pcsTable`` element."""
    head = table["head"]
    rows = table["rows"]
    assert isinstance(head, tuple) and isinstance(rows, list)
    parts = ["<pcsTable>"]
    for position, (char, label) in enumerate(head, 1):
        definition = table["definition"] if position == 3 else None
        parts.append(_axis(position, {char: label}, definition))  # type: ignore[arg-type]
    for row in rows:
        count = 1
        for axis in row:
            count *= len(axis)
        parts.append(f'<pcsRow codes="{count}">')
        parts.extend(_axis(position, axis) for position, axis in enumerate(row, 4))
        parts.append("</pcsRow>")
    parts.append("</pcsTable>")
    return "\n  ".join(parts)


def tables_xml(tables: list[dict[str, object]] | None = None, *, version: str = "2026") -> str:
    """The whole file, as CMS lays it out."""
    body = "\n".join(table_xml(table) for table in (TABLES if tables is None else tables))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<ICD10PCS.tabular xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="icd10pcs_tables.xsd">\n'
        f"<version>{version}</version>\n{body}\n</ICD10PCS.tabular>\n"
    )


def all_codes(tables: list[dict[str, object]] | None = None) -> set[str]:
    """Every code the tables make, from their rows."""
    codes: set[str] = set()
    for table in TABLES if tables is None else tables:
        head = "".join(char for char, _ in table["head"])  # type: ignore[attr-defined]
        for row in table["rows"]:  # type: ignore[attr-defined]
            body, approach, device, qualifier = row
            codes |= {
                head + b + a + d + q
                for b in body
                for a in approach
                for d in device
                for q in qualifier
            }
    return codes


def write_tables(folder: Path, text: str | None = None) -> Path:
    """``icd10pcs_tables_2026.xml`` in ``folder``."""
    path = folder / "icd10pcs_tables_2026.xml"
    path.write_text(tables_xml() if text is None else text, encoding="utf-8")
    return path


DEFINITIONS: dict[int, dict[str, tuple[str | None, str | None, tuple[str, ...]]]] = {
    3: {
        "Resection": (
            "Taking out all of a body part, with nothing put in its place",
            "The whole named body part is removed",
            ("Total nephrectomy", "Appendectomy"),
        ),
        "Excision": ("Taking out part of a body part, with nothing put in its place", None, ()),
    },
    4: {"Appendix": (None, None, ("Vermiform appendix",))},
    5: {
        "Percutaneous Endoscopic": (
            "Instruments enter through a puncture or small incision and the site is seen "
            "through a scope",
            None,
            (),
        ),
        "Open": ("The body layers are cut through to lay the site open", None, ()),
    },
}
"""Terms of the test definitions file, in recsim's own words (not the CMS text)."""


def definitions_xml(*, version: str = "2026", section: str = "0") -> str:
    """A definitions file in the CMS layout: sections, axes and named terms."""
    axes = []
    for position, terms in DEFINITIONS.items():
        entries = []
        for title, (definition, explanation, includes) in terms.items():
            parts = [f"<title>{escape(title)}</title>"]
            if definition:
                parts.append(f"<definition>{escape(definition)}</definition>")
            if explanation:
                parts.append(f"<explanation>{escape(explanation)}</explanation>")
            parts += [f"<includes>{escape(item)}</includes>" for item in includes]
            entries.append(f"<terms>{''.join(parts)}</terms>")
        axes.append(
            f'<axis pos="{position}"><title>{TITLES[position - 1]}</title>{"".join(entries)}</axis>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ICD10PCS.definitions>\n'
        f"<version>{version}</version>\n"
        f'<section code="{section}"><title>Medical and Surgical</title>\n'
        + "\n".join(axes)
        + "\n</section>\n</ICD10PCS.definitions>\n"
    )


INDEX: list[tuple[str, list[str]]] = [
    (
        "A",
        [
            "<mainTerm><title>Appendectomy</title>"
            "<see>Excision, Appendix <tab>0DBJ</tab></see>"
            "<see>Resection, Appendix <tab>0DTJ</tab></see></mainTerm>",
            "<mainTerm><title>Vermiform appendix</title><use>Appendix</use></mainTerm>",
        ],
    ),
    (
        "E",
        [
            '<mainTerm><title>Excision</title><term level="2"><title>Appendix</title>'
            '<codes>0DBJ</codes></term><term level="2"><title>Stomach</title>'
            '<codes>0DB6</codes><term level="3"><title>Pylorus</title><codes>0DB7</codes>'
            "</term></term></mainTerm>",
        ],
    ),
    (
        "R",
        [
            '<mainTerm><title>Resection</title><term level="2"><title>Appendix</title>'
            "<codes>0DTJ</codes></term></mainTerm>",
        ],
    ),
]
"""Entries of the test index, written for these tests from ICD-10-PCS FY2026 facts."""


def index_xml(*, version: str = "2026", letters: list[tuple[str, list[str]]] | None = None) -> str:
    """An index file in the CMS layout: letters, main terms, nested terms."""
    body = "\n".join(
        f"<letter><title>{letter}</title>{''.join(terms)}</letter>"
        for letter, terms in (INDEX if letters is None else letters)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<ICD10PCS.index>\n'
        f"<version>{version}</version>\n{body}\n</ICD10PCS.index>\n"
    )
