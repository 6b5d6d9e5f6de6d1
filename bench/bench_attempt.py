"""A whole attempt through the session API: every item opened, answered and saved, then submitted.

This is what the terminal UI asks of the core, without the screen: each answer is
written to the attempt store (SQLite, one transaction per action) before it is
acknowledged, so the figure a trainee feels is the time of one answer. The full
run is a 100,000-item exam, the largest form a scenario may ask for; its peak
memory is the process's resident high-water mark, interpreter included.

Budgets: saving an answer (95th percentile) under 50 ms, the same as a key press
in the work queue (issue 7). Start, submit and memory are informational.

    python bench/bench_attempt.py [--quick] [--json FILE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, p95, peak_rss, report

from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.kinds import task_kind
from recsim.session.scenarios import parse_scenario

ANSWER_BUDGET = 0.050
"""Seconds: saving one answer, 95th percentile."""


def scenario(count: int, mode: str) -> LoadedScenario:
    text = (
        f"recsim: 1\nid: bench-attempt-{mode}\ntitle: A whole attempt\nsetting: hospital\nseed: 5\nmode: {mode}\n"
        f"population: {{patients: {count}}}\nqueue: ordered\n"
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
        card, _ = attempt.submit(results_folder=folder)
        submit = time.perf_counter() - started
    finally:
        store.close()
    assert card.overall == 100.0, f"the key answers scored {card.overall}%"
    return {"begin": begin, "answers": answers, "working": working, "submit": submit}


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
                    f"{what}: save an answer (95th percentile)",
                    f"< {ANSWER_BUDGET * 1000:g}ms",
                    f"{slow * 1000:.1f}ms (median {statistics.median(answers) * 1000:.1f}ms)",
                    slow < ANSWER_BUDGET,
                    {
                        "p95_s": slow,
                        "median_s": statistics.median(answers),
                        "items": items,
                        "mode": mode,
                    },
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
                result.append(
                    Figure(
                        f"{what}: peak memory of the whole attempt",
                        "informational",
                        f"{peak / 2**20:.0f} MiB ({(peak - baseline) / 2**20:.0f} MiB over the interpreter and imports)",
                        None,
                        {"peak_rss_bytes": peak, "baseline_rss_bytes": baseline},
                    )
                )
    return result


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
