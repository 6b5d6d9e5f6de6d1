"""Shared helpers for recsim's benchmarks: repeat, take the median, compare, print.

Benchmarks run each measurement several times and report the median and
spread, comparing against a baseline measured in the same run where the budget
is a ratio. They are scripts, never timed tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Figure:
    """One row of a benchmark table."""

    figure: str
    budget: str
    measured: str
    within: bool | None
    """True/False against the budget; None when the figure is informational."""
    detail: dict[str, Any]


def timed(function: Callable[[], Any], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs of ``function``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def median(times: list[float]) -> float:
    return statistics.median(times)


def p95(times: list[float]) -> float:
    """95th percentile (the slowest value when there are too few to tell)."""
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)


def spread(times: list[float]) -> str:
    return f"{min(times):.3f}-{max(times):.3f}s"


def peak_memory(function: Callable[[], Any]) -> int:
    """Peak bytes allocated by Python while ``function`` runs."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peak_rss() -> int:
    """Bytes this process has held resident at most, interpreter included.

    Linux's own high-water mark (VmHWM) where there is one: getrusage's ``ru_maxrss``
    keeps the figure of the process that forked this one, so a small script started
    by a large benchmark would report the benchmark's memory.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024  # macOS counts bytes, Linux KiB


def arguments(description: str) -> argparse.Namespace:
    """Every benchmark's options; ``args.size`` is "tiny", "quick" or "full"."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    parser.add_argument(
        "--tiny",
        action="store_true",
        help="the smallest sizes, one run: for the test suite, which only checks the script works",
    )
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    args.size = "tiny" if args.tiny else "quick" if args.quick else "full"
    return args


def report(figures: list[Figure], json_path: str | None = None) -> int:
    """Print the table; write JSON; exit status 1 when a budget is exceeded."""
    rows = [("figure", "budget", "measured", "within budget")]
    for f in figures:
        rows.append(
            (f.figure, f.budget, f.measured, {True: "yes", False: "NO", None: "-"}[f.within])
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for n, row in enumerate(rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if n == 0:
            print("  ".join("-" * width for width in widths))
    if json_path:
        with open(json_path, "w", encoding="utf-8") as handle:
            json.dump([asdict(f) for f in figures], handle, indent=2)
    sys.stdout.flush()
    return 1 if any(f.within is False for f in figures) else 0
