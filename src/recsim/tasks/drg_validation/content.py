"""The DRG validation kind's content, typed: the errors, their topics and the case errors.

errors.yaml says which coding errors exist, the rule each breaks, and per case the errors
that need the record's words (an unsupported code, a wrong discharge status) with why the
record does not support them.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Literal

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel

ErrorName = Literal[
    "unsupported_secondary",
    "wrong_principal",
    "missed_procedure",
    "wrong_disposition",
    "poa_hides_hac",
]
Poa = Literal["Y", "N", "U", "W"]
Evidence = Annotated[list[str], Field(min_length=1)]
"""Words of the case's documents the ``why`` rests on, quoted (a test finds each there)."""


class ErrorInfo(ContentModel):
    """One coding error a claim may carry."""

    generic: bool
    """Made from any case's key by a rule; otherwise listed per case."""
    rule: str
    """The rule it breaks, as cited in feedback."""
    lesson: str
    """What the trainee should learn ({code}: the code concerned; {level}: what it is on the
    CC/MCC list, in words, and {level_short}: CC or MCC)."""
    why: str | None = None
    """For a generic error: why the record does not support the claim ({code}, {principal})."""


class TopicInfo(ContentModel):
    """A topic of the kind's findings."""

    title: str


class UnsupportedCode(ContentModel):
    """A CC or MCC the claim adds that the case's record does not support."""

    error: Literal["unsupported_secondary"]
    code: Annotated[str, Field(pattern=r"^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$")]
    """The code the claim adds (dotted)."""
    poa: Poa = "Y"
    """Its present-on-admission indicator on the claim."""
    why: str
    """What the record says that rules the condition out."""
    evidence: Evidence


class WrongPrincipal(ContentModel):
    """A condition billed as the principal diagnosis, with the case's own reason: one of the
    key's secondary diagnoses, or one the record does not support (sepsis the record rules
    out), the key's principal then following it."""

    error: Literal["wrong_principal"]
    code: Annotated[str, Field(pattern=r"^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$")]
    """The diagnosis the claim puts first."""
    why: str
    evidence: Evidence


class WrongDisposition(ContentModel):
    """A discharge status the claim shows in place of the one the record gives."""

    error: Literal["wrong_disposition"]
    billed: int = Field(ge=1, le=95)
    """The patient discharge status the claim shows (01 home...)."""
    why: str
    """Where the record says the patient went."""
    evidence: Evidence


class HiddenHac(ContentModel):
    """A hospital-acquired condition of the key (POA N) billed as present on admission."""

    error: Literal["poa_hides_hac"]
    code: Annotated[str, Field(pattern=r"^[A-Z][0-9][0-9A-Z]\.[0-9A-Z]{1,4}$")]
    """The key's secondary diagnosis (POA N) the claim reports with POA Y."""
    why: str
    evidence: Evidence


CaseError = Annotated[
    UnsupportedCode | WrongPrincipal | WrongDisposition | HiddenHac, Field(discriminator="error")
]


class DrgErrorsFile(ContentModel):
    """errors.yaml."""

    errors: dict[ErrorName, ErrorInfo]
    never_first: list[str]
    """ICD-10-CM categories the resequencing rule never puts first."""
    topics: dict[str, TopicInfo]
    cases: dict[Annotated[str, Field(pattern=r"^ip-[a-z0-9-]+$")], list[CaseError]]


@cache
def drg_content() -> DrgErrorsFile:
    """errors.yaml, read once."""
    return load_content("recsim.tasks.drg_validation", "errors.yaml", DrgErrorsFile)
