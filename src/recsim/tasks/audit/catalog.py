"""The error catalog: the wording, severity and rule of each error kind (errors.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel, Severity


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


class RuleBySetting(ContentModel):
    """A rule that differs by setting: hospitals are bound by 42 CFR 482, others are not."""

    hospital: str = Field(min_length=1)
    """The rule in a hospital's chart."""
    other: str = Field(min_length=1)
    """The rule in any other chart (a clinic's, a payer's)."""


class ErrorEntry(ContentModel):
    """One error kind of errors.yaml."""

    title: str = Field(min_length=1)
    """The kind's name in the trainee's list of error kinds and in feedback."""
    severity: Severity
    """1 (low) to 4 (patient safety): how many points finding it is worth."""
    rule: str | RuleBySetting
    """The rule the error breaks, cited (e.g. 42 CFR 482.24(c)); or one for hospitals and
    one for other settings."""
    explain: str = Field(min_length=1)
    """Feedback template; ``{names}`` come from the planted error's facts."""
    identifier: bool = False
    """The error is in a patient identifier: the flag dialog lists these kinds first."""


class ErrorsFile(ContentModel):
    """errors.yaml: the error kinds an audit plants, by name (the names the injectors use)."""

    errors: dict[str, ErrorEntry] = Field(min_length=1)
    """Error kind name -> its entry, in the order forms plant them (the flag dialog lists
    the identifier kinds first)."""


@cache
def catalog() -> dict[str, ErrorKindInfo]:
    """Every error kind, by name, in catalog order."""
    content = load_content(__package__, "errors.yaml", ErrorsFile)
    found = {}
    for name, entry in content.errors.items():
        rule = entry.rule
        hospital, other = (
            (rule.hospital, rule.other) if isinstance(rule, RuleBySetting) else (rule, "")
        )
        found[name] = ErrorKindInfo(
            name, entry.title, entry.severity, hospital, entry.explain, entry.identifier, other
        )
    return found


def flag_order() -> list[str]:
    """The kinds as the flag dialog lists them: patient identifiers first, then the rest."""
    kinds = catalog()
    return sorted(kinds, key=lambda name: not kinds[name].identifier)
