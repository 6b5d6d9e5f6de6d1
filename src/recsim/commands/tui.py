"""Starting the terminal UI (kept apart so that other commands never import Textual)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from recsim.commands.common import UserError

if TYPE_CHECKING:
    from recsim.core.scenario import LoadedScenario


def run_tui(args: argparse.Namespace, scenario: LoadedScenario | None) -> int:
    """Open the picker (``scenario`` None) or the scenario's briefing; one-line errors for bad options."""
    for folder in getattr(args, "dir", None) or []:
        if not Path(folder).is_dir():
            raise UserError(f"--dir {folder}: no such folder", status=2)
    from recsim.core.store import StoreError
    from recsim.tui.app import run_app

    try:
        return run_app(args, scenario)
    except StoreError as error:
        raise UserError(str(error)) from None


def play_tui(args: argparse.Namespace) -> int:
    """``recsim play SCENARIO``: the briefing opens at once while the scenario is checked.

    A scenario that fails its check closes recsim with the first problem on one line,
    as ``recsim validate`` would print it.
    """
    from recsim.commands.common import scenario_path

    path = scenario_path(args.scenario)
    if not path.is_file():
        raise UserError(f"{path}: no such file" if not path.exists() else f"{path}: is not a file")
    from recsim.core.store import StoreError
    from recsim.tui.app import StartError, run_app

    try:
        return run_app(args, None, path=path)
    except StoreError as error:
        raise UserError(str(error)) from None
    except StartError as error:
        raise UserError(str(error)) from None
