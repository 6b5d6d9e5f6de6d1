"""The task blocks of a scenario file: one model per task kind.

The names listed here (audit error kinds, request archetypes, trap kinds) are
part of the scenario format; each task module implements every name listed
for it, which a test checks.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from recsim.core.model import Model
from recsim.core.scenario.release import ReleaseRequest

MAX_ITEMS = 100_000
"""Most items one scenario may generate (all tasks together)."""

ErrorKind = Literal[
    "name_mismatch",
    "dob_transposed",
    "sex_conflict",
    "invalid_npi",
    "member_id_mismatch",
    "discharge_before_admission",
    "allergy_conflict",
    "allergy_missing",
    "laterality_mismatch",
    "wrong_patient_document",
    "duplicate_entry",
    "implausible_value",
    "zip_state_mismatch",
    "unsigned_note",
    "date_out_of_range",
    "age_conflict",
    "cloned_note",
    "invalid_mrn",
    "coverage_not_in_force",
]
ERROR_KINDS: tuple[str, ...] = ErrorKind.__args__  # type: ignore[attr-defined]

Archetype = Literal[
    "patient_in_person",
    "patient_phone_unverified",
    "personal_representative",
    "parent_of_minor",
    "parent_minor_consented_alone",
    "spouse_without_authority",
    "family_involved_in_care",
    "provider_treatment",
    "insurer_payment",
    "attorney_valid_authorization",
    "attorney_expired_authorization",
    "attorney_unsigned_authorization",
    "attorney_authorization_no_recipient",
    "attorney_authorization_no_description",
    "attorney_revoked_authorization",
    "attorney_authorization_wrong_purpose",
    "subpoena_with_assurance",
    "subpoena_without_assurance",
    "court_order_narrower",
    "warrant",
    "police_without_process",
    "public_health_report",
    "medical_examiner",
    "researcher_without_waiver",
    "employer_request",
    "media_request",
    "coworker_curiosity",
    "patient_direction_third_party",
    "substance_use_records_subpoena",
    "psychotherapy_notes_provider",
    "executor_of_deceased",
]
ARCHETYPES: tuple[str, ...] = Archetype.__args__  # type: ignore[attr-defined]

TrapKind = Literal[
    "famous_patient",
    "coworker_lookup",
    "relative_record",
    "personal_email",
    "shared_printer",
    "shared_login",
]
TRAP_KINDS: tuple[str, ...] = TrapKind.__args__  # type: ignore[attr-defined]

EncounterSetting = Literal["inpatient", "outpatient", "emergency"]

DuplicateCase = Literal[
    "nickname",
    "typo",
    "transposed_dob",
    "married_name",
    "moved_address",
    "missing_ssn",
    "twins",
    "junior_senior",
    "common_name",
    "overlay",
]
DUPLICATE_CASES: tuple[str, ...] = DuplicateCase.__args__  # type: ignore[attr-defined]

DeficiencyKind = Literal[
    "missing_history_physical",
    "history_physical_out_of_window",
    "missing_history_physical_update",
    "unsigned_history_physical",
    "missing_discharge_summary",
    "unsigned_discharge_summary",
    "missing_operative_report",
    "unsigned_operative_report",
    "missing_consent",
    "unsigned_order",
]
DEFICIENCY_KINDS: tuple[str, ...] = DeficiencyKind.__args__  # type: ignore[attr-defined]

ClaimProblem = Literal[
    "diagnosis_not_supported",
    "service_not_documented",
    "upcoded",
    "unbundled",
    "units_over_limit",
    "units_not_documented",
    "code_edit",
    "date_outside_encounter",
    "member_not_covered",
    "provider_mismatch",
    "records_missing",
    "duplicate_claim",
]
CLAIM_PROBLEMS: tuple[str, ...] = ClaimProblem.__args__  # type: ignore[attr-defined]


class TaskBlock(Model):
    """What every task block may say."""

    objective: str | None = None
    """Objective id every item of this task is tagged with (one of the scenario's objectives)."""


class AuditBlock(TaskBlock):
    """Charts to audit for errors (task kind ``audit``)."""

    records: int = Field(ge=1, le=MAX_ITEMS)
    """How many charts to audit."""
    errors_per_record: tuple[int, int] = (0, 3)
    """Fewest and most errors planted in one chart; 0 allows clean charts."""
    error_kinds: Literal["all"] | list[ErrorKind] = "all"
    """``all``, or the error kinds to plant (see the authoring guide for the catalog)."""

    @field_validator("errors_per_record")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if not 0 <= low <= high <= 6:
            raise ValueError("must be two numbers [fewest, most] with 0 <= fewest <= most <= 6")
        return value


class CodingExpectation(Model):
    """The codes an authored case expects."""

    diagnoses: list[str] = Field(min_length=1, max_length=25)
    """ICD-10-CM codes, principal or first-listed first."""
    procedures: list[str] = Field(default_factory=list, max_length=25)
    """Procedure codes (ICD-10-PCS, or codes from the scenario's procedure code set)."""


class CasePatient(Model):
    """The patient facts an authored case needs."""

    sex: Literal["F", "M"]
    """Sex."""
    age: int = Field(ge=0, le=124)
    """Age in years."""


class AuthoredCase(Model):
    """A coding case written by the instructor."""

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_-]{1,40}$")
    """Id for feedback and reports; defaults to the position in the list."""
    encounter: EncounterSetting
    """Inpatient, outpatient or emergency: uncertain diagnoses are coded differently."""
    patient: CasePatient
    """Patient facts the code edits check."""
    note: str = Field(min_length=1, max_length=20_000)
    """The documentation the trainee codes from."""
    expect: CodingExpectation
    """The right codes."""
    explain: str = ""
    """Why these codes, shown as feedback."""


