"""Typed codes are normalized the way the tabular list prints them; nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recsim.coding import CodeSet, normalize


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("e1122", "E11.22"),
        ("E11.22", "E11.22"),
        (" e11.22 ", "E11.22"),
        ("E11 22", "E11.22"),
        ("I10", "I10"),
        ("i10.", "I10"),
        ("t360x1a", "T36.0X1A"),
        ("A00-A09", "A00-A09"),
        ("", ""),
        ("xyz", "XYZ"),
    ],
)
def test_typed_codes_are_normalized(typed: str, normal: str) -> None:
    assert normalize(typed) == normal


@given(st.text(max_size=60))
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def test_lookup_accepts_unnormalized_input(codes: CodeSet) -> None:
    info = codes.get("e1122")
    assert info is not None and info.code == "E11.22"
    assert codes.get(" s52501a ") is not None
    assert "e11.9" in codes


@given(st.text(max_size=40))
def test_lookup_of_any_text_returns_an_entry_or_none(text: str) -> None:
    from recsim.coding import codeset

    codes = codeset()
    info = codes.get(text)
    assert info is None or info.code
