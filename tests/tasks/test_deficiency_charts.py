"""Deficiency charts: each planted deficiency visible, nothing else wrong, deadlines right."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.deficiency.block import DEFICIENCY_KINDS as _DEFICIENCY_KINDS
from recsim.tasks.deficiency.content import deficiency_content
from recsim.tasks.deficiency.models import DeficiencyKey, DeficiencyView

DEFICIENCY_KINDS = _DEFICIENCY_KINDS.names

SEEDS = st.integers(min_value=0, max_value=2**62)


def charts(seed: int, kinds: str = "all", per_chart: str = "[0, 3]", count: int = 8):  # type: ignore[no-untyped-def]
    text = (
        "recsim: 1\nid: deficiency-gen\ntitle: Deficiency generation\nsetting: hospital\n"
        f"seed: {seed}\npopulation: {{patients: 30}}\n"
        f"tasks:\n  - deficiency: {{charts: {count}, kinds: {kinds}, "
        f"deficiencies_per_chart: {per_chart}}}\n"
    )
    for item in make_variant(parse_scenario(text, "d.yaml", base=Path("d.yaml"))).form.items():
        yield item.view, item.key


def found_in(view: DeficiencyView) -> set[tuple[str, str | None]]:
    """The deficiencies a careful analyst finds by reading the chart against 42 CFR 482."""
    stay = view.stay
    by_type: dict[str, list] = {}  # type: ignore[type-arg]
    for document in view.documents:
        by_type.setdefault(document.type, []).append(document)
    found: set[tuple[str, str | None]] = set()
    hp = by_type.get("history_physical", [])
    if not hp:
        found.add(("missing_history_physical", None))
    else:
        (note,) = hp
        if (
            not stay.admitted_at - timedelta(days=30)
            <= note.written_at
            <= stay.admitted_at + timedelta(hours=24)
        ):
            found.add(("history_physical_out_of_window", note.id))
        elif note.written_at < stay.admitted_at and not any(
            stay.admitted_at <= u.written_at <= stay.admitted_at + timedelta(hours=24)
            for u in by_type.get("history_physical_update", [])
        ):
            found.add(("missing_history_physical_update", None))
        if note.signed_at is None:
            found.add(("unsigned_history_physical", note.id))
    summaries = by_type.get("discharge_summary", [])
    if not summaries:
        found.add(("missing_discharge_summary", None))
    elif summaries[0].signed_at is None:
        found.add(("unsigned_discharge_summary", summaries[0].id))
    if stay.operation:
        reports = by_type.get("operative_report", [])
        if not reports:
            found.add(("missing_operative_report", None))
        elif reports[0].signed_at is None:
            found.add(("unsigned_operative_report", reports[0].id))
        if not any(
            c.written_at <= (stay.operated_at or c.written_at) for c in by_type.get("consent", [])
        ):
            found.add(("missing_consent", None))
    for order in by_type.get("order", []):
        if order.signed_at is None:
            found.add(("unsigned_order", order.id))
    return found


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_the_key_lists_exactly_what_the_chart_shows_is_deficient(seed: int) -> None:
    for view, key in charts(seed):
        assert found_in(view) == {(d.kind, d.document) for d in key.deficiencies}


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_each_deficiency_goes_to_the_provider_its_rule_names(seed: int) -> None:
    for view, key in charts(seed):
        stay = view.stay
        documents = {d.id: d for d in view.documents}
        for deficiency in key.deficiencies:
            expected = {
                "attending": stay.attending,
                "surgeon": stay.surgeon,
                "author": documents[deficiency.document].author if deficiency.document else None,
            }
            assert deficiency.provider == expected[deficiency.role]
            assert deficiency.provider.npi in {p.npi for p in view.providers}


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_a_chart_is_delinquent_exactly_when_incomplete_past_thirty_days(seed: int) -> None:
    for view, key in charts(seed):
        discharged = view.stay.discharged_at.date()
        assert key.completion_due == discharged + timedelta(days=30)
        assert key.delinquent == (
            bool(key.deficiencies) and view.as_of > discharged + timedelta(days=30)
        )


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS)
def test_chart_times_are_coherent(seed: int) -> None:
    for view, _key in charts(seed):
        stay = view.stay
        assert stay.admitted_at < stay.discharged_at < datetime.combine(view.as_of, time())
        if stay.operation:
            assert stay.surgeon is not None and stay.operated_at is not None
            assert stay.admitted_at < stay.operated_at < stay.discharged_at
        for document in view.documents:
            assert document.signed_at is None or document.written_at <= document.signed_at
            assert document.signed_at is None or document.signed_at.date() < view.as_of
        assert len({d.id for d in view.documents}) == len(view.documents)
        assert [d.written_at for d in view.documents] == sorted(
            d.written_at for d in view.documents
        )


def test_deadlines_follow_the_conditions_of_participation() -> None:
    seen = set()
    for seed in range(30):
        for view, key in charts(seed, per_chart="[2, 3]"):
            stay = view.stay
            for deficiency in key.deficiencies:
                seen.add(deficiency.kind)
                expected = {
                    "missing_history_physical": stay.admitted_at + timedelta(hours=24),
                    "history_physical_out_of_window": stay.admitted_at + timedelta(hours=24),
                    "missing_history_physical_update": stay.admitted_at + timedelta(hours=24),
                    "missing_consent": stay.operated_at,
                    "missing_operative_report": datetime.combine(
                        stay.operated_at.date(), time(23, 59)
                    )
                    if stay.operated_at
                    else None,
                }.get(
                    deficiency.kind,
                    datetime.combine(stay.discharged_at.date() + timedelta(days=30), time(23, 59)),
                )
                assert deficiency.due == expected, deficiency.kind
                assert deficiency.overdue == (deficiency.due.date() < view.as_of)
    assert seen == set(DEFICIENCY_KINDS)


@pytest.mark.parametrize("kind", DEFICIENCY_KINDS)
def test_each_kind_can_be_planted_alone_and_is_explained_with_its_rule(kind: str) -> None:
    planted = [
        d
        for seed in range(6)
        for _v, key in charts(seed, f"[{kind}]", "[1, 1]", 4)
        for d in key.deficiencies
    ]
    assert planted and all(d.kind == kind for d in planted)
    info = deficiency_content().kinds[kind]
    for deficiency in planted:
        assert deficiency.rule == info.rule and "42 CFR 482." in deficiency.rule
        assert deficiency.provider.name in deficiency.explanation
        assert "{" not in deficiency.explanation


def test_complete_charts_are_complete() -> None:
    for view, key in charts(4, per_chart="[0, 0]", count=10):
        assert key.deficiencies == [] and not key.delinquent and found_in(view) == set()


def test_views_and_keys_round_trip_through_json() -> None:
    for view, key in charts(2):
        assert DeficiencyView.model_validate_json(view.model_dump_json()) == view
        assert DeficiencyKey.model_validate_json(key.model_dump_json()) == key
