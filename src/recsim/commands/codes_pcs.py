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
    pcs.add_argument("--json", action="store_true", help="machine-readable output")
    pcs.set_defaults(run=run_pcs)


def run_pcs(args: argparse.Namespace) -> int:
    from recsim.coding.release.pcs_model import check_prefix, dead_end
    from recsim.coding.release.pcs_tables import TablesUnavailable, load_tables

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
