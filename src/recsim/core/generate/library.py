"""The clinical content library (conditions, allergies, vitals), loaded from data.

The content is plain YAML beside this module so that a clinician can review it
without reading Python; this module only gives it types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recsim.core.records import EncounterType

_ENCOUNTER_TYPES: tuple[EncounterType, ...] = ("inpatient", "outpatient", "emergency")


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


def _measure(raw: Mapping[str, Any]) -> Measure:
    low, high = raw["typical"]
    return Measure(
        str(raw["name"]),
        str(raw["unit"]),
        float(raw["low"]),
        float(raw["high"]),
        (float(low), float(high)),
    )


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
        medications=tuple(
            Drug(d["name"], d["class"], d["dose"], d["route"]) for d in raw["medications"]
        ),
        labs=tuple(_measure(lab) for lab in raw["labs"]),
        phrases=tuple(raw["phrases"]),
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
        vitals=tuple(_measure(v) for v in raw["vitals"]),
        descriptions=dict(raw["descriptions"]),
    )
