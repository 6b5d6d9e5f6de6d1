"""The scenario file (DESIGN.md, "Scenario file"): the instructor's public format."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field, field_validator, model_validator

from recsim.core.clock import DEFAULT_AS_OF
from recsim.core.model import Model
from recsim.core.scenario.blocks import MAX_ITEMS, InterruptionBlock, TaskBlock
from recsim.core.seeds import derive_seed
from recsim.core.timelimit import ClockMode, default_clock

FORMAT_VERSION = 1
Setting = Literal["hospital", "clinic", "insurer", "public_health"]
_DURATION = re.compile(r"(?:(\d{1,2})h)?\s*(?:(\d{1,3})m)?")


class Objective(Model):
    """A learning objective; items and findings are tagged with its id."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    """Short id (lower-case letters, digits, - and _)."""
    text: str = Field(min_length=1, max_length=300)
    """The objective as the trainee reads it."""


class Weights(Model):
    """How much each score category counts toward the overall score."""

    accuracy: float = Field(default=1.0, ge=0, le=100)
    """Weight of accuracy (audits, identity, deficiencies, statistics)."""
    coding: float = Field(default=1.0, ge=0, le=100)
    """Weight of coding."""
    privacy: float = Field(default=1.0, ge=0, le=100)
    """Weight of privacy decisions and traps."""


class PopulationSpec(Model):
    """The simulated patient population."""

    patients: int = Field(default=40, ge=1, le=MAX_ITEMS)
    """How many patients the facility's index holds."""
    ages: tuple[int, int] = (0, 95)
    """Youngest and oldest age in years."""
    locale: Literal["en_US"] = "en_US"
    """Locale of names and addresses."""

    @field_validator("ages")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 0 <= value[0] <= value[1] <= 110:
            raise ValueError("must be [youngest, oldest] with 0 <= youngest <= oldest <= 110")
        return value


class PracticeSet(Model):
    """What a practice set recsim made from a trainee's misses keeps of its form.

    recsim writes this part (``recsim practice``, "Practise what I missed"); a scenario an
    instructor writes has none.
    """

    of: str = Field(min_length=1, max_length=200)
    """Title of the scenario (or scenarios) the missed topics come from."""
    topics: list[str] = Field(min_length=1, max_length=200)
    """The topics practised: those the trainee missed."""
    items: list[str] = Field(min_length=1, max_length=500)
    """The items of the form kept, by id (every other item of the tasks is left out)."""


