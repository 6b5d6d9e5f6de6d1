"""``recsim results list|show|export``: the attempt store."""

from __future__ import annotations

import argparse

from recsim.commands.common import UserError


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("results", help="list, show or export stored attempts")
    parser.add_argument("action", choices=("list", "show", "export"), help="what to do")
    parser.add_argument("rest", nargs="*", help="attempt ids or options for the action")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise UserError("'recsim results' is not yet available in this version", status=2)
