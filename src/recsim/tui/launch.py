"""Starting the terminal UI for a command (``recsim.cli`` calls this; other commands never
import Textual)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recsim.session.errors import UserError
from recsim.session.terminal import TerminalRequest

if TYPE_CHECKING:
    from recsim.tui.app import RecsimApp

NO_TERMINAL = (
    "the terminal UI needs a terminal, and input or output is redirected here; "
    "to score without one, run: recsim play SCENARIO --answers FILE --json"
)


def has_terminal() -> bool:
    """Whether both input and output are a terminal (not a pipe, a file, cron or CI)."""
    streams = (sys.stdin, sys.stdout)  # None under a windowless interpreter (pythonw)
    return all(stream is not None and stream.isatty() for stream in streams)


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
            app.guide = request.guide
            if not has_terminal():
                # Textual would write escape codes into the pipe and wait for keys forever.
                raise UserError(NO_TERMINAL, status=2)
            result = _run_app(app)
        finally:
            store.close()
    except StoreError as error:
        raise UserError(str(error)) from None
    if app.crash is not None:
        raise UserError(app.crash.line())
    if app.start_error is not None:
        raise UserError(app.start_error)
    if app.submit_error is not None:  # quit with the attempt still open after a failed submit
        raise UserError(f"not submitted: {app.submit_error}")
    return result or 0


def _run_app(app: RecsimApp) -> int | None:
    """Run the app; an error that escapes Textual itself is reported like one inside it."""
    try:
        return app.run()
    except Exception as error:  # anything at all: a report, never a traceback
        from recsim.tui.crash import write_report

        app.crash = app.crash or write_report(error, screens=[], trainee=app.trainee)
        return 1
