"""Scoring an incident step by step: each step earns its own points, with its citation.

The weights are incidents.yaml's; docs/privacy.md ("Breach response") states them.
A notice the law did not require costs less than a breach left unreported.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from recsim.core.scoring import Finding, Outcome
from recsim.tasks.breach.content import ArchetypeEntry, breach_content
from recsim.tasks.breach.models import BreachAnswer, BreachKey, Recipient

SUBSTITUTE_WORDS = {
    "none": "no substitute notice",
    "other_written_or_phone": "another written notice, a phone call or other means",
    "website_or_media": "a 90-day website notice or major media, with a toll-free number",
}
SUBSTITUTE_RULES = {
    "none": "45 CFR 164.404(d)(1)",
    "other_written_or_phone": "45 CFR 164.404(d)(2)(i)",
    "website_or_media": "45 CFR 164.404(d)(2)(ii)",
}
RECIPIENT_WORDS = {
    "individuals": "the individuals",
    "media": "prominent media outlets",
    "secretary_now": "the Secretary of HHS, at the same time as the individuals",
    "secretary_annual_log": "the Secretary of HHS, in the annual log",
    "covered_entity": "the covered entity",
}
RECIPIENT_RULES = {
    "individuals": "45 CFR 164.404(b)",
    "media": "45 CFR 164.406(a) and (b)",
    "secretary_now": "45 CFR 164.408(b)",
    "secretary_annual_log": "45 CFR 164.408(c)",
    "covered_entity": "45 CFR 164.410(b)",
}


def step_findings(
    base: dict[str, Any], entry: ArchetypeEntry, key: BreachKey, answer: BreachAnswer | None
) -> list[Finding]:
    """Steps 1 to 3: unsecured PHI, the exceptions, the risk assessment."""
    weights = breach_content().weights
    said = answer.unsecured_breach if answer is not None else None
    first = _finding(
        base,
        "breach_unsecured",
        weights.unsecured,
        said == key.unsecured,
        _yes_no(key.unsecured),
        None if said is None else _yes_no(said),
        (
            entry.secured
            or "Unsecured PHI was used or disclosed in a way the Privacy Rule does "
            "not permit (45 CFR 164.402, definition of breach)."
        )
        + " "
        + entry.explain,
        entry.rule,
    )
    findings = [first]
    content = breach_content()
    if key.exception is not None:
        chosen = content.exceptions[key.exception]
        given = answer.exception if answer is not None else None
        findings.append(
            _finding(
                base,
                "breach_exception",
                weights.exception,
                given == key.exception,
                chosen.title,
                None if given is None else content.exceptions[given].title,
                chosen.text,
                chosen.rule,
            )
        )
    if key.risk is not None:
        risk = content.risks[key.risk]
        given_risk = answer.risk if answer is not None else None
        findings.append(
            _finding(
                base,
                "breach_risk",
                weights.risk,
                given_risk == key.risk,
                risk.title,
                None if given_risk is None else content.risks[given_risk].title,
                risk.text,
                risk.rule,
            )
        )
    return findings


def notice_findings(
    base: dict[str, Any], key: BreachKey, answer: BreachAnswer | None
) -> list[Finding]:
    """Step 4: who is told by when, the substitute notice, the letter and the hold."""
    if not key.breach:
        return [_no_notice(base, answer)]
    weights = breach_content().weights
    given = answer.notices if answer is not None else {}
    findings = []
    for recipient, due in key.notices.items():
        if recipient in ("secretary_now", "secretary_annual_log"):
            findings.append(_secretary(base, recipient, due, given))
            continue
        worth = {"individuals": weights.individuals, "media": weights.media}.get(
            recipient, weights.covered_entity
        )
        findings.append(_dated(base, recipient, worth, due, given.get(recipient), key, answer))
    if "media" not in key.notices and "individuals" in key.notices:
        findings.append(_no_media(base, answer))
    if "individuals" in key.notices:
        findings.append(_substitute(base, key, answer))
        findings.append(_letter(base, answer))
    if key.hold_until is not None:
        held = answer.hold_until if answer is not None else None
        findings.append(
            _finding(
                base,
                "breach_law_enforcement_delay",
                weights.hold,
                held == key.hold_until,
                f"hold until {key.hold_until}",
                None if held is None else f"hold until {held}",
                "A written statement holds the notices for the time it specifies (45 CFR "
                "164.412(a)); an oral one, documented with the official's name, for no more "
                "than 30 days from the statement (45 CFR 164.412(b)).",
                "45 CFR 164.412(a) and (b)",
            )
        )
    return findings


def _dated(
    base: dict[str, Any],
    recipient: str,
    worth: float,
    due: date,
    given: date | None,
    key: BreachKey,
    answer: BreachAnswer | None,
) -> Finding:
    topic = {
        "individuals": "breach_individual_notice",
        "media": "breach_media_notice",
        "covered_entity": "breach_covered_entity_notice",
    }[recipient]
    rule = RECIPIENT_RULES[recipient]
    expected = f"notify {RECIPIENT_WORDS[recipient]} by {due}"
    if recipient == "media":
        expected += f" ({', '.join(key.media_states)})"
    why = (
        f"Discovered {key.discovered}: no later than 60 calendar days after discovery ({rule}; "
        "discovery is the first day a workforce member other than the one at fault knew, "
        "45 CFR 164.404(a)(2), 164.410(a)(2))."
    )
    if recipient == "media":
        why += " Media are told only where more than 500 residents of a state are affected."
    if key.hold_until is not None:
        why += f" The law-enforcement hold to {key.hold_until} postpones it (45 CFR 164.412)."
    states_right = recipient != "media" or (
        answer is not None and sorted(answer.media_states) == sorted(key.media_states)
    )
    if given is None:
        outcome: Outcome = "missed"
        share = 0.0
    elif given == due and states_right:
        outcome, share = "correct", 1.0
    else:
        outcome, share = "partial", breach_content().weights.wrong_date_share
        wrong = "the deadline is" if given != due else "the states are"
        why = f"Right to notify {RECIPIENT_WORDS[recipient]}, but {wrong} wrong. {why}"
    shown = None if given is None else f"notify {RECIPIENT_WORDS[recipient]} by {given}"
    if shown is not None and recipient == "media" and answer is not None:
        shown += f" ({', '.join(answer.media_states)})"
    return Finding(
        **base,
        outcome=outcome,
        earned=worth * share,
        possible=worth,
        severity=3,
        topic=topic,
        rule=rule,
        expected=expected,
        given=shown,
        feedback=why,
    )


def _secretary(
    base: dict[str, Any], recipient: Recipient, due: date, given: Mapping[Recipient, date]
) -> Finding:
    weights = breach_content().weights
    rule = RECIPIENT_RULES[recipient]
    other: Recipient = "secretary_annual_log" if recipient == "secretary_now" else "secretary_now"
    when = given.get(recipient)
    why = (
        "500 or more individuals: HHS is told at the same time as the individuals (45 CFR "
        "164.408(b))."
        if recipient == "secretary_now"
        else "Fewer than 500 individuals: the breach goes in the log HHS receives no later "
        "than 60 days after the end of the calendar year it was discovered in (45 CFR "
        "164.408(c))."
    )
    if when == due:
        outcome: Outcome = "correct"
        share = 1.0
    elif when is not None or other in given:
        outcome, share = "partial", weights.wrong_date_share
    else:
        outcome, share = "missed", 0.0
    shown_date = when or given.get(other)
    shown = (
        None
        if shown_date is None
        else (f"notify {RECIPIENT_WORDS[recipient if when else other]} by {shown_date}")
    )
    return Finding(
        **base,
        outcome=outcome,
        earned=weights.secretary * share,
        possible=weights.secretary,
        severity=3,
        topic="breach_secretary_notice",
        rule=rule,
        expected=f"notify {RECIPIENT_WORDS[recipient]} by {due}",
        given=shown,
        feedback=why,
    )


def _no_media(base: dict[str, Any], answer: BreachAnswer | None) -> Finding:
    right = answer is not None and "media" not in answer.notices
    given = None if answer is None else "no media notice" if right else "media notice"
    return _finding(
        base,
        "breach_media_notice",
        breach_content().weights.media,
        right,
        "no media notice",
        given,
        "No state has more than 500 affected residents, so no media notice is owed "
        "(45 CFR 164.406(a)).",
        "45 CFR 164.406(a)",
    )


def _substitute(base: dict[str, Any], key: BreachKey, answer: BreachAnswer | None) -> Finding:
    given = answer.substitute if answer is not None else None
    return _finding(
        base,
        "breach_substitute_notice",
        breach_content().weights.substitute,
        given == key.substitute,
        SUBSTITUTE_WORDS[key.substitute],
        None if given is None else SUBSTITUTE_WORDS[given],
        "Without current contact details: fewer than 10 people get another written notice, a "
        "phone call or other means (45 CFR 164.404(d)(2)(i)); 10 or more, a notice on the home "
        "page for 90 days or in major print or broadcast media, with a toll-free number active "
        "for 90 days (45 CFR 164.404(d)(2)(ii)).",
        SUBSTITUTE_RULES[key.substitute],
    )


def _letter(base: dict[str, Any], answer: BreachAnswer | None) -> Finding:
    parts = breach_content().letter
    required = sorted(name for name, part in parts.items() if part.required)
    given = sorted(set(answer.letter)) if answer is not None else None
    return _finding(
        base,
        "breach_notice_content",
        breach_content().weights.letter,
        given == required,
        "; ".join(parts[n].title for n in required),
        None if given is None else "; ".join(parts[n].title for n in given) or "nothing",
        "The notice, in plain language, says what happened with the dates of the breach and "
        "of its discovery, the kinds of PHI involved, what the individual should do, what the "
        "organization is doing, and how to reach it (45 CFR 164.404(c)(1)(A)-(E)); nothing "
        "else is required, and a colleague's name or more PHI does not belong in it.",
        "45 CFR 164.404(c)(1)",
    )


def _no_notice(base: dict[str, Any], answer: BreachAnswer | None) -> Finding:
    weights = breach_content().weights
    sent = answer is not None and bool(answer.notices)
    earned = weights.no_notice * (weights.over_escalation_share if sent else 1.0)
    if answer is None:
        earned = 0.0
    return Finding(
        **base,
        outcome="partial" if sent else "correct" if answer is not None else "missed",
        earned=earned,
        possible=weights.no_notice,
        severity=2,
        topic="breach_no_notice",
        rule="45 CFR 164.402(1) and (2); 45 CFR 164.414(b)",
        expected="no notice owed; document the assessment",
        given=None if answer is None else ("notices sent" if sent else "no notice"),
        feedback=(
            "No notice is owed: this is not a breach of unsecured PHI. A notice the law did not "
            "require costs less than a breach left unreported, but it alarms patients for "
            "nothing; keep the documented assessment instead (45 CFR 164.414(b); "
            "45 CFR 164.530(j))."
        ),
    )


def _finding(
    base: dict[str, Any],
    topic: str,
    worth: float,
    right: bool,
    expected: str,
    given: str | None,
    feedback: str,
    rule: str,
) -> Finding:
    outcome: Outcome = "correct" if right else "missed"
    return Finding(
        **base,
        outcome=outcome,
        earned=worth if right else 0.0,
        possible=worth,
        severity=3,
        topic=topic,
        rule=rule,
        expected=expected,
        given=given,
        feedback=("Right. " if right else "") + feedback,
    )


def _yes_no(value: bool) -> str:
    return (
        "yes: an impermissible use or disclosure of unsecured PHI"
        if value
        else "no: the PHI was secured, the use was permitted, or no PHI was used or disclosed"
    )
