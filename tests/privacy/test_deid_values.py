"""Synthetic-safe values for identifier types recsim.core.ids does not cover."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from recsim.privacy.deid_values import (
    is_documentation_ip,
    is_valid_vin,
    make_ip,
    make_url,
    make_vin,
    vin_check_digit,
)


def test_vin_check_digit_matches_a_published_example() -> None:
    # The worked example of the VIN check digit: 1M8GDM9AXKP042788 (check digit X).
    assert vin_check_digit("1M8GDM9AXKP042788") == "X"
    assert is_valid_vin("1M8GDM9AXKP042788")


@given(seed=st.integers(min_value=0, max_value=2**32))
def test_generated_vins_are_well_formed_but_never_valid(seed: int) -> None:
    vin = make_vin(random.Random(seed))
    assert len(vin) == 17 and not set(vin) & set("IOQ")
    assert not is_valid_vin(vin)


@given(seed=st.integers(min_value=0, max_value=2**32))
def test_ip_addresses_come_from_the_documentation_blocks(seed: int) -> None:
    assert is_documentation_ip(make_ip(random.Random(seed)))


def test_real_looking_addresses_are_not_documentation_addresses() -> None:
    assert not is_documentation_ip("8.8.8.8")
    assert not is_documentation_ip("192.0.3.1")


def test_urls_use_reserved_domains_and_a_clean_path() -> None:
    url = make_url(random.Random(1), "Ann O'Neil")
    assert url.startswith("https://www.example.") and url.endswith("/ann-o-neil")
