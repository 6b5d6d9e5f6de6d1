"""What the DRG reviewer sees, the hidden key, and the shape of an answer."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from recsim.core.model import Model
from recsim.tasks.drg_validation.block import DrgError

Payment = Literal["up", "down", "unchanged"]
PAYMENTS: tuple[Payment, ...] = ("up", "down", "unchanged")
STATUS_WORDS = {
    1: "home or self care",
    2: "a short-term general hospital",
    3: "a skilled nursing facility",
    4: "an intermediate care facility",
    5: "a cancer or children's hospital",
    6: "home with home health care",
    7: "left against medical advice",
    20: "expired",
    21: "court or law enforcement",
    50: "hospice at home",
    51: "hospice in a medical facility",
    62: "an inpatient rehabilitation facility",
    63: "a long-term care hospital",
    65: "a psychiatric hospital or unit",
}
"""Patient discharge status codes (UB-04 form locator 17) in words."""
_CODE = re.compile(r"^(?:[A-Z][0-9][0-9A-Z]\.?[0-9A-Z]{0,4}|[0-9A-HJ-NP-Z]{7}|[0-9]{1,2}|[YNUW])$")


def status_words(status: int) -> str:
    """A discharge status as ``03 (a skilled nursing facility)``."""
    words = STATUS_WORDS.get(status)
    return f"{status:02d} ({words})" if words else f"{status:02d}"


def days(count: int) -> str:
    """A length of stay in words: ``1 day``, ``4 days``."""
    return f"{count} day" if count == 1 else f"{count} days"


def _code(text: str) -> str:
    code = text.strip().upper()
    if not _CODE.match(code):
        raise ValueError(
            f"{text[:20]!r} is not a code: give an ICD-10-CM code (J96.01), an ICD-10-PCS "
            "code (0DTJ4ZZ), a discharge status (03) or a POA indicator (N)"
        )
    return code


CodeText = Annotated[str, Field(max_length=20), AfterValidator(_code)]


class ClaimCode(Model):
    """One code on the claim, with its title."""

    code: str
    title: str
    """The code's title ('' when the code set is not at hand)."""
    poa: str | None = None
    """The present-on-admission indicator of a diagnosis (blank: exempt)."""


class BilledClaim(Model):
    """The hospital's inpatient claim as billed."""

    principal: ClaimCode
    secondary: list[ClaimCode]
    procedures: list[ClaimCode]
    """ICD-10-PCS codes, the principal procedure first."""
    disposition: int
    """Patient discharge status (UB-04 form locator 17)."""
    drg: int
    """The MS-DRG the hospital billed."""
    drg_title: str
    weight: float | None
    """Its FY2026 relative weight (Table 5)."""
    gmlos: float | None
    """Its geometric mean length of stay in days (Table 5)."""
    post_acute_transfer: bool
    """Whether the DRG is on the post-acute care transfer list (42 CFR 412.4(d))."""


class RecordDocument(Model):
    """One document of the stay's record."""

    heading: str
    text: str


class DrgValidationView(Model):
    """An inpatient claim and the record it was coded from."""

    claim_number: str
    patient_name: str
    sex: Literal["F", "M"]
    age: int
    date_of_birth: date
    admitted: date
    discharged: date
    length_of_stay: int
    """Days from admission to discharge (the day of discharge is not counted)."""
    documents: list[RecordDocument]
    claim: BilledClaim


class PlantedError(Model):
    """The coding error in a claim."""

    error: DrgError
    code: str
    """The code concerned as billed (an added code, the billed principal, the missed procedure,
    the billed discharge status)."""
    corrected: str | None
    """What replaces it, where something does (the right principal or discharge status)."""
    why: str
    """What the record says that the claim contradicts."""
    level: Literal["MCC", "CC"] | None = None
    """What the code concerned is on the CC/MCC list, by the grouper (an added code, a hidden
    hospital-acquired condition); None for the other errors."""


class DrgResult(Model):
    """A DRG and its FY2026 figures."""

    drg: int
    title: str
    weight: float | None
    gmlos: float | None


class DrgValidationKey(Model):
    """The answer key of one claim."""

    case_id: str
    error: PlantedError | None
    """None for a claim coded as the record supports."""
    billed: DrgResult
    correct: DrgResult
    """The DRG the grouper gives the key's codes."""
    payment: Payment
    explain: str
    """The case's explanation of its key."""


class DrgFindingEntry(Model):
    """One coding error the reviewer reports."""

    error: DrgError
    """What is wrong."""
    code: CodeText
    """The code concerned as the claim shows it (for a discharge status, its number)."""
    corrected: CodeText | None = None
    """What replaces it, where something does (a principal diagnosis, a discharge status, a POA
    indicator)."""


class DrgValidationAnswer(Model):
    """The reviewer's finding on one claim."""

    findings: list[DrgFindingEntry] = Field(default_factory=list, max_length=5)
    """Coding errors found (none: the claim stands as billed)."""
    drg: int = Field(ge=1, le=999)
    """The MS-DRG the record supports."""
    payment: Payment
    """Which way the payment moves after review."""
