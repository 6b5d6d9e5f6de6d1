"""The statistics content, as models: the questions (questions.yaml) and the diagnoses stays
are drawn from (diagnoses.yaml)."""

from __future__ import annotations

from pydantic import Field

from recsim.core.model import ContentModel
from recsim.tasks.analysis.models import Delivery, QuestionName


class QuestionEntry(ContentModel):
    """One statistics question of questions.yaml."""

    title: str = Field(min_length=1)
    """The statistic's name."""
    prompt: str = Field(min_length=1)
    """The question; {start}, {end}, {beds}, {days} and {count} are filled in."""
    numerator: str = Field(min_length=1)
    """What the numerator counts."""
    denominator: str = Field(min_length=1)
    """What the denominator counts."""
    exclusions: str = Field(min_length=1)
    """What is left out, and why."""
    exclusions_with_births: str | None = None
    """What is left out when the batch holds delivery and newborn stays (replaces
    ``exclusions`` there; batches without births keep the text they always had)."""
    formula: str = Field(min_length=1)
    """The formula in words."""
    source: str = Field(min_length=1)
    """Where the definition comes from."""
    unit: str = "codes"
    """The answer's unit (%, days); a list of codes when not given."""
    decimals: int = Field(default=0, ge=0, le=4)
    """Decimal places the answer is rounded to."""
    tolerance: float = Field(default=0.0, ge=0)
    """How far an answer may be from the key and still be right."""
    count: int = Field(default=0, ge=0)
    """For a list question: how many codes it asks for."""


class QuestionsFile(ContentModel):
    """questions.yaml: every statistics question, by name."""

    questions: dict[QuestionName, QuestionEntry] = Field(min_length=1)
    """Question name (the ones statistics.py computes) -> its entry."""


class DiagnosisEntry(ContentModel):
    """A principal diagnosis of the generated stays."""

    code: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
    """A billable ICD-10-CM FY2026 code."""
    description: str = Field(min_length=1)
    """The classification's own description of the code."""
    weight: int = Field(ge=1)
    """How often it is drawn, relative to the others."""
    planned: bool = False
    """Whether a stay for it may be a scheduled (planned) admission."""
    ages: tuple[int, int] = (18, 124)
    """Ages (whole years) of the patients a stay for it is drawn for."""
    drgs: tuple[int, int, int]
    """The MS-DRGs a stay for it groups to without a CC or MCC, with a CC, with an MCC (the
    same number twice where the family does not split there); a test checks each against
    the CMS grouper."""
    expired_drgs: tuple[int, int, int] | None = None
    """The same when the patient died, for the families that split on it (AMI, 283-285)."""


class DeliveryEntry(ContentModel):
    """A principal diagnosis of the generated delivery stays (births.yaml)."""

    code: str = Field(pattern=r"^O[0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
    """A billable ICD-10-CM FY2026 code from chapter 15 (pregnancy and childbirth)."""
    description: str = Field(min_length=1)
    """The classification's own description of the code."""
    delivery: Delivery
    """How the women with this principal diagnosis are delivered."""
    twins: bool = False
    """Whether it is the principal diagnosis of a twin delivery."""
    weight: int = Field(ge=1)
    """How often it is drawn among the deliveries of its kind."""
    planned: bool = False
    """Whether the stay is a scheduled admission (a repeat caesarean)."""
    drgs: tuple[int, int, int]
    """MS-DRG without a CC or MCC, with a CC, with an MCC (checked against the grouper)."""


class NewbornEntry(ContentModel):
    """The principal diagnosis of a newborn's birth stay (births.yaml)."""

    code: str = Field(pattern=r"^Z38\.[0-9]{1,2}$")
    """Z38: liveborn infant, by place of birth and type of delivery."""
    description: str = Field(min_length=1)
    """The classification's own description of the code."""
    delivery: Delivery
    """The delivery it is coded for."""
    twins: bool = False
    """Whether it is the code of a twin."""


class BirthsFile(ContentModel):
    """births.yaml: the delivery stays' principal diagnoses and the newborns' codes."""

    deliveries: list[DeliveryEntry] = Field(min_length=1)
    """Principal diagnoses of the women delivered."""
    newborns: list[NewbornEntry] = Field(min_length=4, max_length=4)
    """One Z38 code for each delivery type, single and twin."""


class DiagnosesFile(ContentModel):
    """diagnoses.yaml: the principal diagnoses the stays are drawn from."""

    diagnoses: list[DiagnosisEntry] = Field(min_length=1)
