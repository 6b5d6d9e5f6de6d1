"""Item analysis: what a class met and missed, by topic, objective and trainee.

The unit is the *topic* of a finding (an error kind, a coding guideline, a
privacy rule, a trap: :attr:`recsim.core.scoring.Finding.topic`). For each
topic the analysis counts the trainees whose forms tested it and how each did
(met it every time, partly, or missed it at least once), the class's share of
its points, and the wrong answer given most often. Objectives are ranked by the
same points; each trainee gets their strengths and gaps.

Each trainee counts once per scenario: their latest graded attempt.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recsim.core.grading.gradebook import GradedAttempt
from recsim.core.grading.item_analysis import AuthoredItems, ClassStatistics, class_statistics
from recsim.core.scoring import Finding

REPORT_FORMAT = 1


@dataclass(frozen=True)
class TopicResult:
    """How the class did on one topic."""

    topic: str
    category: str
    rule: str
    """The rule cited most often for the topic."""
    faced: int
    """Trainees whose forms tested the topic."""
    met: int
    """... who got it right every time."""
    partly: int
    """... who got part of the credit and missed none."""
    missed: int
    """... who missed it (or committed the violation) at least once."""
    false_alarms: int
    """Trainees who raised it where it was not there."""
    earned: float
    possible: float
    common_wrong_answer: str | None
    """The wrong answer given most often (a miss with nothing given is counted in ``missed``)."""
    common_wrong_count: int

    @property
    def percent(self) -> float | None:
        """The class's share of the topic's points (None if it was only ever a false alarm)."""
        return round(100.0 * self.earned / self.possible, 2) if self.possible else None


@dataclass(frozen=True)
class ObjectiveResult:
    """How the class did on one of the scenario's objectives."""

    objective: str
    text: str
    faced: int
    earned: float
    possible: float

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.earned / self.possible, 2) if self.possible else None


@dataclass(frozen=True)
class TraineeResult:
    """One trainee's strengths and gaps."""

    trainee: str
    attempt: str
    overall: float
    passed: bool
    strengths: tuple[str, ...]
    """Topics met every time, most points first."""
    gaps: tuple[str, ...]
    """Topics missed or partly met, most points lost first."""
    false_alarm_topics: tuple[str, ...]
    """Topics the trainee raised where they were not there."""
    flagged: bool
    """Whether ``recsim grade`` flags the results file."""
    overrides: tuple[str, ...] = ()
    """Instructor overrides of the attempt (who, why, points before and after)."""


@dataclass(frozen=True)
class ItemAnalysis:
    """The item analysis of one scenario."""

    scenario: str
    title: str
    passing_score: float
    average: float
    """Mean overall score, one attempt per trainee."""
    passed: int
    topics: tuple[TopicResult, ...]
    """Weakest first."""
    objectives: tuple[ObjectiveResult, ...]
    """Weakest first."""
    trainees: tuple[TraineeResult, ...]
    """By name."""
    statistics: ClassStatistics | None = None
    """Difficulty, discrimination and reliability (recsim.core.grading.item_analysis)."""

    def to_json(self) -> dict[str, Any]:
        """The JSON form (``recsim report --json``)."""
        return {
            "scenario": self.scenario,
            "title": self.title,
            "passing_score": self.passing_score,
            "trainee_count": len(self.trainees),
            "average": self.average,
            "passed": self.passed,
            "topics": [_topic_record(t) for t in self.topics],
            "objectives": [_objective_record(o) for o in self.objectives],
            "trainees": [_trainee_record(t) for t in self.trainees],
            "statistics": self.statistics.to_json() if self.statistics else None,
        }


def item_analysis(
    graded: Iterable[GradedAttempt], authored_items: AuthoredItems | None = None
) -> list[ItemAnalysis]:
    """One analysis per scenario among the graded attempts (not-graded files are left out).

    Topic counts use the regrade; overall scores include instructor overrides.
    """
    by_scenario: dict[str, list[GradedAttempt]] = defaultdict(list)
    for attempt in graded:
        if attempt.card is not None and not any(f.code == "duplicate" for f in attempt.flags):
            by_scenario[attempt.results.document.scenario.id].append(attempt)
    chosen = [_latest_per_trainee(attempts) for _, attempts in sorted(by_scenario.items())]
    return [_analyse(a, class_statistics(a, authored_items)) for a in chosen]


