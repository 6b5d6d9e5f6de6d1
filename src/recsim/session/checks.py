"""Checks of a scenario that need the task kinds (run after the format itself is valid)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from recsim.core.scenario import LoadedScenario, Scenario
from recsim.core.scenario.blocks import TaskBlock
from recsim.session.kinds import task_kind
from recsim.session.scenario_checks import duplicate_ids, practice_items, weight_balance
from recsim.session.scenarios import load_scenario
from recsim.tasks.base import CheckContext, Problem


def task_checks(scenario: Scenario, path: Path) -> Iterator[Problem]:
    """Objective references, and each kind's own ``validate``."""
    objective_ids = frozenset(o.id for o in scenario.objectives)
    context = CheckContext(
        path.parent, objective_ids, scenario.setting, scenario.as_of, scenario.population.ages
    )
    placed: list[tuple[tuple[str | int, ...], str, TaskBlock]] = [
        (("tasks", number, kind), kind, block)
        for number, (kind, block) in enumerate(scenario.blocks())
    ]
    placed += [(("traps", number), "", trap) for number, trap in enumerate(scenario.traps)]
    for where, kind, block in placed:
        if block.objective is not None and block.objective not in objective_ids:
            yield (*where, "objective"), _unknown_objective(block.objective, objective_ids), "error"
        if not kind:
            continue
        for inner, message, severity in task_kind(kind).validate(block, context):
            yield (*where, *inner), message, severity


def _unknown_objective(name: str, known: frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(sorted(known)) or "none are defined"
    return f"no objective '{name}' in this scenario's objectives{hint}; objectives: {listed}"


def load_checked(path: Path) -> LoadedScenario:
    """Load a scenario with every check (format, task kinds, unique ids and weights)."""
    return load_scenario(path, checks=(scenario_checks,))


def scenario_checks(scenario: Scenario, path: Path) -> Iterator[Problem]:
    """The kinds' checks, unique ids, then (for a scenario with no error) the weights."""
    errors = 0
    for problem in (
        *task_checks(scenario, path),
        *duplicate_ids(scenario),
        *practice_items(scenario, path),
    ):
        errors += problem[2] == "error"
        yield problem
    if not errors:
        yield from weight_balance(scenario, path)
