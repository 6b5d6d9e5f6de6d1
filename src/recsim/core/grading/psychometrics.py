"""Classical test statistics over a score matrix: difficulty, discrimination, reliability.

Pure arithmetic, no recsim types: :mod:`recsim.core.grading.item_analysis`
builds the matrix from graded attempts. Scores are proportions of a unit's
points (0 to 1; 0 or 1 for a unit scored right or wrong). Variances are
population variances (divided by N), as KR-20 is usually written; the
reliability coefficients are ratios of variances, so the choice cancels out of
them but not out of the standard error of measurement.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

UPPER_LOWER_SHARE = 0.27
"""Share of trainees in each of the upper and lower groups (Kelley's 27%)."""


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (of a non-empty sequence)."""
    return sum(values) / len(values)


def variance(values: Sequence[float]) -> float:
    """The population variance (divided by N)."""
    centre = mean(values)
    return sum((v - centre) ** 2 for v in values) / len(values)


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when either variable does not vary (or fewer than two pairs)."""
    if len(xs) < 2:
        return None
    mx, my = mean(xs), mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def corrected_point_biserial(
    unit: Mapping[str, float],
    earned: Mapping[str, float],
    possible: Mapping[str, float],
    unit_earned: Mapping[str, float],
    unit_possible: Mapping[str, float],
) -> float | None:
    """Correlation of the unit's score with the rest of the test (the unit's own points removed).

    ``unit`` maps each trainee who faced the unit to their score on it (0-1);
    ``earned`` and ``possible`` are their whole-test points, ``unit_earned`` and
    ``unit_possible`` their points on the unit. The rest score is a proportion,
    so trainees whose forms are worth different points compare fairly. With a
    score of 0 or 1 this is the point-biserial correlation.
    """
    trainees = sorted(unit)
    rest = []
    for t in trainees:
        left = possible[t] - unit_possible[t]
        rest.append((earned[t] - unit_earned[t]) / left if left > 0 else 0.0)
    return correlation([unit[t] for t in trainees], rest)


def upper_lower_index(unit: Mapping[str, float], total: Mapping[str, float]) -> float | None:
    """Mean unit score of the top 27% by total score less that of the bottom 27%.

    Ties in the total are broken by name, so the groups are the same on every run.
    None with fewer than two trainees.
    """
    trainees = sorted(unit, key=lambda t: (-total[t], t))
    if len(trainees) < 2:
        return None
    size = max(1, round(UPPER_LOWER_SHARE * len(trainees)))
    upper = [unit[t] for t in trainees[:size]]
    lower = [unit[t] for t in trainees[-size:]]
    return mean(upper) - mean(lower)


def reliability(matrix: Sequence[Sequence[float]]) -> float | None:
    """KR-20 for right/wrong units, Cronbach's alpha otherwise (the same formula: alpha
    reduces to KR-20 when every score is 0 or 1). Rows are trainees, columns units.

    None with fewer than two trainees or units, or when the totals do not vary.
    """
    if len(matrix) < 2 or len(matrix[0]) < 2:
        return None
    units = len(matrix[0])
    totals = [sum(row) for row in matrix]
    spread = variance(totals)
    if spread == 0:
        return None
    unit_spread = sum(variance([row[j] for row in matrix]) for j in range(units))
    return units / (units - 1) * (1 - unit_spread / spread)


def standard_error(matrix: Sequence[Sequence[float]], coefficient: float | None) -> float | None:
    """Standard error of measurement, in units of the total score: SD x sqrt(1 - reliability).

    None without a reliability, or when it is below zero (then the units do not
    measure one thing, and no error band means anything).
    """
    if coefficient is None or coefficient < 0:
        return None
    return math.sqrt(variance([sum(row) for row in matrix])) * math.sqrt(1 - coefficient)


def is_dichotomous(matrix: Sequence[Sequence[float]]) -> bool:
    """Whether every score is 0 or 1 (then the reliability is KR-20)."""
    return all(value in (0.0, 1.0) for row in matrix for value in row)
