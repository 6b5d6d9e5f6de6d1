"""Feedback sheets: one self-contained HTML page per student, to print or open in any browser.

The page holds everything inline (styles, no scripts, no images, no links
out), so it reads the same offline, attached to an email or on paper. Every
piece of text that comes from a file (names, answers, titles) is escaped: a
trainee who types ``<script>`` as an answer sees it as text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from html import escape

from recsim.core.grading.classbook import Classbook, ClassRow
from recsim.core.grading.gradebook import GradedAttempt, plain_text
from recsim.core.scoring import Finding

TopicWords = Callable[[str], str]
"""A finding's topic in words a trainee reads (recsim.session.topics.topic_words)."""

OUTCOME_WORDS = {
    "correct": "Right",
    "partial": "Partly right",
    "missed": "Missed",
    "false_alarm": "Flagged where there was nothing",
    "violation": "Privacy violation",
}

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #111; background: #fff; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #444; margin-top: 1.6em; }
h3 { font-size: 1em; margin: 1.2em 0 0.3em; }
.verdict { font-size: 1.2em; font-weight: bold; }
.item { border-left: 3px solid #888; padding-left: 0.8em; margin: 0.6em 0; }
.item.ok { border-color: #2a7; } .item.no { border-color: #c33; }
dl { margin: 0.2em 0; } dt { font-weight: bold; float: left; clear: left; width: 8.5em; }
dd { margin-left: 9em; }
.override { background: #f4f0e0; padding: 0.4em 0.8em; }
@media print { body { margin: 0; max-width: none; } .item { break-inside: avoid; } }
"""


def sheet_file_names(book: Classbook) -> dict[str, str]:
    """Student name -> file name (``ana-ruiz.html``), unique within the class."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for row in book.rows:
        stem = _slug(row.name) or "trainee"
        candidate, number = stem, 1
        while candidate in used:
            number += 1
            candidate = f"{stem}-{number}"
        used.add(candidate)
        names[row.name] = candidate + ".html"
    return names


def feedback_sheet(row: ClassRow, book: Classbook, words: TopicWords) -> str:
    """The HTML page for one student: each counted attempt, item by item."""
    name = plain_text(row.name) or "(no name)"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback: {escape(name)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Feedback for {escape(name)}</h1>",
    ]
    for scenario, title in book.scenarios:
        attempt = row.counted.get(scenario)
        if attempt is not None:
            parts += _scenario_section(attempt, plain_text(title), words)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _scenario_section(attempt: GradedAttempt, title: str, words: TopicWords) -> list[str]:
    card = attempt.card
    assert card is not None  # only counted (graded) attempts get a section
    verdict = "Passed" if card.passed else "Not passed"
    parts = [
        f"<h2>{escape(title)}</h2>",
        f'<p class="verdict">Score {card.overall:.1f}% (pass mark {card.passing_score:g}%): '
        f"{verdict}</p>",
        f"<p>Answered {card.items_answered} of {card.items_total} items.</p>",
    ]
    if attempt.original is not None:
        parts.append(
            f'<div class="override"><p>Your score before your instructor\'s review was '
            f"{attempt.original.overall:.1f}%. Changes:</p><ul>"
        )
        parts += [f"<li>{escape(plain_text(str(o)))}</li>" for o in attempt.overrides]
        parts.append("</ul></div>")
    strengths, gaps = _strengths_and_gaps(card.findings)
    parts += [
        "<h3>Strengths</h3>",
        f"<p>{_listed([words(t) for t in strengths], 'None yet: every topic had a miss.')}</p>",
        "<h3>To work on</h3>",
        f"<p>{_listed([words(t) for t in gaps], 'Nothing: every topic was right.')}</p>",
        "<h3>Item by item</h3>",
    ]
    by_item: dict[str, list[Finding]] = defaultdict(list)
    for finding in card.findings:
        by_item[finding.item].append(finding)
    for item, findings in by_item.items():
        parts.append(f"<h3>{escape(plain_text(item))}</h3>")
        parts += [_finding_html(f, words) for f in findings]
    return parts


def _finding_html(finding: Finding, words: TopicWords) -> str:
    good = finding.outcome == "correct"
    rows = [
        (
            "Result",
            f"{OUTCOME_WORDS[finding.outcome]} ({finding.earned:g} of {finding.possible:g} points)",
        ),
        ("Topic", words(finding.topic)),
        ("Your answer", finding.given or "(none)"),
        ("Key", finding.expected or "(nothing to find here)"),
        ("Rule", finding.rule),
        ("Why", finding.feedback),
    ]
    cells = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(plain_text(text))}</dd>" for label, text in rows
    )
    return f'<div class="item {"ok" if good else "no"}"><dl>{cells}</dl></div>'


def _strengths_and_gaps(findings: Sequence[Finding]) -> tuple[list[str], list[str]]:
    """Topics right every time (most points first), and topics with points lost (most first)."""
    earned: dict[str, float] = defaultdict(float)
    possible: dict[str, float] = defaultdict(float)
    wrong: set[str] = set()
    for finding in findings:
        earned[finding.topic] += max(0.0, min(finding.earned, finding.possible))
        possible[finding.topic] += finding.possible
        if finding.outcome != "correct":
            wrong.add(finding.topic)
    strengths = sorted((t for t in possible if t not in wrong), key=lambda t: (-possible[t], t))
    gaps = sorted(wrong, key=lambda t: (earned[t] - possible[t], t))
    return strengths, gaps


def _listed(items: list[str], empty: str) -> str:
    unique = list(dict.fromkeys(items))
    return escape(plain_text(", ".join(unique))) if unique else escape(empty)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:60]