def report_json(analyses: Sequence[ItemAnalysis]) -> dict[str, Any]:
    """The ``recsim report --json`` document."""
    return {"recsim_report": REPORT_FORMAT, "scenarios": [a.to_json() for a in analyses]}


# building ----------------------------------------------------------------------


def _latest_per_trainee(attempts: list[GradedAttempt]) -> list[GradedAttempt]:
    # The variant seed is derived from the normalized trainee name, so within one
    # scenario it identifies a trainee exactly as recsim does ("ana ruiz" = "Ana  Ruiz").
    latest: dict[int, GradedAttempt] = {}
    for attempt in sorted(attempts, key=_when):
        latest[attempt.results.document.seed] = attempt
    return sorted(latest.values(), key=lambda a: (a.results.document.trainee.casefold(), _when(a)))


def _when(attempt: GradedAttempt) -> tuple[str, str]:
    document = attempt.results.document
    return (
        document.submitted_at.isoformat() if document.submitted_at else "",
        str(attempt.results.path),
    )


@dataclass
class _Tally:
    category: str
    faced: int = 0
    met: int = 0
    partly: int = 0
    missed: int = 0
    false_alarms: int = 0
    earned: float = 0.0
    possible: float = 0.0
    rules: Counter[str] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)


def _analyse(attempts: list[GradedAttempt], statistics: ClassStatistics) -> ItemAnalysis:
    first = attempts[0]
    topics: dict[str, _Tally] = {}
    objectives: dict[str, _Tally] = {}
    trainees = []
    for attempt in attempts:
        card = attempt.regraded
        assert card is not None  # item_analysis keeps graded attempts only
        by_topic: dict[str, list[Finding]] = defaultdict(list)
        for finding in card.findings:
            by_topic[finding.topic].append(finding)
        earned_by_topic: dict[str, tuple[float, float]] = {}
        for topic, findings in by_topic.items():
            tally = topics.setdefault(topic, _Tally(findings[0].category))
            earned_by_topic[topic] = _count(tally, findings)
        seen_objectives: set[str] = set()
        for finding in card.findings:
            if finding.objective is None or finding.outcome == "false_alarm":
                continue
            tally = objectives.setdefault(finding.objective, _Tally(finding.category))
            tally.earned += _clamped(finding)
            tally.possible += finding.possible
            if finding.objective not in seen_objectives:
                seen_objectives.add(finding.objective)
                tally.faced += 1
        trainees.append(_trainee(attempt, by_topic, earned_by_topic))
    texts = {o.id: o.text for o in first.scenario.scenario.objectives} if first.scenario else {}
    overall = [a.card.overall for a in attempts if a.card is not None]
    document = first.results.document
    return ItemAnalysis(
        scenario=document.scenario.id,
        title=document.scenario.title,
        passing_score=first.card.passing_score if first.card else 0.0,
        average=round(sum(overall) / len(overall), 2),
        passed=sum(1 for a in attempts if a.card is not None and a.card.passed),
        topics=tuple(sorted((_topic(name, t) for name, t in topics.items()), key=_weakest_topic)),
        objectives=tuple(
            sorted(
                (
                    ObjectiveResult(
                        name, texts.get(name, ""), t.faced, round(t.earned, 4), round(t.possible, 4)
                    )
                    for name, t in objectives.items()
                ),
                key=lambda o: (o.percent if o.percent is not None else 101.0, o.objective),
            )
        ),
        trainees=tuple(trainees),
        statistics=statistics,
    )


