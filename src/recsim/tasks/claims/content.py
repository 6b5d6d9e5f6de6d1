"""Claim review content, typed: recsim's service codes and edits (services.yaml), problems (problems.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

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


def _load(name: str) -> Any:
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _problem(name: str, raw: dict[str, Any]) -> ProblemInfo:
    return ProblemInfo(
        name,
        raw["title"],
        raw["category"],
        int(raw["severity"]),
        raw.get("decision", "approve"),
        raw.get("reason"),
        raw["rule"],
        raw["explain"],
        raw.get("scope", "claim") == "line",
    )


@cache
def claims_content() -> ClaimsContent:
    """The bundled content, parsed once per process."""
    services, problems = _load("services.yaml"), _load("problems.yaml")
    return ClaimsContent(
        services={
            code: Service(
                code,
                s["description"],
                s["kind"],
                float(s["fee"]),
                int(s["limit"]),
                s.get("setting"),
                tuple(s["minutes"]) if "minutes" in s else None,
                s.get("mdm"),
            )
            for code, s in services["services"].items()
        },
        bundles=tuple(Bundle(a, b, why) for a, b, why in services["bundles"]),
        lab_tests=tuple(
            LabTest(tuple(t["results"]), t["service"], t["phrase"], tuple(t.get("parts", ())))
            for t in services["lab_tests"]
        ),
        services_for={
            code: tuple(
                Documented(d["service"], d["phrase"], tuple(d.get("units", (1, 1))))
                for d in entries
            )
            for code, entries in services["services_for"].items()
        },
        repeatable=dict(services["repeatable"]),
        extra_services=tuple(services["extra_services"]),
        unsupported=tuple((u["code"], u["condition"]) for u in services["unsupported"]),
        code_edits=tuple(
            CodeEditPlant(
                p["edit"],
                p["how"],
                p.get("principal"),
                p.get("code"),
                tuple(p.get("ages", (0, 124))),
            )
            for p in services["code_edits"]
        ),
        policies=dict(services["policies"]),
        reasons=dict(problems["reasons"]),
        clean=_problem("clean", problems["clean"]),
        problems={name: _problem(name, p) for name, p in problems["problems"].items()},
    )
