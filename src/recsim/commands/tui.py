"""Starting the terminal UI (kept apart so that other commands never import Textual)."""

from __future__ import annotations

import argparse

from recsim.commands.common import UserError
from recsim.core.scenario import LoadedScenario


def run_tui(args: argparse.Namespace, scenario: LoadedScenario | None) -> int:
    try:
        from recsim.tui.app import run_app
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith("recsim.tui"):
            raise UserError(
                "the terminal UI is not yet available in this version; "
                "use 'recsim preview' and 'recsim play SCENARIO --answers FILE'",
                status=2,
            ) from None
        raise
    return run_app(args, scenario)
