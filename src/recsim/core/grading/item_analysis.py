"""Item statistics a psychometrician would recognise, for one scenario's class.

Trainees get different forms, so the *unit* of analysis is what is the same
for everyone: an authored item (written in the scenario file, and so on every
form under the same id, e.g. ``release-1``), a trap (``trap-1``), and, for
generated items, the topic of each finding (an error kind, a coding
guideline, a privacy rule). A trainee *faced* a unit when their form held it,
whatever they answered. Each trainee's score on a unit is their share of its
points (0 to 1); false alarms are left out here (the topic table counts them).

Per unit: difficulty (mean score: the proportion right when units are right or
wrong), the corrected point-biserial correlation with the rest of the test,
the upper-lower 27% index, and for authored items the share giving each
answer. For the test: KR-20 (right/wrong units) or Cronbach's alpha (partial
credit) over the units every trainee faced, and the standard error of
measurement. The arithmetic is :mod:`recsim.core.grading.psychometrics`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from recsim.core.grading import psychometrics as stats
from recsim.core.grading.gradebook import GradedAttempt
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Finding

HARD_BELOW = 0.2
"""Difficulty under which a unit is flagged as hard (fewer than 1 in 5 right)."""
EASY_ABOVE = 0.95
"""Difficulty over which a unit is flagged as easy (it tells trainees apart little)."""
WEAK_BELOW = 0.1
"""Discrimination under which a unit is flagged: it barely tracks the rest of the test."""
NO_ANSWER = "(no answer)"

UnitKind = Literal["item", "topic"]


@dataclass(frozen=True)
class UnitStatistics:
    """The statistics of one unit (an authored item or trap, or a topic of generated items)."""

    unit: str
    kind: UnitKind
    label: str
    """What the instructor reads: the item id with its scenario-file id, or the topic."""
    faced: int
    difficulty: float
    point_biserial: float | None
    upper_lower: float | None
    answers: tuple[tuple[str, float], ...]
    """Authored items: each answer given and the share of trainees giving it, most first."""
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON object (``recsim report --json``)."""
        return {
            "unit": self.unit,
            "kind": self.kind,
            "label": self.label,
            "faced": self.faced,
            "difficulty": _round(self.difficulty),
            "point_biserial": _round(self.point_biserial),
            "upper_lower": _round(self.upper_lower),
            "answers": [{"answer": a, "share": _round(s)} for a, s in self.answers],
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class ClassStatistics:
    """Item statistics and reliability of one scenario's class."""

    units: tuple[UnitStatistics, ...]
    trainees: int
    common_units: int
    """Items (by id) on every trainee's form: the reliability's items. Item ids are the same
    on every form (``audit-3`` is the third chart of the audit block), their content differs
    for generated items: the forms are treated as parallel."""
    method: Literal["KR-20", "Cronbach's alpha"] | None
    reliability: float | None
    sem: float | None
    """Standard error of measurement, in points of the common units (one point per unit)."""
    sem_percent: float | None
    """The same as a percentage of the common units' total."""
    note: str
    """Why the reliability is missing, when it is."""

    def to_json(self) -> dict[str, Any]:
        """The JSON object (``recsim report --json``)."""
        return {
            "units": [u.to_json() for u in self.units],
            "trainees": self.trainees,
            "common_units": self.common_units,
            "reliability_method": self.method,
            "reliability": _round(self.reliability),
            "sem": _round(self.sem),
            "sem_percent": _round(self.sem_percent),
            "note": self.note,
        }


@dataclass
class _Matrix:
    """Per unit and trainee: [earned, possible], and the answer given (authored items)."""

    points: dict[str, dict[str, list[float]]]
    slots: dict[str, dict[str, list[float]]]
    """Per item id (the same ids on every form): the reliability's items."""
    answers: dict[str, dict[str, str]]
    earned: dict[str, float]
    possible: dict[str, float]


AuthoredItems = Callable[[LoadedScenario], Mapping[str, str]]
"""Item id -> label of the items that are the same on every form (recsim.session.authored)."""


def class_statistics(
    attempts: Sequence[GradedAttempt], authored_items: AuthoredItems | None = None
) -> ClassStatistics:
    """The statistics of one scenario's attempts (one graded attempt per trainee).

    Without ``authored_items`` every unit is a topic.
    """
    loaded = next((a.scenario for a in attempts if a.scenario is not None), None)
    authored = dict(authored_items(loaded)) if loaded is not None and authored_items else {}
    matrix = _matrix(attempts, authored)
    units = tuple(
        _unit(unit, authored, matrix)
        for unit in sorted(matrix.points, key=lambda u: (u not in authored, _order(u)))
    )
    trainees = sorted(matrix.earned)
    common = [i for i in sorted(matrix.slots, key=_order) if len(matrix.slots[i]) == len(trainees)]
    rows = [[_score(matrix.slots[i][t]) for i in common] for t in trainees]
    coefficient = stats.reliability(rows) if common else None
    sem = stats.standard_error(rows, coefficient) if rows else None
    method: Literal["KR-20", "Cronbach's alpha"] | None = None
    if coefficient is not None:
        method = "KR-20" if stats.is_dichotomous(rows) else "Cronbach's alpha"
    return ClassStatistics(
        units=units,
        trainees=len(trainees),
        common_units=len(common),
        method=method,
        reliability=coefficient,
        sem=sem,
        sem_percent=100 * sem / len(common) if sem is not None and common else None,
        note=_note(len(trainees), len(common), coefficient, rows),
    )


def _matrix(attempts: Sequence[GradedAttempt], authored: dict[str, str]) -> _Matrix:
    matrix = _Matrix(defaultdict(dict), defaultdict(dict), defaultdict(dict), {}, {})
    for attempt in attempts:
        card = attempt.regraded
        if card is None:
            continue
        trainee = (
            f"{attempt.results.document.trainee.casefold()}\0{attempt.results.document.attempt}"
        )
        matrix.earned[trainee] = matrix.possible[trainee] = 0.0
        for finding in card.findings:
            if finding.outcome == "false_alarm":
                continue
            unit = finding.item if finding.item in authored else finding.topic
            for cell in (
                matrix.points[unit].setdefault(trainee, [0.0, 0.0]),
                matrix.slots[finding.item].setdefault(trainee, [0.0, 0.0]),
            ):
                cell[0] += _clamped(finding)
                cell[1] += finding.possible
            matrix.earned[trainee] += _clamped(finding)
            matrix.possible[trainee] += finding.possible
            if finding.item in authored:
                matrix.answers[unit].setdefault(trainee, finding.given or NO_ANSWER)
    return matrix


def _unit(unit: str, authored: dict[str, str], matrix: _Matrix) -> UnitStatistics:
    cells = matrix.points[unit]
    scores = {t: _score(cell) for t, cell in cells.items()}
    totals = {
        t: matrix.earned[t] / matrix.possible[t] if matrix.possible[t] else 0.0 for t in cells
    }
    difficulty = stats.mean(list(scores.values()))
    point_biserial = stats.corrected_point_biserial(
        scores,
        matrix.earned,
        matrix.possible,
        {t: cell[0] for t, cell in cells.items()},
        {t: cell[1] for t, cell in cells.items()},
    )
    upper_lower = stats.upper_lower_index(scores, totals)
    given = Counter(matrix.answers.get(unit, {}).values())
    answers = tuple(
        (answer, count / len(cells))
        for answer, count in sorted(given.items(), key=lambda pair: (-pair[1], pair[0]))
    )
    return UnitStatistics(
        unit=unit,
        kind="item" if unit in authored else "topic",
        label=authored.get(unit, unit),
        faced=len(cells),
        difficulty=difficulty,
        point_biserial=point_biserial,
        upper_lower=upper_lower,
        answers=answers,
        flags=unit_flags(difficulty, point_biserial if point_biserial is not None else upper_lower),
    )


def unit_flags(difficulty: float, discrimination: float | None) -> tuple[str, ...]:
    """Short words for what is unusual about a unit (docs/instructors.md explains each)."""
    flags = []
    if difficulty < HARD_BELOW:
        flags.append("hard")
    if difficulty > EASY_ABOVE:
        flags.append("easy")
    if discrimination is not None and discrimination < WEAK_BELOW:
        flags.append("low discrimination")
    return tuple(flags)


FLAG_LEGEND = (
    f"hard: difficulty under {HARD_BELOW:g}; easy: over {EASY_ABOVE:g}; low discrimination: "
    f"under {WEAK_BELOW:g} (corrected point-biserial, or the 27% index when it cannot be computed)"
)
"""What the flags mean, for a line under the table."""


def _note(trainees: int, common: int, coefficient: float | None, rows: list[list[float]]) -> str:
    if coefficient is not None:
        return "" if coefficient >= 0 else "below zero: the units do not measure one thing"
    if trainees < 2:
        return "needs at least two trainees"
    if common < 2:
        return "needs at least two items on every trainee's form"
    return "every trainee scored the same on the units all faced"


def _score(cell: list[float]) -> float:
    return cell[0] / cell[1] if cell[1] else 0.0


def _clamped(finding: Finding) -> float:
    return max(0.0, min(finding.earned, finding.possible))


def _order(unit: str) -> tuple[str, int, str]:
    """Item ids in number order (release-2 before release-10), topics by name."""
    head, _, number = unit.rpartition("-")
    return (head, int(number), "") if number.isdigit() else (unit, 0, "")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
