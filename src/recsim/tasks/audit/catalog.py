"""The error catalog: the wording, severity and rule of each error kind (errors.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class ErrorKindInfo:
    """One catalog entry."""

    name: str
    title: str
    severity: int
    rule: str
    """The rule in a hospital's chart (42 CFR 482 binds hospitals)."""
    explain: str
    """Explanation template; ``{names}`` come from the planted error's facts."""
    identifier: bool = False
    """The error is in a patient identifier (name, date of birth, MRN)."""
    other_rule: str = ""
    """The rule in any other chart (a clinic's, a payer's); the hospital one when it is the same."""

    def explanation(self, facts: dict[str, Any]) -> str:
        """The explanation with the planted error's facts filled in."""
        return self.explain.format(**facts)

    def rule_for(self, *, hospital: bool) -> str:
        """The rule to cite in a hospital's chart, or in any other."""
        return self.rule if hospital or not self.other_rule else self.other_rule


@cache
def catalog() -> dict[str, ErrorKindInfo]:
    """Every error kind, by name, in catalog order."""
    text = resources.files(__package__).joinpath("errors.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["errors"]
    found = {}
    for name, entry in raw.items():
        rule = entry["rule"]
        hospital, other = (
            (rule["hospital"], rule["other"]) if isinstance(rule, dict) else (rule, "")
        )
        found[name] = ErrorKindInfo(
            name,
            entry["title"],
            int(entry["severity"]),
            hospital,
            entry["explain"],
            bool(entry.get("identifier", False)),
            other,
        )
    return found


def flag_order() -> list[str]:
    """The kinds as the flag dialog lists them: patient identifiers first, then the rest."""
    kinds = catalog()
    return sorted(kinds, key=lambda name: not kinds[name].identifier)
