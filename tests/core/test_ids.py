"""Identifiers: check digits and synthetic-only ranges."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from recsim.core import ids


def test_the_published_example_npi_is_valid() -> None:
    assert ids.is_valid_npi("1234567893")
    assert not ids.is_valid_npi("1234567894")


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_npis_pass_and_corrupted_ones_fail(seed: int) -> None:
    npi = ids.make_npi(random.Random(seed))
    assert ids.is_valid_npi(npi)
    assert not ids.is_valid_npi(ids.corrupt_check_digit(npi))


@given(st.integers(min_value=0, max_value=10**7 - 1))
def test_mrns_carry_a_check_digit(number: int) -> None:
    mrn = ids.make_mrn(number)
    assert ids.is_valid_mrn(mrn)
    assert not ids.is_valid_mrn(ids.corrupt_check_digit(mrn))


def test_luhn_matches_a_known_value() -> None:
    # 7992739871 is the textbook Luhn example: its check digit is 3.
    assert ids.luhn_check_digit("7992739871") == 3


@given(st.integers(min_value=0, max_value=2**32))
def test_ssn_phone_and_email_come_from_reserved_ranges(seed: int) -> None:
    rng = random.Random(seed)
    assert ids.is_synthetic_ssn(ids.make_ssn(rng))
    assert ids.is_fictional_phone(ids.make_phone(rng))
    assert ids.is_synthetic_email(ids.make_email("Ana.Ruiz", rng))


def test_real_looking_identifiers_are_not_called_synthetic() -> None:
    assert not ids.is_synthetic_ssn("123-45-6789")
    assert not ids.is_fictional_phone("(212) 555-1234")
    assert not ids.is_synthetic_email("someone@gmail.com")
