"""The terminal UI: start-up against a bare Textual app, and a 100,000-item work queue.

Budgets (issue 7):
- start to the first interactive screen at most 1.25x a bare Textual app showing a
  Header, a DataTable and a Footer, both started the same way in a real
  pseudo-terminal (120x40), side by side, median of several runs;
- a 100,000-item queue opens in under 2 s and a key press moves the cursor in
  under 50 ms (95th percentile), both measured in the same pseudo-terminal from
  the key sent to the end of the frame it causes.

A DataTable holding the same 100,000 rows is timed too (informational): it is
why the queue draws its own rows.

    python bench/bench_tui.py [--quick] [--json FILE]
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, p95, report, spread

BARE_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("item", "status")
        table.add_row("audit-1", "new")

Bare().run()
"""
READY = b"palette"
"""Drawn by the Footer of both apps in their first complete frame."""


def first_frame(command: list[str], env: dict[str, str], timeout: float = 20.0) -> float:
    """Seconds from starting ``command`` in a 120x40 pseudo-terminal to its first frame."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the app
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(command[0], command, env)
    seen = b""
    try:
        while READY not in seen:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{' '.join(command)}: no first frame after {timeout:g}s")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    seen = seen[-4096:] + os.read(fd, 65536)
                except OSError:
                    raise RuntimeError(f"{' '.join(command)} exited before drawing") from None
        return time.perf_counter() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def app_env(folder: Path) -> dict[str, str]:
    """The environment the apps run in: a 256-colour terminal and a data folder of their own."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "RECSIM_DATA_DIR": str(folder / "data"),
        "RECSIM_CACHE_DIR": os.environ.get("RECSIM_CACHE_DIR", str(folder / "cache")),
    }
    # An installed recsim has its bytecode compiled (pip does it on install); an editable
    # checkout gets it from a warm-up run, unless this variable forbids writing it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def startup(repeat: int) -> list[Figure]:
    folder = Path(tempfile.mkdtemp(prefix="recsim-bench-tui-"))
    bare = folder / "bare.py"
    bare.write_text(BARE_APP)
    env = app_env(folder)
    recsim = str(Path(sys.executable).with_name("recsim"))
    commands = {
        "bare": [sys.executable, str(bare)],
        "play": [recsim, "play", "tutorial", "--trainee", "Bench"],
        "picker": [recsim],
    }
    for command in commands.values():  # warm the disk cache and .pyc files
        first_frame(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):  # interleaved, so a busy moment hurts all three alike
        for name, command in commands.items():
            times[name].append(first_frame(command, env))
    base = median(times["bare"])
    figures = [
        Figure(
            "bare Textual app (Header, DataTable, Footer): first frame",
            "baseline",
            f"{base:.3f}s ({spread(times['bare'])})",
            None,
            {"runs": times["bare"]},
        )
    ]
    for name, label in (
        ("play", "recsim play tutorial: briefing"),
        ("picker", "recsim: scenario picker"),
    ):
        ratio = median(times[name]) / base
        figures.append(
            Figure(
                f"{label}, first frame vs bare app",
                "<= 1.25x",
                f"{ratio:.2f}x ({median(times[name]):.3f}s, {spread(times[name])})",
                ratio <= 1.25,
                {"ratio": ratio, "runs": times[name], "bare_median_s": base},
            )
        )
    return figures


def huge_scenario(count: int, folder: Path) -> Path:
    path = folder / "huge.yaml"
    path.write_text(
        "recsim: 1\nid: bench-huge-queue\ntitle: A very long queue\nsetting: hospital\nseed: 3\n"
        f"population: {{patients: {count}}}\nqueue: ordered\n"
        f"tasks:\n  - audit: {{records: {count}, errors_per_record: [0, 1]}}\n"
    )
    return path


