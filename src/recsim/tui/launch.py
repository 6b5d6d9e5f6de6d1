"""Starting the terminal UI for a command (``recsim.cli`` calls this; other commands never
import Textual)."""

from __future__ import annotations

import sys
from pathlib import Path

from recsim.session.errors import UserError
from recsim.session.terminal import TerminalRequest


def run_terminal(request: TerminalRequest) -> int:
    """Run the terminal UI on the attempt store; returns the exit status.

    A scenario checked while its briefing shows and found broken closes recsim, and its
    first problem becomes the one-line error.
    """
    for folder in request.folders:
        if not folder.is_dir():
            raise UserError(f"--dir {folder}: no such folder", status=2)
    path = request.scenario_path
    if path is not None and not path.is_file():
        raise UserError(f"{path}: no such file" if not path.exists() else f"{path}: is not a file")

    from recsim.core.paths import store_path
    from recsim.core.store import Store, StoreError
    from recsim.tui.app import create_app

    try:
        store = Store(store_path(request.store))
        if store.was_empty:
            print(
                f"recsim: note: {store.path} was an empty file; it is now a new attempt store",
                file=sys.stderr,
            )
        try:
            app = create_app(
                store=store,
                scenario_path=path,
                trainee=request.trainee,
                folders=[Path(folder) for folder in request.folders],
            )
            result = app.run()
        finally:
            store.close()
    except StoreError as error:
        raise UserError(str(error)) from None
    if app.start_error is not None:
        raise UserError(app.start_error)
    if app.submit_error is not None:  # quit with the attempt still open after a failed submit
        raise UserError(f"not submitted: {app.submit_error}")
    return result or 0
