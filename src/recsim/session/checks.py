"""Checks of a scenario that need the task kinds (run after the format itself is valid)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from recsim.core.scenario import InvalidFile, LoadedScenario, Scenario
from recsim.core.scenario.blocks import TaskBlock
from recsim.core.scenario.errors import Problem as FileProblem
from recsim.session.kinds import KINDS, interrupting, task_kind
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
    trap_kind = next((name for name in KINDS if interrupting(name)), "")
    placed += [(("traps", number), trap_kind, trap) for number, trap in enumerate(scenario.traps)]
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
    """Load a scenario with every check (format, task kinds, unique ids and weights).

    A sealed exam's form file is refused with a message saying what it is (the
    commands that read scenarios, such as ``preview``, need the scenario itself).
    """
    from recsim.core.sealed import is_sealed_form

    if is_sealed_form(path):
        raise InvalidFile([FileProblem(str(path), 0, 0, "", SEALED_FORM)])
    return load_scenario(path, checks=(scenario_checks,))


SEALED_FORM = (
    "a sealed exam form, not a scenario: only its trainee plays it (recsim play FILE) and "
    "only the instructor's key grades it (recsim grade --key); its answers are not in it"
)


def load_playable(path: Path) -> LoadedScenario:
    """A scenario, or a sealed exam's form file, to play (``recsim play`` accepts both)."""
    from recsim.core.sealed import is_sealed_form
    from recsim.session.sealed import load_form

    return load_form(path) if is_sealed_form(path) else load_checked(path)


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
