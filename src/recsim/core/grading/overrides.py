"""Instructor overrides: manual credit on one item of one trainee's attempt, with who and why.

An overrides file is a YAML list; each entry names the trainee, the item, the
decision (``decision: accept`` for full credit, ``decision: reject`` for none,
or ``points: N`` for N of the item's points), the reason and the instructor:

.. code-block:: yaml

    - trainee: Ana Ruiz
      scenario: week3-exam      # needed only when several scenarios are graded
      item: audit-3
      decision: accept
      reason: The chart's date was ambiguous; her reading is defensible.
      instructor: R. Patel

Applying overrides never changes the regrade: the attempt keeps its original
scorecard beside the adjusted one, and every export shows both with the audit
trail (who, why, the points before and after).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from recsim.core.grading.gradebook import AppliedOverride, GradedAttempt
from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.yamlsafe import Located, load_yaml, read_text
from recsim.core.scoring import Finding, Scorecard, scorecard
from recsim.core.seeds import normalize_trainee

KEYS = ("trainee", "scenario", "item", "decision", "points", "reason", "instructor")


@dataclass(frozen=True)
class Override:
    """One entry of an overrides file."""

    trainee: str
    scenario: str | None
    item: str
    decision: Literal["accept", "reject", "points"]
    points: float | None
    reason: str
    instructor: str
    line: int
    """Line of the entry in its file, for messages."""


def read_overrides(path: Path) -> list[Override]:
    """Read an overrides file, or raise :class:`InvalidFile` with one located problem."""
    text = read_text(path, what="overrides file")
    data, located = load_yaml(text, str(path))
    if not isinstance(data, list):
        raise _problem(path, 1, "an overrides file is a list of entries, each starting with '- '")
    return [_entry(path, n, entry, located) for n, entry in enumerate(data)]


def _entry(path: Path, n: int, entry: Any, located: Located) -> Override:
    line = located.get((n,), (1, 1))[0]
    if not isinstance(entry, dict):
        raise _problem(path, line, f"entry {n + 1} is not a mapping of trainee, item, reason, ...")
    for key in entry:
        if key not in KEYS:
            raise _problem(
                path, located[(n, key)][0], f"unknown key {key!r} (keys: {', '.join(KEYS)})"
            )
    text = {key: _text(path, n, entry, key, located) for key in KEYS if key != "points"}
    for key in ("trainee", "item", "reason", "instructor"):
        if not text[key]:
            raise _problem(path, line, f"entry {n + 1} needs {key!r} (who, what, why and by whom)")
    decision, points = _decision(path, n, entry, text["decision"], located)
    return Override(
        trainee=text["trainee"],
        scenario=text["scenario"] or None,
        item=text["item"],
        decision=decision,
        points=points,
        reason=text["reason"],
        instructor=text["instructor"],
        line=line,
    )


def _text(path: Path, n: int, entry: dict[str, Any], key: str, located: Located) -> str:
    value = entry.get(key)
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _problem(path, located[(n, key)][0], f"{key} must be text")
    return str(value).strip()


def _decision(
    path: Path, n: int, entry: dict[str, Any], decision: str, located: Located
) -> tuple[Literal["accept", "reject", "points"], float | None]:
    line = located.get((n,), (1, 1))[0]
    if ("points" in entry) == bool(decision):
        raise _problem(
            path,
            line,
            f"entry {n + 1} needs exactly one of 'decision: accept', 'decision: reject' "
            "or 'points: N'",
        )
    if decision:
        if decision not in ("accept", "reject"):
            where = located[(n, "decision")][0]
            raise _problem(path, where, f"decision {decision!r} must be accept or reject")
        return ("accept" if decision == "accept" else "reject"), None
    points = entry["points"]
    if isinstance(points, bool) or not isinstance(points, int | float) or not points >= 0:
        where = located[(n, "points")][0]
        raise _problem(path, where, f"points {points!r} must be a number, 0 or more")
    return "points", float(points)


def apply_overrides(
    graded: Sequence[GradedAttempt], overrides: Sequence[Override], path: Path
) -> list[GradedAttempt]:
    """The attempts with each override applied (to every graded attempt of that trainee).

    Raises :class:`InvalidFile`, located on the entry, when an override names no
    graded trainee, an item not on their form, or more points than the item has.
    """
    result = list(graded)
    scenarios = {g.results.document.scenario.id for g in graded if g.card is not None}
    for override in overrides:
        if override.scenario is None and len(scenarios) > 1:
            raise _problem(
                path,
                override.line,
                f"several scenarios are graded ({', '.join(sorted(scenarios))}); "
                "say which with 'scenario:'",
            )
        targets = [n for n, g in enumerate(result) if _concerns(override, g)]
        if not targets:
            raise _problem(
                path, override.line, f"no graded results file of {override.trainee!r} to override"
            )
        for n in targets:
            result[n] = _applied(result[n], override, path)
    return result


def _concerns(override: Override, attempt: GradedAttempt) -> bool:
    document = attempt.results.document
    return (
        attempt.card is not None
        and normalize_trainee(document.trainee) == normalize_trainee(override.trainee)
        and override.scenario in (None, document.scenario.id)
    )


def _applied(attempt: GradedAttempt, override: Override, path: Path) -> GradedAttempt:
    card = attempt.card
    assert card is not None and attempt.scenario is not None  # _concerns keeps graded ones
    on_item = [f for f in card.findings if f.item == override.item]
    if not on_item:
        raise _problem(
            path,
            override.line,
            f"{override.item!r} is not an item on {override.trainee}'s form "
            "(recsim grade --items lists them)",
        )
    possible = sum(f.possible for f in on_item)
    before = max(0.0, min(sum(f.earned for f in on_item), possible))
    target = {"accept": possible, "reject": 0.0}.get(override.decision, override.points or 0.0)
    if target > possible:
        raise _problem(
            path,
            override.line,
            f"{override.item} is worth {possible:g} points; {target:g} is more than that",
        )
    findings = [
        _rescaled(f, target, possible) if f.item == override.item else f for f in card.findings
    ]
    adjusted = _rescored(card, findings, attempt)
    applied = AppliedOverride(
        item=override.item,
        decision=override.decision,
        points_before=round(before, 4),
        points_after=round(target, 4),
        points_possible=round(possible, 4),
        overall_before=card.overall,
        overall_after=adjusted.overall,
        reason=override.reason,
        instructor=override.instructor,
    )
    return replace(
        attempt,
        card=adjusted,
        original=attempt.original or card,
        overrides=[*attempt.overrides, applied],
    )


def _rescaled(finding: Finding, target: float, possible: float) -> Finding:
    """The finding's share of the item's new points (a false alarm's penalty is lifted)."""
    share = finding.possible / possible if possible else 0.0
    return finding.model_copy(update={"earned": round(target * share, 4)})


def _rescored(card: Scorecard, findings: list[Finding], attempt: GradedAttempt) -> Scorecard:
    assert attempt.scenario is not None
    scenario = attempt.scenario.scenario
    return scorecard(
        findings,
        weights=scenario.weights.model_dump(),
        passing_score=card.passing_score,
        items_total=card.items_total,
        items_answered=card.items_answered,
    )


def _problem(path: Path, line: int, message: str) -> InvalidFile:
    return InvalidFile([Problem(str(path), line, 1, "", message)])
