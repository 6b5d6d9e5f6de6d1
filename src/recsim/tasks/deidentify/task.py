"""De-identification under Safe Harbor (task kind ``deidentify``; 45 CFR 164.514(b)(2)).

Each item is a generated document (a case report, discharge summary or
referral letter) holding identifiers of the patient and of relatives,
employers and household members. The trainee marks each identifier's span
with its type and whether to remove or generalize it; scoring is recall and
precision per identifier type (recsim.privacy.deid_scoring).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from recsim.core.form import Item
from recsim.core.model import Model
from recsim.core.scoring import Finding, points
from recsim.core.seeds import derive_seed
from recsim.privacy.deid import (
    SAFE_HARBOR,
    Action,
    IdentifierType,
    deidentified_text,
    identifier,
    identifiers,
)
from recsim.privacy.deid_documents import RARE_TYPES, generate_document
from recsim.privacy.deid_scoring import (
    OVER_REDACTION_UNIT,
    SpanResult,
    TypeScore,
    point_scale,
    score_marks,
)
from recsim.tasks.base import BuildContext, TaskKind, Trail, shaped
from recsim.tasks.deidentify.block import DeidentifyBlock

RARE_PER_DOCUMENT = 5
"""How many of the nine rarer identifier types each document carries; consecutive
documents of a task rotate through them, so any two together hold all 18 types."""

PURPOSE = (
    "This document is to leave the organization as de-identified data under the Safe Harbor "
    "method (45 CFR 164.514(b)(2)). Mark every identifier of the patient and of relatives, "
    "employers and household members: remove it, or generalize it where the rule allows "
    '(dates to the year, ages over 89 to "90 or older", ZIP codes to three digits). '
    "Leave the clinical content."
)


class DeidentifyView(Model):
    """A document to de-identify."""

    title: str
    """What the document is."""
    purpose: str
    """Why it is being de-identified and what to do."""
    text: str
    """The document; marks are character offsets into this text (0-based, end exclusive)."""


class KeySpan(Model):
    """One identifier in the document."""

    start: int
    """First character."""
    end: int
    """One past the last character."""
    type: IdentifierType
    """Safe Harbor identifier type."""
    action: Action
    """remove, or generalize (keep what the rule allows)."""
    text: str
    """The identifier as it appears."""
    kept: str = ""
    """What a generalized copy keeps (the year, "90 or older", three ZIP digits)."""
    whose: str = "the patient"
    """Whose identifier it is: the patient, a relative, the employer, a household member."""
    note: str = ""
    """Why the action is what it is, when that is not obvious."""


class DeidentifyKey(Model):
    """Every identifier in the document."""

    kind: str
    """Document kind: case_report, discharge_summary or referral_letter."""
    spans: list[KeySpan]
    """Identifiers in text order."""


class Mark(Model):
    """One span the trainee marks."""

    start: int = Field(ge=0, le=1_000_000)
    """First character (0-based)."""
    end: int = Field(ge=1, le=1_000_000)
    """One past the last character."""
    type: IdentifierType
    """Safe Harbor identifier type, e.g. name, geographic, date, age_over_89, phone."""
    action: Action = "remove"
    """remove (the default), or generalize: dates to the year, ages over 89, ZIP codes."""

    @model_validator(mode="after")
    def _ordered(self) -> Mark:
        if self.end <= self.start:
            raise PydanticCustomError("mark_order", "a mark's end must be greater than its start")
        return self


class DeidentifyAnswer(Model):
    """The trainee's marks on one document (none means "nothing here identifies anyone")."""

    marks: list[Mark] = Field(default_factory=list, max_length=2000)
    """Spans to remove or generalize."""


class DeidentifyTask(TaskKind[DeidentifyBlock, DeidentifyAnswer]):
    """Task kind ``deidentify``."""

    kind: ClassVar[str] = "deidentify"
    block_model = DeidentifyBlock
    answer_model = DeidentifyAnswer
    view_model = DeidentifyView

    def build(
        self, block: DeidentifyBlock, index: int, item_id: str, context: BuildContext
    ) -> Item:
        # The rotation is fixed per task (not per item), so item ``index`` is made
        # without the others and consecutive documents cover every rarer type.
        order = list(RARE_TYPES)
        context.rng("deidentify-rotation").shuffle(order)
        first = index * RARE_PER_DOCUMENT
        rare = [order[(first + n) % len(order)] for n in range(RARE_PER_DOCUMENT)]
        parity = derive_seed("deidentify-elderly", context.seed, context.task_number) % 2
        document = generate_document(
            context.rng("deidentify", index).randrange(2**63),
            as_of=context.scenario.as_of,
            rare=rare,
            elderly=(index + parity) % 2 == 0,
            locale=context.scenario.population.locale,
        )
        key = DeidentifyKey(
            kind=document.kind,
            spans=[
                KeySpan(
                    start=s.start,
                    end=s.end,
                    type=s.type,
                    action=s.action,
                    text=s.text,
                    kept=s.kept,
                    whose=s.whose,
                    note=s.note,
                )
                for s in document.spans
            ],
        )
        return Item(
            id=item_id,
            kind=self.kind,
            title=f"De-identify: {document.title}",
            view=DeidentifyView(title=document.title, purpose=PURPOSE, text=document.text),
            key=key,
            objectives=(block.objective,) if block.objective else (),
        )

    def check(self, item: Item, answer: DeidentifyAnswer | None, trail: Trail) -> list[Finding]:
        view = shaped(item.view, DeidentifyView)
        key = shaped(item.key, DeidentifyKey)
        scores = score_marks(view.text, key.spans, answer.marks if answer else [])
        base: dict[str, Any] = {
            "item": item.id,
            "category": "privacy",
            "objective": item.objectives[0] if item.objectives else None,
        }
        scale = point_scale(key.spans)
        findings = []
        for kind in identifiers():
            score = scores.get(kind)
            if score is not None and score.spans:
                findings.append(_recall_finding(base, score, scale, answered=answer is not None))
        for kind in identifiers():
            score = scores.get(kind)
            if score is not None and score.over_redacted:
                findings.append(_precision_finding(base, score, scale))
        return findings

    def key_answer(self, item: Item) -> DeidentifyAnswer:
        key = shaped(item.key, DeidentifyKey)
        return DeidentifyAnswer(
            marks=[Mark(start=s.start, end=s.end, type=s.type, action=s.action) for s in key.spans]
        )

    def describe(self, item: Item) -> Iterator[str]:
        view = shaped(item.view, DeidentifyView)
        key = shaped(item.key, DeidentifyKey)
        kinds = sorted({s.type for s in key.spans}, key=list(identifiers()).index)
        yield (
            f"{view.title}: {len(view.text)} characters, {len(key.spans)} identifiers of "
            f"{len(kinds)} types"
        )
        for line in view.text.rstrip("\n").splitlines():
            yield f"| {line}"
        for span in key.spans:
            info = identifier(span.type)
            action = f"generalize -> {span.kept!r}" if span.action == "generalize" else "remove"
            yield (
                f"key: {span.start}-{span.end} {span.type} ({info.letter}) {span.text!r} "
                f"[{span.whose}] -> {action}"
            )
        yield "de-identified copy:"
        for line in deidentified_text(view.text, key.spans).rstrip("\n").splitlines():
            yield f"| {line}"


