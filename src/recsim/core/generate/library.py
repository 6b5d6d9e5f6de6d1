"""The clinical content library (conditions, allergies, vitals), loaded from data.

The content is plain YAML beside this module so that a clinician can review it
without reading Python; this module only gives it types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.core.records import EncounterType


def generic_names(medication: str) -> frozenset[str]:
    """The generic names in a medication's name: "Metoprolol tartrate 25 mg" -> metoprolol."""
    return frozenset(re.findall(r"[a-z]+", medication.split()[0].lower()))


@dataclass(frozen=True, slots=True)
class Drug:
    name: str
    drug_class: str
    dose: str
    route: str
    ages: tuple[int, int] = (0, 124)
    """Ages (whole years on the day it is ordered) this form and strength suits."""

    @property
    def generics(self) -> frozenset[str]:
        """The names a note may call it by (both halves of a combination such as hydrocodone)."""
        return generic_names(self.name)

    def fits(self, age: int) -> bool:
        """Whether this form and strength suits a patient of ``age``."""
        return self.ages[0] <= age <= self.ages[1]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A clinician's assessment wording, maybe only for one kind of encounter."""

    text: str
    encounter: EncounterType | None = None


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
        """Precision a result is reported with: whole numbers for large whole-numbered measures.

        A temperature (97.0-99.5 °F) keeps its tenths: read in whole degrees, two
        readings on one day would look like one result entered twice.
        """
        whole = self.low == int(self.low) and self.high == int(self.high)
        return 0 if self.high >= 50 and whole else 1


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
    phrases: tuple[Phrase, ...]
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
class VitalSign:
    """A vital sign whose normal range depends on age: ``(first age, last age, measure)``."""

    name: str
    bands: tuple[tuple[int, int, Measure], ...]

    def at(self, age: int) -> Measure:
        """The reference and typical ranges for a patient of ``age`` (whole years)."""
        for low, high, measure in self.bands:
            if low <= age <= high:
                return measure
        raise KeyError(f"{self.name} has no range for age {age}")


@dataclass(frozen=True, slots=True)
class Library:
    conditions: tuple[Condition, ...]
    allergies: tuple[AllergyKind, ...]
    vital_signs: tuple[VitalSign, ...]
    intolerances: frozenset[str]
    """Reactions that are side effects, not allergies (nausea, ACE-inhibitor cough)."""
    descriptions: dict[str, str]
    """ICD-10-CM code -> its FY2026 description, for every code the library uses."""

    def condition(self, condition_id: str) -> Condition:
        for condition in self.conditions:
            if condition.id == condition_id:
                return condition
        raise KeyError(condition_id)

    def vitals_at(self, age: int) -> tuple[Measure, ...]:
        """The vital signs taken at a visit, with the normal ranges for the patient's age."""
        return tuple(v.at(min(age, 124)) for v in self.vital_signs)

    def drugs(self) -> tuple[Drug, ...]:
        """Every drug the library can order, each once."""
        return tuple(dict.fromkeys(d for c in self.conditions for d in c.medications))


Span = tuple[float, float]


class RangeEntry(ContentModel):
    """A reference range and the range a patient typically shows."""

    low: float
    """The reference range's low end."""
    high: float
    """The reference range's high end."""
    typical: Span
    """The range a patient (with the condition, for a lab) typically shows."""


class MeasureEntry(RangeEntry):
    """A lab of conditions.yaml."""

    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)


class VitalBand(RangeEntry):
    """A vital sign's ranges for one band of ages (pediatric ranges differ by age)."""

    ages: tuple[int, int]
    """First and last age of the band, in whole years."""


class VitalEntry(ContentModel):
    """A vital sign taken at every visit."""

    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    bands: list[VitalBand] = Field(min_length=1)
    """Ranges by age band, covering every age from 0 to 124."""


class DrugEntry(ContentModel):
    """A medication a condition is treated with."""

    name: str = Field(min_length=1)
    """The product, e.g. Metformin 500 mg tablet."""
    drug_class: str = Field(alias="class", min_length=1)
    """Its drug class, written ``class:`` (an allergy to the class conflicts with it)."""
    dose: str = Field(min_length=1)
    route: str = Field(min_length=1)
    ages: tuple[int, int] = (0, 124)
    """Ages (whole years) this form and strength suits: children take liquids and
    weight-based doses."""


class PhraseEntry(ContentModel):
    """An assessment wording for one kind of encounter only."""

    text: str = Field(min_length=1)
    encounter: EncounterType


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
    phrases: list[str | PhraseEntry] = Field(min_length=1)
    """How a progress note words it (a wording may be for one kind of encounter only)."""
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
    vitals: list[VitalEntry] = Field(min_length=1)
    intolerances: list[str] = Field(min_length=1)
    """Reactions that are side effects, not allergies (nausea, ACE-inhibitor cough)."""
    descriptions: dict[str, str] = Field(min_length=1)
    """ICD-10-CM code -> its FY2026 description, for every code the library uses."""


def _measure(entry: RangeEntry, name: str, unit: str) -> Measure:
    return Measure(name, unit, entry.low, entry.high, entry.typical)


def _vital(entry: VitalEntry) -> VitalSign:
    bands = tuple((b.ages[0], b.ages[1], _measure(b, entry.name, entry.unit)) for b in entry.bands)
    return VitalSign(entry.name, bands)


def _phrase(entry: str | PhraseEntry) -> Phrase:
    return Phrase(entry) if isinstance(entry, str) else Phrase(entry.text, entry.encounter)


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
        medications=tuple(
            Drug(d.name, d.drug_class, d.dose, d.route, d.ages) for d in entry.medications
        ),
        labs=tuple(_measure(lab, lab.name, lab.unit) for lab in entry.labs),
        phrases=tuple(_phrase(p) for p in entry.phrases),
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
        vital_signs=tuple(_vital(v) for v in raw.vitals),
        intolerances=frozenset(raw.intolerances),
        descriptions=dict(raw.descriptions),
    )
