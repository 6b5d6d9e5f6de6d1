"""A whole attempt through the session API: every item opened, answered and saved, then
submitted; and the submit of large exams, for its time and memory.

This is what the terminal UI asks of the core, without the screen: each answer is
written to the attempt store (SQLite, one transaction per action, flushed to the
disk with ``synchronous=FULL`` so a power cut loses nothing acknowledged) before it
is acknowledged, so the figure a trainee feels is the time of one answer.

The large-submit figures submit an exam of N and of M answered items (10,000 and
100,000 in the full run, 600 and 3,000 in the quick one): submitting must take time
linear in the items, and the memory the submit itself takes (see large_figures) at M
must stay within 1.5 times that at N.

Budgets: saving an answer (95th percentile) under 50 ms, the same as a key press in
the work queue (issue 7); submit time per item at M within 1.5 times that at N;
submit memory at M within 1.5 times that at N (issue 19).

    python bench/bench_attempt.py [--quick] [--json FILE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, p95, peak_rss, report

from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.kinds import task_kind
from recsim.session.scenarios import parse_scenario
from recsim.session.submit import read_scorecard, submit

ANSWER_BUDGET = 0.050
"""Seconds: saving one answer, 95th percentile."""
GROWTH_BUDGET = 1.5
"""At the larger size: submit time per item, and submit memory, at most this many times."""


def scenario(count: int, mode: str) -> LoadedScenario:
    text = (
        f"recsim: 1\nid: bench-attempt-{mode}\ntitle: A whole attempt\nsetting: hospital\n"
        f"seed: 5\nmode: {mode}\npopulation: {{patients: {count}}}\nqueue: ordered\n"
        f"tasks:\n  - audit: {{records: {count}, errors_per_record: [0, 2]}}\n"
    )
    return parse_scenario(text, "bench.yaml")


def clock() -> datetime:
    return datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def play(count: int, mode: str, folder: Path) -> dict[str, object]:
    """Open, answer and save every item, then submit; the seconds each step took."""
    loaded = scenario(count, mode)
    store = Store(folder / f"{mode}.sqlite3")
    try:
        started = time.perf_counter()
        attempt = session.begin(store, loaded, "Bench Trainee", clock=clock)
        begin = time.perf_counter() - started
        answers: list[float] = []
        work_started = time.perf_counter()
        for slot in attempt.grader.form.slots:
            item = attempt.open_item(slot.id)
            key = task_kind(item.kind).key_answer(item)
            assert key is not None
            raw = key.model_dump(mode="json")
            before = time.perf_counter()
            attempt.answer(slot.id, raw)
            answers.append(time.perf_counter() - before)
        working = time.perf_counter() - work_started
        started = time.perf_counter()
        path = submit(store, attempt, results_folder=folder)
        took = time.perf_counter() - started
    finally:
        store.close()
    overall = read_scorecard(path).overall
    assert overall == 100.0, f"the key answers scored {overall}%"
    return {"begin": begin, "answers": answers, "working": working, "submit": took}


def resident() -> int:
    """Bytes resident now (VmRSS), or 0 where that can't be read."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def reset_peak() -> bool:
    """Start a new resident high-water mark (Linux); False where that can't be done."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def large_submit(count: int, folder: Path, *, traced: bool) -> dict[str, float]:
    """Submitting a ``count``-item exam: its seconds (untraced), or the peak of Python's heap
    above where it stood (``traced``, with tracemalloc, which slows it too much to time) and
    the rise of the resident high-water mark (SQLite's page cache and the allocator's arenas
    move that by a few MiB, so it is informational).

    Setting up the answers is not measured, so it saves without waiting for the disk.
    """
    loaded = scenario(count, "exam")
    store = Store(folder / f"large-{count}-{traced}.sqlite3")
    store._db.execute("PRAGMA synchronous=OFF")  # set-up only: the submit is what is measured
    try:
        attempt = session.begin(store, loaded, f"Trainee {count}", clock=clock)
        for item in attempt.grader.form.items():
            key = task_kind(item.kind).key_answer(item)
            assert key is not None
            attempt.answer(item.id, key.model_dump(mode="json"))
        store._db.execute("PRAGMA synchronous=FULL")
        # Reopened, as after a restart: every item is made again to be scored, at both sizes
        # (otherwise the smaller exam would find its items still cached from answering them).
        attempt = session.resume(store, loaded, attempt.id, clock=clock)
        before = resident() if reset_peak() else peak_rss()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        path = submit(store, attempt, results_folder=folder / "results")
        took = time.perf_counter() - started
        heap = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        rise = peak_rss() - before
    finally:
        store.close()
    size = path.stat().st_size
    path.unlink()
    return {"seconds": took, "heap": heap, "rss_rise": rise, "file_bytes": size}


def large_figures(size: str, folder: Path) -> list[Figure]:
    """Submit figures at two sizes, both above the form's cache of 512 items (or the smaller
    would not make its items again; the tiny run, below it, only checks the figures are made).

    The memory figure is the peak of Python's heap (tracemalloc) in the quick run; the full
    run would trace 110,000 items for most of an hour, so there it is the rise of the
    resident high-water mark, each counted as at least 1 MiB (less is the allocator's noise).
    """
    small, large = {"tiny": (10, 100), "quick": (600, 3_000), "full": (10_000, 100_000)}[size]
    few, many = (large_submit(n, folder, traced=False) for n in (small, large))
    mib = 2**20
    if size == "full":
        key, label = "rss_rise", "rise of resident memory during the submit"
        few_memory, many_memory = (max(r["rss_rise"], mib) for r in (few, many))
    else:
        key, label = "heap", "peak memory of the submit (Python heap)"
        few_memory, many_memory = (
            large_submit(n, folder, traced=True)["heap"] for n in (small, large)
        )
    per_item = (many["seconds"] / large) / (few["seconds"] / small)
    memory = many_memory / few_memory
    judged = size != "tiny"
    what = f"submit a {large:,}-item exam vs {small:,}"
    files = f"results files {few['file_bytes'] / mib:.1f} and {many['file_bytes'] / mib:.1f} MiB"
    return [
        Figure(
            f"{what}: time per item",
            f"<= {GROWTH_BUDGET:g}x",
            f"{per_item:.2f}x ({few['seconds']:.2f}s vs {many['seconds']:.2f}s)",
            per_item <= GROWTH_BUDGET if judged else None,
            {"items": [small, large], "seconds": [few["seconds"], many["seconds"]]},
        ),
        Figure(
            f"{what}: {label}",
            f"<= {GROWTH_BUDGET:g}x",
            f"{memory:.2f}x ({few_memory / mib:.1f} MiB vs {many_memory / mib:.1f} MiB; {files})",
            memory <= GROWTH_BUDGET if judged else None,
            {key: [few_memory, many_memory], "ratio": memory},
        ),
    ]


def figures(size: str) -> list[Figure]:
    count = {"tiny": 30, "quick": 1_000, "full": 100_000}[size]
    practice_count = {"tiny": 30, "quick": 1_000, "full": 10_000}[size]
    result: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="recsim-bench-attempt-") as name:
        folder = Path(name)
        baseline = peak_rss()
        for mode, items in (("exam", count), ("practice", practice_count)):
            run = play(items, mode, folder)
            answers: list[float] = run["answers"]  # type: ignore[assignment]
            slow = p95(answers)
            what = f"{items:,}-item {mode}"
            result.append(
                Figure(
                    f"{what}: save an answer, flushed to disk (95th percentile)",
                    f"< {ANSWER_BUDGET * 1000:g}ms",
                    f"{slow * 1000:.1f}ms (median {statistics.median(answers) * 1000:.1f}ms)",
                    slow < ANSWER_BUDGET,
                    {"p95_s": slow, "median_s": statistics.median(answers), "items": items},
                )
            )
            result.append(
                Figure(
                    f"{what}: start, work every item, submit",
                    "informational",
                    f"{run['begin']:.2f}s + {run['working']:.1f}s + {run['submit']:.2f}s",
                    None,
                    {key: run[key] for key in ("begin", "working", "submit")},
                )
            )
            if mode == "exam":
                peak = peak_rss()
                over = (peak - baseline) / 2**20
                result.append(
                    Figure(
                        f"{what}: peak memory of the whole attempt",
                        "informational",
                        f"{peak / 2**20:.0f} MiB ({over:.0f} MiB over the interpreter and imports)",
                        None,
                        {"peak_rss_bytes": peak, "baseline_rss_bytes": baseline},
                    )
                )
        result += large_figures(size, folder)
    return result


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
