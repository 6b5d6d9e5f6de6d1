"""Small ICD-10-CM index files in the layout of the CMS release, written for the tests.

The elements, attributes and nesting are those of the CMS FY2026 files
(``ICD10CM.index`` > ``version``, ``title``, [``indexHeading`` > ``head``],
``letter`` > ``mainTerm`` > ``term level="N"``; an entry's ``title`` with
``nemod``, then ``code``, ``manif``, ``see``, ``seeAlso``, ``codeAlso``,
``cell col="N"``). The entries are authored here from the codes' meanings in
the FY2026 tabular list, not copied from the CMS files; they include the
entries the six search phrases of issue 17 are looked up by.

An entry is a tuple ``(title, nemod, fields, subterms)``; ``fields`` maps an
element name (``code``, ``manif``, ``see``, ``seeAlso``, ``codeAlso``) or a
column number (table cells) to its text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from recsim.coding.release import cm_index

Entry = tuple[str, str, dict[Any, str], list[Any]]

INDEX: list[tuple[str, list[Entry]]] = [
    (
        "C",
        [
            (
                "Cellulitis",
                "(diffuse) (phlegmonous) (septic) (suppurative)",
                {"code": "L03.90"},
                [
                    ("leg", "(except foot)", {"see": "Cellulitis, lower limb"}, []),
                    (
                        "lower limb",
                        "",
                        {"code": "L03.119"},
                        [
                            ("left", "", {"code": "L03.116"}, []),
                            ("right", "", {"code": "L03.115"}, []),
                        ],
                    ),
                ],
            ),
        ],
    ),
    (
        "D",
        [
            (
                "Diabetes, diabetic",
                "(mellitus) (sugar)",
                {"code": "E11.9"},
                [
                    (
                        "poorly controlled",
                        "",
                        {"see": "Diabetes, by type, with hyperglycemia"},
                        [],
                    ),
                    (
                        "type 1",
                        "",
                        {"code": "E10.9"},
                        [("with", "", {}, [("hyperglycemia", "", {"code": "E10.65"}, [])])],
                    ),
                    (
                        "type 2",
                        "",
                        {"code": "E11.9"},
                        [
                            (
                                "with",
                                "",
                                {},
                                [
                                    ("hyperglycemia", "", {"code": "E11.65"}, []),
                                    ("chronic kidney disease", "", {"code": "E11.22"}, []),
                                    (
                                        "cataract",
                                        "",
                                        {"code": "E11.36", "manif": "H28"},
                                        [],
                                    ),
                                ],
                            )
                        ],
                    ),
                ],
            ),
            (
                "Disease, diseased",
                "",
                {"seeAlso": "Syndrome"},
                [
                    (
                        "kidney",
                        "(functional) (pelvis)",
                        {"code": "N28.9"},
                        [
                            (
                                "chronic",
                                "",
                                {"code": "N18.9"},
                                [
                                    (
                                        "stage 3",
                                        "(moderate)",
                                        {"code": "N18.30"},
                                        [("stage 3a", "", {"code": "N18.31"}, [])],
                                    ),
                                    ("stage 4", "(severe)", {"code": "N18.4"}, []),
                                ],
                            )
                        ],
                    )
                ],
            ),
        ],
    ),
    (
        "E",
        [
            (
                "Elevated, elevation",
                "",
                {},
                [
                    ("blood pressure", "", {"see": "Hypertension"}, []),
                    ("lead level in blood", "", {"code": "R78.71"}, []),
                ],
            ),
            (
                "Examination",
                "(for) (general) (physical) (routine)",
                {"code": "Z00.00"},
                [
                    (
                        "adult",
                        "",
                        {"code": "Z00.00"},
                        [
                            ("with abnormal findings", "", {"code": "Z00.01"}, []),
                            ("without abnormal findings", "", {"code": "Z00.00"}, []),
                        ],
                    )
                ],
            ),
        ],
    ),
    (
        "H",
        [
            (
                "Hypertension, hypertensive",
                "(benign) (essential) (malignant) (primary) (systemic)",
                {"code": "I10"},
                [
                    (
                        "kidney",
                        "",
                        {"code": "I12.9"},
                        [
                            (
                                "with",
                                "",
                                {},
                                [
                                    (
                                        "stage 1 through stage 4 chronic kidney disease",
                                        "",
                                        {"code": "I12.9"},
                                        [],
                                    ),
                                    (
                                        "end stage renal disease",
                                        "",
                                        {"code": "I12.0"},
                                        [],
                                    ),
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
    ),
    (
        "J",
        [
            (
                "Jaundice",
                "(yellow)",
                {"code": "R17"},
                [
                    ("neonatal", "", {"see": "Jaundice, newborn"}, []),
                    (
                        "newborn",
                        "",
                        {"code": "P59.9"},
                        [("physiological", "", {"code": "P59.9"}, [])],
                    ),
                ],
            )
        ],
    ),
    (
        "P",
        [
            (
                "Pneumonia",
                "(acute) (double) (migratory) (purulent)",
                {"code": "J18.9", "codeAlso": "associated respiratory failure, if present"},
                [],
            )
        ],
    ),
]

NEOPLASM_HEADS = (
    "Neoplasm, neoplastic",
    "Malignant Primary",
    "Malignant Secondary",
    "Ca in situ",
    "Benign",
    "Uncertain Behavior",
    "Unspecified Behavior",
)
NEOPLASMS: list[tuple[str, list[Entry]]] = [
    (
        "L",
        [
            (
                "lung",
                "",
                {2: "C34.9-", 3: "C78.0-", 4: "D02.2-", 5: "D14.3-", 6: "D38.1", 7: "D49.1"},
                [],
            )
        ],
    ),
]
DRUG_HEADS = (
    "Substance",
    "Poisoning, Accidental (unintentional)",
    "Poisoning, Intentional self-harm",
    "Poisoning, Assault",
    "Poisoning, Undetermined",
    "Adverse effect",
    "Underdosing",
)
DRUGS: list[tuple[str, list[Entry]]] = [
    (
        "A",
        [
            (
                "Aspirin",
                "",
                {
                    2: "T39.011",
                    3: "T39.012",
                    4: "T39.013",
                    5: "T39.014",
                    6: "T39.015",
                    7: "T39.016",
                },
                [],
            )
        ],
    ),
]
EXTERNAL: list[tuple[str, list[Entry]]] = [
    (
        "F",
        [
            (
                "Fall, falling",
                "(accidental)",
                {"code": "W19"},
                [("from, off, out of", "", {}, [("ladder", "", {"code": "W11"}, [])])],
            )
        ],
    ),
]

TITLES = {
    "icd10cm-index": "ICD-10-CM INDEX TO DISEASES and INJURIES",
    "icd10cm-eindex": "ICD-10-CM EXTERNAL CAUSE OF INJURIES INDEX",
    "icd10cm-neoplasm": "ICD-10-CM TABLE OF NEOPLASMS",
    "icd10cm-drug": "ICD-10-CM TABLE OF DRUGS AND CHEMICALS",
}
CONTENT = {
    "icd10cm-index": (INDEX, ()),
    "icd10cm-eindex": (EXTERNAL, ()),
    "icd10cm-neoplasm": (NEOPLASMS, NEOPLASM_HEADS),
    "icd10cm-drug": (DRUGS, DRUG_HEADS),
}
MEMBERS = {
    "icd10cm-index": "icd10cm_index_2026.xml",
    "icd10cm-eindex": "icd10cm_eindex_2026.xml",
    "icd10cm-neoplasm": "icd10cm_neoplasm_2026.xml",
    "icd10cm-drug": "icd10cm_drug_2026.xml",
}


def _entry(entry: Entry, level: int) -> str:
    title, nemod, fields, subterms = entry
    tag = "mainTerm" if level == 0 else f'term level="{level}"'
    close = "mainTerm" if level == 0 else "term"
    modifier = f" <nemod>{escape(nemod)}</nemod>" if nemod else ""
    parts = [f"<{tag}><title>{escape(title)}{modifier}</title>"]
    for name in ("see", "seeAlso", "code", "manif", "codeAlso"):
        if name in fields:
            parts.append(f"<{name}>{escape(fields[name])}</{name}>")
    parts.extend(
        f'<cell col="{c}">{escape(v)}</cell>' for c, v in fields.items() if isinstance(c, int)
    )
    parts.extend(_entry(sub, level + 1) for sub in subterms)
    parts.append(f"</{close}>")
    return "".join(parts)


def xml(
    name: str,
    letters: list[tuple[str, list[Entry]]] | None = None,
    *,
    version: str = "2026",
    title: str | None = None,
) -> bytes:
    """The XML file of the part called ``name`` (``letters`` default: the entries above)."""
    content, heads = CONTENT[name]
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<ICD10CM.index xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="icd10cm_index.xsd">',
        f"<version>{version}</version>",
        f"<title>{escape(title or TITLES[name])}</title>",
    ]
    if heads:
        lines.append("<indexHeading>")
        lines.extend(f'<head col="{i}">{escape(h)}</head>' for i, h in enumerate(heads, 1))
        lines.append("</indexHeading>")
    for letter, entries in letters if letters is not None else content:
        lines.append(f"<letter><title>{letter}</title>")
        lines.extend(_entry(entry, 0) for entry in entries)
        lines.append("</letter>")
    lines.append("</ICD10CM.index>")
    return "\n".join(lines).encode("utf-8")


def archive() -> bytes:
    """A zip in the CMS layout holding the four index files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name, member in MEMBERS.items():
            out.writestr(member, xml(name))
    return buffer.getvalue()


def build_all(folder: Path | None = None) -> dict[str, int]:
    """Build every part into its cache file (``release_file``) as ``codes add`` would."""
    from recsim.coding.release.parts import release_file

    counts = {}
    for part in cm_index.PARTS:
        target = release_file(part.name) if folder is None else folder / f"{part.name}.dat"
        target.parent.mkdir(parents=True, exist_ok=True)
        counts[part.name] = part.build(io.BytesIO(xml(part.name)), 2026, target)
    return counts
