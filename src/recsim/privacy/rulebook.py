"""The release-of-information rulebook (release_rules.yaml) as Python objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recsim.core.scenario.release import Decision


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


@cache
def rulebook() -> Rulebook:
    """The rulebook, read once."""
    text = resources.files(__package__).joinpath("release_rules.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rules = {
        name: Rule(
            name=name,
            decision=entry["decision"],
            cite=entry["cite"],
            explain=entry["explain"],
            acceptable=tuple(entry.get("acceptable", ())),
            log=bool(entry.get("log", False)),
            log_cite=entry.get("log_cite", ""),
            minimum_necessary=bool(entry.get("minimum_necessary", False)),
            mn_cite=entry.get("mn_cite", ""),
            right_of_access=bool(entry.get("right_of_access", False)),
        )
        for name, entry in raw["rules"].items()
    }

    def reasons(section: str) -> dict[str, Reason]:
        return {
            name: Reason(
                name,
                entry["cite"],
                " ".join(entry["text"].split()),
                bool(entry.get("forbidden", True)),
            )
            for name, entry in raw[section].items()
        }

    return Rulebook(
        rules,
        reasons("withholding"),
        reasons("allowances"),
        reasons("defects"),
        dict(raw["no_basis"]),
        dict(raw["accounting"]),
    )
