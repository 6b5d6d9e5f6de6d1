"""An audit cites the rules that bind the chart's owner: 42 CFR 482 for hospitals only."""

from __future__ import annotations

from pathlib import Path

from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.audit import TASK
from recsim.tasks.audit.models import AuditAnswer, AuditKey, AuditView
from recsim.tasks.base import Trail
from tests.tasks.audit.detectors import DETECTORS


def _keys(setting: str, kinds: str, seeds: range = range(12)) -> list[tuple[AuditKey, list[str]]]:
    found = []
    for seed in seeds:
        text = (
            f"recsim: 1\nid: cites-{setting}\ntitle: Citations\nsetting: {setting}\n"
            f"seed: {seed}\npopulation: {{patients: 40, ages: [20, 90]}}\n"
            f"tasks:\n  - audit: {{records: 6, errors_per_record: [0, 2], error_kinds: {kinds}}}\n"
        )
        loaded = parse_scenario(text, "c.yaml", base=Path("c.yaml"))
        for item in make_variant(loaded).form.items():
            rules = [f.rule for f in TASK.check(item, AuditAnswer(flags=[]), Trail())]
            found.append((item.key, rules))  # type: ignore[arg-type]
    return found


def test_a_clinic_chart_never_cites_the_hospital_conditions_of_participation() -> None:
    for key, rules in _keys("clinic", "all"):
        assert rules and not [r for r in rules if "482" in r], rules
        assert not [e for e in key.errors if "30-day" in e.explanation]


def test_a_name_mismatch_cites_patient_identification_practice() -> None:
    for setting in ("hospital", "clinic"):
        planted = [e for key, _ in _keys(setting, "[name_mismatch]") for e in key.errors]
        assert planted and all("NPSG.01.01.01" in e.rule for e in planted)


def test_only_an_inpatient_note_of_a_hospital_chart_owes_the_30_day_completion() -> None:
    planted = [e for key, _ in _keys("hospital", "[unsigned_note]") for e in key.errors]
    thirty = [e for e in planted if "482.24(c)(4)(viii)" in e.rule]
    other = [e for e in planted if "482.24(c)(4)(viii)" not in e.rule]
    assert thirty and other  # both kinds of note turn up
    assert all("30-day" in e.explanation and "delinquent" in e.explanation for e in thirty)
    assert not [e for e in other if "30-day" in e.explanation or "delinquent" in e.explanation]


def test_a_missing_allergy_never_removes_the_one_a_conflict_rests_on() -> None:
    conflicts = 0
    for seed in range(40):
        text = (
            f"recsim: 1\nid: allergies\ntitle: Allergies\nsetting: hospital\nseed: {seed}\n"
            "population: {patients: 40}\ntasks:\n  - audit: {records: 6, errors_per_record: "
            "[2, 2], error_kinds: [allergy_conflict, allergy_missing]}\n"
        )
        for item in make_variant(parse_scenario(text, "a.yaml", base=Path("a.yaml"))).form.items():
            view: AuditView = item.view  # type: ignore[assignment]
            key: AuditKey = item.key  # type: ignore[assignment]
            for error in key.errors:
                if error.kind == "allergy_conflict":
                    conflicts += 1
                    seen = DETECTORS["allergy_conflict"](view.record, view.as_of)
                    assert error.location in seen, (seed, item.id)
    assert conflicts >= 20
