"""Scoring 10,000 answered audit items (budget: well under 1 s).

Items are generated first (not timed); the figure is the scoring pass alone,
which is what an instructor's regrade repeats for every trainee.

    python bench/bench_scoring.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, peak_memory, report, spread, timed

from recsim.session.forms import make_variant
from recsim.session.kinds import task_kind
from recsim.session.scenarios import parse_scenario


def variant(count: int):  # type: ignore[no-untyped-def]
    text = (
        "recsim: 1\nid: bench-scoring\ntitle: Scoring benchmark\nsetting: hospital\n"
        f"population: {{patients: {count}}}\n"
        f"tasks:\n  - audit: {{records: {count}, errors_per_record: [0, 3]}}\n"
    )
    built = make_variant(parse_scenario(text, "bench.yaml"))
    built.form.cache_size = count + 1  # hold every item: this measures scoring, not generation
    return built


def figures(size: str) -> list[Figure]:
    count = {"tiny": 50, "quick": 1_000, "full": 10_000}[size]
    quick = size != "full"
    built = variant(count)
    answers = {item.id: task_kind(item.kind).key_answer(item) for item in built.form.items()}
    times = timed(lambda: built.score(answers), 3 if quick else 7)
    budget = 1.0 * count / 10_000
    peak = peak_memory(lambda: built.score(answers))
    return [
        Figure(
            f"score {count:,} answered items",
            f"<= {budget:g}s",
            f"{median(times):.3f}s ({spread(times)})",
            median(times) <= budget,
            {"median_s": median(times), "runs": times, "items": count},
        ),
        Figure(
            f"peak memory, scoring {count:,} items",
            "informational",
            f"{peak / 2**20:.1f} MiB",
            None,
            {"bytes": peak},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
