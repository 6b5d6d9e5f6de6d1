"""Item analysis, pinned on hand-made scorecards whose every count is worked out below."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from recsim.core.grading import (
    GradedAttempt,
    ResultsDocument,
    ResultsFile,
    item_analysis,
    report_csv,
)
from recsim.core.grading.analysis_csv import REPORT_COLUMNS
from recsim.core.scoring import Finding, Scorecard, scorecard
from recsim.session.checks import load_checked
from tests.conftest import SCENARIOS

TUTORIAL = load_checked(SCENARIOS / "tutorial.yaml")  # objectives: identity, safety


def _finding(
    item: str,
    topic: str,
    outcome: str,
    earned: float,
    possible: float,
    objective: str | None = "identity",
    given: str | None = None,
) -> Finding:
    return Finding(
        item=item,
        category="accuracy",
        outcome=outcome,
        earned=earned,
        possible=possible,  # type: ignore[arg-type]
        severity=3,
        topic=topic,
        rule=f"rule of {topic}",
        feedback="...",
        objective=objective,
        given=given,
    )


def _attempt(
    trainee: str, seed: int, submitted: str, findings: list[Finding], *, scenario: str = "tutorial"
) -> GradedAttempt:
    document: dict[str, Any] = {
        "recsim_results": 1,
        "recsim_version": "0.1.0",
        "attempt": f"{seed:08x}{submitted[11:13]}",
        "scenario": {
            "id": scenario,
            "title": "Tutorial",
            "path": "tutorial.yaml",
            "content_hash": "0" * 64,
        },
        "trainee": trainee,
        "seed": seed,
        "mode": "practice",
        "time_limit_seconds": None,
        "started_at": "2026-03-02T08:00:00+00:00",
        "submitted_at": submitted,
        "elapsed_seconds": 60.0,
        "answers": {},
        "opened": [],
        "events": [],
        "scorecard": {},
        "digest": "0" * 64,
    }
    card: Scorecard = scorecard(
        findings, weights={}, passing_score=60, items_total=2, items_answered=2
    )
    results = ResultsFile(
        Path(f"{trainee}-{seed}.json"), document, ResultsDocument.model_validate(document)
    )
    return GradedAttempt(results, TUTORIAL, card, [])


A = _attempt(
    "Ana",
    1,
    "2026-03-02T09:00:00+00:00",
    [
        _finding("audit-1", "name_mismatch", "correct", 3, 3),
        _finding("audit-1", "dob_transposed", "missed", 0, 3),
        _finding(
            "audit-2",
            "allergy_missing",
            "partial",
            2.5,
            5,
            "safety",
            given="allergy_conflict at allergies[0]",
        ),
        _finding(
            "audit-2",
            "invalid_mrn",
            "false_alarm",
            -1,
            0,
            given="MRN fails its check digit, at Demographics › MRN",
        ),
    ],
)
B_EARLIER = _attempt(
    "Ben",
    2,
    "2026-03-01T09:00:00+00:00",
    [
        _finding("audit-1", "name_mismatch", "correct", 3, 3),
    ],
)
B = _attempt(
    "ben ",
    2,
    "2026-03-02T10:00:00+00:00",
    [  # the same trainee (same seed), later
        _finding("audit-1", "name_mismatch", "correct", 3, 3),
        _finding(
            "audit-1",
            "dob_transposed",
            "partial",
            1.5,
            3,
            given="Name differs between demographics and a document, "
            "at Demographics › Date of birth",
        ),
        _finding("audit-2", "allergy_missing", "missed", 0, 5, "safety"),
    ],
)
C = _attempt(
    "Cy",
    3,
    "2026-03-02T11:00:00+00:00",
    [
        _finding("audit-1", "name_mismatch", "missed", 0, 3),
        _finding("audit-2", "name_mismatch", "correct", 3, 3),
        _finding(
            "audit-2",
            "dob_transposed",
            "partial",
            1.5,
            3,
            given="Name differs between demographics and a document, "
            "at Demographics › Date of birth",
        ),
    ],
)


def _analysis() -> Any:
    (analysis,) = item_analysis([A, B_EARLIER, B, C])
    return analysis


def test_each_topic_counts_who_met_partly_met_and_missed_it() -> None:
    topics = {t.topic: t for t in _analysis().topics}
    name, dob, allergy = (
        topics["name_mismatch"],
        topics["dob_transposed"],
        topics["allergy_missing"],
    )
    assert (name.faced, name.met, name.partly, name.missed, name.percent) == (3, 2, 0, 1, 75.0)
    assert (dob.faced, dob.met, dob.partly, dob.missed, dob.percent) == (3, 0, 2, 1, 33.33)
    assert (allergy.faced, allergy.met, allergy.partly, allergy.missed, allergy.percent) == (
        2,
        0,
        1,
        1,
        25.0,
    )
    assert (dob.common_wrong_answer, dob.common_wrong_count) == (
        "Name differs between demographics and a document, at Demographics › Date of birth",
        2,
    )
    assert allergy.common_wrong_answer == "allergy_conflict at allergies[0]"
    assert (
        name.common_wrong_answer is None
    )  # a miss with nothing given is a miss, not a wrong answer
    assert name.rule == "rule of name_mismatch"


def test_topics_run_weakest_first_and_false_alarms_only_last() -> None:
    analysis = _analysis()
    assert [t.topic for t in analysis.topics] == [
        "allergy_missing",
        "dob_transposed",
        "name_mismatch",
        "invalid_mrn",
    ]
    alarm = analysis.topics[-1]
    assert (alarm.faced, alarm.false_alarms, alarm.percent) == (0, 1, None)


def test_objectives_run_weakest_first_with_their_text() -> None:
    objectives = _analysis().objectives
    assert [(o.objective, o.percent, o.faced) for o in objectives] == [
        ("safety", 25.0, 2),
        ("identity", 57.14, 3),
    ]
    assert objectives[0].text.startswith("Notice allergy")


def test_each_trainee_counts_once_with_their_latest_attempt() -> None:
    analysis = _analysis()
    assert [t.trainee for t in analysis.trainees] == ["Ana", "ben ", "Cy"]
    overall = [a.card.overall for a in (A, B, C) if a.card]
    assert analysis.average == round(sum(overall) / 3, 2)


def test_strengths_and_gaps_put_the_most_points_lost_first() -> None:
    ana, ben, cy = _analysis().trainees
    assert (ana.strengths, ana.gaps, ana.false_alarm_topics) == (
        ("name_mismatch",),
        ("dob_transposed", "allergy_missing"),
        ("invalid_mrn",),
    )
    assert (ben.strengths, ben.gaps) == (("name_mismatch",), ("allergy_missing", "dob_transposed"))
    assert (cy.strengths, cy.gaps) == ((), ("name_mismatch", "dob_transposed"))


def test_each_scenario_gets_its_own_analysis_and_ungraded_files_are_left_out() -> None:
    other = _attempt(
        "Dee",
        4,
        "2026-03-02T09:00:00+00:00",
        [_finding("audit-1", "name_mismatch", "correct", 3, 3)],
        scenario="another",
    )
    ungraded = GradedAttempt(C.results, None, None, [])
    analyses = item_analysis([A, other, ungraded])
    assert [(a.scenario, len(a.trainees)) for a in analyses] == [("another", 1), ("tutorial", 1)]


def test_the_csv_holds_the_same_records_as_the_json() -> None:
    analysis = _analysis()
    rows = list(csv.DictReader(io.StringIO(report_csv([analysis]))))
    assert tuple(rows[0]) == REPORT_COLUMNS
    topics = [r for r in rows if r["section"] == "topic"]
    for row, record in zip(topics, analysis.to_json()["topics"], strict=True):
        assert row["name"] == record["topic"]
        for key in ("faced", "met", "partly", "missed", "false_alarms", "common_wrong_count"):
            assert int(row[key]) == record[key]
        assert (float(row["percent"]) if row["percent"] else None) == record["percent"]
        assert (row["common_wrong_answer"] or None) == record["common_wrong_answer"]
    trainees = [r for r in rows if r["section"] == "trainee"]
    assert trainees[0]["gaps"].split(";") == ["dob_transposed", "allergy_missing"]
    assert [r["section"] for r in rows].count("objective") == 2
