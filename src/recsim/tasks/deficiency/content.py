"""The deficiency content (deficiencies.yaml), typed: kinds, deadlines, documents and stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity


@dataclass(frozen=True, slots=True)
class Deadline:
    """When a deficiency is due: so many hours or days after an event of the stay."""

    after: str
    """admission, surgery or discharge."""
    hours: int | None
    days: int | None

    def due(self, event: datetime) -> datetime:
        """The deadline for an event at ``event``; a deadline in days ends with that day."""
        if self.hours is not None:
            return event + timedelta(hours=self.hours)
        return datetime.combine(event.date() + timedelta(days=self.days or 0), time(23, 59))


@dataclass(frozen=True, slots=True)
class KindInfo:
    """One deficiency kind."""

    name: str
    title: str
    document: str
    problem: str
    """missing, unsigned or out_of_window."""
    responsible: str
    """attending, surgeon or author."""
    severity: int
    deadline: Deadline
    rule: str
    explain: str

    @property
    def surgical(self) -> bool:
        """Whether the kind needs an operation on the chart."""
        return self.document in ("consent", "operative_report", "history_physical_update")

    @property
    def group(self) -> str:
        """Kinds of one group exclude each other in a chart: one problem per document."""
        return "history_physical" if self.document.startswith("history_physical") else self.document


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    specialty: str
    sex: str | None
    ages: tuple[int, int]

    def fits(self, sex: str, age: int) -> bool:
        return (self.sex is None or self.sex == sex) and self.ages[0] <= age <= self.ages[1]


@dataclass(frozen=True, slots=True)
class DeficiencyContent:
    """Everything deficiencies.yaml holds."""

    completion_days: int
    completion_rule: str
    documents: dict[str, str]
    """Document type -> title."""
    kinds: dict[str, KindInfo]
    medical_stays: tuple[str, ...]
    operations: tuple[Operation, ...]
    orders: tuple[str, ...]
    dispositions: tuple[str, ...]

    def completion_due(self, discharged: date) -> date:
        """The last day the record may be completed (42 CFR 482.24(c)(4)(viii))."""
        return discharged + timedelta(days=self.completion_days)


class DueEntry(ContentModel):
    """When a deficiency is due: hours or days (exactly one) after an event of the stay."""

    after: Literal["admission", "surgery", "discharge"]
    """The event the deadline counts from."""
    hours: int | None = Field(default=None, ge=0)
    """Hours after the event (a deadline to the minute; 0: before the event)."""
    days: int | None = Field(default=None, ge=0)
    """Days after the event (the deadline ends with the last day)."""

    @model_validator(mode="after")
    def _one_length(self) -> DueEntry:
        if (self.hours is None) == (self.days is None):
            raise ValueError("give either hours or days, not both and not neither")
        return self


class KindEntry(ContentModel):
    """One deficiency kind of deficiencies.yaml."""

    title: str = Field(min_length=1)
    """The kind's name in the trainee's list and in feedback."""
    document: str
    """The document type it concerns: a key of ``documents``."""
    problem: Literal["missing", "unsigned", "out_of_window"]
    """What is wrong with the document."""
    responsible: Literal["attending", "surgeon", "author"]
    """Who must complete it."""
    severity: Severity
    """1 (low) to 4 (patient safety)."""
    due: DueEntry
    """The deadline."""
    rule: str = Field(min_length=1)
    """The rule, cited (42 CFR 482.22, 482.24, 482.51 or the medical staff bylaws)."""
    explain: str = Field(min_length=1)
    """Feedback template; ``{names}`` come from the generated chart."""


class ChartEntry(ContentModel):
    """The record-completion deadline for the whole chart."""

    completion_days: int = Field(ge=1)
    """Days after discharge by which the record must be complete."""
    rule: str = Field(min_length=1)
    """Its citation (42 CFR 482.24(c)(4)(viii))."""


class OperationEntry(ContentModel):
    """An operation a surgical stay may carry."""

    name: str = Field(min_length=1)
    specialty: str = Field(min_length=1)
    """The surgeon's specialty."""
    sex: Literal["F", "M"] | None = None
    """F or M when only one sex can have it."""
    ages: tuple[int, int]
    """Youngest and oldest patient age in years."""


class DeficienciesFile(ContentModel):
    """deficiencies.yaml: deficiency kinds, deadlines, document titles and the stays charts hold."""

    chart: ChartEntry
    """The completion deadline of the whole record."""
    documents: dict[str, str] = Field(min_length=1)
    """Document type -> its title."""
    kinds: dict[str, KindEntry] = Field(min_length=1)
    """Deficiency kind name -> its entry."""
    medical_stays: list[str] = Field(min_length=1)
    """Reasons for a medical (non-surgical) stay."""
    operations: list[OperationEntry] = Field(min_length=1)
    """Operations of surgical stays."""
    orders: list[str] = Field(min_length=1)
    """Orders a chart's order sheet may hold."""
    dispositions: list[str] = Field(min_length=1)
    """Where patients go at discharge."""

    @model_validator(mode="after")
    def _known_documents(self) -> DeficienciesFile:
        for name, kind in self.kinds.items():
            if kind.document not in self.documents:
                raise ValueError(
                    f"kind {name!r} names the document {kind.document!r}, which is not one of "
                    f"documents: {', '.join(self.documents)}"
                )
        return self


def _kind(name: str, entry: KindEntry) -> KindInfo:
    due = entry.due
    return KindInfo(
        name=name,
        title=entry.title,
        document=entry.document,
        problem=entry.problem,
        responsible=entry.responsible,
        severity=entry.severity,
        deadline=Deadline(due.after, due.hours, due.days),
        rule=entry.rule,
        explain=entry.explain,
    )


@cache
def deficiency_content() -> DeficiencyContent:
    """The bundled content, parsed once per process."""
    raw = load_content(__package__, "deficiencies.yaml", DeficienciesFile)
    return DeficiencyContent(
        completion_days=raw.chart.completion_days,
        completion_rule=raw.chart.rule,
        documents=dict(raw.documents),
        kinds={name: _kind(name, entry) for name, entry in raw.kinds.items()},
        medical_stays=tuple(raw.medical_stays),
        operations=tuple(Operation(o.name, o.specialty, o.sex, o.ages) for o in raw.operations),
        orders=tuple(raw.orders),
        dispositions=tuple(raw.dispositions),
    )
