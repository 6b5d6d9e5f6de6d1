"""``recsim codes pcs``: build an ICD-10-PCS code axis by axis from the CMS tables.

The tables are not shipped: ``recsim codes add`` builds them from the CMS
release (:mod:`recsim.coding.release.pcs_tables`). Exit status: 0 when the
choices or the code's meaning were printed, 1 without the tables or for a
prefix no code begins with, 2 for usage errors (argparse).
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

from recsim.commands.common import UserError, print_json

if TYPE_CHECKING:
    from recsim.coding.release.pcs_model import Choice, PcsTables

WIDTH = 78
MAX_INDEX = 40
"""Index entries shown at most."""


def register(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``pcs`` to the ``recsim codes`` actions."""
    pcs = actions.add_parser(
        "pcs",
        help="build an ICD-10-PCS code axis by axis from the CMS tables",
        description="Show what the next character of an ICD-10-PCS code can be after the "
        "characters given (e.g. 0DT: the body parts of Resection in the gastrointestinal "
        "system), with the root operation definitions; a full 7-character code is explained "
        "axis by axis. Needs the CMS ICD-10-PCS tables (recsim codes add).",
    )
    pcs.add_argument(
        "prefix", nargs="?", default="", metavar="PREFIX", help="the first 0-7 characters"
    )
    pcs.add_argument(
        "--index",
        metavar="TERM",
        help="look TERM up in the ICD-10-PCS Index instead (e.g. appendectomy): where it sends you",
    )
    pcs.add_argument("--json", action="store_true", help="machine-readable output")
    pcs.set_defaults(run=run_pcs)


def run_pcs(args: argparse.Namespace) -> int:
    from recsim.coding.release.pcs_model import check_prefix, dead_end
    from recsim.coding.release.pcs_tables import TablesUnavailable, load_tables

    if args.index is not None:
        if args.prefix:
            raise UserError("give either characters of a code or --index TERM, not both", status=2)
        return _run_index(args.index, args.json)
    try:
        prefix = check_prefix(args.prefix)
    except ValueError as error:
        raise UserError(str(error)) from None
    try:
        tables = load_tables()
    except TablesUnavailable as error:
        raise UserError(str(error)) from None
    if tables.accepted(prefix) < len(prefix):
        raise UserError(dead_end(tables, prefix))
    path = [
        (position, title, choice)
        for position, (title, choice) in enumerate(_path(tables, prefix), 1)
    ]
    choices = tables.choices(prefix)
    if args.json:
        print_json(
            {
                "prefix": prefix,
                "year": tables.year,
                "valid": tables.is_valid(prefix),
                "path": [
                    {"position": position, "title": title, **_choice(choice)}
                    for position, title, choice in path
                ],
                "next": None
                if len(prefix) == 7
                else {
                    "position": len(prefix) + 1,
                    "title": tables.title(len(prefix) + 1, prefix),
                    "choices": [_choice(choice) for choice in choices],
                },
            }
        )
        return 0
    if len(prefix) == 7:
        print(f"{prefix} is a valid ICD-10-PCS code (FY{tables.year} tables):")
    elif prefix:
        print(f"{prefix}: ICD-10-PCS FY{tables.year}")
    for position, title, choice in path:
        _print_value(f"{position} {title}", choice, width=17, value=True)
    if len(prefix) < 7:
        title = tables.title(len(prefix) + 1, prefix)
        count = f"{len(choices)} choice{'s' if len(choices) != 1 else ''}"
        print(f"\nCharacter {len(prefix) + 1}, {title} ({count}):")
        for choice in choices:
            _print_value(prefix + choice.code, choice, width=len(prefix) + 2, value=False)
    return 0


def _run_index(term: str, as_json: bool) -> int:
    """The index entries for ``term``: the path of terms and where each sends the coder."""
    from recsim.coding.release.pcs_index import load_index

    words = " ".join(term.split())
    if not words:
        raise UserError("give a term to look up, e.g. recsim codes pcs --index appendectomy")
    index = load_index()
    if index is None:
        raise UserError(
            "The ICD-10-PCS Index has not been added yet; add it with: recsim codes add "
            "icd10pcs_index_2026.xml (or the FY2026 ICD-10-PCS Code Tables and Index zip, or "
            "recsim codes add --download)."
        )
    found = index.search(words, limit=MAX_INDEX)
    if as_json:
        print_json(
            {
                "term": words,
                "entries": [
                    {"path": e.path, "code": e.code, "see": e.see, "use": e.use} for e in found
                ],
            }
        )
        return 0
    if not found:
        print(
            f'No ICD-10-PCS Index entry matches "{_clean(words)}". Try fewer words or a '
            "main term (the procedure's name: Resection, Excision, Appendectomy)."
        )
        return 0
    print(f'ICD-10-PCS Index, "{_clean(words)}":')
    for entry in found:
        print(f"  {entry.path}  {entry.said()}")
    return 0


def _clean(text: str) -> str:
    """Text typed by the user, safe to print in one line: printable, at most 60 characters."""
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean if len(clean) <= 60 else clean[:59] + "\u2026"


def _path(tables: PcsTables, prefix: str) -> list[tuple[str, Choice]]:
    """The meaning of each character given, as the tables name it."""
    return [
        (
            tables.title(place + 1, prefix[:place]),
            next(c for c in tables.choices(prefix[:place]) if c.code == prefix[place]),
        )
        for place in range(len(prefix))
    ]


def _choice(choice: Choice) -> dict[str, object]:
    return {
        "code": choice.code,
        "label": choice.label,
        "definition": choice.definition,
        "explanation": choice.explanation,
        "includes": list(choice.includes),
    }


def _print_value(head: str, choice: Choice, *, width: int, value: bool) -> None:
    """One value: its head (axis or code so far), its character when ``value``, name and notes."""
    lead = f"  {head.ljust(width)} "
    if value:
        lead += f"{choice.code}  "
    print(lead + choice.label)
    for note in choice.notes():
        for line in textwrap.wrap(
            note,
            WIDTH,
            initial_indent=" " * (len(lead) + 2),
            subsequent_indent=" " * (len(lead) + 2),
        ):
            print(line)
