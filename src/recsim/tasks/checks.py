"""Checks of a scenario that need the task kinds (run after the format itself is valid)."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Iterator
from pathlib import Path

from recsim.core.scenario import LoadedScenario, Scenario, load_scenario
from recsim.tasks import available, task_kind


def task_checks(scenario: Scenario, path: Path) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Kinds this version lacks, objective references, and each kind's own ``validate``."""
    objective_ids = {o.id for o in scenario.objectives}
    for number, (kind, block) in enumerate(scenario.blocks()):
        where: tuple[str | int, ...] = ("tasks", number, kind)
        objective = getattr(block, "objective", None)
        if objective is not None and objective not in objective_ids:
            yield (*where, "objective"), _unknown_objective(objective, objective_ids), "error"
        if not available(kind):
            yield (
                where,
                f"the task kind '{kind}' is not available in this version of recsim",
                "error",
            )
            continue
        validate = getattr(task_kind(kind), "validate", None)
        if validate is not None:
            # A kind whose checks depend on the scenario's setting (coding: the case library) or its
            # simulated today (release: authorization dates) asks for it.
            wanted = inspect.signature(validate).parameters
            extra = {
                name: value
                for name, value in (("setting", scenario.setting), ("as_of", scenario.as_of))
                if name in wanted
            }
            for inner, message, severity in validate(block, path.parent, objective_ids, **extra):
                yield (*where, *inner), message, severity
    for number, trap in enumerate(scenario.traps):
        if trap.objective is not None and trap.objective not in objective_ids:
            yield (
                ("traps", number, "objective"),
                _unknown_objective(trap.objective, objective_ids),
                "error",
            )
    if scenario.traps and not available("trap"):
        yield (
            ("traps",),
            "confidentiality traps are not available in this version of recsim",
            "error",
        )


def _unknown_objective(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    listed = ", ".join(sorted(known)) or "none are defined"
    return f"no objective '{name}' in this scenario's objectives{hint}; objectives: {listed}"


def load_checked(path: Path) -> LoadedScenario:
    """Load a scenario with every check (format and task kinds)."""
    return load_scenario(path, checks=(task_checks,))
