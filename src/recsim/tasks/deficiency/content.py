"""The deficiency content (deficiencies.yaml), typed: kinds, deadlines, documents and stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml


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


def _kind(name: str, raw: dict[str, Any]) -> KindInfo:
    due = raw["due"]
    return KindInfo(
        name=name,
        title=raw["title"],
        document=raw["document"],
        problem=raw["problem"],
        responsible=raw["responsible"],
        severity=int(raw["severity"]),
        deadline=Deadline(due["after"], due.get("hours"), due.get("days")),
        rule=raw["rule"],
        explain=raw["explain"],
    )


@cache
def deficiency_content() -> DeficiencyContent:
    """The bundled content, parsed once per process."""
    text = resources.files(__package__).joinpath("deficiencies.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return DeficiencyContent(
        completion_days=int(raw["chart"]["completion_days"]),
        completion_rule=raw["chart"]["rule"],
        documents=dict(raw["documents"]),
        kinds={name: _kind(name, entry) for name, entry in raw["kinds"].items()},
        medical_stays=tuple(raw["medical_stays"]),
        operations=tuple(
            Operation(
                o["name"], o["specialty"], o.get("sex"), (int(o["ages"][0]), int(o["ages"][1]))
            )
            for o in raw["operations"]
        ),
        orders=tuple(raw["orders"]),
        dispositions=tuple(raw["dispositions"]),
    )
