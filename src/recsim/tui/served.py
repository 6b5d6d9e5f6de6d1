"""The app process of one browser session (``recsim serve`` starts one per websocket).

    python -m recsim.tui.served --store PATH [--dir FOLDER ...]

The trainee comes from ``RECSIM_SERVE_TRAINEE``, set by the server from the trainee's
link: with a name the app never asks for one, so a trainee plays only as themselves.
Without one (a server with no roster) the app asks, as in the terminal. Whatever stops
the app goes to a crash report, never to the server's output, which must not name anyone.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from recsim.session.serving import TRAINEE_VARIABLE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the picker for the session's trainee; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m recsim.tui.served")
    parser.add_argument("--store", required=True)
    parser.add_argument("--dir", action="append", default=[])
    args = parser.parse_args(argv)
    trainee = os.environ.pop(TRAINEE_VARIABLE, "")

    from recsim.core.store import Store
    from recsim.tui.app import create_app

    store = Store(Path(args.store))
    try:
        app = create_app(store=store, trainee=trainee, folders=[Path(d) for d in args.dir])
        try:
            status = app.run() or 0
        except Exception as error:  # a report, never a traceback in the server's output
            from recsim.tui.crash import write_report

            app.crash = app.crash or write_report(error, screens=[], trainee=app.trainee)
            status = 1
    finally:
        store.close()
    if app.crash is not None:
        print("recsim serve: a session stopped on an error; see the crash reports", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
