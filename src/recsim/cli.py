"""The ``recsim`` command line (DESIGN.md, "Command line"): parsing and dispatch only.

Each command lives in :mod:`recsim.commands`; this module wires them up and
turns anything a user can cause into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from recsim import __version__
from recsim.core.storage import StoreError
from recsim.session.errors import UserError
from recsim.session.terminal import TerminalRequest

COMMANDS = (
    "recsim.commands.play",
    "recsim.commands.scenarios",
    "recsim.commands.codes",
    "recsim.commands.grade",
    "recsim.commands.report",
    "recsim.commands.results",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to print help)."""
    parser = argparse.ArgumentParser(
        prog="recsim",
        description="Training simulator for medical-records technicians. "
        "Run with no command to pick a scenario.",
        epilog="All patients, identifiers and organizations recsim shows are synthetic.",
    )
    parser.add_argument("--version", action="version", version=f"recsim {__version__}")
    parser.add_argument(
        "--dir",
        action="append",
        default=[],
        metavar="FOLDER",
        help="also list the scenarios in FOLDER in the picker (repeatable)",
    )
    parser.add_argument(
        "--store",
        metavar="PATH",
        help="attempt store (SQLite file); default: $RECSIM_STORE or the user data folder",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module_name in COMMANDS:
        import_module(module_name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from recsim.commands.play import run_picker

            outcome: int | TerminalRequest = run_picker(args)
        else:
            outcome = args.run(args)
        if isinstance(outcome, TerminalRequest):
            from recsim.tui.launch import run_terminal

            return run_terminal(outcome)
        return outcome
    except UserError as error:
        print(f"recsim: {error}", file=sys.stderr)
        return error.status
    except StoreError as error:  # the attempt store is damaged or busy: whichever command met it
        print(f"recsim: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("recsim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
