"""``recsim grade`` and ``recsim report``: the instructor's gradebook and item analysis."""

from __future__ import annotations

import argparse

from recsim.commands.common import UserError


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, summary in (
        ("grade", "re-score results files and print a gradebook"),
        ("report", "item analysis of a class's results"),
    ):
        parser = commands.add_parser(name, help=summary)
        parser.add_argument("results", nargs="+", metavar="RESULTS", help="results files or folders")
        parser.add_argument("--csv", metavar="FILE", help="also write the table as CSV")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
        parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise UserError(f"'recsim {args.command}' is not yet available in this version", status=2)
