"""The class view of a gradebook: one row per student, one grade per scenario.

Where :mod:`recsim.core.grading.gradebook` has one row per results file, a
classbook has one row per student (every roster line, in roster order), the
attempt that counts for each scenario, the students who handed nothing in, the
results from names not on the roster, and every file that does not count with
the reason. The learning-management exports (:mod:`recsim.core.grading.lms`)
are written from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from recsim.core.grading.evidence import Flag
from recsim.core.grading.gradebook import GradedAttempt
from recsim.core.grading.roster import Roster, Student
from recsim.core.seeds import normalize_trainee

Pick = Literal["latest", "best"]
LatePolicy = Literal["count", "exclude"]
"""What a file submitted after the scenario's due time does: counts (marked late), or not."""


@dataclass(frozen=True)
class Excluded:
    """A results file that does not count (or a student with none), and why."""

    file: str
    trainee: str
    scenario: str
    reason: str


@dataclass(frozen=True)
class ClassRow:
    """One student: their roster line (None without a roster) and what counts per scenario."""

    name: str
    student: Student | None
    counted: dict[str, GradedAttempt]
    """Scenario id -> the attempt that counts; absent when none counts."""


@dataclass(frozen=True)
class Classbook:
    """Every student's counted attempts, and everything that does not count."""

    scenarios: tuple[tuple[str, str], ...]
    """(id, title) of each scenario graded, by id."""
    rows: tuple[ClassRow, ...]
    missing: tuple[tuple[Student, str], ...]
    """(student, scenario id) for each roster student with no results file for a scenario."""
    excluded: tuple[Excluded, ...]


def mark_strangers(graded: Sequence[GradedAttempt], roster: Roster) -> list[GradedAttempt]:
    """The attempts, those by names not on the roster flagged ``not_on_roster``.

    A name close to a roster name is not matched to it (the trainee's form was
    built for the name as typed, and matching could credit the wrong student):
    the flag names the likely student instead.
    """
    result = []
    for attempt in graded:
        name = attempt.results.document.trainee
        if roster.find(name) is not None:
            result.append(attempt)
            continue
        near = roster.near(name)
        hint = f" (did they mean {near.name!r}, line {near.line}?)" if near else ""
        flag = Flag(
            "not_on_roster",
            f"{name or 'the empty name'!r} is not on the roster {roster.path}{hint}; not counted "
            "in the class exports (their form was built for the name as typed)",
        )
        result.append(replace(attempt, flags=[*attempt.flags, flag]))
    return result


def why_not_counted(attempt: GradedAttempt, late: LatePolicy = "count") -> str | None:
    """Why an attempt cannot count toward a grade (None when it can).

    Every flag excludes: a flagged file needs the instructor's decision. The one
    exception is ``past_due`` (submitted after the due time), which is the
    instructor's stated policy: with ``late="count"`` such a file counts (the
    class list marks it late), with ``"exclude"`` it does not.
    """
    if attempt.card is None:
        return "not graded: " + "; ".join(f.message for f in attempt.flags)
    others = [f for f in attempt.flags if f.code != "past_due"]
    if others:
        return "flagged: " + "; ".join(f"{f.code}: {f.message}" for f in attempt.flags)
    if late == "exclude" and attempt.flags:
        return "late (--late exclude): " + "; ".join(f.message for f in attempt.flags)
    return None


def late_note(attempt: GradedAttempt) -> str | None:
    """How late an attempt was handed in ("submitted 2 h after the due time ..."), or None."""
    return next((f.message for f in attempt.flags if f.code == "past_due"), None)


def classbook(
    graded: Sequence[GradedAttempt],
    roster: Roster | None,
    *,
    pick: Pick = "latest",
    late: LatePolicy = "count",
) -> Classbook:
    """One row per student; ``pick``: the attempt that counts when there are several;
    ``late``: whether files submitted after the due time count."""
    scenarios = tuple(
        sorted(
            {(g.results.document.scenario.id, g.results.document.scenario.title) for g in graded}
        )
    )
    students = _students(graded, roster)
    excluded: list[Excluded] = []
    rows = []
    by_student: dict[str, list[GradedAttempt]] = {}
    for attempt in graded:
        by_student.setdefault(normalize_trainee(attempt.results.document.trainee), []).append(
            attempt
        )
    for name, student in students:
        counted: dict[str, GradedAttempt] = {}
        mine = by_student.pop(normalize_trainee(name), [])
        for scenario, _ in scenarios:
            attempts = [a for a in mine if a.results.document.scenario.id == scenario]
            chosen = _choose(attempts, pick, late, excluded)
            if chosen is not None:
                counted[scenario] = chosen
        rows.append(ClassRow(name, student, counted))
    for strangers in by_student.values():  # names not on the roster
        excluded += [
            _excluded(a, why_not_counted(a, late) or "not on the roster") for a in strangers
        ]
    handed_in = {
        (normalize_trainee(g.results.document.trainee), g.results.document.scenario.id)
        for g in graded
    }
    missing = tuple(
        (row.student, scenario)
        for row in rows
        if row.student is not None
        for scenario, _ in scenarios
        if (row.student.key, scenario) not in handed_in
    )
    excluded += [
        Excluded("", student.name, scenario, "no results file handed in")
        for student, scenario in missing
    ]
    return Classbook(scenarios, tuple(rows), missing, tuple(excluded))


def _students(
    graded: Sequence[GradedAttempt], roster: Roster | None
) -> list[tuple[str, Student | None]]:
    if roster is not None:
        return [(s.name, s) for s in roster.students]
    names: dict[str, str] = {}
    for attempt in graded:
        name = attempt.results.document.trainee
        names.setdefault(normalize_trainee(name), name)
    return [(names[key], None) for key in sorted(names)]


def _choose(
    attempts: list[GradedAttempt], pick: Pick, late: LatePolicy, excluded: list[Excluded]
) -> GradedAttempt | None:
    valid = []
    for attempt in attempts:
        reason = why_not_counted(attempt, late)
        if reason is None:
            valid.append(attempt)
        else:
            excluded.append(_excluded(attempt, reason))
    if not valid:
        return None
    if pick == "best":
        chosen = max(valid, key=lambda a: (a.card.overall if a.card else 0.0, _when(a)))
    else:
        chosen = max(valid, key=_when)
    for attempt in valid:
        if attempt is not chosen:
            what = "a later" if pick == "latest" else "a better"
            excluded.append(
                _excluded(attempt, f"another attempt counts ({what} valid one, --attempt {pick})")
            )
    return chosen


def _when(attempt: GradedAttempt) -> tuple[float, str]:
    document = attempt.results.document
    when = document.submitted_at or document.started_at
    return when.timestamp(), str(attempt.results.path)


def _excluded(attempt: GradedAttempt, reason: str) -> Excluded:
    document = attempt.results.document
    return Excluded(str(attempt.results.path), document.trainee, document.scenario.id, reason)
