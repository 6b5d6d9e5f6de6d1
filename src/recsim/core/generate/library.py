"""The clinical content library (conditions, allergies, vitals), loaded from data.

The content is plain YAML beside this module so that a clinician can review it
without reading Python; this module only gives it types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recsim.core.records import EncounterType

_ENCOUNTER_TYPES: tuple[EncounterType, ...] = ("inpatient", "outpatient", "emergency")


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


def _measure(raw: Mapping[str, Any], name: str = "", unit: str = "") -> Measure:
    low, high = raw["typical"]
    return Measure(
        str(raw.get("name", name)),
        str(raw.get("unit", unit)),
        float(raw["low"]),
        float(raw["high"]),
        (float(low), float(high)),
    )


def _vital(raw: Mapping[str, Any]) -> VitalSign:
    name, unit = str(raw["name"]), str(raw["unit"])
    return VitalSign(
        name,
        tuple(
            (int(band["ages"][0]), int(band["ages"][1]), _measure(band, name, unit))
            for band in raw["bands"]
        ),
    )


def _drug(raw: Mapping[str, Any]) -> Drug:
    low, high = raw.get("ages", (0, 124))
    return Drug(raw["name"], raw["class"], raw["dose"], raw["route"], (int(low), int(high)))


def _phrase(raw: str | Mapping[str, Any]) -> Phrase:
    if isinstance(raw, str):
        return Phrase(raw)
    return Phrase(str(raw["text"]), _encounter_type(raw["encounter"]))


def _encounter_type(value: object) -> EncounterType:
    for kind in _ENCOUNTER_TYPES:
        if value == kind:
            return kind
    raise ValueError(f"encounter {value!r} is not one of {', '.join(_ENCOUNTER_TYPES)}")


def _condition(raw: Mapping[str, Any]) -> Condition:
    code = raw["code"]
    codes = dict(code) if isinstance(code, dict) else {"any": str(code)}
    low, high = raw["ages"]
    return Condition(
        id=str(raw["id"]),
        name=str(raw["name"]),
        codes=codes,
        sex=raw.get("sex"),
        ages=(int(low), int(high)),
        weight=int(raw["weight"]),
        encounter=_encounter_type(raw["encounter"]),
        reason=str(raw["reason"]),
        medications=tuple(_drug(d) for d in raw["medications"]),
        labs=tuple(_measure(lab) for lab in raw["labs"]),
        phrases=tuple(_phrase(p) for p in raw["phrases"]),
        acute=bool(raw.get("acute", False)),
    )


@cache
def library() -> Library:
    """The bundled library, parsed once per process."""
    text = resources.files(__package__).joinpath("conditions.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Library(
        conditions=tuple(_condition(c) for c in raw["conditions"]),
        allergies=tuple(
            AllergyKind(a["substance"], a.get("class"), tuple(a["reactions"]))
            for a in raw["allergies"]
        ),
        vital_signs=tuple(_vital(v) for v in raw["vitals"]),
        intolerances=frozenset(raw["intolerances"]),
        descriptions=dict(raw["descriptions"]),
    )