class Scenario(Model):
    """A recsim scenario: what the trainee will do, and how it is scored.

    This is the format's frame. Its ``tasks`` and ``traps`` take their entries' models
    from the task kinds, so the model that files are validated against is a subclass
    derived from the kind registry (``recsim.session.scenarios.scenario_model``).
    """

    task_models: ClassVar[dict[str, type[Model]]] = {}
    """Task kind -> the model of its ``tasks`` entry (``{kind: block}``), set by the subclass."""

    recsim: Literal[1]
    """Format version; always 1 for this format."""
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    """Short slug (lower-case letters, digits and hyphens), e.g. clinic-monday-intake."""
    title: str = Field(min_length=1, max_length=200)
    """Title shown in the scenario picker."""
    setting: Setting
    """Where the work happens: hospital, clinic, insurer or public_health."""
    mode: Literal["practice", "exam"] = "practice"
    """practice: feedback after each item; exam: feedback at the end and a time limit."""
    time_limit: str | None = None
    """Time allowed, such as 45m, 1h or 1h30m; at zero an exam is submitted."""
    clock: ClockMode | None = None
    """What the time limit runs on: ``wall`` (it runs while recsim is closed; the default for
    exams) or ``working`` (only time with recsim open counts; the default for practice)."""
    due: AwareDatetime | None = None
    """When results are due, with a time zone, such as 2026-03-09T17:00-05:00; ``recsim grade``
    flags results submitted after it."""
    seed: int | None = Field(default=None, ge=0, le=2**63 - 1)
    """Seed of the generated content; defaults to one derived from the id."""
    as_of: date = DEFAULT_AS_OF
    """The simulated today: dates, deadlines and expiries are relative to it."""
    description: str = Field(default="", max_length=20_000)
    """Briefing shown before the attempt (Markdown)."""
    objectives: list[Objective] = Field(default_factory=list, max_length=50)
    """Learning objectives."""
    passing_score: float = Field(default=80, ge=0, le=100)
    """Overall percentage needed to pass."""
    weights: Weights = Field(default_factory=Weights)
    """Weight of each score category."""
    population: PopulationSpec = Field(default_factory=PopulationSpec)
    """The simulated patient population."""
    queue: Literal["shuffled", "ordered"] = "shuffled"
    """shuffled: items of all tasks mixed; ordered: task by task."""
    tasks: list[Model] = Field(min_length=1, max_length=50)
    """The work, one entry per task.

    A task is one of audit, coding, release, deidentify, duplicates, deficiency, claims, analysis.
    """
    traps: list[InterruptionBlock] = Field(default_factory=list, max_length=20)
    """Confidentiality traps."""
    practice: PracticeSet | None = None
    """Set by recsim on a practice set made from a trainee's misses: the items it keeps."""

    @field_validator("time_limit")
    @classmethod
    def _duration(cls, value: str | None) -> str | None:
        if value is not None:
            seconds_of(value)
        return value

    @field_validator("due", mode="before")
    @classmethod
    def _zoned(cls, value: object) -> object:
        return value if value is None else due_time(value)

    @model_validator(mode="after")
    def _bounded(self) -> Scenario:
        total = sum(count_items(entry) for entry in self.tasks)
        if total > MAX_ITEMS:
            raise ValueError(
                f"the tasks ask for {total:,} items; a scenario may generate at most {MAX_ITEMS:,}"
            )
        return self

    @property
    def time_limit_seconds(self) -> int | None:
        """The time limit in seconds, or none."""
        return seconds_of(self.time_limit) if self.time_limit else None

    @property
    def clock_mode(self) -> ClockMode:
        """The clock the time limit runs on: the file's ``clock``, or the mode's default."""
        return self.clock or default_clock(self.mode)

    @property
    def effective_seed(self) -> int:
        """The scenario's seed, derived from its id when the file gives none."""
        return self.seed if self.seed is not None else derive_seed("scenario", self.id)

    def blocks(self) -> list[tuple[str, TaskBlock]]:
        """Each task as (kind, block), in file order."""
        return [task_block(entry) for entry in self.tasks]


def seconds_of(text: str) -> int:
    """Seconds in a duration such as ``45m``, ``1h`` or ``1h30m`` (1 minute to 12 hours)."""
    match = _DURATION.fullmatch(text.strip())
    if not text.strip() or match is None or not any(match.groups()):
        raise ValueError(f"{text!r} is not a duration; write it like 45m, 1h or 1h30m")
    hours, minutes = (int(g) if g else 0 for g in match.groups())
    seconds = hours * 3600 + minutes * 60
    if not 60 <= seconds <= 12 * 3600:
        raise ValueError("must be between 1m and 12h")
    return seconds


def due_time(value: object) -> datetime:
    """A due time read from a scenario: a date and time with its time zone, or a clear error."""
    example = "write it like 2026-03-09T17:00-05:00 (date, time, and the offset from UTC)"
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise ValueError(f"a due date needs a time and a time zone; {example}")
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date and time; {example}") from None
    else:
        raise ValueError(f"is not a date and time; {example}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"has no time zone, so the deadline is ambiguous; {example}")
    return moment


def task_block(entry: Model) -> tuple[str, TaskBlock]:
    """A ``tasks`` entry's kind and block."""
    (kind,) = type(entry).model_fields
    block: TaskBlock = getattr(entry, kind)
    return kind, block


def count_items(entry: Model) -> int:
    """How many items a ``tasks`` entry generates."""
    return task_block(entry)[1].item_count()