class CodingBlock(TaskBlock):
    """Encounters to code (task kind ``coding``)."""

    cases: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many cases to draw from the built-in case library for the setting."""
    tags: list[str] = Field(default_factory=list)
    """Draw only library cases with one of these tags (e.g. diabetes, injury)."""
    items: list[AuthoredCase] = Field(default_factory=list, max_length=500)
    """Cases written in the scenario."""
    procedure_codes: str | None = None
    """A CSV file (code, description) of a procedure code set, relative to the scenario file."""


class ReleaseBlock(TaskBlock):
    """Release-of-information requests to decide (task kind ``release``)."""

    requests: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """How many requests to generate from the archetypes."""
    archetypes: Literal["all"] | list[Archetype] = "all"
    """``all``, or the request archetypes to draw from."""
    items: list[ReleaseRequest] = Field(default_factory=list, max_length=500)
    """Requests written in the scenario."""


class DeidentifyBlock(TaskBlock):
    """Documents to de-identify under Safe Harbor (task kind ``deidentify``)."""

    documents: int = Field(ge=1, le=10_000)
    """How many documents."""


class DuplicatesBlock(TaskBlock):
    """Possible duplicate patients in the master patient index (task kind ``duplicates``)."""

    pairs: int = Field(ge=1, le=MAX_ITEMS)
    """How many candidate groups to resolve."""
    cases: Literal["all"] | Annotated[list[DuplicateCase], Field(min_length=1)] = "all"
    """``all``, or the cases to draw from: true duplicates (nickname, typo, transposed_dob,
    married_name, moved_address, missing_ssn), look-alikes who are different people (twins,
    junior_senior, common_name) and overlay (two people's information in one record)."""
    max_group: int = Field(default=2, ge=2, le=3)
    """Largest candidate group: 2 for pairs only, 3 to include people registered three times."""


class DeficiencyBlock(TaskBlock):
    """Discharged charts to analyse for deficiencies (task kind ``deficiency``)."""

    charts: int = Field(ge=1, le=MAX_ITEMS)
    """How many charts."""
    deficiencies_per_chart: tuple[int, int] = (0, 3)
    """Fewest and most deficiencies in one chart; 0 allows complete charts."""
    kinds: Literal["all"] | Annotated[list[DeficiencyKind], Field(min_length=1)] = "all"
    """``all``, or the deficiency kinds to plant (see docs/tasks.md for the list)."""

    @field_validator("deficiencies_per_chart")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if not 0 <= low <= high <= 5:
            raise ValueError("must be two numbers [fewest, most] with 0 <= fewest <= most <= 5")
        return value


class ClaimsBlock(TaskBlock):
    """Claims to review on the insurer's side (task kind ``claims``)."""

    claims: int = Field(ge=1, le=MAX_ITEMS)
    """How many claims."""
    problems: Literal["all"] | Annotated[list[ClaimProblem], Field(min_length=1)] = "all"
    """``all``, or the problems to plant (one per problem claim; see docs/tasks.md)."""
    clean_share: float = Field(default=0.25, ge=0, le=1)
    """Share of claims with no problem, which the reviewer should approve (0 to 1)."""


class AnalysisBlock(TaskBlock):
    """Statistics questions over a batch of encounters (task kind ``analysis``)."""

    encounters: int = Field(default=200, ge=10, le=MAX_ITEMS)
    """How many inpatient encounters the batch holds."""
    beds: int = Field(default=120, ge=1, le=5000)
    """Licensed beds, for bed occupancy."""
    questions: (
        list[
            Literal[
                "readmission_rate",
                "average_length_of_stay",
                "bed_occupancy",
                "delinquent_rate",
                "top_diagnoses",
            ]
        ]
        | Literal["all"]
    ) = "all"
    """Which statistics to ask for."""
    period_days: int | None = Field(default=None, ge=7, le=366)
    """Length of the reporting period in days; by default recsim chooses one that gives a
    realistic bed occupancy for the number of encounters and beds."""


class Trap(TaskBlock):
    """A confidentiality trap planted in the attempt."""

    kind: TrapKind
    """What happens: famous_patient, coworker_lookup, relative_record, personal_email, shared_printer, shared_login."""
    after: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """Spring the trap after this many items are done (0: recsim chooses)."""
