"""Building trainees' forms: a class of every bundled scenario, and one large audit form.

Informational (issue 18): fair forms deal each block's errors once per form and look
for a chart that carries the errors dealt to it; this shows what that costs.

    python bench/bench_forms.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, report, spread, timed

from recsim.session.bundled import bundled_scenarios
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario


def build_class(trainees: int) -> None:
    for path in bundled_scenarios():
        loaded = load_checked(path)
        for number in range(trainees):
            for _ in make_variant(loaded, f"Trainee {number}").form.items():
                pass


def build_audit(charts: int) -> None:
    text = (
        "recsim: 1\nid: bench-forms\ntitle: Forms benchmark\nsetting: hospital\n"
        f"population: {{patients: {charts}}}\n"
        f"tasks:\n  - audit: {{records: {charts}, errors_per_record: [0, 3]}}\n"
    )
    for _ in make_variant(parse_scenario(text, "bench.yaml")).form.items():
        pass


def figures(size: str) -> list[Figure]:
    trainees, charts, repeat = {
        "tiny": (2, 50, 1),
        "quick": (30, 1_000, 1),
        "full": (30, 1_000, 3),
    }[size]
    whole = timed(lambda: build_class(trainees), repeat)
    audit = timed(lambda: build_audit(charts), repeat)
    return [
        Figure(
            f"{trainees} forms of every bundled scenario",
            "informational",
            f"{median(whole):.2f}s ({spread(whole)})",
            None,
            {"median_s": median(whole), "runs": whole, "trainees": trainees},
        ),
        Figure(
            f"one audit form of {charts:,} charts",
            "informational",
            f"{median(audit):.2f}s ({spread(audit)})",
            None,
            {"median_s": median(audit), "runs": audit, "charts": charts},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
