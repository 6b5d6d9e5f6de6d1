"""A warm start for browser sessions: one process imports recsim and checks the scenarios,
then forks a copy of itself for each session (``recsim serve`` starts it).

    python -m recsim.tui.forkserver --socket PATH --store PATH [--dir FOLDER ...]

Started fresh, a session's process spends about 2.5 s of processor time importing
Textual and recsim and checking every scenario of the picker; thirty students opening
their links at once on two cores would wait half a minute. A forked copy has all of
that done already (and shares its memory with the others until it writes to it).

The server connects to the Unix socket at PATH and sends one request per session: a
JSON line (the trainee, the terminal's size) with three file descriptors, the session's
standard input, output and error. The fork server answers with the new process's id.
It runs single-threaded (forking a process with threads is unsafe) and reaps its
children as they exit.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from recsim.session.serving import TRAINEE_VARIABLE

MAX_REQUEST = 4096


def main(argv: Sequence[str] | None = None) -> int:
    """Warm up, then fork a session for each request until the server closes the socket."""
    parser = argparse.ArgumentParser(prog="python -m recsim.tui.forkserver")
    parser.add_argument("--socket", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--dir", action="append", default=[])
    args = parser.parse_args(argv)
    # The server started this process with textual-serve's environment: Textual reads it
    # once, on import, so it is set for every session forked from here.
    folders = [Path(d) for d in args.dir]

    import textual.drivers.web_driver  # noqa: F401 (imported once here, not in every session)

    from recsim.session.bundled import bundled_scenarios
    from recsim.tui import app as _app  # noqa: F401
    from recsim.tui.catalog import scenario_files, warm

    warm(scenario_files(bundled_scenarios(), folders))
    gc.collect()
    gc.freeze()  # what is here now stays shared with the sessions: the collector leaves it be
    signal.signal(signal.SIGCHLD, _reap)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)
    listener.listen(64)
    print("ready", flush=True)
    while True:
        try:
            connection, _ = listener.accept()
        except InterruptedError:
            continue
        except OSError:
            return 0
        with connection:
            _serve_one(connection, listener, args.store, folders)


def _reap(_signal: int, _frame: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def _serve_one(
    connection: socket.socket, listener: socket.socket, store: str, folders: list[Path]
) -> None:
    message, fds, _, _ = socket.recv_fds(connection, MAX_REQUEST, 3)
    try:
        request = json.loads(message)
        if len(fds) != 3:
            raise ValueError("three file descriptors expected")
        pid = os.fork()
        if pid == 0:
            listener.close()
            connection.close()
            _child(fds, request, store, folders)
    except (ValueError, OSError) as error:
        connection.sendall(json.dumps({"error": type(error).__name__}).encode() + b"\n")
        return
    finally:
        for fd in fds:
            os.close(fd)
    connection.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _child(fds: list[int], request: dict[str, object], store: str, folders: list[Path]) -> None:
    """Become the session's app process; never returns."""
    status = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for number, fd in enumerate(fds):
            os.dup2(fd, number)
        os.environ["COLUMNS"] = str(request.get("width", 80))
        os.environ["ROWS"] = str(request.get("height", 24))
        os.environ[TRAINEE_VARIABLE] = str(request.get("trainee", ""))
        os.setsid()  # its own group: a Ctrl+C meant for the server reaches it through the server

        from recsim.tui.served import main as served

        arguments = ["--store", store]
        for folder in folders:
            arguments += ["--dir", str(folder)]
        status = served(arguments)
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