class Terminal:
    """An app running in a 120x40 pseudo-terminal: send keys, wait for what it draws."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.execve(command[0], command, env)
        self.seen = b""
        self.last = time.perf_counter()
        """When the app last drew anything."""

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        self.seen = (self.seen + os.read(self.fd, 1 << 20))[-(1 << 16) :]
        self.last = time.perf_counter()
        return True

    def wait_for(self, marker: bytes, timeout: float = 30.0) -> float:
        started = time.perf_counter()
        while marker not in self.seen:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"nothing showed {marker!r} after {timeout:g}s")
            self.read(0.2)
        return time.perf_counter() - started

    def peak_memory(self) -> int | None:
        """Bytes: the most the app has held resident so far; None where there is no /proc to ask."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        return None

    def quiet(self, pause: float = 0.05) -> None:
        """Read until the app has drawn nothing for ``pause`` seconds."""
        while self.read(pause):
            pass

    def key(self, sequence: bytes) -> tuple[float, float]:
        """Seconds from sending a key to its first frame (the cursor moved), and to the last one."""
        self.quiet()
        sent = time.perf_counter()
        os.write(self.fd, sequence)
        if not self.read(2.0):
            raise RuntimeError(f"the key {sequence!r} drew nothing")
        while self.read(0.002):  # one frame may arrive in a few writes
            pass
        first = self.last - sent
        self.quiet(0.05)  # titles still being made are drawn in later frames
        return first, self.last - sent

    def close(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


DOWN, PAGE_DOWN, ENTER = b"\x1b[B", b"\x1b[6~", b"\r"


def queue_run(
    count: int,
    presses: int,
) -> tuple[float, list[tuple[float, float]], list[tuple[float, float]], int | None]:
    """In a real terminal: open a ``count``-item queue, then time Down and PageDown.

    Also returns the app's peak memory (bytes resident) by then.
    """
    folder = Path(tempfile.mkdtemp(prefix="recsim-bench-queue-"))
    scenario = huge_scenario(count, folder)
    env = app_env(folder)
    terminal = Terminal(
        [
            str(Path(sys.executable).with_name("recsim")),
            "play",
            str(scenario),
            "--trainee",
            "Bench",
        ],
        env,
    )
    try:
        terminal.wait_for(READY)
        terminal.wait_for(b"Start (Enter)")  # the scenario's check has finished behind the briefing
        terminal.quiet()
        sent = time.perf_counter()
        os.write(terminal.fd, ENTER)
        terminal.wait_for(f"showing all {count:,} items".encode())
        terminal.quiet(0.1)  # every title on screen drawn
        opened = terminal.last - sent
        downs = [terminal.key(DOWN) for _ in range(presses)]
        pages = [terminal.key(PAGE_DOWN) for _ in range(presses)]
        peak = terminal.peak_memory()
    finally:
        terminal.close()
    return opened, downs, pages, peak


def datatable_open(count: int) -> float:
    """Seconds for a DataTable to take ``count`` rows of id, status and title, and draw."""
    from textual.app import App
    from textual.widgets import DataTable

    class Table(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield DataTable()

    async def run() -> float:
        app = Table()
        async with app.run_test(size=(120, 40)) as pilot:
            table = app.query_one(DataTable)
            started = time.perf_counter()
            table.add_columns("#", "status", "item", "title")
            table.add_rows((n, "○ new", f"audit-{n}", "…") for n in range(1, count + 1))
            await pilot.pause()
            return time.perf_counter() - started

    return asyncio.run(run())


def queue_figures(size: str) -> list[Figure]:
    count = {"tiny": 2_000, "quick": 100_000, "full": 100_000}[size]
    presses = {"tiny": 10, "quick": 40, "full": 100}[size]
    repeat = {"tiny": 1, "quick": 2, "full": 3}[size]
    runs = [queue_run(count, presses) for _ in range(repeat)]
    opens = [r[0] for r in runs]
    downs = [first for r in runs for first, _ in r[1]]
    pages = [first for r in runs for first, _ in r[2]]
    page_titles = [last for r in runs for _, last in r[2]]
    figures = [
        Figure(
            f"open a {count:,}-item queue (Enter on the briefing to titles drawn)",
            "< 2s",
            f"{median(opens):.3f}s ({spread(opens)})",
            median(opens) < 2.0,
            {"runs": opens, "items": count},
        ),
        Figure(
            f"Down key in a {count:,}-item queue (95th percentile)",
            "< 50ms",
            f"{p95(downs) * 1000:.1f}ms (median {median(downs) * 1000:.1f}ms)",
            p95(downs) < 0.05,
            {"runs": downs},
        ),
        Figure(
            f"PageDown key in a {count:,}-item queue (95th percentile)",
            "< 50ms",
            f"{p95(pages) * 1000:.1f}ms (median {median(pages) * 1000:.1f}ms)",
            p95(pages) < 0.05,
            {"runs": pages},
        ),
        Figure(
            "PageDown: until every new title on the page is drawn (median)",
            "informational",
            f"{median(page_titles) * 1000:.1f}ms",
            None,
            {"runs": page_titles},
        ),
    ]
    peaks = [r[3] for r in runs if r[3] is not None]
    if peaks:
        figures.append(
            Figure(
                f"peak memory, the app with a {count:,}-item queue open",
                "informational",
                f"{max(peaks) / 2**20:.0f} MiB resident",
                None,
                {"peak_rss_bytes": max(peaks)},
            )
        )
    if size == "full":  # informational, and 6 s of --quick's minute
        table = datatable_open(count)
        figures.append(
            Figure(
                f"for comparison: a DataTable taking {count:,} rows",
                "informational",
                f"{table:.3f}s",
                None,
                {"seconds": table},
            )
        )
    return figures


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 5, "full": 11}[size]
    return [*startup(repeat), *queue_figures(size)]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
