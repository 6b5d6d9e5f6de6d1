"""Where an audit error kind is a rule recsim's reviewer checks, the reviewer finds it."""

from __future__ import annotations

import pytest

from recsim.core.generate.review import CHECKS
from recsim.tasks.audit.models import AuditKey, AuditView
from recsim.tasks.audit.planting import overlaps
from tests.tasks.audit.test_error_kinds import planted_items

OVERLAP = {
    "allergy_conflict": "allergy_conflict",
    "discharge_before_admission": "date_order",
    "date_out_of_range": "date_order",
    "age_conflict": "wellness_for_age",
    "implausible_value": "vitals_for_age",
}
"""Error kind -> the review check that is the same rule."""


@pytest.mark.parametrize("kind", sorted(OVERLAP))
def test_the_reviewer_finds_every_planted_error_of_its_rule(kind: str) -> None:
    items = list(planted_items(kind))
    assert len(items) >= 20
    for item in items:
        view: AuditView = item.view  # type: ignore[assignment]
        key: AuditKey = item.key  # type: ignore[assignment]
        found = [f.path for f in CHECKS[OVERLAP[kind]](view.record, view.as_of)]
        places = [key.errors[0].location, *key.errors[0].also]
        assert any(overlaps(path, place) for path in found for place in places), (kind, found)
