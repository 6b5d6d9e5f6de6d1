"""The release-of-information rulebook (release_rules.yaml) as Python objects.

The file's decision table (``decide``) is read into :class:`Row` objects; the
names it uses (rules, predicates, reasons, grants) are checked here, so a typo
fails with its line and column, never a trainee's session.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.core.scenario.release import Decision, Purpose, RecordType, Role
from recsim.privacy.predicates import PREDICATES

Grant = Literal["none", "access", "requested", "order", "warrant", "care", "authorization"]
"""Which requested records a matched row lets go (see release_rules.yaml, ``decide``)."""
Paper = Literal["authorization", "court_order", "subpoena", "warrant", "direction"]


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
    judgment: bool = False
    """The law leaves the disclosure to professional judgment: declining is as right."""

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
class Test:
    """One predicate a row asks about, and the answer it needs."""

    name: str
    wanted: bool


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the decision table: its conditions, and what it does when they hold."""

    number: int
    """Its place in the table, from 1."""
    rule: str
    roles: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    tests: tuple[Test, ...] = ()
    grant: str = "none"
    hold: tuple[tuple[str, str], ...] = ()
    """Record -> withholding reason."""
    note: tuple[tuple[str, str], ...] = ()
    """Record -> allowance added when it goes out."""
    combine: bool = False
    """A valid authorization that came too may add what the rule holds back."""


@dataclass(frozen=True, slots=True)
class Rulebook:
    """Everything release_rules.yaml says."""

    rules: dict[str, Rule]
    withholding: dict[str, Reason]
    allowances: dict[str, Reason]
    defects: dict[str, Reason]
    accounting: dict[str, str]
    """Part of 45 CFR 164.528 -> why a disclosure is or is not entered in the accounting."""
    table: tuple[Row, ...]
    """The decision table, in order: the first row whose conditions hold decides."""
    predicates: dict[str, tuple[str, str]]
    """Predicate name -> its words when true, and when false."""
    care_relevant: frozenset[str]
    payment_relevant: frozenset[str]
    fallbacks: dict[str, str]


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
    judgment: bool = False
    """The law leaves the disclosure to professional judgment: refusing is scored as right."""


class ReasonEntry(ContentModel):
    """Why a record stays back, or may go out, under a rule."""

    cite: str = Field(min_length=1)
    """The regulation."""
    text: str = Field(min_length=1)
    """The reason in plain words."""
    forbidden: bool = True
    """Sending it anyway is an unlawful disclosure (false: at the facility's discretion)."""


_NAMES: ContextVar[Mapping[str, frozenset[str]]] = ContextVar(
    "release_rule_names", default=MappingProxyType({})
)
"""The names the file being read defines (rules, predicates, reasons), for its table's rows.

Set by :class:`RulesFile` before its fields are read, so a row's unknown name is reported
at the row's own line and column, not at the top of the file."""


def _known(kind: str, name: str, what: str) -> str:
    names = _NAMES.get().get(kind)
    if names is not None and name not in names:
        raise ValueError(f"{name!r} is not {what}; use one of: {', '.join(sorted(names))}")
    return name


class PredicateWords(ContentModel):
    """How a predicate reads in ``recsim rules explain``."""

    if_yes: str = Field(min_length=1)
    """Its words when it holds."""
    if_no: str = Field(min_length=1)
    """Its words when it does not."""


class Conditions(ContentModel):
    """What must all hold for a row to match (an empty mapping: always)."""

    role: list[Role] = Field(default_factory=list)
    """The requester is one of these."""
    purpose: list[Purpose] = Field(default_factory=list)
    """The stated purpose is one of these."""
    documents: list[Paper] = Field(default_factory=list)
    """All of these papers came with the request."""
    without: list[Paper] = Field(default_factory=list)
    """None of these papers came with the request."""
    if_: list[str] = Field(default_factory=list, alias="if")
    """Predicates that must hold; ``not NAME`` for one that must not."""

    @field_validator("if_")
    @classmethod
    def _known_predicates(cls, tests: list[str]) -> list[str]:
        for test in tests:
            _known("predicates", test.removeprefix("not ").strip(), "a predicate")
        return tests


