"""An audit in a clinic: clinic charts, and a refusal of kinds that need a hospital stay."""

from __future__ import annotations

from pathlib import Path

from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario


def scenario(setting: str, kinds: str):
    text = (
        f"recsim: 1\nid: audit-{setting}\ntitle: Audit\nsetting: {setting}\nseed: 5\n"
        f"tasks:\n  - audit: {{records: 8, errors_per_record: [0, 1], error_kinds: {kinds}}}\n"
    )
    return parse_scenario(text, "a.yaml", base=Path("a.yaml"))


def test_a_clinic_audit_shows_clinic_visits_only() -> None:
    items = list(make_variant(scenario("clinic", "all")).form.items())
    kinds = {e.type for item in items for e in item.view.record.encounters}  # type: ignore[attr-defined]
    assert kinds == {"outpatient"}


def test_a_clinic_audit_asking_for_discharge_errors_is_refused() -> None:
    # every form must carry every listed kind, and no clinic chart can carry this one
    loaded = scenario("clinic", "[discharge_before_admission, invalid_npi]")
    found = list(task_checks(loaded.scenario, loaded.path))
    assert [(where[-1], severity) for where, _, severity in found] == [("error_kinds", "error")]
    assert "discharge_before_admission needs a hospital stay" in found[0][1]
    hospital = scenario("hospital", "[discharge_before_admission, invalid_npi]")
    assert list(task_checks(hospital.scenario, hospital.path)) == []


def test_a_document_misfiled_in_a_clinic_chart_is_a_clinic_document() -> None:
    loaded = scenario("clinic", "[wrong_patient_document]")
    misfiled = [
        item.view.record.notes[int(error.location.removeprefix("notes[").rstrip("]"))]  # type: ignore[attr-defined]
        for seed in range(6)
        for item in make_variant(loaded, seed=seed).form.items()
        for error in item.key.errors  # type: ignore[attr-defined]
    ]
    assert misfiled and {note.type for note in misfiled} == {"Progress note"}
