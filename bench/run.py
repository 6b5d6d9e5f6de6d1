"""Run every recsim benchmark and print one table of figures against their budgets.

    python bench/run.py [--quick] [--json FILE] [--only NAME ...]

Each ``bench_*.py`` script beside this one runs in its own process (so one
benchmark's imports and caches can't flatter another's start-up figures),
writes its figures as JSON, and this script gathers them. Exit status 1 when
any budget is exceeded.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import Figure, report  # noqa: E402 (bench/ is put on the path just above)


def scripts(only: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if p.stem.removeprefix("bench_") in only or p.stem in only]
    return found


def machine() -> str:
    import os

    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="small sizes; the whole suite in under a minute"
    )
    parser.add_argument(
        "--tiny", action="store_true", help="smallest sizes: only checks every script runs"
    )
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument(
        "--only", nargs="*", default=[], metavar="NAME", help="run only these (e.g. codes tui)"
    )
    args = parser.parse_args()
    figures: list[Figure] = []
    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for script in scripts(args.only):
            out = Path(folder) / f"{script.stem}.json"
            command = [sys.executable, str(script), "--json", str(out)]
            command += ["--tiny"] if args.tiny else ["--quick"] if args.quick else []
            print(f"running {script.name} ...", file=sys.stderr, flush=True)
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if not out.exists():
                failures.append(
                    f"{script.name}: exit {result.returncode}: {result.stderr.strip()[-300:]}"
                )
                continue
            for raw in json.loads(out.read_text()):
                raw["figure"] = f"{script.stem.removeprefix('bench_')}: {raw['figure']}"
                figures.append(
                    Figure(
                        **{k: raw.get(k) for k in ("figure", "budget", "measured", "within")},
                        detail=raw.get("detail", {}),
                    )
                )
    print(
        f"recsim benchmarks on {machine()}; {time.perf_counter() - started:.0f}s in all"
        + (" (--quick)" if args.quick else "")
    )
    status = report(figures, args.json)
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else status


if __name__ == "__main__":
    raise SystemExit(main())
