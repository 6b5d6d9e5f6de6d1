"""Scoring one DRG validation claim, grouping included (issue 17: budget under 5 ms).

Each claim is scored as a regrade would score it from scratch: the billed claim and the
record's coding grouped again (two MS-DRG groupings, the grouper open), then the key answer
checked. The baseline, measured in the same run on the same claims, is the check alone, so
the table shows what grouping adds.

    python bench/bench_drg_validation.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, report, timed

from recsim.coding.grouper import group
from recsim.core.form import Item
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.tasks.base import Trail
from recsim.tasks.drg_validation import TASK
from recsim.tasks.drg_validation.models import DrgValidationKey, DrgValidationView
from recsim.tasks.drg_validation.planting import candidates, grouper_stay
from recsim.tasks.stays import case_by_id

SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "insurer-drg-validation.yaml"
TRAINEES = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Nolan")


def claims(count: int) -> list[Item]:
    loaded = load_checked(SCENARIO)
    items: list[Item] = []
    for trainee in TRAINEES[:count]:
        items += make_variant(loaded, trainee).form.items()
    return items


def scored(item: Item) -> None:
    """Group the billed claim and the record's coding, then check the key answer."""
    key, view = item.key, item.view
    assert isinstance(key, DrgValidationKey) and isinstance(view, DrgValidationView)
    case = case_by_id(key.case_id)
    billed = case.key
    if key.error is not None:
        error = key.error
        billed = next(
            c.claim
            for c in candidates(key.case_id)
            if (c.error, c.code) == (error.error, error.code)
        )
    for coding in (billed, case.key):
        group(grouper_stay(coding, age=view.age, sex=view.sex, discharged=view.discharged))
    TASK.check(item, TASK.key_answer(item), Trail())


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 10, "full": 30}[size]
    items = claims({"tiny": 1, "quick": 2, "full": 4}[size])
    scored(items[0])  # opens the grouper once, as the first claim of a regrade does
    answers = [TASK.key_answer(i) for i in items]
    with_grouping = [t for i in items for t in timed(lambda i=i: scored(i), repeat)]
    check_only = [
        t
        for i, a in zip(items, answers, strict=True)
        for t in timed(lambda i=i, a=a: TASK.check(i, a, Trail()), repeat)
    ]
    total, base = median(with_grouping), median(check_only)
    return [
        Figure(
            f"score one claim, two groupings included (median of {len(with_grouping)})",
            "< 5 ms",
            f"{total * 1000:.3f} ms (check alone {base * 1000:.3f} ms, same run)",
            total < 0.005,
            {"median_s": total, "check_only_median_s": base, "runs": len(with_grouping)},
        )
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    sys.exit(report(figures(args.size), args.json))
