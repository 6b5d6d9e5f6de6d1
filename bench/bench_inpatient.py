"""Scoring an inpatient stay including MS-DRG grouping (issue 17; budget: median under 5 ms).

Every library stay is scored twice, with the key's answer and with an answer that
drops the first secondary diagnosis and changes the disposition (so the two DRGs
differ and the difference is explained). The baseline, measured in the same run,
is the same scoring without the DRG comparison: the difference is what grouping
both sides costs.

    python bench/bench_inpatient.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, report, spread, timed

from recsim.core.form import Item
from recsim.core.scoring import Finding
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.inpatient import TASK
from recsim.tasks.inpatient import task as task_module
from recsim.tasks.inpatient.models import InpatientAnswer
from recsim.tasks.stays import all_cases


def stays() -> list[tuple[Item, InpatientAnswer]]:
    """Each library stay with its key answer and a wrong answer."""
    ids = [c.id for c in all_cases()]
    text = (
        "recsim: 1\nid: bench-inpatient\ntitle: Inpatient benchmark\nsetting: hospital\n"
        "as_of: 2026-03-02\npopulation: {patients: 60, ages: [0, 95]}\n"
        f"tasks:\n  - inpatient: {{cases: {len(ids)}, ids: [{', '.join(ids)}]}}\n"
    )
    form = make_variant(parse_scenario(text, "bench.yaml", (task_checks,))).form
    pairs = []
    for item in form.items():
        key = TASK.key_answer(item)
        wrong = key.model_copy(
            update={"secondary": key.secondary[1:], "disposition": 3 if key.disposition == 1 else 1}
        )
        pairs += [(item, key), (item, wrong)]
    return pairs


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 2, "quick": 20, "full": 100}[size]
    pairs = stays()
    TASK.check(*pairs[0], Trail())  # opens the grouper and the code set, as a session has
    full = [t for p in pairs for t in timed(lambda p=p: TASK.check(*p, Trail()), repeat)]
    real = task_module.drg_finding

    def no_drg(base: dict[str, object], *_: object) -> Finding:
        return Finding.model_validate(
            {**base, "outcome": "correct", "earned": 0, "possible": 0, "severity": 1,
             "topic": "drg", "rule": "", "feedback": ""}
        )  # fmt: skip

    task_module.drg_finding = no_drg  # type: ignore[assignment]
    try:
        codes_only = [t for p in pairs for t in timed(lambda p=p: TASK.check(*p, Trail()), repeat)]
    finally:
        task_module.drg_finding = real
    cost = median(full) - median(codes_only)
    return [
        Figure(
            f"score an inpatient stay with grouping, median of {len(pairs)} answers",
            "< 5 ms",
            f"{median(full) * 1000:.3f} ms ({spread(full)})",
            median(full) < 0.005,
            {"median_s": median(full), "runs": len(full)},
        ),
        Figure(
            "baseline: the same scoring without the DRG comparison",
            "informational",
            f"{median(codes_only) * 1000:.3f} ms; grouping both sides adds {cost * 1000:.3f} ms",
            None,
            {"median_s": median(codes_only), "grouping_s": cost},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    sys.exit(report(figures(args.size), args.json))
