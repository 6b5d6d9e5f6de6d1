"""MS-DRG grouping (issue 17): per stay in process, and ``recsim codes group`` as a fresh process.

Budgets: the median stay groups in under 1 ms in process (the grouper already
open, the code editor's validity checks included); ``recsim codes group`` run
as a fresh process takes at most 1.5x a fresh ``recsim codes search`` (the
baseline, measured in the same run against the same built code set).

    python bench/bench_grouping.py [--quick] [--json FILE]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_codes import build_once
from common import Figure, arguments, median, report, spread, timed

from recsim.coding.grouper import Stay, group

ON = date(2026, 3, 1)
STAYS = (
    Stay("J18.9", ON),
    Stay("J18.9", ON, ("J96.01", "E87.1", "I10"), poa={"J96.01": "Y"}),
    Stay("A41.9", ON, ("R65.20", "J18.9", "N17.9", "E11.9")),
    Stay("I21.4", ON, ("I50.23",), ("027034Z",)),
    Stay("M16.11", ON, ("E87.1",), ("0SR9019",)),
    Stay("I11.0", ON, ("I50.23", "N18.4", "E11.22")),
    Stay("K35.80", ON, (), ("0DTJ4ZZ",)),
    Stay("J18.9", ON, ("L89.153",), poa={"J18.9": "Y", "L89.153": "N"}),
)
GROUP = ["codes", "group", "I11.0", "I50.23", "--discharged", "2026-03-01"]
SEARCH = ["codes", "search", "heart", "failure"]


def fresh(argv: list[str], cache: Path) -> float:
    """Seconds for ``recsim ARGV`` in a new process, start to exit."""
    env = dict(os.environ, RECSIM_CACHE_DIR=str(cache))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "recsim", *argv], capture_output=True, env=env, check=True
    )
    return time.perf_counter() - started


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 5, "full": 11}[size]
    group(STAYS[0])  # opens the grouper once, as the first stay of a session does
    per_stay = [t for stay in STAYS for t in timed(lambda s=stay: group(s), repeat * 20)]
    result = [
        Figure(
            f"grouping, median per stay of {len(STAYS)} stays (grouper open)",
            "< 1 ms",
            f"{median(per_stay) * 1000:.3f} ms",
            median(per_stay) < 0.001,
            {"median_s": median(per_stay), "runs": len(per_stay)},
        )
    ]
    with tempfile.TemporaryDirectory(prefix="recsim-bench-") as scratch:
        cache = Path(scratch)
        build_once(cache)
        fresh(SEARCH, cache)  # warm the file cache for both
        searches = [fresh(SEARCH, cache) for _ in range(repeat)]
        groups = [fresh(GROUP, cache) for _ in range(repeat)]
    ratio = median(groups) / median(searches)
    result.append(
        Figure(
            "recsim codes group, fresh process, vs recsim codes search",
            "<= 1.5x",
            f"{ratio:.2f}x ({median(groups) * 1000:.0f} ms vs {median(searches) * 1000:.0f} ms; "
            f"{spread(groups)})",
            ratio <= 1.5,
            {"group_s": groups, "search_s": searches, "ratio": ratio},
        )
    )
    return result


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    sys.exit(report(figures(args.size), args.json))
