"""Load on ``recsim serve``: N trainees at once over the websocket protocol, no browser.

    python bench/serve_load.py [--sizes 1,10,30] [--presses 10] [--json FILE]

Starts ``recsim serve`` with a roster of N trainees on a free loopback port, opens every
trainee's websocket at once as textual-serve's page does, and measures:

- connect to first frame: from opening the websocket to the app's first screen;
- key to update: from a key press (Down in the scenario picker, which moves its cursor)
  to the first frame the app sends back: with each session pressing once at a random
  moment of the same second (a class at work; the budget), and with every session
  pressing at the same instant (the worst case, reported);
- resident memory of the app processes (all of them, and per session) and of the server.

Budgets (the issue's, on a 2-core machine): at 30 sessions, first frame p95 under 5 s and
key-to-update p95 under 250 ms. Not part of ``bench/run.py``: a full run takes minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Figure, p95, report  # noqa: E402 (bench/ is put on the path just above)

DOWN = "\x1b[B"
QUIET = 0.4
"""Seconds without a frame after which a session's screen counts as settled."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss(pid: int) -> int:
    """Resident bytes of one process (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def pss(pid: int) -> int:
    """Proportional resident bytes: memory shared by forked sessions counted once in all."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return rss(pid)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (the session shells and their apps)."""
    found: list[int] = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            direct = [int(c) for c in children.read().split()]
    except OSError:
        return found
    for child in direct:
        found += [child, *descendants(child)]
    return found


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes have used so far."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
        except (OSError, IndexError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


async def until_idle(server: int, limit: float = 300.0) -> float:
    """Wait until the app processes stop working (their start and the picker's background
    checks); returns the CPU seconds they used."""
    deadline = time.perf_counter() + limit
    used = cpu_seconds(descendants(server))
    while time.perf_counter() < deadline:
        await asyncio.sleep(1.0)
        now = cpu_seconds(descendants(server))
        if now - used < 0.05:
            return now
        used = now
    return used


class Session:
    """One trainee's websocket, with the time each frame arrived."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.frames: asyncio.Queue[float] = asyncio.Queue()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.frames.put_nowait(time.perf_counter())

    async def settle(self, limit: float = 60.0) -> None:
        """Wait until no frame has come for :data:`QUIET` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            try:
                await asyncio.wait_for(self.frames.get(), QUIET)
            except TimeoutError:
                return

    async def key_to_update(self, delay: float = 0.0) -> float:
        """Seconds from pressing Down (after ``delay``) to the next frame."""
        await asyncio.sleep(delay)
        while not self.frames.empty():
            self.frames.get_nowait()
        sent = time.perf_counter()
        await self.ws.send_str(json.dumps(["stdin", DOWN]))
        arrived = await asyncio.wait_for(self.frames.get(), 30)
        return arrived - sent


async def connect(http: aiohttp.ClientSession, link: str) -> tuple[Session, float]:
    """Open a trainee's websocket; returns it and the seconds to its first frame."""
    started = time.perf_counter()
    ws = await http.ws_connect(link + "/ws?width=120&height=40", heartbeat=None)
    await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
    await ws.send_str(json.dumps(["focus"]))
    session = Session(ws)
    first = await asyncio.wait_for(session.frames.get(), 120)
    return session, first - started


async def run_size(links: list[str], presses: int, server: int) -> dict[str, list[float] | int]:
    """All sessions at once: first frames, then ``presses`` rounds of a key each."""
    async with aiohttp.ClientSession() as http:
        before = cpu_seconds(descendants(server))
        opened = await asyncio.gather(*(connect(http, link) for link in links))
        sessions = [s for s, _ in opened]
        await asyncio.gather(*(s.settle() for s in sessions))
        cpu = await until_idle(server) - before  # keys are timed with the apps at rest
        apps = descendants(server)
        memory = sum(pss(pid) for pid in apps)  # the fork server's share included
        keys: list[float] = []
        spread: list[float] = []
        for _ in range(presses):  # every session presses at the same instant: the worst case
            keys += await asyncio.gather(*(s.key_to_update() for s in sessions))
            await asyncio.gather(*(s.settle() for s in sessions))
        size = len(sessions)
        randomly = random.Random(size)  # the same moments on every run
        for _ in range(presses):  # each presses once within the same second, as a class types
            delays = [randomly.uniform(0, 1.0) for _ in range(size)]
            spread += await asyncio.gather(
                *(s.key_to_update(d) for s, d in zip(sessions, delays, strict=True))
            )
            await asyncio.gather(*(s.settle() for s in sessions))
        for session in sessions:
            await session.ws.close()
            session.reader.cancel()
    for _ in range(100):  # let the apps exit before the next size
        if not descendants(server):
            break
        await asyncio.sleep(0.1)
    return {
        "first": [f for _, f in opened],
        "keys": keys,
        "spread": spread,
        "apps": memory,
        "server": rss(server),
        "cpu": cpu,
    }


def wait_warm(status: Path, limit: float = 300.0) -> bool:
    """Wait until the server's sessions start warm (as they will once a class arrives)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            if json.loads(status.read_text()).get("warm"):
                return True
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    return False


def start_server(folder: Path, size: int) -> tuple[subprocess.Popen[bytes], list[str]]:
    roster = folder / f"class-{size}.csv"
    roster.write_text("name\n" + "".join(f"Trainee {n:02d}\n" for n in range(size)))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "recsim", "serve", "--roster", str(roster), "--port", str(port),
         "--store", str(folder / f"attempts-{size}.sqlite3"), "--max-sessions", str(size)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "RECSIM_DATA_DIR": str(folder)},
    )  # fmt: skip
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    if not wait_warm(folder / f"attempts-{size}.online.json"):
        print(
            f"serve_load: {size} sessions: the server never started sessions warm", file=sys.stderr
        )
    links = (folder / f"class-{size}-links.csv").read_text().splitlines()[1:]
    return process, [line.split(",", 1)[1] for line in links]


def figures_for(size: int, measured: dict[str, list[float] | int]) -> list[Figure]:
    first, keys, spread = measured["first"], measured["keys"], measured["spread"]
    assert isinstance(first, list) and isinstance(keys, list) and isinstance(spread, list)
    apps, server = int(measured["apps"]), int(measured["server"])  # type: ignore[call-overload]
    at_30 = size >= 30
    mib = 1024 * 1024
    return [
        Figure(
            f"serve: {size} sessions, connect to first frame p50 / p95",
            "p95 < 5 s at 30" if at_30 else "-",
            f"{statistics.median(first):.2f} / {p95(first):.2f} s",
            p95(first) < 5.0 if at_30 else None,
            {"seconds": first},
        ),
        Figure(
            f"serve: {size} sessions, key to update p50 / p95, keys spread over a second",
            "p95 < 250 ms at 30" if at_30 else "-",
            f"{statistics.median(spread) * 1000:.0f} / {p95(spread) * 1000:.0f} ms",
            p95(spread) < 0.25 if at_30 else None,
            {"seconds": spread},
        ),
        Figure(
            f"serve: {size} sessions, key to update p50 / p95, every key at the same instant",
            "reported",
            f"{statistics.median(keys) * 1000:.0f} / {p95(keys) * 1000:.0f} ms",
            None,
            {"seconds": keys},
        ),
        Figure(
            f"serve: {size} sessions, CPU time to start a session (picker checked)",
            "reported",
            f"{float(measured['cpu']) / size:.2f} s a session",  # type: ignore[arg-type]
            None,
            {"cpu_seconds": measured["cpu"]},
        ),
        Figure(
            f"serve: {size} sessions, memory (proportional set size, shared pages split)",
            "reported",
            f"{apps / size / mib:.0f} MiB a session, {(apps + server) / mib:.0f} MiB in all "
            f"(server {server / mib:.0f} MiB)",
            None,
            {"apps": apps, "server": server},
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,30", help="session counts (default 1,10,30)")
    parser.add_argument("--presses", type=int, default=10, help="key presses per session")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(s) for s in args.sizes.split(",")):
            process, links = start_server(Path(folder), size)
            try:
                measured = asyncio.run(run_size(links, args.presses, process.pid))
            finally:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=60)
            figures += figures_for(size, measured)
    return report(figures, args.json)


if __name__ == "__main__":
    sys.exit(main())
