"""What every command shares: user errors, output and finding scenario files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recsim.session.bundled import bundled_folder as bundled_folder
from recsim.session.bundled import bundled_scenarios as bundled_scenarios
from recsim.session.errors import UserError as UserError

if TYPE_CHECKING:  # the scenario models take ~120 ms to import: only commands that load one pay it
    from recsim.core.scenario import LoadedScenario


def scenario_path(text: str) -> Path:
    """A scenario argument: a path, or the name of a bundled scenario (``tutorial``)."""
    path = Path(text)
    if path.exists() or path.suffix in (".yaml", ".yml") or "/" in text:
        return path
    candidate = bundled_folder() / f"{text}.yaml"
    if candidate.exists():
        return candidate
    names = ", ".join(p.stem for p in bundled_scenarios())
    raise UserError(
        f"{text}: no such file, and no bundled scenario of that name (bundled: {names})"
    )


def load(text: str, *, sealed: bool = False) -> LoadedScenario:
    """Load a scenario named on the command line, or raise a one-line :class:`UserError`.

    ``sealed``: a sealed exam's form file is accepted too (to play it).
    """
    from recsim.core.scenario import InvalidFile
    from recsim.session.checks import load_checked, load_playable

    path = scenario_path(text)
    try:
        return load_playable(path) if sealed else load_checked(path)
    except InvalidFile as invalid:
        lines = [str(p) for p in invalid.problems]
        more = (
            f" (and {len(lines) - 1} more; run 'recsim validate {text}')" if len(lines) > 1 else ""
        )
        raise UserError(lines[0] + more) from None


def seed_argument(text: str) -> int:
    """A ``--seed`` value: a whole number from 0 to 2**63 - 1 (argparse's ``type``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("must be between 0 and 2**63 - 1")
    return value


def trainee_argument(text: str, option: str = "--trainee") -> str:
    """A trainee name given on the command line, by the one name policy (core.seeds)."""
    from recsim.core.seeds import BadTraineeName, trainee_name

    try:
        return trainee_name(text)
    except BadTraineeName as bad:
        raise UserError(f"{option}: {bad}", status=2) from None


def store_option(parser: argparse.ArgumentParser) -> None:
    """``--store PATH`` on a command, as well as before it (``recsim --store PATH play ...``).

    Left unset here, the value given before the command (or none) stands.
    """
    parser.add_argument(
        "--store",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="attempt store (SQLite file) to use; default: $RECSIM_STORE, or "
        "attempts.sqlite3 in the user data folder",
    )


def print_json(data: Any) -> None:
    """Machine-readable output: sorted keys, stable across runs."""
    json.dump(data, sys.stdout, indent=2, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


def iter_files(paths: list[str], suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files named on the command line, with folders expanded (sorted, recursive)."""
    for text in paths:
        path = Path(text)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file())
        else:
            yield path
