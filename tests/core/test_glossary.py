"""The glossary: the HIM terms recsim shows, each defined in plain words and cited."""

from __future__ import annotations

import re

import pytest

from recsim.core.glossary import glossary, search

REQUIRED = frozenset(
    {"MPI", "ROI", "DRS", "POA", "MCC", "CC", "DRG", "MS-DRG", "MDC", "PHI", "TPO", "UHDDS"}
    | {"NPI", "MRN", "EHR", "HIPAA", "LDS", "BA", "CE", "ICD-10-CM", "ICD-10-PCS", "CFR"}
    | {"CMS", "HHS", "MCE", "NCCI", "MUE", "SSN", "DOB", "LOS"}
)
CITATION = re.compile(
    r"\d+ CFR (Part |Parts )?\d+|U\.S\.C\.|\d+ FR \d+|Official Guidelines|CMS, |AHIMA|Horton|"
    r"Social Security Act|Pub\. L\.|Federal Register|eCFR"
)


def test_the_glossary_has_the_terms_the_screens_use() -> None:
    terms = {term.term for term in glossary()}
    assert len(terms) >= 30
    assert not REQUIRED - terms


@pytest.mark.parametrize("term", glossary(), ids=lambda t: t.term)
def test_every_entry_says_what_it_means_and_cites_where_it_is_defined(term: object) -> None:
    assert term.means.endswith(".") and len(term.means) < 400  # type: ignore[attr-defined]
    assert CITATION.search(term.source), term.source  # type: ignore[attr-defined]


def test_an_abbreviation_says_what_it_stands_for() -> None:
    for term in glossary():
        if term.term.isupper() and len(term.term) <= 6:
            assert term.stands_for, term.term


def test_search_finds_a_term_by_its_letters_its_expansion_or_a_word_of_its_meaning() -> None:
    assert search("poa")[0].term == "POA"
    assert search("master patient index")[0].term == "MPI"
    assert "DRS" in [t.term for t in search("amend")]
    assert search("no such word anywhere") == []


def test_an_exact_term_comes_before_entries_that_only_mention_it() -> None:
    found = [t.term for t in search("cc")]
    assert found[0] == "CC" and "MCC" in found