def _shown(result: SpanResult) -> str:
    span = result.span
    whose = getattr(span, "whose", "")
    return f"'{getattr(span, 'text', '')}'" + (
        f" ({whose})" if whose and whose != "the patient" else ""
    )


def _expected(score: TypeScore) -> str:
    """What the rule does to each identifier.

    For example: "'Maria Lopez' removed; '1977-03-04' generalized to 1977".
    """
    parts = []
    for result in score.spans:
        span = result.span
        kept = getattr(span, "kept", "")
        done = (
            "removed"
            if span.action == "remove"
            else "generalized" + (f" to {kept}" if kept else "")
        )
        parts.append(f"{_shown(result)} {done}")
    return "; ".join(parts)


def _given(result: SpanResult) -> str:
    """How the trainee marked one identifier: "'Maria Lopez' marked Name, removed"."""
    marked = (
        identifier(result.given_type).title
        if result.given_type in identifiers()
        else "an identifier"
    )
    done = "removed" if result.given_action == "remove" else "generalized"
    return f"{_shown(result)} marked {marked}, {done}"


def _recall_finding(
    base: dict[str, Any], score: TypeScore, scale: float, *, answered: bool
) -> Finding:
    info = identifier(score.type)
    worth = scale * points(info.severity)
    total = len(score.spans)
    earned = round(worth * score.credit, 4)
    gone = sum(1 for s in score.spans if s.credit > 0)
    exact = all(s.credit == 1 for s in score.spans)
    outcome = "correct" if exact else "partial" if score.credit > 0 else "missed"
    lines = [
        f"{info.title}: {gone} of {total} handled (recall {100 * score.recall:.0f}%"
        + (f", precision {100 * score.precision:.0f}%)." if score.marked_chars else ").")
    ]
    if not answered:
        lines = [f"Not answered: {total} {info.title.lower()} identifier(s) stay in the document."]
    for result in score.spans:
        if result.outcome == "missed" and answered:
            lines.append(f"Missed {_shown(result)}.")
        elif result.outcome == "partly_covered":
            lines.append(f"Only part of {_shown(result)} is marked; the rest still identifies.")
        elif result.outcome == "generalized_not_removed":
            lines.append(f"{_shown(result)} cannot be generalized: it must be removed.")
        elif result.notes:
            lines.append(f"{_shown(result)}: " + "; ".join(result.notes) + ".")
        note = getattr(result.span, "note", "")
        if note and result.credit < 1:
            lines.append(f"({note}.)")
    lines.append(info.explain)
    given = [_given(s) for s in score.spans if s.given_type]
    return Finding(
        **base,
        outcome=outcome,
        earned=earned,
        possible=round(worth * total, 4),
        severity=info.severity,
        topic=f"deid_{score.type}",
        rule=info.rule,
        feedback=" ".join(lines),
        expected=_expected(score),
        given="; ".join(given) or None,
    )


def _precision_finding(base: dict[str, Any], score: TypeScore, scale: float) -> Finding:
    words = score.over_redacted
    shown = ", ".join(f"'{w}'" for w in words[:6]) + (" ..." if len(words) > 6 else "")
    title = identifier(score.type).title.lower()
    return Finding(
        **base,
        outcome="false_alarm",
        earned=-round(scale * OVER_REDACTION_UNIT * len(words), 4),
        possible=0,
        severity=1,
        topic=f"deid_over_redaction_{score.type}",
        rule=f"{SAFE_HARBOR}(i)",
        feedback=(
            f"Over-redaction: {len(words)} word(s) marked as {title} identify no one ({shown}); "
            f"precision of your {title} marks {100 * score.precision:.0f}%. Safe Harbor removes "
            "the 18 listed identifiers and keeps the rest: the clinical content is what makes "
            "de-identified data worth sharing."
        ),
        given=shown,
    )


TASK: TaskKind[DeidentifyBlock, DeidentifyAnswer] = DeidentifyTask()
