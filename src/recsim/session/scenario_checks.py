"""Checks of a whole scenario: ids that must be unique, and weights that let a category dominate.

The balance check previews one form (the scenario's own seed, no trainee) to learn
how many points each score category holds; docs/authoring.md ("Weights and the pass
mark") explains the rule in an instructor's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from recsim.core.form import Slot
from recsim.core.scenario import LoadedScenario, Scenario
from recsim.core.scenario.blocks import BankBlock
from recsim.session.forms import Variant, make_variant
from recsim.tasks.base import Problem, Trail

BIG_SHARE = 60.0
"""A category whose weight is more than this percentage of all weights dominates the score."""
MANY_POINTS = 25.0
"""A category holding at least this percentage of a form's points must not be skippable."""
WEAK = 49.0
"""A score "under half" in a category: a trainee at this percentage should not pass."""

Where = tuple[str | int, ...]


def duplicate_ids(scenario: Scenario) -> Iterator[Problem]:
    """Objectives sharing an id, and written items of one kind sharing an id across blocks.

    Within one block, a kind's own ``validate`` says so (it can name the other item).
    """
    seen: dict[str, int] = {}
    for number, objective in enumerate(scenario.objectives):
        if objective.id in seen:
            yield (
                ("objectives", number, "id"),
                f"two objectives share the id '{objective.id}' (the other is objective "
                f"{seen[objective.id] + 1}); give each its own, so results are tagged to one",
                "error",
            )
        seen.setdefault(objective.id, number)
    first: dict[tuple[str, str], tuple[int, int]] = {}
    for task, (kind, block) in enumerate(scenario.blocks()):
        if not isinstance(block, BankBlock):
            continue
        for number, item in enumerate(getattr(block, "items", [])):
            item_id = getattr(item, "id", None)
            if item_id is None:
                continue
            other = first.setdefault((kind, item_id), (task, number))
            if other[0] != task:
                yield (
                    ("tasks", task, kind, "items", number, "id"),
                    f"the id '{item_id}' is also used by item {other[1] + 1} of task "
                    f"{other[0] + 1} ({kind}); ids name items in feedback and reports, so "
                    "give each its own",
                    "error",
                )


SAMPLE = 40
"""Items of a task whose points are counted for the weight check; a larger task is scaled
from them, so checking a 100,000-item scenario takes as long as checking a small one."""


def possible_points(variant: Variant) -> dict[str, float]:
    """Points each category can give on a form: exact for tasks of up to :data:`SAMPLE`
    items, estimated from :data:`SAMPLE` evenly spread items for larger ones."""
    by_task: dict[int, list[Slot]] = {}
    for slot in variant.form.slots:
        by_task.setdefault(slot.task, []).append(slot)
    totals: dict[str, float] = {}
    for slots in by_task.values():
        chosen = slots[:: max(1, len(slots) // SAMPLE)][:SAMPLE]
        scale = len(slots) / len(chosen)
        for slot in chosen:
            for finding in variant.findings(variant.form.item(slot.id), None, Trail()):
                totals[finding.category] = totals.get(finding.category, 0.0) + (
                    finding.possible * scale
                )
    return totals


def weight_balance(scenario: Scenario, path: Path) -> Iterator[Problem]:
    """Warnings when the weights let a trainee pass while weak in a large category."""
    variant = make_variant(LoadedScenario(scenario, path, ""))
    possible = {name: points for name, points in possible_points(variant).items() if points > 0}
    if len(possible) < 2:
        return
    weights = scenario.weights.model_dump()
    total_weight = sum(weights[name] for name in possible)
    total_points = sum(possible.values())
    if total_weight <= 0:
        return
    passing = scenario.passing_score
    for name, points in possible.items():
        share = 100 * weights[name] / total_weight
        where: Where = ("weights", name)
        if share > BIG_SHARE:
            others = total_weight - weights[name]
            # With the other categories weighted 0, nothing in them counts at all.
            rest = (passing * total_weight - 100 * weights[name]) / others if others else 0.0
            yield where, _dominates(name, share, max(rest, 0.0), passing), "warning"
        point_share = 100 * points / total_points
        with_weak = 100 - (100 - WEAK) * share / 100
        if point_share >= MANY_POINTS and with_weak >= passing:
            yield where, _skippable(name, point_share, share, with_weak, passing), "warning"


def _dominates(name: str, share: float, rest: float, passing: float) -> str:
    return (
        f"{name} counts for {share:.0f}% of the overall score (more than {BIG_SHARE:.0f}%), "
        f"so the other categories barely matter: with full marks in {name}, a trainee "
        f"passes ({passing:g}%) scoring {rest:.1f}% in everything else; lower its weight "
        "or raise the others"
    )


def _skippable(name: str, points: float, share: float, overall: float, passing: float) -> str:
    return (
        f"{name} holds {points:.0f}% of the points on a form but counts for {share:.0f}% of "
        f"the overall score, so a trainee scoring {WEAK:.0f}% in {name} and full marks "
        f"elsewhere passes with {overall:.1f}% (pass mark {passing:g}%); raise its weight "
        "or the pass mark"
    )


def practice_items(scenario: Scenario, path: Path) -> Iterator[Problem]:
    """A practice set's items must be items its tasks make (else the set would be short)."""
    if scenario.practice is None:
        return
    made = {slot.id for slot in make_variant(LoadedScenario(scenario, path, "")).form.slots}
    for number, item_id in enumerate(scenario.practice.items):
        if item_id not in made:
            yield (
                ("practice", "items", number),
                f"no item '{item_id}' among the items this scenario's tasks make; "
                "a practice set lists only those (recsim writes practice sets itself)",
                "error",
            )
