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
    explain: str
    """Explanation template; ``{names}`` come from the planted error's facts."""
    identifier: bool = False
    """The error is in a patient identifier (name, date of birth, MRN)."""

    def explanation(self, facts: dict[str, Any]) -> str:
        return self.explain.format(**facts)


@cache
def catalog() -> dict[str, ErrorKindInfo]:
    """Every error kind, by name, in catalog order."""
    text = resources.files(__package__).joinpath("errors.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["errors"]
    return {
        name: ErrorKindInfo(
            name,
            entry["title"],
            int(entry["severity"]),
            entry["rule"],
            entry["explain"],
            bool(entry.get("identifier", False)),
        )
        for name, entry in raw.items()
    }


def flag_order() -> list[str]:
    """The kinds as the flag dialog lists them: patient identifiers first, then the rest."""
    kinds = catalog()
    return sorted(kinds, key=lambda name: not kinds[name].identifier)
