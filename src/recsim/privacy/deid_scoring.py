"""Judging a trainee's de-identification: recall and precision per identifier type.

Recall asks whether each identifier in the key is gone: every letter and digit
of it covered by the trainee's marks, with an action Safe Harbor accepts.
Precision asks how much of what the trainee marked was an identifier at all.
Missing an identifier discloses it (the copy is not de-identified, 45 CFR
164.514(b)(2)); marking clinical content only makes the data less useful, so
it costs little per word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from recsim.core.scoring import points
from recsim.privacy.deid import Redaction, identifier

DOCUMENT_POINTS = 20.0
"""What one document is worth in all: as much as four severity-4 findings, so a document
weighs like a few release decisions or traps, however many identifiers it holds."""
OVER_REDACTION_UNIT = 0.5
"""Cost of one over-redacted word, on the scale where a missed identifier costs its severity's
points (3 or 5): a missed identifier costs 6 to 10 times as much as one word of clinical content."""
WRONG_TYPE_COST = 0.25
"""Share of an identifier's credit lost when it is removed under the wrong type."""
OVER_REMOVAL_COST = 0.25
"""Share lost when an identifier Safe Harbor lets you generalize is removed instead."""

SpanOutcome = Literal["found", "missed", "partly_covered", "generalized_not_removed"]
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class SpanResult:
    """How one identifier of the key fared."""

    span: Redaction
    outcome: SpanOutcome
    credit: float
    """0 (the identifier is disclosed) to 1 (removed or generalized exactly as the rule says)."""
    given_type: str | None = None
    given_action: str | None = None
    notes: tuple[str, ...] = ()
    """Why the credit is less than 1 though the identifier is gone."""


@dataclass
class TypeScore:
    """Recall and precision for one identifier type."""

    type: str
    spans: list[SpanResult] = field(default_factory=list)
    marked_chars: int = 0
    """Letters and digits the trainee marked under this type."""
    identifying_chars: int = 0
    """How many of those belong to an identifier (of any type)."""
    over_redacted: list[str] = field(default_factory=list)
    """Words marked under this type that identify no one."""

    @property
    def recall(self) -> float:
        """Share of this type's identifiers that are gone (1.0 when the key has none)."""
        if not self.spans:
            return 1.0
        return sum(1 for s in self.spans if s.credit > 0) / len(self.spans)

    @property
    def precision(self) -> float:
        """Share of what was marked under this type that is identifying (1.0 when nothing was)."""
        return self.identifying_chars / self.marked_chars if self.marked_chars else 1.0

    @property
    def credit(self) -> float:
        """Sum of the credit of this type's identifiers."""
        return sum(s.credit for s in self.spans)


def point_scale(key: Sequence[Redaction]) -> float:
    """Points per severity point: the key's identifiers together are worth DOCUMENT_POINTS."""
    total = sum(points(identifier(span.type).severity) for span in key)
    return DOCUMENT_POINTS / total if total else 0.0


def _alnum_positions(text: str, start: int, end: int) -> set[int]:
    return {n for n in range(max(0, start), min(end, len(text))) if text[n].isalnum()}


def score_marks(
    text: str, key: Sequence[Redaction], marks: Sequence[Redaction]
) -> dict[str, TypeScore]:
    """Recall and precision per identifier type, for the key's types and the trainee's labels."""
    scores: dict[str, TypeScore] = defaultdict(lambda: TypeScore(""))
    identifying: set[int] = set()
    for span in key:
        identifying |= _alnum_positions(text, span.start, span.end)
    marked_by: dict[int, list[Redaction]] = defaultdict(list)
    for mark in marks:
        positions = _alnum_positions(text, mark.start, mark.end)
        score = scores[mark.type]
        score.marked_chars += len(positions)
        score.identifying_chars += len(positions & identifying)
        for position in positions:
            marked_by[position].append(mark)
    for span in key:
        scores[span.type].spans.append(_judge(text, span, marked_by))
    for word in _WORD.finditer(text):
        positions = set(range(word.start(), word.end()))
        if positions & identifying:
            continue
        labels = {m.type for p in positions for m in marked_by.get(p, ())}
        for label in sorted(labels):
            scores[label].over_redacted.append(word.group())
    for name, score in scores.items():
        score.type = name
    return dict(scores)


def _judge(text: str, span: Redaction, marked_by: dict[int, list[Redaction]]) -> SpanResult:
    positions = _alnum_positions(text, span.start, span.end)
    covering = [marked_by[p] for p in sorted(positions) if p in marked_by]
    if not covering:
        return SpanResult(span, "missed", 0.0)
    overlap: dict[int, int] = defaultdict(int)
    marks: dict[int, Redaction] = {}
    for at_position in covering:
        for mark in at_position:
            overlap[id(mark)] += 1
            marks[id(mark)] = mark
    main = marks[max(overlap, key=lambda k: (overlap[k], -marks[k].start))]
    action = "remove" if any(m.action == "remove" for m in marks.values()) else "generalize"
    if len(covering) < len(positions):
        return SpanResult(span, "partly_covered", 0.0, main.type, action)
    if span.action == "remove" and action == "generalize":
        return SpanResult(span, "generalized_not_removed", 0.0, main.type, action)
    credit, notes = 1.0, []
    if span.action == "generalize" and action == "remove":
        credit -= OVER_REMOVAL_COST
        notes.append("removed where Safe Harbor lets the copy keep part of it")
    if identifier(main.type).letter != identifier(span.type).letter:
        credit -= WRONG_TYPE_COST
        notes.append(
            f"marked as {identifier(main.type).title.lower()}, "
            f"but it is {identifier(span.type).title.lower()}"
        )
    return SpanResult(span, "found", credit, main.type, action, tuple(notes))
