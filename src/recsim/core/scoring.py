"""Findings and scorecards: the scoring vocabulary every task kind shares.

A task kind's ``check`` turns one answer into findings; :func:`scorecard`
weighs them into a scorecard. Both are pure: the same answers always give the
same scorecard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import Field, computed_field

from recsim.core.model import Model

Category = Literal["accuracy", "coding", "privacy"]
Outcome = Literal["correct", "partial", "missed", "false_alarm", "violation"]
CATEGORIES: tuple[Category, ...] = ("accuracy", "coding", "privacy")

SEVERITY_POINTS = {1: 1.0, 2: 2.0, 3: 3.0, 4: 5.0}
"""Points a finding of each severity is worth: 1 low ... 4 patient safety or unlawful disclosure."""
FALSE_ALARM_PENALTY = 1.0
"""Points a false alarm costs; an item's earned points never go below zero."""


class Finding(Model):
    """One scored observation about one item."""

    item: str
    """Item id, e.g. ``audit-3``."""
    category: Category
    """Score category the finding counts toward."""
    outcome: Outcome
    """What happened: correct, partial, missed, false_alarm or violation."""
    earned: float
    """Points earned (negative for a false alarm or a violation)."""
    possible: float
    """Points the finding was worth."""
    severity: int = Field(ge=1, le=4)
    """1 low ... 4 patient safety or unlawful disclosure."""
    topic: str
    """What was tested (an error kind, coding guideline, privacy rule or trap): item analysis."""
    rule: str
    """Short citation of the rule, e.g. "45 CFR 164.508(b)(2)"."""
    feedback: str
    """What the trainee should learn, in a sentence or two."""
    objective: str | None = None
    """Scenario objective id the finding is tagged with."""
    expected: str | None = None
    """The right answer, as shown to the trainee."""
    given: str | None = None
    """The trainee's answer, as shown to the trainee."""


class CategoryScore(Model):
    """Points in one category."""

    earned: float
    """Points earned (never below zero)."""
    possible: float
    """Points available."""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percent(self) -> float:
        """Earned as a percentage of possible."""
        return 100.0 * self.earned / self.possible if self.possible else 0.0


class Scorecard(Model):
    """The result of an attempt."""

    categories: dict[Category, CategoryScore]
    """Score per category that had anything to score."""
    overall: float
    """Weighted overall percentage, 0-100."""
    passing_score: float
    """The scenario's pass mark."""
    passed: bool
    """Whether the overall score reached the pass mark."""
    items_total: int
    """Items on the form."""
    items_answered: int
    """Items the trainee answered."""
    findings: list[Finding]
    """Every finding, in form order."""


def points(severity: int) -> float:
    """Points a finding of this severity is worth."""
    return SEVERITY_POINTS[severity]


class Tally:
    """Category totals built batch by batch, so an attempt can be scored without holding
    every finding (each batch is one item's findings, in form order)."""

    def __init__(self) -> None:
        self._earned: dict[Category, float] = defaultdict(float)
        self._possible: dict[Category, float] = defaultdict(float)

    def add(self, findings: Iterable[Finding]) -> None:
        """Count a batch: per item and category, earned points are clamped to 0..possible."""
        per_item: dict[tuple[str, Category], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for finding in findings:
            totals = per_item[finding.item, finding.category]
            totals[0] += finding.earned
            totals[1] += finding.possible
        for (_, category), (item_earned, item_possible) in per_item.items():
            self._earned[category] += max(0.0, min(item_earned, item_possible))
            self._possible[category] += item_possible

    def card(
        self,
        findings: list[Finding],
        *,
        weights: Mapping[str, float],
        passing_score: float,
        items_total: int,
        items_answered: int,
    ) -> Scorecard:
        """The scorecard of what has been counted, listing ``findings``."""
        categories = {
            c: CategoryScore(earned=round(self._earned[c], 4), possible=round(self._possible[c], 4))
            for c in CATEGORIES
            if self._possible[c] > 0
        }
        weighted = [(weights.get(c, 1.0), s.percent) for c, s in categories.items()]
        total_weight = sum(w for w, _ in weighted)
        overall = round(sum(w * p for w, p in weighted) / total_weight, 2) if total_weight else 0.0
        return Scorecard(
            categories=categories,
            overall=overall,
            passing_score=passing_score,
            passed=overall >= passing_score,
            items_total=items_total,
            items_answered=items_answered,
            findings=findings,
        )


def scorecard(
    findings: Iterable[Finding],
    *,
    weights: Mapping[str, float],
    passing_score: float,
    items_total: int,
    items_answered: int,
) -> Scorecard:
    """Sum findings per category (clamped at zero per item) and weigh the categories."""
    listed = list(findings)
    tally = Tally()
    tally.add(listed)
    return tally.card(
        listed,
        weights=weights,
        passing_score=passing_score,
        items_total=items_total,
        items_answered=items_answered,
    )
