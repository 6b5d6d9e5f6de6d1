"""The access log: a chart no item concerns is an access violation, once per patient."""

from __future__ import annotations

import pytest

from recsim import __version__
from recsim.core.grading import read_results
from recsim.core.scoring import Finding
from recsim.core.trail import RecordOpen
from recsim.session.access_log import ACCESS_LOG
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.session.lookup import PatientIndex
from recsim.session.regrade import ScenarioFinder, regrade
from recsim.tasks.base import Trail
from tests.conftest import DATA, SCENARIOS

TRAPS = DATA / "tui" / "traps.yaml"
BEFORE = DATA / "access_log" / "results-before-lookup"
"""Results files written by recsim before the lookup (trails of queue and trap opens)."""


@pytest.fixture(scope="module")
def tutorial() -> Variant:
    return make_variant(load_checked(SCENARIOS / "tutorial.yaml"), "Ana Ruiz")


def _logged(variant: Variant, *opens: RecordOpen) -> list[Finding]:
    card = variant.score({}, Trail(opens))
    return [f for f in card.findings if f.item == ACCESS_LOG]


def _stranger(variant: Variant, nth: int = 0) -> str:
    """The MRN of a population patient no item concerns."""
    return [e.patient.mrn for e in PatientIndex(variant).entries() if e.item is None][nth]


def test_opening_a_queue_patients_chart_for_its_item_is_not_a_violation(
    tutorial: Variant,
) -> None:
    opens = [
        RecordOpen(mrn=item.chart, reason=f"work queue item {item.id}", item=item.id)
        for item in tutorial.form.items()
        if item.chart
    ]
    assert opens and _logged(tutorial, *opens) == []


def test_opening_an_unrelated_chart_is_one_violation_citing_minimum_necessary(
    tutorial: Variant,
) -> None:
    stranger = _stranger(tutorial)
    (finding,) = _logged(
        tutorial,
        RecordOpen(mrn=stranger, reason="checking an address"),
        RecordOpen(mrn=stranger.lower()),
        RecordOpen(mrn=stranger, item="audit-1"),
    )
    assert finding.outcome == "violation" and finding.topic == "access_without_job_reason"
    assert "164.502(b)" in finding.rule and "164.514(d)" in finding.rule
    assert "164.308(a)(1)(ii)(D)" in finding.rule
    assert finding.given == f"opened {stranger} 3 times"
    assert tutorial.patient_name(stranger) in finding.feedback
    assert "checking an address" in finding.feedback


def test_each_unrelated_patient_costs_as_a_trap_chart_does(tutorial: Variant) -> None:
    first, second = _stranger(tutorial, 0), _stranger(tutorial, 1)
    clean = tutorial.score({}, Trail())
    card = tutorial.score({}, Trail((RecordOpen(mrn=first), RecordOpen(mrn=second))))
    logged = [f for f in card.findings if f.item == ACCESS_LOG]
    assert [f.given for f in logged] == [f"opened {first} once", f"opened {second} once"]
    assert all(f.earned == -5 and f.possible == 5 and f.severity == 4 for f in logged)
    assert card.categories["privacy"].possible == 10 and card.categories["privacy"].earned == 0
    assert card.categories["accuracy"] == clean.categories["accuracy"]


def test_a_chart_in_the_work_opened_outside_its_item_is_not_scored(tutorial: Variant) -> None:
    item = next(i for i in tutorial.form.items() if i.chart)
    assert _logged(tutorial, RecordOpen(mrn=item.chart or "", reason="looking")) == []


def test_the_right_mrn_of_a_chart_filed_under_a_wrong_one_is_work_too(tutorial: Variant) -> None:
    # The tutorial's audit-2 carries a mistyped MRN; checking the index for the right one is work.
    charts = tutorial.concerned_charts()
    assert len([mrn for mrn, items in charts.items() if items == {"audit-2"}]) == 2


def test_a_trap_chart_is_scored_by_its_trap_not_again_by_the_access_log() -> None:
    variant = make_variant(load_checked(TRAPS), "Ana")
    trap = next(i for i in variant.form.items() if i.kind == "trap")
    chart = trap.key.chart  # type: ignore[attr-defined]
    card = variant.score({}, Trail((RecordOpen(mrn=chart, reason="curious"),)))
    violations = [f for f in card.findings if f.topic == "access_without_job_reason"]
    assert [f.item for f in violations] == [trap.id]


def test_every_record_of_a_duplicate_group_is_the_items_work() -> None:
    variant = make_variant(load_checked(SCENARIOS / "hospital-mpi-cleanup.yaml"), "Ana")
    item = next(i for i in variant.form.items() if i.kind == "duplicates")
    records = [e.mrn for e in item.view.entries]  # type: ignore[attr-defined]
    assert len(records) >= 2
    assert _logged(variant, *(RecordOpen(mrn=m, reason="duplicate review") for m in records)) == []


def test_the_access_log_reads_every_open_as_an_auditor(tutorial: Variant) -> None:
    stranger = _stranger(tutorial)
    item = next(i for i in tutorial.form.items() if i.chart)
    lines = tutorial.access_log(
        [
            RecordOpen(mrn=item.chart or "", reason=f"work queue item {item.id}", item=item.id),
            RecordOpen(mrn=stranger, reason="curious"),
        ]
    )
    assert [line.justified for line in lines] == [True, False]
    assert lines[1].reason == "curious" and stranger in lines[1].patient
    assert "no item in your work concerns this patient" in lines[1].reading


def test_results_files_written_before_the_lookup_grade_identically() -> None:
    # The traps scenario's forms are as they were; the tutorial's changed with fair forms
    # (recsim 0.2.0), and the next test pins what grading says of such a file.
    results = read_results(BEFORE / "traps-before-lookup.json")
    graded = regrade(results, ScenarioFinder(named=[load_checked(TRAPS)]))
    assert graded.regraded is not None
    assert graded.flags == []
    stored = results.document.scorecard
    assert graded.regraded.overall == stored["overall"]
    assert len(graded.regraded.findings) == len(stored["findings"])


def test_a_claims_patient_chart_is_the_claims_work() -> None:
    # A claim shows its patient's name and birth date; checking their chart is payment work.
    variant = make_variant(load_checked(SCENARIOS / "insurer-claim-review.yaml"), "Ana")
    claims = [i for i in variant.form.items() if i.kind == "claims"]
    index = PatientIndex(variant)
    for claim in claims:
        view = claim.view
        found = index.search(f"{view.claim.patient_name}").entries  # type: ignore[attr-defined]
        mine = [e for e in found if e.patient.date_of_birth == view.claim.date_of_birth]  # type: ignore[attr-defined]
        assert [e.item for e in mine] == [claim.id]
        assert _logged(variant, RecordOpen(mrn=mine[0].patient.mrn, reason="claim")) == []


def test_a_file_whose_form_changed_with_recsim_says_which_recsim_to_grade_it_with() -> None:
    results = read_results(BEFORE / "tutorial-before-lookup.json")
    graded = regrade(results, ScenarioFinder(named=[load_checked(SCENARIOS / "tutorial.yaml")]))
    (flag,) = graded.flags
    assert flag.code == "scorecard"
    assert f"written by recsim 0.1.0 and this is {__version__}" in flag.message
    assert "grade it with recsim 0.1.0" in flag.message
