"""Claim review content, typed: recsim's service codes and edits, and the claim problems.

services.yaml holds the service codes and edits, problems.yaml the problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity
from recsim.tasks.claims.models import Decision, DenialReason

MDM_LEVELS = ("straightforward", "low", "moderate", "high")
"""Levels of medical decision making, lowest first."""


@dataclass(frozen=True, slots=True)
class Service:
    """One recsim service code."""

    code: str
    description: str
    kind: str
    """visit, hospital_day, lab, imaging or procedure."""
    fee: float
    limit: int
    """Most units for one patient on one date."""
    setting: str | None = None
    """For a visit: outpatient or emergency."""
    minutes: tuple[int, int] | None = None
    """For an office visit: the documented minutes the level requires."""
    mdm: str | None = None
    """For an emergency department visit: the medical decision making the level requires."""

    @property
    def rank(self) -> int:
        """A visit level's place among its setting's levels (higher needs more)."""
        return self.minutes[0] if self.minutes else MDM_LEVELS.index(self.mdm or "")


@dataclass(frozen=True, slots=True)
class Bundle:
    column1: str
    column2: str
    why: str


@dataclass(frozen=True, slots=True)
class LabTest:
    results: tuple[str, ...]
    service: str
    phrase: str
    parts: tuple[str, ...]
    """Component services the test includes (for unbundling)."""


@dataclass(frozen=True, slots=True)
class Documented:
    """A service a note documents for a diagnosis."""

    service: str
    phrase: str
    units: tuple[int, int]


@dataclass(frozen=True, slots=True)
class CodeEditPlant:
    """How a claim's diagnoses are made to fail one edit."""

    edit: str
    how: str
    """repeat, replace_principal or insert_first."""
    principal: str | None
    code: str | None
    ages: tuple[int, int]


@dataclass(frozen=True, slots=True)
class ProblemInfo:
    name: str
    title: str
    category: str
    severity: int
    decision: str
    reason: str | None
    rule: str
    explain: str
    line: bool = False
    """The problem is on one service line, which is denied while the rest is paid."""


@dataclass(frozen=True, slots=True)
class ClaimsContent:
    """Everything services.yaml and problems.yaml hold."""

    services: dict[str, Service]
    bundles: tuple[Bundle, ...]
    lab_tests: tuple[LabTest, ...]
    services_for: dict[str, tuple[Documented, ...]]
    repeatable: dict[str, str]
    extra_services: tuple[str, ...]
    unsupported: tuple[tuple[str, str], ...]
    """(ICD-10-CM code, condition id in the condition library)."""
    code_edits: tuple[CodeEditPlant, ...]
    policies: dict[str, str]
    reasons: dict[str, str]
    clean: ProblemInfo
    problems: dict[str, ProblemInfo]

    def includes(self, column1: str) -> list[Bundle]:
        """The bundling pairs whose comprehensive service is ``column1``."""
        return [b for b in self.bundles if b.column1 == column1]

    def visits(self, setting: str) -> list[Service]:
        """The visit levels of a setting, lowest first."""
        found = [s for s in self.services.values() if s.kind == "visit" and s.setting == setting]
        return sorted(found, key=lambda s: s.rank)

    def visit_level(self, setting: str, documented: int | str) -> Service:
        """The visit code documented minutes (office) or decision making (emergency) support."""
        for service in self.visits(setting):
            if service.minutes is not None and isinstance(documented, int):
                low, high = service.minutes
                if low <= documented <= high:
                    return service
            elif service.mdm == documented:
                return service
        raise KeyError(f"{setting} visit documenting {documented}")


Span = tuple[int, int]
"""[low, high], both included."""


class ServiceEntry(ContentModel):
    """One recsim service code (never a CPT or HCPCS code: they all start RS-)."""

    description: str = Field(min_length=1, pattern=r"\(recsim training code\)$")
    """What the service is, ending "(recsim training code)"."""
    kind: Literal["visit", "hospital_day", "lab", "imaging", "procedure"]
    fee: float = Field(gt=0)
    """A fictional charge in dollars."""
    limit: int = Field(ge=1)
    """Most units for one patient on one date (recsim's imitation of the CMS MUEs)."""
    setting: Literal["outpatient", "emergency"] | None = None
    """For a visit: where it happens."""
    minutes: Span | None = None
    """For a visit: the documented minutes its level requires."""
    mdm: Literal["straightforward", "low", "moderate", "high"] | None = None
    """For an emergency department visit: the level of medical decision making it requires
    (since 2023 ED levels are chosen by medical decision making, not time)."""


class LabTestEntry(ContentModel):
    """Which test a documented result comes from."""

    results: list[str] = Field(min_length=1)
    """Results the note may document."""
    service: str
    """The service code billed for the test."""
    phrase: str = Field(min_length=1)
    """How the note names the test."""
    parts: list[str] = Field(default_factory=list)
    """Component services a panel includes (billing them too is unbundling)."""


