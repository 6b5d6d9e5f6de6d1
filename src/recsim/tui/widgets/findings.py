"""How one finding reads: outcome (a symbol and a word), points, feedback, rule, expected, given."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual.content import Content

from recsim.session.topics import topic_words
from recsim.tui.words import outcome_text, points_number

if TYPE_CHECKING:
    from recsim.core.scoring import Finding

OUTCOME_STYLE = {
    "correct": "$text-success",
    "partial": "$text-warning",
    "missed": "$text-error",
    "false_alarm": "$text-error",
    "violation": "$text-error",
}


def points_text(earned: float, possible: float) -> str:
    """``3 of 5 points``, or ``-1 point`` for a penalty with nothing possible."""
    if possible == 0:
        return f"{points_number(earned)} point" + ("" if abs(earned) == 1 else "s")
    return f"{points_number(earned)} of {points_number(possible)} point" + (
        "" if possible == 1 else "s"
    )


def finding_heading(finding: Finding) -> Content:
    """One line: outcome, points and topic."""
    style = OUTCOME_STYLE.get(finding.outcome, "")
    return Content.assemble(
        (outcome_text(finding.outcome, finding.category), f"{style} bold"),
        # points first: a narrow pane cuts the topic
        f" · {points_text(finding.earned, finding.possible)} · {topic_words(finding.topic)}",
    )


SUBJECT_WIDTH = 32
"""At most this much of what a finding is about goes on its heading."""


def subject(finding: Finding) -> str:
    """What a finding is about, short: the code it names (``E11.9``), else the start of what
    was given or expected ('' if neither)."""
    text = " ".join((finding.given or finding.expected or "").split())
    first = text.split(" ")[0]
    if any(c.isdigit() for c in first) and not any(c.islower() for c in first):
        return first.rstrip(":;,")
    return text if len(text) <= SUBJECT_WIDTH else text[: SUBJECT_WIDTH - 1] + "…"


def told_apart(findings: list[Finding]) -> list[Content]:
    """The headings of one item's findings; where two share a topic (three secondary
    diagnoses), each also names what it is about (``Secondary diagnosis · E11.9``)."""
    topics = Counter(f.topic for f in findings)
    return [
        finding_heading(f) + f" · {subject(f)}"
        if topics[f.topic] > 1 and subject(f)
        else finding_heading(f)
        for f in findings
    ]


def finding_content(finding: Finding) -> Content:
    """The whole finding, as the trainee reads it."""
    lines = [
        finding_heading(finding),
        Content(finding.feedback),
        Content.assemble(("Rule: ", "bold"), finding.rule),
    ]
    if finding.expected:
        lines.append(Content.assemble(("Expected: ", "bold"), finding.expected))
    if finding.given:
        lines.append(Content.assemble(("You gave: ", "bold"), finding.given))
    return Content("\n").join(lines)