def _count(tally: _Tally, findings: list[Finding]) -> tuple[float, float]:
    """Add one trainee's findings on a topic to its tally; returns their (earned, possible)."""
    real = [f for f in findings if f.outcome != "false_alarm"]
    if len(real) < len(findings):
        tally.false_alarms += 1
    if not real:
        return 0.0, 0.0
    tally.faced += 1
    outcomes = {f.outcome for f in real}
    if outcomes == {"correct"}:
        tally.met += 1
    elif outcomes & {"missed", "violation"}:
        tally.missed += 1
    else:
        tally.partly += 1
    earned = sum(_clamped(f) for f in real)
    possible = sum(f.possible for f in real)
    tally.earned += earned
    tally.possible += possible
    for finding in real:
        tally.rules[finding.rule] += 1
        if finding.outcome != "correct" and finding.given:
            tally.wrong[finding.given] += 1
    return earned, possible


def _clamped(finding: Finding) -> float:
    return max(0.0, min(finding.earned, finding.possible))


def _topic(name: str, tally: _Tally) -> TopicResult:
    wrong = _most_common(tally.wrong)
    return TopicResult(
        topic=name,
        category=tally.category,
        rule=_most_common(tally.rules)[0] or "",
        faced=tally.faced,
        met=tally.met,
        partly=tally.partly,
        missed=tally.missed,
        false_alarms=tally.false_alarms,
        earned=round(tally.earned, 4),
        possible=round(tally.possible, 4),
        common_wrong_answer=wrong[0],
        common_wrong_count=wrong[1],
    )


def _most_common(counter: Counter[str]) -> tuple[str | None, int]:
    """The most frequent value; ties go to the alphabetically first, so reports are stable."""
    if not counter:
        return None, 0
    value, count = min(counter.items(), key=lambda pair: (-pair[1], pair[0]))
    return value, count


def _weakest_topic(topic: TopicResult) -> tuple[float, int, str]:
    # Topics that were only ever false alarms have no points: list them last.
    return (topic.percent if topic.percent is not None else 101.0, -topic.faced, topic.topic)


def _trainee(
    attempt: GradedAttempt,
    by_topic: dict[str, list[Finding]],
    points: dict[str, tuple[float, float]],
) -> TraineeResult:
    card = attempt.card
    assert card is not None
    strengths, gaps, false_alarms = [], [], []
    for topic, findings in by_topic.items():
        earned, possible = points[topic]
        real = [f for f in findings if f.outcome != "false_alarm"]
        if len(real) < len(findings):
            false_alarms.append(topic)
        if not real:
            continue
        if all(f.outcome == "correct" for f in real):
            strengths.append((-possible, topic))
        else:
            gaps.append((earned - possible, topic))
    document = attempt.results.document
    return TraineeResult(
        trainee=document.trainee,
        attempt=document.attempt,
        overall=card.overall,
        passed=card.passed,
        strengths=tuple(topic for _, topic in sorted(strengths)),
        gaps=tuple(topic for _, topic in sorted(gaps)),
        false_alarm_topics=tuple(sorted(false_alarms)),
        flagged=bool(attempt.flags),
        overrides=tuple(str(o) for o in attempt.overrides),
    )


# records (JSON objects; the CSV flattens the same records) -----------------------


def _topic_record(topic: TopicResult) -> dict[str, Any]:
    return {
        "topic": topic.topic,
        "category": topic.category,
        "rule": topic.rule,
        "faced": topic.faced,
        "met": topic.met,
        "partly": topic.partly,
        "missed": topic.missed,
        "false_alarms": topic.false_alarms,
        "earned": topic.earned,
        "possible": topic.possible,
        "percent": topic.percent,
        "common_wrong_answer": topic.common_wrong_answer,
        "common_wrong_count": topic.common_wrong_count,
    }


def _objective_record(objective: ObjectiveResult) -> dict[str, Any]:
    return {
        "objective": objective.objective,
        "text": objective.text,
        "faced": objective.faced,
        "earned": objective.earned,
        "possible": objective.possible,
        "percent": objective.percent,
    }


def _trainee_record(trainee: TraineeResult) -> dict[str, Any]:
    return {
        "trainee": trainee.trainee,
        "attempt": trainee.attempt,
        "overall": trainee.overall,
        "passed": trainee.passed,
        "flagged": trainee.flagged,
        "strengths": list(trainee.strengths),
        "gaps": list(trainee.gaps),
        "false_alarm_topics": list(trainee.false_alarm_topics),
        "overrides": list(trainee.overrides),
    }
