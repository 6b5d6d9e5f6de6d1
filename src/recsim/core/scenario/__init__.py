"""Scenario files: the instructor's format, its safe loader and located errors."""

from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.load import LoadedScenario, SemanticCheck, load_scenario, parse_scenario
from recsim.core.scenario.models import Scenario, seconds_of

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
