"""A real ``recsim serve`` for the web tests: started on a free loopback port, stopped by id."""

from __future__ import annotations

import asyncio
import csv
import json
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

ROSTER = "name,student id\nAna Lee,1001\nBo Chen,1002\n"
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-B]|.)")


@dataclass
class Served:
    """A running class server and what the tests need of it."""

    url: str
    process: subprocess.Popen[bytes]
    root: Path
    store: Path
    log: Path
    links: dict[str, str]
    """Trainee name -> their link, from the links file the server wrote."""

    def token(self, name: str) -> str:
        return self.links[name].rsplit("/", 1)[-1]

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def recsim(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run another recsim command on the same store (as the instructor would)."""
        return subprocess.run(
            [sys.executable, "-m", "recsim", *args, "--store", str(self.store)],
            capture_output=True, text=True, timeout=60, check=False, cwd=self.root,
        )  # fmt: skip


def _children(pid: int | str) -> list[str]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return found.read_text().split() if found.exists() else []


def children(pid: int) -> list[str]:
    """The app processes a server has started, forked warm or started afresh (from /proc)."""
    apps = []
    for child in _children(pid):
        command = (
            Path(f"/proc/{child}/cmdline").read_bytes() if Path(f"/proc/{child}").exists() else b""
        )
        apps += _children(child) if b"recsim.tui.forkserver" in command else [child]
    return apps


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def class_server(root: Path, *options: str, roster: bool = True) -> Iterator[Served]:
    """``recsim serve --roster`` (two trainees) on a free loopback port, until the block ends;
    with ``roster=False``, without one."""
    (root / "class.csv").write_text(ROSTER, encoding="utf-8")
    with_roster = ["--roster", "class.csv"] if roster else []
    store = root / "attempts.sqlite3"
    port = free_port()
    log = root / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "recsim", "serve", *with_roster,
             "--store", str(store), "--port", str(port), *options],
            cwd=root, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_for(port, process, log)
        _wait_warm(root / "attempts.online.json", log)
        named = {}
        if roster:
            with (root / "class-links.csv").open(encoding="utf-8") as links:
                named = {row["name"]: row["link"] for row in csv.DictReader(links)}
        yield Served(f"http://127.0.0.1:{port}", process, root, store, log, named)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"recsim serve stopped: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"recsim serve did not listen within 60 s: {log.read_text()}")


def _wait_warm(status: Path, log: Path) -> None:
    """Wait until sessions start forked from the warm process, as they do once a class comes."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if json.loads(status.read_text()).get("warm"):
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"recsim serve never started sessions warm: {log.read_text()}")


def screen_text(stream: bytes) -> str:
    """The text an app process sent, with the terminal's escape codes taken out."""
    return ESCAPES.sub(b"", stream).decode("utf-8", errors="replace")


async def read_until(ws: aiohttp.ClientWebSocketResponse, text: str, seconds: float = 30) -> str:
    """Frames from the app until ``text`` has been shown (or the time is up)."""
    stream = b""
    deadline = time.monotonic() + seconds
    while text not in screen_text(stream) and time.monotonic() < deadline:
        try:
            message = await asyncio.wait_for(ws.receive(), deadline - time.monotonic())
        except TimeoutError:
            break
        if message.type == aiohttp.WSMsgType.BINARY:
            stream += message.data
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            break
    return screen_text(stream)


async def opened(ws: aiohttp.ClientWebSocketResponse) -> aiohttp.ClientWebSocketResponse:
    """Say what a browser says once its websocket opens: its size, and that it has focus."""
    await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
    await ws.send_str(json.dumps(["focus"]))
    return ws


async def press(ws: aiohttp.ClientWebSocketResponse, keys: str) -> None:
    """Keys as a browser's terminal sends them."""
    await ws.send_str(json.dumps(["stdin", keys]))
