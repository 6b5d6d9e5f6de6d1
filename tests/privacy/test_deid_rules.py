"""Safe Harbor rules (45 CFR 164.514(b)(2)): the 18 identifier types, what may be generalized."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from recsim.privacy.deid import (
    IDENTIFIER_TYPES,
    NINETY_OR_OLDER,
    deidentified_text,
    generalize_date,
    generalize_zip,
    generalized,
    identifier,
    identifiers,
    restricted_zip3,
    zip3_source,
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    action: str


def test_catalog_covers_paragraphs_a_to_r_in_the_regulations_order() -> None:
    letters = [info.letter for info in identifiers().values()]
    assert sorted(set(letters)) == [chr(c) for c in range(ord("A"), ord("R") + 1)]
    assert letters == sorted(letters)
    assert tuple(identifiers()) == IDENTIFIER_TYPES


@pytest.mark.parametrize("kind", IDENTIFIER_TYPES)
def test_every_identifier_type_cites_its_paragraph_by_letter(kind: str) -> None:
    info = identifier(kind)
    assert info.rule == f"45 CFR 164.514(b)(2)(i)({info.letter})"
    assert info.severity in (3, 4)
    assert info.explain.endswith(".") and len(info.explain) > 20


def test_ages_over_89_share_the_dates_paragraph() -> None:
    assert identifier("age_over_89").letter == identifier("date").letter == "C"


def test_small_area_zip_list_is_the_one_hhs_publishes_with_its_source() -> None:
    assert sorted(restricted_zip3()) == [
        "036",
        "059",
        "063",
        "102",
        "203",
        "556",
        "692",
        "790",
        "821",
        "823",
        "830",
        "831",
        "878",
        "879",
        "884",
        "890",
        "893",
    ]
    assert "HHS" in zip3_source() and "67 FR 53182" in zip3_source()


@pytest.mark.parametrize(
    ("zip_code", "kept"),
    [
        ("60614", "606"),
        ("60614-2203", "606"),
        ("03601", "000"),
        ("82301", "000"),
        ("89301", "000"),
        ("10001", "100"),
        ("10210", "000"),
        (" 59301 ", "593"),
    ],
)
def test_zip_codes_keep_three_digits_unless_the_area_is_small(zip_code: str, kept: str) -> None:
    assert generalize_zip(zip_code) == kept


@pytest.mark.parametrize("bad", ["6061", "ABCDE", "606144", ""])
def test_something_that_is_not_a_zip_code_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="not a ZIP code"):
        generalize_zip(bad)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("03/14/2026", "2026"),
        ("2026-03-14", "2026"),
        ("14 Mar 2026", "2026"),
        ("March 14, 2026", "2026"),
        ("23 Nov 1933", "1933"),
        ("March 14", ""),
    ],
)
def test_dates_keep_only_the_year(text: str, year: str) -> None:
    assert generalize_date(text) == year


def test_what_each_type_may_keep() -> None:
    assert generalized("date", "02/01/2026") == "2026"
    assert generalized("age_over_89", "93") == NINETY_OR_OLDER
    assert generalized("geographic", "82301") == "000"
    assert generalized("geographic", "Bishop County") is None
    assert generalized("geographic", "12 Elm Street") is None
    for kind in ("name", "phone", "ssn", "mrn", "email", "url", "photograph"):
        assert generalized(kind, "anything") is None


def test_deidentified_text_removes_and_generalizes() -> None:
    text = "Ann Lee, aged 93, of 60614, admitted 03/14/2026, phone (312) 555-0101."
    spans = [
        Span(0, 7, "name", "remove"),
        Span(14, 16, "age_over_89", "generalize"),
        Span(21, 26, "geographic", "generalize"),
        Span(37, 47, "date", "generalize"),
        Span(55, 69, "phone", "remove"),
    ]
    assert deidentified_text(text, spans) == (
        "[name], aged 90 or older, of 606, admitted 2026, phone [phone]."
    )


def test_a_generalization_the_rule_does_not_allow_removes_the_value() -> None:
    text = "lives in Springfield"
    assert (
        deidentified_text(text, [Span(9, 20, "geographic", "generalize")])
        == "lives in [geographic]"
    )


def test_overlapping_spans_do_not_duplicate_text() -> None:
    text = "Ann Lee called"
    out = deidentified_text(text, [Span(0, 7, "name", "remove"), Span(4, 7, "name", "remove")])
    assert out == "[name] called"
