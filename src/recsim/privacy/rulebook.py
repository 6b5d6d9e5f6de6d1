"""The release-of-information rulebook (release_rules.yaml) as Python objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.core.scenario.release import Decision, Role


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: what it decides, its citation, and the accounting and minimum-necessary facts."""

    name: str
    decision: str
    """``disclose`` or one of the non-disclosing decisions."""
    cite: str
    explain: str
    acceptable: tuple[Decision, ...] = ()
    log: bool = False
    log_cite: str = ""
    minimum_necessary: bool = False
    mn_cite: str = ""
    right_of_access: bool = False

    @property
    def discloses(self) -> bool:
        """Whether the rule lets records go out."""
        return self.decision == "disclose"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a record stays back (or may go out) under a rule."""

    name: str
    cite: str
    text: str
    forbidden: bool = True
    """Sending it anyway is an unlawful disclosure (False: at the facility's discretion)."""


@dataclass(frozen=True, slots=True)
class Rulebook:
    """Everything release_rules.yaml says."""

    rules: dict[str, Rule]
    withholding: dict[str, Reason]
    allowances: dict[str, Reason]
    defects: dict[str, Reason]
    no_basis: dict[str, str]
    """Requester role -> the rule that explains why nothing permits the request."""
    accounting: dict[str, str]
    """Part of 45 CFR 164.528 -> why a disclosure is or is not entered in the accounting."""


class RuleEntry(ContentModel):
    """One rule of release_rules.yaml: what it decides and why."""

    decision: Literal["disclose", "deny", "verify_identity", "refer_privacy_officer"]
    """disclose (the records may go out), or the decision that sends nothing."""
    cite: str
    """The regulation it rests on (45 CFR 164...); empty when the reasons it lists cite it."""
    explain: str = Field(min_length=1)
    """Why, in plain words, for feedback."""
    acceptable: list[Decision] = Field(default_factory=list)
    """Other decisions scored as safe but not the best answer."""
    log: bool = False
    """Whether the disclosure is entered in the accounting of disclosures."""
    log_cite: str = ""
    """The paragraph of 45 CFR 164.528 that decides it (a key of ``accounting``)."""
    minimum_necessary: bool = False
    """Whether only the minimum necessary may be sent."""
    mn_cite: str = ""
    """The paragraph of 45 CFR 164.502(b) that decides it."""
    right_of_access: bool = False
    """Whether the patient's right of access (45 CFR 164.524) applies."""


class ReasonEntry(ContentModel):
    """Why a record stays back, or may go out, under a rule."""

    cite: str = Field(min_length=1)
    """The regulation."""
    text: str = Field(min_length=1)
    """The reason in plain words."""
    forbidden: bool = True
    """Sending it anyway is an unlawful disclosure (false: at the facility's discretion)."""


class RulesFile(ContentModel):
    """release_rules.yaml: the release-of-information rules the engine applies."""

    rules: dict[str, RuleEntry] = Field(min_length=1)
    """Rule name (the names recsim.privacy.release uses) -> the rule."""
    accounting: dict[str, str] = Field(min_length=1)
    """Paragraph of 45 CFR 164.528 -> why a disclosure is or is not in the accounting."""
    withholding: dict[str, ReasonEntry]
    """Reasons a requested record stays back."""
    allowances: dict[str, ReasonEntry]
    """Reasons a record may go out although it is protected."""
    defects: dict[str, ReasonEntry]
    """Defects that make an authorization invalid (45 CFR 164.508(b)(2))."""
    no_basis: dict[Role, str]
    """Requester role -> the rule that explains why nothing permits the request."""

    @model_validator(mode="after")
    def _known_rules(self) -> RulesFile:
        for role, rule in self.no_basis.items():
            if rule not in self.rules:
                raise ValueError(f"no_basis.{role} names the rule {rule!r}, which is not in rules")
        return self


@cache
def rulebook() -> Rulebook:
    """The rulebook, read once."""
    raw = load_content(__package__, "release_rules.yaml", RulesFile)
    rules = {
        name: Rule(
            name=name,
            decision=entry.decision,
            cite=entry.cite,
            explain=entry.explain,
            acceptable=tuple(entry.acceptable),
            log=entry.log,
            log_cite=entry.log_cite,
            minimum_necessary=entry.minimum_necessary,
            mn_cite=entry.mn_cite,
            right_of_access=entry.right_of_access,
        )
        for name, entry in raw.rules.items()
    }

    def reasons(section: dict[str, ReasonEntry]) -> dict[str, Reason]:
        return {
            name: Reason(name, entry.cite, " ".join(entry.text.split()), entry.forbidden)
            for name, entry in section.items()
        }

    return Rulebook(
        rules,
        reasons(raw.withholding),
        reasons(raw.allowances),
        reasons(raw.defects),
        {role: rule for role, rule in raw.no_basis.items()},  # noqa: C416 (Literal keys to str)
        dict(raw.accounting),
    )
