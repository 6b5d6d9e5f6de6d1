"""The model of traps.yaml: the confidentiality traps, their variants and judged responses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from recsim.core.model import ContentModel
from recsim.core.scenario.models import Setting

Verdict = Literal["violation", "unsafe", "acceptable", "correct"]
"""How a response is judged: violation (complying, or opening PHI without a job reason),
unsafe (PHI left exposed), acceptable (safe, partial credit), correct (full credit)."""
Channel = Literal["search", "message", "text", "email", "printer"]


class SettingWords(ContentModel):
    """The words that make a trap read right in one kind of workplace."""

    system: str = Field(min_length=1)
    """The system a search runs in."""
    place: str = Field(min_length=1)
    """Where the famous person is."""
    org: str = Field(min_length=1)
    """The organization."""
    document: str = Field(min_length=1)
    """A document left at the printer."""
    work_items: str = Field(min_length=1)
    """What a co-worker's look-up list holds."""


class ChartSpec(ContentModel):
    """The chart a trap's person has (reachable by search, so opening it is logged)."""

    ages: tuple[int, int]
    """Youngest and oldest age of the person."""


class Variant(ContentModel):
    """One way a trap kind reaches the trainee."""

    channel: Channel
    """search, message, text, email or printer."""
    title: str = Field(min_length=1)
    """The item's title (a template)."""
    situation: str = Field(min_length=1)
    """What happens (a template: {person}, {coworker}, {system}... are filled in)."""
    settings: list[Setting] | None = None
    """The workplaces the variant fits; every one if not given."""


class ResponseEntry(ContentModel):
    """A response the trainee may pick."""

    label: str = Field(min_length=1)
    """How the choice reads (a template)."""
    verdict: Verdict
    feedback: str = Field(min_length=1)
    """Why it is judged so, with the rule."""


class TrapKindEntry(ContentModel):
    """One trap kind."""

    topic: str = Field(min_length=1)
    """The item-analysis topic."""
    rule: str = Field(min_length=1)
    """The rules it tests, cited."""
    chart: ChartSpec | None = None
    """The person's chart, for traps about a chart; none for a made-up person."""
    variants: list[Variant] = Field(min_length=1)
    leads_to: list[str] = Field(default_factory=list)
    """Task kinds that can follow this trap with an item built from its facts (``leads_to`` in
    a scenario's trap entry); none for most traps."""
    responses: dict[str, ResponseEntry] = Field(min_length=2)
    """Response id -> the response; exactly one is correct."""

    @model_validator(mode="after")
    def _one_correct(self) -> TrapKindEntry:
        if [r.verdict for r in self.responses.values()].count("correct") != 1:
            raise ValueError("exactly one response must have the verdict correct")
        return self


class TrapsFile(ContentModel):
    """traps.yaml: the words of each workplace, the people, the trap kinds and consequences."""

    settings: dict[Setting, SettingWords]
    """Scenario setting -> its words (every setting needs them)."""
    famous_roles: list[str] = Field(min_length=1)
    """Who a well-known local person is (fictional roles, generated names)."""
    coworker_roles: list[str] = Field(min_length=1)
    """What a co-worker does."""
    kinds: dict[str, TrapKindEntry]
    """Trap kind -> its entry."""
    consequences: dict[Verdict, str]
    """What follows a response with this verdict, with citations."""
