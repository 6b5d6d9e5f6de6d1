"""The answers file: a trainee's raw answers, as headless play reads them (docs/answers.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator

from recsim.core.model import Model
from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.yamlsafe import read_text
from recsim.core.seeds import trainee_name
from recsim.core.trail import RecordOpen


class AnswersFile(Model):
    """A whole answers file."""

    recsim_answers: Literal[1] = 1
    """Format version."""
    scenario: str
    """Id of the scenario the answers belong to."""
    trainee: str = ""
    """Trainee name (selects the variant), by the name policy of :func:`trainee_name`."""
    answers: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Item id -> that item's answer."""
    opened: list[RecordOpen] = Field(default_factory=list, max_length=200_000)
    """Charts opened, in order."""

    @field_validator("trainee")
    @classmethod
    def _one_name_policy(cls, value: str) -> str:
        return trainee_name(value)  # BadTraineeName is a ValueError: reported as a located problem


def read_answers(path: Path) -> AnswersFile:
    """Read and check an answers file's outer shape (item answers are checked per kind)."""
    name = str(path)
    text = read_text(path, what="answers file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidFile(
            [Problem(name, error.lineno, error.colno, "", f"not valid JSON: {error.msg}")]
        ) from None
    if not isinstance(data, dict):
        raise InvalidFile(
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    "an answers file must be a JSON object with 'scenario' and 'answers'",
                )
            ]
        )
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(step) for step in first["loc"])
        raise InvalidFile([Problem(name, 0, 0, where, clause(first["msg"]))]) from None


def clause(message: str) -> str:
    """A validator's message as it reads after a colon: without pydantic's "Value error, "
    and with a small first letter ("field required"), unless it starts an abbreviation
    ("MRN RS12 has no check digit")."""
    message = message.removeprefix("Value error, ")
    return message[:1].lower() + message[1:] if message[1:2].islower() else message
