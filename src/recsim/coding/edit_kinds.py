"""The edits recsim checks, as data: each one's id, source and wording.

``data/edits.yaml`` defines every edit (id, source, message template) and the
short list of codes never acceptable as principal; :func:`make_edit` words one
edit for a claim. Which edits a claim triggers is :mod:`recsim.coding.edits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from recsim.coding.content import EditsFile
from recsim.coding.model import CodeRange
from recsim.coding.restrictions import parse_range
from recsim.core.content import load_content

SHOWN = 40
"""Characters of a typed code that a message repeats; longer input is cut short."""


@dataclass(frozen=True)
class Edit:
    """One problem found on a claim."""

    edit: str
    """Stable id, e.g. ``excludes1_conflict``."""
    codes: list[str]
    """The codes involved, in claim order."""
    message: str
    """A plain sentence for a student."""
    source: str
    """The rule it rests on (Official Guidelines section or CMS MCE edit)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "edit": self.edit,
            "codes": list(self.codes),
            "message": self.message,
            "source": self.source,
        }


@dataclass(frozen=True)
class CheckResult:
    """The normalized codes (principal first) and the edits they trigger."""

    codes: list[str]
    edits: list[Edit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"codes": list(self.codes), "edits": [e.to_dict() for e in self.edits]}

    def ids(self) -> set[str]:
        """The edit ids found (handy for scoring: ``"duplicate_code" in result.ids()``)."""
        return {e.edit for e in self.edits}


@dataclass(frozen=True)
class Definition:
    """An edit as ``edits.yaml`` defines it."""

    id: str
    source: str
    message: str


@dataclass(frozen=True)
class PrincipalRule:
    """Codes never acceptable as principal or first-listed, with why and where that is written."""

    codes: CodeRange
    settings: frozenset[str]
    reason: str
    source: str


@cache
def definitions() -> dict[str, Definition]:
    """Every edit recsim checks, in the order results list them."""
    return {key: Definition(key, v["source"], v["message"]) for key, v in _data()["edits"].items()}


@cache
def principal_rules() -> tuple[PrincipalRule, ...]:
    """The unacceptable-principal list of ``edits.yaml``."""
    return tuple(
        PrincipalRule(
            parse_range(r["codes"]),
            frozenset(r["settings"]),
            r["reason"],
            r["source"],
        )
        for r in _data()["unacceptable_principal"]
    )


@cache
def _data() -> EditsFile:
    return load_content("recsim.coding", "data/edits.yaml", EditsFile)


def shown(code: str) -> str:
    """A typed code as a message may repeat it: printable and at most :data:`SHOWN` characters."""
    clean = "".join(c if c.isprintable() else "?" for c in code)
    return clean if len(clean) <= SHOWN else clean[: SHOWN - 1] + "\u2026"


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def make_edit(edit: str, codes: list[str], source: str | None = None, **fields: str) -> Edit:
    """Edit ``edit`` on ``codes``, its message filled from ``fields`` (a missing one is blank)."""
    definition = definitions()[edit]
    message = definition.message.format_map(_Fields(fields))
    return Edit(edit, [shown(c) for c in codes], message, source or definition.source)
