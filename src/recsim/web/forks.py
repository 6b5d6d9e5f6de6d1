"""Sessions forked from the warm fork server (:mod:`recsim.tui.forkserver`), not started afresh.

The server keeps one fork server running. For a session it makes three pipes, hands
their far ends to the fork server over its Unix socket, and gets back the id of the
forked app process; the near ends become the streams textual-serve reads and writes,
exactly as with a process it had started itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import tempfile
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

from recsim.session.serving import ServeRequest

READY_SECONDS = 300.0
"""How long the fork server may take to import recsim and check the scenarios."""


def web_environment() -> dict[str, str]:
    """The environment textual-serve gives an app process (Textual's web driver and colours)."""
    return {
        **os.environ,
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    }


@dataclass
class ForkedProcess:
    """What textual-serve needs of a session's process: its streams, and a way to kill it."""

    pid: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader

    @property
    def returncode(self) -> int | None:
        """None while the process runs (its exit status belongs to the fork server)."""
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return 0
        except PermissionError:
            return None
        return None

    def kill(self) -> None:
        """Stop it at once (a session that did not exit when asked)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


class ForkServer:
    """The running fork server, once it is warm (until then, sessions start afresh)."""

    def __init__(self, request: ServeRequest) -> None:
        self.request = request
        self.folder = Path(tempfile.mkdtemp(prefix="recsim-serve-"))  # readable by us only
        self.socket = self.folder / "forks.sock"
        self.process: asyncio.subprocess.Process | None = None
        self.ready = False

    async def start(self) -> None:
        """Start it and wait until it is warm; leaves ``ready`` False if it fails."""
        command = [sys.executable, "-m", "recsim.tui.forkserver", "--socket", str(self.socket)]
        command += ["--store", str(self.request.store)]
        for folder in self.request.folders:
            command += ["--dir", str(folder)]
        self.process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,  # nothing of a session may reach the server's log
            env=web_environment(),
        )
        assert self.process.stdout is not None
        with contextlib.suppress(TimeoutError):
            line = await asyncio.wait_for(self.process.stdout.readline(), READY_SECONDS)
            self.ready = line == b"ready\n"

    async def fork(self, trainee: str, width: int, height: int) -> ForkedProcess:
        """A new session's app process, forked warm; OSError if the fork server cannot."""
        if not self.ready:
            raise OSError("the fork server is not ready")
        loop = asyncio.get_running_loop()
        stdin_far, stdin_near = os.pipe()
        stdout_near, stdout_far = os.pipe()
        stderr_near, stderr_far = os.pipe()
        far = [stdin_far, stdout_far, stderr_far]
        request = {"trainee": trainee, "width": width, "height": height}
        try:
            pid = await asyncio.to_thread(_ask, self.socket, request, far)
        except BaseException:
            for fd in (stdin_near, stdout_near, stderr_near):
                os.close(fd)
            raise
        finally:
            for fd in far:
                os.close(fd)
        stdout, stderr = asyncio.StreamReader(), asyncio.StreamReader()
        for reader, fd in ((stdout, stdout_near), (stderr, stderr_near)):
            protocol = asyncio.StreamReaderProtocol(reader)
            await loop.connect_read_pipe(partial(_same, protocol), os.fdopen(fd, "rb", 0))
        transport, writing = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(stdin_near, "wb", 0)
        )
        stdin = asyncio.StreamWriter(transport, writing, None, loop)
        return ForkedProcess(pid, stdin, stdout, stderr)

    async def stop(self) -> None:
        """Stop the fork server and remove its socket."""
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.process.wait(), 10)
        self.socket.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.folder.rmdir()


def _same(protocol: asyncio.StreamReaderProtocol) -> asyncio.StreamReaderProtocol:
    return protocol


def _ask(path: Path, request: dict[str, object], fds: list[int]) -> int:
    """Send one request to the fork server; returns the forked process's id."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(30)
        connection.connect(str(path))
        socket.send_fds(connection, [json.dumps(request).encode("utf-8")], fds)
        with connection.makefile("rb") as answers:
            answer = json.loads(answers.readline() or b"{}")
    if not isinstance(answer, dict) or not isinstance(answer.get("pid"), int):
        raise OSError("the fork server could not start a session")
    return int(answer["pid"])
