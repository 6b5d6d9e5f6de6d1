"""Scenario files: the instructor's format, its safe loader and located errors.

The loader and the models are imported on first use, not with the package: they
build pydantic models (~170 ms), and the picker reads its files with the safe YAML
reader (:mod:`recsim.core.scenario.yamlsafe`) before its first frame.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from recsim.core.scenario.errors import InvalidFile, Problem

if TYPE_CHECKING:
    from recsim.core.scenario.load import (
        LoadedScenario,
        SemanticCheck,
        load_scenario,
        parse_scenario,
    )
    from recsim.core.scenario.models import Scenario, seconds_of

_LAZY = {
    "LoadedScenario": "load",
    "SemanticCheck": "load",
    "load_scenario": "load",
    "parse_scenario": "load",
    "Scenario": "models",
    "seconds_of": "models",
}

__all__ = [
    "InvalidFile",
    "LoadedScenario",
    "Problem",
    "Scenario",
    "SemanticCheck",
    "load_scenario",
    "parse_scenario",
    "seconds_of",
]


def __getattr__(name: str) -> Any:
    """The loader's and the models' names, imported when first asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value
