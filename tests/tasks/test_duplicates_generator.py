"""Master patient index generation: decidable duplicates, telling look-alikes, visible overlays."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.core import ids
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.duplicates.block import DUPLICATE_CASES as _DUPLICATE_CASES
from recsim.tasks.duplicates.content import identity
from recsim.tasks.duplicates.generator import (
    DECIDABLE,
    agreements,
    keying_error,
    shared_by_all,
    transposed,
)
from recsim.tasks.duplicates.models import IDENTITY_FIELDS, DuplicatesKey, DuplicatesView

DUPLICATE_CASES = _DUPLICATE_CASES.names

SEEDS = st.integers(min_value=0, max_value=2**62)


def one_keystroke(a: str, b: str) -> bool:
    """Equal, or one swap of neighbours, one letter dropped or one doubled."""
    if a == b:
        return True
    if len(a) == len(b):
        diffs = [n for n in range(len(a)) if a[n] != b[n]]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[:n] + long[n + 1 :] == short for n in range(len(long))
    )


def groups(seed: int, cases: str = "all", pairs: int = 10):  # type: ignore[no-untyped-def]
    text = (
        "recsim: 1\nid: mpi-gen\ntitle: MPI generation\nsetting: hospital\n"
        f"seed: {seed}\npopulation: {{patients: 25, ages: [0, 95]}}\n"
        f"tasks:\n  - duplicates: {{pairs: {pairs}, cases: {cases}, max_group: 3}}\n"
    )
    for item in make_variant(parse_scenario(text, "mpi.yaml", base=Path("mpi.yaml"))).form.items():
        yield item.view, item.key


def test_the_identity_content_covers_every_case_the_format_names() -> None:
    content = identity()
    assert set(content.cases) == set(DUPLICATE_CASES)
    for sex, table in content.nicknames.items():
        assert len(table) >= 40, sex
        for legal, nicknames in table.items():
            assert nicknames and legal not in nicknames


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_a_true_duplicate_always_shares_enough_identifiers_to_be_decidable(seed: int) -> None:
    for view, key in groups(
        seed, "[nickname, typo, transposed_dob, married_name, moved_address, missing_ssn]"
    ):
        assert key.decision == "merge"
        entries = view.entries
        assert len({e.sex for e in entries}) == 1
        assert len(shared_by_all(entries)) >= DECIDABLE
        ssns = {e.ssn for e in entries if e.ssn}
        assert len(ssns) == 1  # a duplicate never shows two different SSNs
        content = identity()
        reference = max((e for e in entries if e.photo_verified), key=lambda e: e.updated_on)
        for entry in entries:  # every name is the verified one, a nickname of it, or a keying error
            assert content.same_first_name(
                entry.sex, reference.first_name, entry.first_name
            ) or one_keystroke(reference.first_name, entry.first_name)
            assert (
                one_keystroke(reference.last_name, entry.last_name)
                or "married_name" in key.variations
            )


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_the_surviving_identity_is_the_most_recent_photo_verified_one(seed: int) -> None:
    for view, key in groups(seed, "[nickname, typo, transposed_dob, married_name, missing_ssn]"):
        verified = [e for e in view.entries if e.photo_verified]
        assert verified
        reference = max(verified, key=lambda e: e.updated_on)
        for name, value in key.survivors.items():
            if name in IDENTITY_FIELDS:
                assert value == (reference.shown(name) or value)
            assert value  # a blank never survives
        assert key.survivor == min(view.entries, key=lambda e: e.registered_on).mrn


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_look_alikes_always_differ_in_an_identifier_that_rules_out_one_person(seed: int) -> None:
    content = identity()
    for view, key in groups(seed, "[twins, junior_senior, common_name]"):
        a, b = view.entries
        assert key.decision == "keep_separate"
        different_ssn = a.ssn is not None and b.ssn is not None and a.ssn != b.ssn
        different_name = not content.same_first_name(a.sex, a.first_name, b.first_name)
        years_apart = abs(a.date_of_birth.year - b.date_of_birth.year) >= 20
        assert different_ssn or different_name or years_apart
        assert a.last_name == b.last_name


@settings(max_examples=30, deadline=None)
@given(seed=SEEDS)
def test_an_overlay_always_has_conflicting_identifiers_in_one_record(seed: int) -> None:
    for view, key in groups(seed, "[overlay]", pairs=4):
        overlaid = next(e for e in view.entries if e.mrn == key.overlaid)
        other = next(e for e in view.entries if e.mrn != key.overlaid)
        foreign = [v for v in overlaid.visits if v.stated_dob != overlaid.date_of_birth]
        assert foreign, "the overlaid record must hold a visit with someone else's birth date"
        assert all(
            v.stated_dob == other.date_of_birth
            and v.member_id in {w.member_id for w in other.visits}
            for v in foreign
        )
        assert overlaid.ssn != other.ssn and overlaid.date_of_birth != other.date_of_birth
        assert "overlay" not in agreements(overlaid, other)


@settings(max_examples=20, deadline=None)
@given(seed=SEEDS)
def test_every_identifier_is_synthetic_and_every_date_is_possible(seed: int) -> None:
    for view, _key in groups(seed):
        assert len({e.mrn for e in view.entries}) == len(view.entries)
        for entry in view.entries:
            assert ids.is_valid_mrn(entry.mrn)
            assert entry.ssn is None or ids.is_synthetic_ssn(entry.ssn)
            assert ids.is_fictional_phone(entry.phone)
            assert entry.date_of_birth < entry.registered_on <= entry.updated_on < view.as_of
            assert [v.on for v in entry.visits] == sorted(v.on for v in entry.visits)
            assert (
                entry.visits[0].on == entry.registered_on
                and entry.visits[-1].on == entry.updated_on
            )


def test_the_same_seed_gives_the_same_groups_in_any_order() -> None:
    first = [(v.model_dump_json(), k.model_dump_json()) for v, k in groups(77)]
    again = [(v.model_dump_json(), k.model_dump_json()) for v, k in groups(77)]
    assert first == again
    assert first != [(v.model_dump_json(), k.model_dump_json()) for v, k in groups(78)]


def test_every_case_appears_when_a_form_has_room_for_all() -> None:
    seen = {key.case for _view, key in groups(5, pairs=len(DUPLICATE_CASES))}
    assert seen == set(DUPLICATE_CASES)


def test_keying_errors_change_one_keystroke() -> None:
    rng = random.Random(3)
    for word in ("Torres", "Li", "Anne", "Schmidt"):
        wrong = keying_error(rng, word)
        assert wrong != word and abs(len(wrong) - len(word)) <= 1


def test_transposed_birth_dates_keep_their_digits_and_stay_in_the_past() -> None:
    rng = random.Random(1)
    assert transposed(date(1984, 6, 2), random.Random(0), before=date(2000, 1, 1)) in {
        date(1984, 2, 6),
        date(1948, 6, 2),
    }
    assert transposed(date(1999, 3, 22), rng, before=date(2020, 1, 1)) is None
    for _ in range(50):
        made = transposed(date(1975, 11, 13), rng, before=date(2026, 1, 1))
        assert made is not None and sorted(made.isoformat()) == sorted("1975-11-13")


def test_views_and_keys_round_trip_through_json() -> None:
    for view, key in groups(9):
        assert DuplicatesView.model_validate_json(view.model_dump_json()) == view
        assert DuplicatesKey.model_validate_json(key.model_dump_json()) == key
