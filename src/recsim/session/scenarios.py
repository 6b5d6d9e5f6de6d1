"""The scenario format with its task kinds: the model every scenario file is read with.

The core defines the format's frame (:class:`recsim.core.scenario.Scenario`); the
``tasks`` union and the ``traps`` entries come from the kinds in the registry, so a
kind added there is at once accepted in files, counted, and listed in the JSON Schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, create_model

from recsim.core.model import Model
from recsim.core.scenario import LoadedScenario, Scenario, SemanticCheck
from recsim.core.scenario import load_scenario as _load_scenario
from recsim.core.scenario import parse_scenario as _parse_scenario
from recsim.core.scenario.blocks import InterruptionBlock
from recsim.session.kinds import KINDS, block_model

SUMMARY = "A recsim scenario: what the trainee will do, and how it is scored."
"""The format's own description (the first line of the frame's docstring)."""


def scenario_model() -> type[Scenario]:
    """The scenario model for the kinds registered now (rebuilt when the registry changes)."""
    return _model_for(tuple(KINDS.items()))


@cache
def _model_for(kinds: tuple[tuple[str, str], ...]) -> type[Scenario]:
    entries: dict[str, type[Model]] = {}
    interruptions: list[type[InterruptionBlock]] = []
    for kind, _module in kinds:
        block = block_model(kind)
        if issubclass(block, InterruptionBlock):
            interruptions.append(block)
            continue
        field: Any = (block, Field(description=getattr(block, "entry_description", None)))
        entries[kind] = create_model(
            f"{kind[:1].upper()}{kind[1:]}Task",
            __base__=Model,
            __module__=__name__,
            **{kind: field},
        )

    def entry_kind(value: Any) -> str | None:
        if isinstance(value, dict) and len(value) == 1:
            (key,) = value
            return key if key in entries else None
        if isinstance(value, Model):
            return next(iter(type(value).model_fields))
        return None

    entry: Any = Annotated[
        Union[tuple(Annotated[model, Tag(kind)] for kind, model in entries.items())],  # noqa: UP007
        Discriminator(
            entry_kind,
            custom_error_type="task_kind",
            custom_error_message="each task is one of: " + ", ".join(entries),
        ),
    ]
    traps = Scenario.model_fields["traps"]
    trap: Any = Union[tuple(interruptions)] if interruptions else InterruptionBlock  # noqa: UP007
    model = create_model(
        "Scenario",
        __base__=Scenario,
        __module__=__name__,
        __doc__=SUMMARY,
        tasks=(
            list[entry],
            Field(
                min_length=1,
                max_length=50,
                description="The work, one entry per task: " + ", ".join(entries) + ".",
            ),
        ),
        traps=(
            list[trap],
            Field(
                default_factory=list,
                max_length=traps.metadata[0].max_length,
                description=traps.description,
            ),
        ),
    )
    model.task_models = entries
    return model


def parse_scenario(
    text: str, file: str, checks: Sequence[SemanticCheck] = (), *, base: Path | None = None
) -> LoadedScenario:
    """Validate scenario text (``file`` names it in messages) with every registered kind."""
    return _parse_scenario(text, file, scenario_model(), checks, base=base)


def load_scenario(path: Path, checks: Sequence[SemanticCheck] = ()) -> LoadedScenario:
    """Load and validate a scenario file with every registered kind."""
    return _load_scenario(path, scenario_model(), checks)
