"""The statistics content, as models: the questions (questions.yaml) and the diagnoses stays
are drawn from (diagnoses.yaml)."""

from __future__ import annotations

from pydantic import Field

from recsim.core.model import ContentModel
from recsim.tasks.analysis.models import QuestionName


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


class DiagnosesFile(ContentModel):
    """diagnoses.yaml: the principal diagnoses the stays are drawn from."""

    diagnoses: list[DiagnosisEntry] = Field(min_length=1)