class RowEntry(ContentModel):
    """One row of the decision table."""

    rule: str
    """The rule (a key of ``rules``) that governs when the row matches."""
    when: Conditions
    """The conditions."""
    grant: Grant | None = None
    """Which requested records go out; default: none for a rule that sends nothing."""
    hold: dict[RecordType, str] = Field(default_factory=dict)
    """Record -> the withholding reason that keeps it back under this rule."""
    note: dict[RecordType, str] = Field(default_factory=dict)
    """Record -> the allowance sentence added when it goes out."""
    authorization: Literal["combine", "ignore"] = "ignore"
    """combine: a valid authorization that came too may add to what this rule allows."""

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, rule: str) -> str:
        return _known("rules", rule, "a rule of this file")

    @field_validator("hold")
    @classmethod
    def _known_holds(cls, hold: dict[str, str]) -> dict[str, str]:
        for reason in hold.values():
            _known("withholding", reason, "a withholding reason")
        return hold

    @field_validator("note")
    @classmethod
    def _known_notes(cls, note: dict[str, str]) -> dict[str, str]:
        for allowance in note.values():
            _known("allowances", allowance, "an allowance")
        return note

    @model_validator(mode="after")
    def _grants_when_it_discloses(self) -> RowEntry:
        if self.rule in _NAMES.get().get("disclosing", frozenset()) and self.grant in (
            None,
            "none",
        ):
            raise ValueError(f"the rule {self.rule!r} discloses, so the row needs a grant")
        return self


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
    care_relevant: list[RecordType] = Field(min_length=1)
    """What is directly relevant to a relative's part in the patient's care."""
    payment_relevant: list[RecordType]
    """What is relevant too when the relative pays for the care."""
    predicates: dict[str, PredicateWords]
    """Predicate name (a function of recsim.privacy.predicates) -> its words."""
    decide: list[RowEntry] = Field(min_length=1)
    """The decision table: the first row whose conditions all hold decides."""
    fallbacks: dict[Literal["only_discretionary", "nothing_allowed", "unverified"], str]
    """The rules that replace a permitting rule that lets nothing asked for go, and a
    disclosure to a requester not yet verified."""

    @field_validator("decide")
    @classmethod
    def _ends_with_a_row_that_always_holds(cls, rows: list[RowEntry]) -> list[RowEntry]:
        last = rows[-1].when
        if last.role or last.purpose or last.documents or last.without or last.if_:
            raise ValueError("the last row of decide must have no conditions (when: {})")
        return rows

    @model_validator(mode="before")
    @classmethod
    def _names(cls, data: Any) -> Any:
        if isinstance(data, dict):

            def keys(section: str) -> frozenset[str]:
                value = data.get(section)
                return frozenset(str(k) for k in value) if isinstance(value, dict) else frozenset()

            rules = data.get("rules")
            _NAMES.set(
                {
                    "rules": keys("rules"),
                    "predicates": keys("predicates"),
                    "withholding": keys("withholding"),
                    "allowances": keys("allowances"),
                    "disclosing": frozenset(
                        str(name)
                        for name, rule in (rules.items() if isinstance(rules, dict) else ())
                        if isinstance(rule, dict) and rule.get("decision") == "disclose"
                    ),
                }
            )
        return data

    @model_validator(mode="after")
    def _known_names(self) -> RulesFile:
        missing = sorted(set(PREDICATES) ^ set(self.predicates))
        if missing:
            raise ValueError(
                f"predicates must describe exactly the functions of recsim.privacy.predicates; "
                f"check {', '.join(missing)}"
            )
        for name, rule in self.fallbacks.items():
            if rule not in self.rules:
                raise ValueError(f"fallbacks.{name} names the rule {rule!r}, which is not in rules")
        _NAMES.set(MappingProxyType({}))
        return self


def _row(number: int, entry: RowEntry) -> Row:
    when = entry.when
    return Row(
        number=number,
        rule=entry.rule,
        roles=tuple(when.role),
        purposes=tuple(when.purpose),
        documents=tuple(when.documents),
        without=tuple(when.without),
        tests=tuple(
            Test(t.removeprefix("not ").strip(), not t.startswith("not ")) for t in when.if_
        ),
        grant=entry.grant or "none",
        hold=tuple(entry.hold.items()),
        note=tuple(entry.note.items()),
        combine=entry.authorization == "combine",
    )


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
            judgment=entry.judgment,
        )
        for name, entry in raw.rules.items()
    }

    def reasons(section: dict[str, ReasonEntry]) -> dict[str, Reason]:
        return {
            name: Reason(name, entry.cite, " ".join(entry.text.split()), entry.forbidden)
            for name, entry in section.items()
        }

    return Rulebook(
        rules=rules,
        withholding=reasons(raw.withholding),
        allowances=reasons(raw.allowances),
        defects=reasons(raw.defects),
        accounting=dict(raw.accounting),
        table=tuple(_row(n, entry) for n, entry in enumerate(raw.decide, start=1)),
        predicates={name: (w.if_yes, w.if_no) for name, w in raw.predicates.items()},
        care_relevant=frozenset(raw.care_relevant),
        payment_relevant=frozenset(raw.payment_relevant),
        fallbacks={name: rule for name, rule in raw.fallbacks.items()},  # noqa: C416
    )
