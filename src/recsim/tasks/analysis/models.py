"""The encounter batch the statistics are computed from, the question, the key and the answer."""

from __future__ import annotations

import math
from datetime import date
from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer

from recsim.core.model import Model
from recsim.core.records import Sex

Disposition = Literal[
    "home",
    "home_health",
    "skilled_nursing",
    "rehabilitation",
    "hospice",
    "left_against_advice",
    "transfer_acute",
    "expired",
]
DISPOSITIONS: tuple[str, ...] = Disposition.__args__  # type: ignore[attr-defined]
QuestionName = Literal[
    "readmission_rate",
    "average_length_of_stay",
    "bed_occupancy",
    "delinquent_rate",
    "top_diagnoses",
    "case_mix_index",
    "average_daily_census",
    "gross_death_rate",
    "net_death_rate",
    "autopsy_rate",
    "infection_rate",
    "bed_turnover",
    "caesarean_rate",
    "newborn_census",
    "newborn_death_rate",
    "newborn_length_of_stay",
]
QUESTIONS: tuple[str, ...] = QuestionName.__args__  # type: ignore[attr-defined]
Delivery = Literal["vaginal", "caesarean"]
_BIRTH_FIELDS = ("delivery", "newborn", "mother")


class InpatientStay(Model):
    """One row of the batch: an inpatient stay."""

    account: str
    """Encounter (account) number."""
    mrn: str
    """The patient's medical record number: the same patient has the same MRN on every stay."""
    age: int = Field(ge=0, le=124)
    """Age at admission."""
    sex: Sex
    """Sex."""
    admitted: date
    """Admission date."""
    discharged: date
    """Discharge date."""
    disposition: Disposition
    """Where the patient went: home, home_health, skilled_nursing, rehabilitation, hospice,
    left_against_advice, transfer_acute (to another acute-care hospital) or expired (died)."""
    planned: bool
    """Whether the admission was scheduled in advance (a planned admission)."""
    principal_dx: str
    """Principal diagnosis, ICD-10-CM."""
    principal_description: str
    """Its description."""
    chart_completed: date | None = None
    """The day the chart was completed; none while it is still incomplete."""
    drg: int | None = Field(default=None, ge=1, le=999)
    """The MS-DRG the stay grouped to."""
    drg_weight: float | None = Field(default=None, ge=0)
    """That MS-DRG's FY2026 relative weight (CMS, IPPS Table 5)."""
    death_hours: int | None = Field(default=None, ge=0)
    """For a patient who died: hours from admission to death."""
    autopsy: bool = False
    """For a patient who died: whether the hospital's pathologist performed an autopsy."""
    infection: bool = False
    """Whether a hospital-acquired (healthcare-associated) infection was recorded in the stay."""
    delivery: Delivery | None = None
    """For a woman who gave birth in the stay: vaginal or caesarean (one delivery, whether
    one infant or twins were born)."""
    newborn: bool = False
    """A newborn's birth stay (born in the hospital): counted apart from adults and children."""
    mother: str | None = None
    """For a newborn: the account of the mother's delivery stay."""

    @model_serializer(mode="wrap")
    def _births_only_when_present(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The birth fields are left out when unset, so that a batch without births is written
        exactly as it was before they existed (forms already given stay the same)."""
        data: dict[str, Any] = handler(self)
        for name in _BIRTH_FIELDS:
            if data.get(name) in (None, False):
                data.pop(name, None)
        return data


class EncounterBatch(Model):
    """The stays a records department reports on, and what the report needs besides them."""

    facility: str
    """The hospital."""
    beds: int = Field(ge=1)
    """Licensed beds."""
    period_start: date
    """First day of the reporting period."""
    period_end: date
    """Last day of the reporting period."""
    as_of: date
    """The day the report is made (charts still incomplete are incomplete as of this day)."""
    stays: list[InpatientStay]
    """Every stay with a day in the period, and readmissions 30 days after it; by admission."""

    @property
    def period_days(self) -> int:
        """Days in the reporting period, both ends included."""
        return (self.period_end - self.period_start).days + 1

    @property
    def has_births(self) -> bool:
        """Whether the batch holds delivery and newborn stays."""
        return any(s.delivery or s.newborn for s in self.stays)


class AnalysisView(Model):
    """One statistics question over the batch."""

    question: QuestionName
    """Which statistic."""
    title: str
    """Its name."""
    prompt: str
    """The question as the trainee reads it."""
    definition: str
    """Numerator, denominator and exclusions as the facility defines them."""
    unit: str
    """Unit of the answer (%, days), or "codes" for a list of codes."""
    decimals: int
    """Decimal places to round to."""
    tolerance: float
    """Largest accepted difference from the exact value."""
    count: int = 0
    """For a list of codes: how many to give."""
    batch: EncounterBatch
    """The data: view it as a table or export it to CSV."""


class AnalysisKey(Model):
    """The answer key of one question, computed from the batch the trainee sees."""

    question: QuestionName
    """Which statistic."""
    value: float | None = None
    """The exact value (numeric questions)."""
    rounded: float | None = None
    """The value rounded as the question asks."""
    numerator: float | None = None
    """Numerator (numeric questions)."""
    denominator: float | None = None
    """Denominator (numeric questions)."""
    codes: list[str] = Field(default_factory=list)
    """The most frequent codes, most first (list questions)."""
    accepted: list[str] = Field(default_factory=list)
    """Every code accepted in the list (ties at the last place included)."""
    counts: dict[str, int] = Field(default_factory=dict)
    """Discharges per accepted code (list questions)."""
    excluded: dict[str, int] = Field(default_factory=dict)
    """What was left out, and how many."""
    formula: str
    """The formula."""
    source: str
    """Where the definition comes from."""


class AnalysisAnswer(Model):
    """The trainee's answer to one statistics question."""

    value: float | None = Field(default=None, ge=0, le=10_000_000)
    """The statistic, in the question's unit (a percentage as 12.5, not 0.125)."""
    numerator: float | None = Field(default=None, ge=0, le=10_000_000)
    """Optional: the numerator counted (earns partial credit when the division slips)."""
    denominator: float | None = Field(default=None, ge=0, le=10_000_000)
    """Optional: the denominator counted."""
    codes: list[str] = Field(default_factory=list, max_length=20)
    """For a list question: ICD-10-CM codes, most frequent first."""

    @field_validator("value", "numerator", "denominator", mode="before")
    @classmethod
    def _finite(cls, number: object) -> object:
        if isinstance(number, float) and not math.isfinite(number):
            raise ValueError("must be a finite number")
        return number

    @field_validator("codes")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        for code in codes:
            if not 3 <= len(code) <= 10:
                raise ValueError(f"{code[:12]!r} is not an ICD-10-CM code")
        return codes
