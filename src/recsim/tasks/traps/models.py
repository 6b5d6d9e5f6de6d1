"""What a trap looks like to the trainee, how it is judged, and the trainee's answer."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from recsim.core.model import Model
from recsim.core.records import PatientRecord
from recsim.tasks.traps.block import TrapKind
from recsim.tasks.traps.catalog import all_responses
from recsim.tasks.traps.content import Verdict


class SearchHit(Model):
    """A chart as a search result lists it."""

    name: str
    """LAST, First."""
    mrn: str
    """The chart's MRN (opening it is logged)."""
    date_of_birth: str
    """As the index shows it."""
    sex: str
    """F or M."""
    note: str
    """Where the patient is, and that the chart is not in the work queue."""


class ResponseOption(Model):
    """A response the trainee may pick."""

    id: str
    """What the answer says."""
    label: str
    """What the trainee reads."""


class TrapView(Model):
    """The interruption as the trainee meets it."""

    kind: TrapKind
    """Trap kind."""
    channel: Literal["search", "message", "text", "email", "printer"]
    """How it reaches the trainee."""
    situation: str
    """What happens, in the words the trainee reads."""
    hit: SearchHit | None = None
    """The chart a search shows (for traps with a chart)."""
    record: PatientRecord | None = None
    """The chart itself, shown only if the trainee opens it (and the open is logged)."""
    responses: list[ResponseOption]
    """The responses offered, in an order drawn per trainee."""


class TrapKey(Model):
    """How the trap is judged."""

    kind: TrapKind
    """Trap kind."""
    person: str
    """Whose information is at stake."""
    chart: str | None
    """MRN of the chart reachable by search; opening it is a violation."""
    best: str
    """The correct response."""
    verdicts: dict[str, Verdict]
    """Each offered response and its verdict."""
    feedback: dict[str, str]
    """Each offered response and what the trainee should learn from it."""
    labels: dict[str, str]
    """Each offered response as the trainee read it."""


class TrapAnswer(Model):
    """The trainee's response to a trap."""

    response: str = Field(max_length=40)
    """One of the responses offered, e.g. refuse_and_report."""

    @field_validator("response")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in all_responses():
            raise PydanticCustomError(
                "trap_response",
                "'{value}' is not a trap response; responses are: {known}",
                {"value": value, "known": ", ".join(all_responses())},
            )
        return value
