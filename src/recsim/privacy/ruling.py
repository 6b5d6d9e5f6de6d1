"""A ruling on a release request, and how it becomes the handling the desk is taught.

:mod:`recsim.privacy.release` finds the rule that governs a request and records
it as a :class:`Ruling`; :func:`handling_for` turns that ruling into the
:class:`Handling` the trainee is graded against, with its explanation sentences
and citations. Wording comes from release_rules.yaml (:mod:`recsim.privacy.rulebook`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from recsim.core.scenario.release import ReleaseRequest
from recsim.privacy.citations import join_cites
from recsim.privacy.handling import Handling, Withheld
from recsim.privacy.record_types import RECORD_TYPES, compress, expand, labels, ordered
from recsim.privacy.rulebook import Rule, rulebook


@dataclass
class Ruling:
    """The governing rule and what it does with each requested record."""

    rule: str
    allowed: set[str] = field(default_factory=set)
    withheld: dict[str, str] = field(default_factory=dict)
    """Record -> withholding reason (release_rules.yaml ``withholding``)."""
    allowances: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Extra sentences, already cited."""
    cites: list[str] = field(default_factory=list)
    topic: str | None = None
    individual: bool = False
    """Records go to the patient or someone standing in the patient's place."""


def handling_for(request: ReleaseRequest, requested: frozenset[str], ruling: Ruling) -> Handling:
    """The handling that ``ruling`` calls for, once the requester's identity is verified."""
    book = rulebook()
    withheld = _withheld(ruling, requested)
    allowed = ruling.allowed & requested
    rule, cites, explanation = _governing(ruling, allowed, withheld)
    cites += [
        *(w.cite for w in withheld),
        *(book.allowances[a].cite for a in ruling.allowances),
        *ruling.cites,
    ]
    explanation += ruling.notes
    if not rule.discloses:
        explanation.extend(_withheld_sentences(withheld))
        return Handling(
            decision=rule.decision,
            cite=join_cites(cites),
            rule=rule.name,
            topic=ruling.topic or rule.name,
            acceptable=[d for d in rule.acceptable if d != rule.decision],
            withheld=withheld,
            explanation=_sentences(explanation),
        )
    handling = _disclosure(request, ruling, rule, withheld, cites, explanation)
    return handling if request.requester.verified else _verify_first(handling, rule)


def _withheld(ruling: Ruling, requested: frozenset[str]) -> list[Withheld]:
    """The requested records the ruling holds back, in the order of the record types."""
    book = rulebook()
    return [
        Withheld(
            record=record,
            cite=book.withholding[name].cite,
            reason=book.withholding[name].text,
            forbidden=book.withholding[name].forbidden,
        )
        for record, name in sorted(
            ruling.withheld.items(), key=lambda pair: RECORD_TYPES.index(pair[0])
        )
        if record in requested
    ]


def _governing(
    ruling: Ruling, allowed: set[str], withheld: list[Withheld]
) -> tuple[Rule, list[str], list[str]]:
    """The rule that decides, with the citations and sentences that open the explanation."""
    book = rulebook()
    rule = book.rules[ruling.rule]
    cites = [rule.cite]
    explanation = [rule.explain]
    if rule.discloses and not allowed:
        # the governing rule permits, but nothing asked for is within it
        discretionary_only = withheld and not any(w.forbidden for w in withheld)
        ruling.topic = ruling.topic or ruling.rule
        fallback = "only_discretionary" if discretionary_only else "nothing_allowed"
        rule = book.rules[book.fallbacks[fallback]]
        cites.append(rule.cite)
        explanation.append(rule.explain)
    return rule, cites, explanation


def _disclosure(
    request: ReleaseRequest,
    ruling: Ruling,
    rule: Rule,
    withheld: list[Withheld],
    cites: list[str],
    explanation: list[str],
) -> Handling:
    """The handling of a request that releases at least part of what was asked for."""
    book = rulebook()
    requested = expand(request.requested)
    allowed = ruling.allowed & requested
    release = compress(allowed, as_full_record="full_record" in request.requested)
    accounting = _accounting_sentence(rule)
    explanation.extend(
        [
            f"Release the {labels(allowed)}.",
            *_withheld_sentences(withheld),
            *(_cited(book.allowances[a].text, book.allowances[a].cite) for a in ruling.allowances),
            accounting,
            _minimum_necessary_sentence(rule),
        ]
    )
    forbidden = {w.record for w in withheld if w.forbidden}
    if ruling.individual:
        discretionary = set(RECORD_TYPES) - set(expand(release)) - forbidden - {"full_record"}
    else:
        discretionary = {w.record for w in withheld if not w.forbidden}
    return Handling(
        decision="release" if allowed == requested else "release_partial",
        release=release,
        withheld=withheld,
        discretionary=ordered(discretionary),
        log_disclosure=rule.log,
        minimum_necessary=rule.minimum_necessary,
        cite=join_cites(cites),
        acceptable=list(rule.acceptable),
        right_of_access=rule.right_of_access,
        rule=rule.name,
        topic=ruling.topic or rule.name,
        explanation=_sentences(explanation),
        accounting_note=accounting,
        accounting_cite=rule.log_cite,
    )


def _verify_first(handling: Handling, rule: Rule) -> Handling:
    """A disclosure to someone not yet verified waits for verification (164.514(h)(1))."""
    book = rulebook()
    verify = book.rules[book.fallbacks["unverified"]]
    return handling.model_copy(
        update={
            "decision": "verify_identity",
            "release": [],
            "discretionary": [],
            "log_disclosure": False,
            "cite": join_cites([verify.cite, handling.cite]),
            "acceptable": list(verify.acceptable),
            "rule": verify.name,
            "topic": verify.name,
            "explanation": _sentences([verify.explain, "Once verified: " + handling.explanation]),
        }
    )


def _withheld_sentences(withheld: list[Withheld]) -> list[str]:
    groups: dict[tuple[str, str, bool], list[str]] = {}
    for entry in withheld:
        groups.setdefault((entry.reason, entry.cite, entry.forbidden), []).append(entry.record)
    return [
        _cited(
            f"{'Hold back' if forbidden else 'You need not release'} the {labels(records)}: "
            f"{reason[0].lower()}{reason[1:]}",
            cite,
        )
        for (reason, cite, forbidden), records in groups.items()
    ]


def _cited(text: str, cite: str) -> str:
    """A sentence with its citation before the full stop."""
    return f"{text.rstrip().rstrip('.')} ({cite})."


def _accounting_sentence(rule: Rule) -> str:
    why = rulebook().accounting.get(rule.log_cite, "")
    if rule.log:
        return f"Enter it in the accounting of disclosures: {why} ({rule.log_cite})"
    return f"No entry in the accounting of disclosures: {why} ({rule.log_cite})"


def _minimum_necessary_sentence(rule: Rule) -> str:
    if rule.minimum_necessary:
        return f"Minimum necessary applies: send only what the purpose needs ({rule.mn_cite})"
    return f"Minimum necessary does not apply to this disclosure ({rule.mn_cite})"


def _sentences(parts: Iterable[str]) -> str:
    text = []
    for part in parts:
        part = " ".join(part.split())
        if part:
            text.append(part if part.endswith((".", "!", "?")) else part + ".")
    return " ".join(text)
