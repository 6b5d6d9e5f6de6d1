"""The clinical content library (conditions, allergies, vitals), loaded from data.

The content is plain YAML beside this module so that a clinician can review it
without reading Python; this module only gives it types.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.core.records import EncounterType


@dataclass(frozen=True, slots=True)
class Drug:
    name: str
    drug_class: str
    dose: str
    route: str


@dataclass(frozen=True, slots=True)
class Measure:
    """A vital sign or lab: reference range and the range a patient typically shows."""

    name: str
    unit: str
    low: float
    high: float
    typical: tuple[float, float]

    @property
    def decimals(self) -> int:
        """Precision a result is reported with: whole numbers for large-valued measures."""
        return 0 if self.high >= 50 else 1


@dataclass(frozen=True, slots=True)
class Condition:
    id: str
    name: str
    codes: dict[str, str]
    """``{"any": code}``, or ``{"right": code, "left": code}`` with laterality."""
    sex: str | None
    ages: tuple[int, int]
    weight: int
    encounter: EncounterType
    reason: str
    medications: tuple[Drug, ...]
    labs: tuple[Measure, ...]
    phrases: tuple[str, ...]
    acute: bool

    @property
    def lateral(self) -> bool:
        return "right" in self.codes

    def fits(self, sex: str, age: int) -> bool:
        return (self.sex is None or self.sex == sex) and self.ages[0] <= age <= self.ages[1]


@dataclass(frozen=True, slots=True)
class AllergyKind:
    substance: str
    drug_class: str | None
    reactions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Library:
    conditions: tuple[Condition, ...]
    allergies: tuple[AllergyKind, ...]
    vitals: tuple[Measure, ...]
    descriptions: dict[str, str]
    """ICD-10-CM code -> its FY2026 description, for every code the library uses."""

    def condition(self, condition_id: str) -> Condition:
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise KeyError(condition_id)


Span = tuple[float, float]


class MeasureEntry(ContentModel):
    """A vital sign or lab of conditions.yaml."""

    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    low: float
    """The reference range's low end."""
    high: float
    """The reference range's high end."""
    typical: Span
    """The range a patient (with the condition, for a lab) typically shows."""


class DrugEntry(ContentModel):
    """A medication a condition is treated with."""

    name: str = Field(min_length=1)
    """The product, e.g. Metformin 500 mg tablet."""
    drug_class: str = Field(alias="class", min_length=1)
    """Its drug class, written ``class:`` (an allergy to the class conflicts with it)."""
    dose: str = Field(min_length=1)
    route: str = Field(min_length=1)


class LateralCodes(ContentModel):
    """The codes of a condition with laterality, one per side."""

    right: str
    left: str


class ConditionEntry(ContentModel):
    """A condition a generated chart may carry."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable id other content names (claims' unsupported diagnoses)."""
    name: str = Field(min_length=1)
    code: str | LateralCodes
    """Its ICD-10-CM code, or {right: code, left: code} for a condition with laterality."""
    sex: Literal["F", "M"] | None = None
    """F or M for a condition of one sex only."""
    ages: tuple[int, int]
    """Youngest and oldest patient age in years."""
    weight: int = Field(ge=1)
    """How often it is drawn, relative to the others."""
    encounter: EncounterType
    """The encounter it brings the patient in for."""
    reason: str = Field(min_length=1)
    """The visit reason a chart shows."""
    medications: list[DrugEntry]
    labs: list[MeasureEntry]
    phrases: list[str] = Field(min_length=1)
    """How a progress note words it."""
    acute: bool = False
    """Whether it is an acute condition (not carried on the problem list for years)."""


class AllergyEntry(ContentModel):
    """An allergy a chart may record."""

    substance: str = Field(min_length=1)
    drug_class: str | None = Field(default=None, alias="class")
    """The drug class it rules out, written ``class:``; none for a food or environmental allergy."""
    reactions: list[str] = Field(min_length=1)


class ConditionsFile(ContentModel):
    """conditions.yaml: the clinical content generated charts are made of."""

    conditions: list[ConditionEntry] = Field(min_length=1)
    allergies: list[AllergyEntry] = Field(min_length=1)
    vitals: list[MeasureEntry] = Field(min_length=1)
    descriptions: dict[str, str] = Field(min_length=1)
    """ICD-10-CM code -> its FY2026 description, for every code the library uses."""


def _measure(entry: MeasureEntry) -> Measure:
    return Measure(entry.name, entry.unit, entry.low, entry.high, entry.typical)


def _condition(entry: ConditionEntry) -> Condition:
    code = entry.code
    codes = {"any": code} if isinstance(code, str) else {"right": code.right, "left": code.left}
    return Condition(
        id=entry.id,
        name=entry.name,
        codes=codes,
        sex=entry.sex,
        ages=entry.ages,
        weight=entry.weight,
        encounter=entry.encounter,
        reason=entry.reason,
        medications=tuple(Drug(d.name, d.drug_class, d.dose, d.route) for d in entry.medications),
        labs=tuple(_measure(lab) for lab in entry.labs),
        phrases=tuple(entry.phrases),
        acute=entry.acute,
    )


@cache
def library() -> Library:
    """The bundled library, parsed once per process."""
    raw = load_content(__package__, "conditions.yaml", ConditionsFile)
    return Library(
        conditions=tuple(_condition(c) for c in raw.conditions),
        allergies=tuple(
            AllergyKind(a.substance, a.drug_class, tuple(a.reactions)) for a in raw.allergies
        ),
        vitals=tuple(_measure(v) for v in raw.vitals),
        descriptions=dict(raw.descriptions),
    )
