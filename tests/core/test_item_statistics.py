"""Item statistics against a small class worked out by hand.

Five trainees, four authored items scored right (1) or wrong (0); the items are the
reliability's items too:

    trainee  item1 item2 item3 item4  total
    Ana        1     1     1     1      4
    Ben        1     1     1     0      3
    Cy         1     1     0     0      2
    Dee        1     0     0     0      1
    Eve        0     1     0     0      1

Difficulty: 4/5, 4/5, 2/5, 1/5. Totals: mean 2.2, variance (divided by N)
(1.8² + 0.8² + 0.2² + 1.2² + 1.2²) / 5 = 6.8 / 5 = 1.36. Σpq = 0.16 + 0.16 +
0.24 + 0.16 = 0.72. KR-20 = 4/3 × (1 − 0.72 / 1.36) = 0.62745.
SEM = √1.36 × √(1 − 0.62745) = 0.71181 (of 4 items: 17.795 percentage points).

Corrected point-biserial of item 1: item (1,1,1,1,0) against the rest of the
test (3,2,1,0,1): Sxy = 0.40, Sxx = 0.80, Syy = 5.20, r = 0.40 / √4.16 = 0.19612.
Item 3: (1,1,0,0,0) against (3,2,2,1,1): Sxy = 1.40, Sxx = 1.20, Syy = 2.80,
r = 1.40 / √3.36 = 0.76376.

Upper-lower 27%: round(0.27 × 5) = 1 trainee each: Ana on top, Eve at the
bottom (Dee and Eve tie on 1; names break the tie). Item 1: 1 − 0 = 1.0;
item 2: 1 − 1 = 0.0.
"""

from __future__ import annotations

from typing import Any

import pytest

from recsim.core.grading import item_analysis
from recsim.core.grading import psychometrics as stats
from recsim.core.grading.item_analysis import ClassStatistics, unit_flags
from tests.core.test_gradebook_analysis import _attempt, _finding

SCORES = {
    "Ana": (1, 1, 1, 1),
    "Ben": (1, 1, 1, 0),
    "Cy": (1, 1, 0, 0),
    "Dee": (1, 0, 0, 0),
    "Eve": (0, 1, 0, 0),
}
LABELS = {f"release-{n}": f"release-{n} (r{n})" for n in range(1, 5)}


def _class_statistics() -> ClassStatistics:
    attempts = []
    for seed, (name, scores) in enumerate(SCORES.items(), start=1):
        findings = [
            _finding(
                f"release-{n}",
                "release_decision",
                "correct" if right else "missed",
                float(right),
                1,
                given="release" if right else "deny",
            )
            for n, right in enumerate(scores, start=1)
        ]
        attempts.append(_attempt(name, seed, "2026-03-02T09:00:00+00:00", findings))
    (analysis,) = item_analysis(attempts, lambda loaded: LABELS)
    assert analysis.statistics is not None
    return analysis.statistics


def _unit(statistics: ClassStatistics, unit: str) -> Any:
    return next(u for u in statistics.units if u.unit == unit)


def test_difficulty_is_the_proportion_right() -> None:
    statistics = _class_statistics()
    assert [round(u.difficulty, 3) for u in statistics.units] == [0.8, 0.8, 0.4, 0.2]
    assert [u.faced for u in statistics.units] == [5, 5, 5, 5]


def test_corrected_point_biserial_matches_the_hand_computation() -> None:
    statistics = _class_statistics()
    assert round(_unit(statistics, "release-1").point_biserial, 3) == 0.196
    assert round(_unit(statistics, "release-3").point_biserial, 3) == 0.764


def test_upper_lower_index_compares_the_top_and_bottom_27_percent() -> None:
    statistics = _class_statistics()
    assert _unit(statistics, "release-1").upper_lower == 1.0
    assert _unit(statistics, "release-2").upper_lower == 0.0


def test_kr20_and_the_standard_error_match_the_hand_computation() -> None:
    statistics = _class_statistics()
    assert statistics.method == "KR-20"
    assert statistics.common_units == 4 and statistics.trainees == 5
    assert statistics.reliability is not None and round(statistics.reliability, 3) == 0.627
    assert statistics.sem is not None and round(statistics.sem, 3) == 0.712
    assert statistics.sem_percent is not None and round(statistics.sem_percent, 1) == 17.8


def test_authored_items_show_the_share_giving_each_answer() -> None:
    statistics = _class_statistics()
    assert _unit(statistics, "release-3").answers == (("deny", 0.6), ("release", 0.4))
    assert _unit(statistics, "release-1").label == "release-1 (r1)"


def test_partial_credit_uses_cronbachs_alpha() -> None:
    # Two units, three trainees: (1, 0.5), (0.5, 0.5), (0, 0). Totals 1.5, 1, 0: variance
    # 7/18; unit variances 1/6 and 1/18; alpha = 2 × (1 − (4/18) / (7/18)) = 6/7.
    matrix = [[1.0, 0.5], [0.5, 0.5], [0.0, 0.0]]
    assert not stats.is_dichotomous(matrix)
    assert round(stats.reliability(matrix) or 0, 4) == round(6 / 7, 4)


@pytest.mark.parametrize(
    ("difficulty", "discrimination", "flags"),
    [
        (0.19, 0.3, ("hard",)),
        (0.2, 0.3, ()),
        (0.96, 0.3, ("easy",)),
        (0.95, 0.3, ()),
        (0.5, 0.09, ("low discrimination",)),
        (0.5, None, ()),
    ],
)
def test_units_are_flagged_at_the_stated_thresholds(
    difficulty: float, discrimination: float | None, flags: tuple[str, ...]
) -> None:
    assert unit_flags(difficulty, discrimination) == flags


def test_reliability_is_missing_with_a_reason_for_one_trainee() -> None:
    assert stats.reliability([[1.0, 0.0]]) is None
    assert stats.correlation([1.0], [2.0]) is None


def test_a_trainee_who_answered_nothing_still_faced_the_item() -> None:
    answered = _finding("release-1", "release_decision", "correct", 1, 1, given="release")
    blank = _finding("release-1", "release_decision", "missed", 0, 1, given=None)
    attempts = [
        _attempt("Ana", 1, "2026-03-02T09:00:00+00:00", [answered]),
        _attempt("Ben", 2, "2026-03-02T09:00:00+00:00", [blank]),
    ]
    (analysis,) = item_analysis(attempts, lambda loaded: LABELS)
    assert analysis.statistics is not None
    (unit,) = analysis.statistics.units
    assert unit.faced == 2 and unit.difficulty == 0.5
    assert unit.answers == (("(no answer)", 0.5), ("release", 0.5))