class DocumentedEntry(ContentModel):
    """A service a note documents for a diagnosis."""

    service: str
    phrase: str = Field(min_length=1)
    """How the note says it."""
    units: Span = (1, 1)
    """Fewest and most units documented."""


class UnsupportedEntry(ContentModel):
    """A chronic diagnosis a claim may add that the note does not document."""

    code: str
    """Its ICD-10-CM code."""
    condition: str
    """The condition library's id for it (recsim/core/generate/conditions.yaml)."""


class CodeEditEntry(ContentModel):
    """How a claim's diagnoses are made to fail one edit of the coding engine."""

    edit: str
    """The edit's id (recsim/coding/data/edits.yaml)."""
    how: Literal["repeat", "replace_principal", "insert_first"]
    """Repeat a code, replace the principal diagnosis, or put a code first."""
    principal: str | None = None
    """The principal diagnosis the plant needs."""
    code: str | None = None
    """The code it puts in."""
    ages: Span = (0, 124)
    """Patient ages it fits."""


class ServicesFile(ContentModel):
    """services.yaml: recsim's service codes, edits and what notes document."""

    policies: dict[Literal["limit", "bundle"], str]
    """The policy each imitated edit rests on, for feedback."""
    services: dict[str, ServiceEntry] = Field(min_length=1)
    """Service code (RS-...) -> its entry."""
    bundles: list[tuple[str, str, str]]
    """[column 1 service, column 2 service, why]: never paid together on one date."""
    lab_tests: list[LabTestEntry]
    services_for: dict[str, list[DocumentedEntry]]
    """ICD-10-CM code -> the services a note documents for it."""
    repeatable: dict[str, str]
    """Service code -> why more than one unit may be documented."""
    extra_services: list[str]
    """Services a claim may add that the note does not document."""
    unsupported: list[UnsupportedEntry]
    code_edits: list[CodeEditEntry]


class ProblemEntry(ContentModel):
    """A problem recsim plants in a claim (or the clean claim)."""

    title: str = Field(min_length=1)
    category: Literal["accuracy", "coding"]
    """The score category it counts in."""
    severity: Severity
    decision: Decision = "approve"
    """The decision it calls for."""
    reason: DenialReason | None = None
    """The denial reason, for a denial."""
    rule: str = Field(min_length=1)
    """The rule, cited."""
    explain: str = Field(min_length=1)
    """Feedback template; ``{names}`` come from the claim."""
    scope: Literal["claim", "line"] = "claim"
    """line: the problem is on one service line, and the payer denies that line only."""


class ProblemsFile(ContentModel):
    """problems.yaml: the denial reasons and the problems a claim may carry."""

    reasons: dict[DenialReason, str]
    """Denial reason -> how the trainee's list words it."""
    clean: ProblemEntry
    """A claim without a problem."""
    problems: dict[str, ProblemEntry] = Field(min_length=1)
    """Problem name (the scenario format's names) -> its entry."""


def _problem(name: str, entry: ProblemEntry) -> ProblemInfo:
    return ProblemInfo(
        name,
        entry.title,
        entry.category,
        entry.severity,
        entry.decision,
        entry.reason,
        entry.rule,
        entry.explain,
        entry.scope == "line",
    )


@cache
def claims_content() -> ClaimsContent:
    """The bundled content, parsed once per process."""
    services = load_content(__package__, "services.yaml", ServicesFile)
    problems = load_content(__package__, "problems.yaml", ProblemsFile)
    return ClaimsContent(
        services={
            code: Service(code, s.description, s.kind, s.fee, s.limit, s.setting, s.minutes, s.mdm)
            for code, s in services.services.items()
        },
        bundles=tuple(Bundle(a, b, why) for a, b, why in services.bundles),
        lab_tests=tuple(
            LabTest(tuple(t.results), t.service, t.phrase, tuple(t.parts))
            for t in services.lab_tests
        ),
        services_for={
            code: tuple(Documented(d.service, d.phrase, d.units) for d in entries)
            for code, entries in services.services_for.items()
        },
        repeatable=dict(services.repeatable),
        extra_services=tuple(services.extra_services),
        unsupported=tuple((u.code, u.condition) for u in services.unsupported),
        code_edits=tuple(
            CodeEditPlant(p.edit, p.how, p.principal, p.code, p.ages) for p in services.code_edits
        ),
        # Comprehensions, not dict(): mypy widens the Literal keys to str only this way.
        policies={name: text for name, text in services.policies.items()},  # noqa: C416
        reasons={name: text for name, text in problems.reasons.items()},  # noqa: C416
        clean=_problem("clean", problems.clean),
        problems={name: _problem(name, p) for name, p in problems.problems.items()},
    )
