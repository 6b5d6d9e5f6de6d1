"""``recsim codes search|show|check``: the ICD-10-CM code browser and claim edits."""

from __future__ import annotations

import argparse

from recsim.commands.common import UserError


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("codes", help="search ICD-10-CM, show a code, check a claim")
    parser.add_argument("action", choices=("search", "show", "check"))
    parser.add_argument("rest", nargs="*")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("'recsim codes' is not yet available in this version", status=2)
