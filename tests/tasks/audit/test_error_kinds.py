"""Each error kind: injected, found from the chart alone and by the key, scored, explained."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.generate import generate_patient
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.audit import TASK
from recsim.tasks.audit.block import ERROR_KINDS as _ERROR_KINDS
from recsim.tasks.audit.catalog import catalog
from recsim.tasks.audit.injectors import INJECTORS
from recsim.tasks.audit.models import AuditAnswer, AuditKey, AuditView
from recsim.tasks.audit.task import within
from recsim.tasks.base import Trail
from tests.tasks.audit.detectors import DETECTORS

ERROR_KINDS = _ERROR_KINDS.names

SEEDS = range(40)


def one_kind_scenario(kind: str, seed: int, records: int = 6):
    text = (
        f"recsim: 1\nid: kind-{kind.replace('_', '-')}\ntitle: {kind}\nsetting: hospital\n"
        f"seed: {seed}\npopulation: {{patients: 50, ages: [0, 95]}}\n"
        f"tasks:\n  - audit: {{records: {records}, errors_per_record: [1, 1], "
        f"error_kinds: [{kind}]}}\n"
    )
    return parse_scenario(text, f"{kind}.yaml", base=Path(f"{kind}.yaml"))


def planted_items(kind: str):
    for seed in SEEDS:
        for item in make_variant(one_kind_scenario(kind, seed)).form.items():
            if item.key.errors:  # type: ignore[attr-defined]
                yield item


def test_the_catalog_and_the_injectors_cover_every_kind_the_format_names() -> None:
    assert set(ERROR_KINDS) == set(INJECTORS) == set(catalog()) == set(DETECTORS)
    assert len(ERROR_KINDS) >= 18


@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_error_kind_is_detectable_found_scored_and_explained(kind: str) -> None:
    items = list(planted_items(kind))
    assert len(items) >= 20, f"{kind} planted only {len(items)} times in {len(SEEDS) * 6} charts"
    for item in items:
        view: AuditView = item.view  # type: ignore[assignment]
        key: AuditKey = item.key  # type: ignore[assignment]
        (error,) = key.errors
        assert error.kind == kind
        places = [error.location, *error.also]
        seen = DETECTORS[kind](view.record, view.as_of)
        assert any(
            within(found, place) or within(place, found) for found in seen for place in places
        ), f"{kind} at {error.location} not visible in chart {view.record.patient.mrn}"
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert [f.outcome for f in findings] == ["correct"]
        finding = findings[0]
        assert finding.earned == finding.possible > 0
        assert finding.severity == catalog()[kind].severity
        assert finding.rule == error.rule and finding.rule
        assert error.rule == catalog()[kind].rule or kind == "unsigned_note"  # cites by the note
        assert error.explanation in finding.feedback and "{" not in error.explanation
        missed = TASK.check(item, AuditAnswer(flags=[]), Trail())
        assert [f.outcome for f in missed] == ["missed"] and missed[0].earned == 0


@pytest.mark.parametrize("kind", ERROR_KINDS)
def test_clean_charts_give_the_reviewer_nothing_to_find(kind: str) -> None:
    for index in range(150):
        record = generate_patient(11, index)
        assert DETECTORS[kind](record, __import__("datetime").date(2026, 3, 2)) == set(), (
            kind,
            index,
        )


def test_severe_errors_cost_more_than_cosmetic_ones() -> None:
    info = catalog()
    assert info["wrong_patient_document"].severity == info["allergy_conflict"].severity == 4
    assert info["zip_state_mismatch"].severity == 1
