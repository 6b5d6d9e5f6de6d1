"""A coder's search: words in any order, word starts, code starts, inclusion terms, synonyms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.coding import CodeSet


def found(codes: CodeSet, query: str, limit: int = 20) -> list[str]:
    return [info.code for info in codes.search(query, limit)]


def test_word_starts_in_any_order_find_the_combination_code(codes: CodeSet) -> None:
    assert "E11.22" in found(codes, "diab kid")
    assert "E11.22" in found(codes, "kidney diabetes type 2")
    assert found(codes, "type 2 diabetes ckd")[0] == "E11.22"


@pytest.mark.parametrize("query", ["S52.5", "s52.5", "S525"])
def test_a_code_start_lists_the_code_then_what_is_under_it(codes: CodeSet, query: str) -> None:
    result = found(codes, query, 10)
    assert result[0] == "S52.5"
    assert all(code.startswith("S52.5") for code in result)
    assert "S52.50" in result and "S52.53" in result


def test_a_lower_case_code_start_is_a_code(codes: CodeSet) -> None:
    assert found(codes, "e11.2") == ["E11.2", "E11.21", "E11.22", "E11.29"]


def test_a_heading_that_takes_a_seventh_character_lists_its_codes(codes: CodeSet) -> None:
    result = codes.search("S52.501", 5)
    assert result[0].code == "S52.501" and result[0].needs_seventh_character
    assert [i.code for i in result[1:3]] == ["S52.501A", "S52.501B"]


def test_a_complete_code_finds_itself(codes: CodeSet) -> None:
    assert found(codes, "T36.0X1A") == ["T36.0X1A"]


def test_lay_terms_and_abbreviations_find_the_classification_wording(codes: CodeSet) -> None:
    assert found(codes, "heart attack")[0] == "I21.9"
    assert found(codes, "high blood pressure")[0] == "I10"
    assert "N39.0" in found(codes, "uti", 5)
    assert "J44.1" in found(codes, "copd exacerbation")


def test_kidney_and_renal_find_each_other(codes: CodeSet) -> None:
    assert "P96.0" in found(codes, "congenital kidney failure")  # P96.0 Congenital renal failure
    assert "N19" in found(codes, "renal failure unspecified")  # N19 Unspecified kidney failure


def test_inclusion_terms_are_searched(codes: CodeSet) -> None:
    # "Facial pain NOS" is an inclusion term of R51.9 (Headache, unspecified), not its title.
    assert found(codes, "facial pain")[0] == "R51.9"
    assert "I50.9" in found(codes, "congestive heart failure", 5)


def test_the_tabular_default_code_for_a_term_comes_first(codes: CodeSet) -> None:
    assert found(codes, "hypertension")[0] == "I10"
    assert found(codes, "pneumonia")[0] == "J18.9"


def test_complete_codes_rank_before_headings(codes: CodeSet) -> None:
    result = codes.search("type 2 diabetes", 40)
    billable = [i.billable or i.needs_seventh_character for i in result]
    assert billable == sorted(billable, reverse=True)


def test_words_matching_a_seventh_character_find_the_extended_codes(codes: CodeSet) -> None:
    result = found(codes, "colles fracture right subsequent", 5)
    assert result and all(
        code.startswith("S52.531") and code[-1] in "DEFGHJKMNPQR" for code in result
    )


def test_a_code_start_and_words_narrow_together(codes: CodeSet) -> None:
    assert found(codes, "e11 kidney") == ["E11.22", "E11.29", "E11.2"]


def test_accents_and_apostrophes_do_not_matter(codes: CodeSet) -> None:
    assert "G30.9" in found(codes, "alzheimers")
    assert "G30.9" in found(codes, "Alzheimer's")
    assert "M35.00" in found(codes, "sjögren")


def test_limit_is_honoured(codes: CodeSet) -> None:
    assert len(codes.search("fracture", 7)) == 7
    assert codes.search("fracture", 0) == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "xyzzy",
        "the of and",
        "!!!",
        "\x00\x01",
        "日本語",
        "E99.99",
        "a" * 100_000,
        "diab " * 5_000,
    ],
)
def test_odd_queries_return_a_list_quickly(codes: CodeSet, query: str) -> None:
    assert isinstance(codes.search(query), list)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_search_never_raises(query: str) -> None:
    from recsim.coding import codeset

    results = codeset().search(query, 5)
    assert len(results) <= 5


def test_a_heading_s_inclusion_names_lead_to_its_unspecified_code(codes: CodeSet) -> None:
    # E11 includes "diabetes NOS"; its code without complications is E11.9.
    assert found(codes, "diabetes")[0] == "E11.9"
