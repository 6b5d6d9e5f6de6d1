"""The identity content (identity.yaml), typed: nicknames, common names, cases and rules."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True, slots=True)
class CaseInfo:
    """What a case teaches and how a wrong decision on it is weighed."""

    name: str
    truth: str
    severity: int
    title: str
    explain: str
    """Explanation template; ``{names}`` come from the generated group."""


@dataclass(frozen=True, slots=True)
class IdentityContent:
    """Everything identity.yaml holds."""

    nicknames: dict[str, dict[str, tuple[str, ...]]]
    """Sex -> legal first name -> its nicknames."""
    common_names: dict[str, tuple[tuple[str, str], ...]]
    """Sex -> (first, last) names common enough to be shared by strangers."""
    photo_ids: tuple[str, ...]
    other_checks: tuple[str, ...]
    departments: tuple[tuple[str, str], ...]
    """(department, encounter type) where a visit is registered."""
    cases: dict[str, CaseInfo]
    rules: dict[str, str]
    survivorship: dict[str, str]

    def same_first_name(self, sex: str, a: str, b: str) -> bool:
        """Whether two first names can be one person's: equal, or a legal name and its nickname."""
        if a.casefold() == b.casefold():
            return True
        table = self.nicknames.get(sex, {})
        return b in table.get(a, ()) or a in table.get(b, ())


@cache
def identity() -> IdentityContent:
    """The bundled identity content, parsed once per process."""
    text = resources.files(__package__).joinpath("identity.yaml").read_text("utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return IdentityContent(
        nicknames={
            sex: {legal: tuple(nicks) for legal, nicks in table.items()}
            for sex, table in raw["nicknames"].items()
        },
        common_names={
            sex: tuple((first, last) for first, last in names)
            for sex, names in raw["common_names"].items()
        },
        photo_ids=tuple(raw["verification"]["photo"]),
        other_checks=tuple(raw["verification"]["other"]),
        departments=tuple((name, kind) for name, kind in raw["departments"]),
        cases={
            name: CaseInfo(
                name, entry["truth"], int(entry["severity"]), entry["title"], entry["explain"]
            )
            for name, entry in raw["cases"].items()
        },
        rules=dict(raw["rules"]),
        survivorship=dict(raw["survivorship"]),
    )
