"""Generated de-identification documents: every key span points at its identifier, none overlap."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.core.ids import is_fictional_phone, is_synthetic_email, is_synthetic_ssn, is_valid_mrn
from recsim.privacy.deid import (
    IDENTIFIER_TYPES,
    deidentified_text,
    generalize_date,
    generalized,
    identifier,
    restricted_zip3,
)
from recsim.privacy.deid_documents import (
    RARE_TYPES,
    Document,
    document_kinds,
    generate_document,
    make_cast,
    placeholders,
    templates,
)
from recsim.privacy.deid_values import is_documentation_ip, is_valid_vin

AS_OF = date(2026, 3, 2)
seeds = st.integers(min_value=0, max_value=2**63 - 1)
rare_sets = st.lists(st.sampled_from(RARE_TYPES), unique=True, max_size=len(RARE_TYPES))


def _document(
    seed: int,
    rare: list[str] | tuple[str, ...] = RARE_TYPES,
    elderly: bool = False,
    kind: str | None = None,
) -> Document:
    return generate_document(seed, as_of=AS_OF, rare=rare, elderly=elderly, kind=kind)


@settings(max_examples=150, deadline=None)
@given(seed=seeds, rare=rare_sets, elderly=st.booleans())
def test_every_span_points_at_its_identifier_and_none_overlap(
    seed: int, rare: list[str], elderly: bool
) -> None:
    document = _document(seed, rare, elderly)
    previous_end = 0
    for span in document.spans:
        assert document.text[span.start : span.end] == span.text
        assert span.text == span.text.strip() and span.text
        assert span.start >= previous_end, f"{span} overlaps the span before it"
        previous_end = span.end
        assert span.type in IDENTIFIER_TYPES
        if span.action == "generalize":
            assert span.kept == generalized(span.type, span.text) and span.kept
        else:
            assert span.kept == ""


@settings(max_examples=60, deadline=None)
@given(seed=seeds, elderly=st.booleans())
def test_no_identifier_survives_in_the_key_copy(seed: int, elderly: bool) -> None:
    document = _document(seed, elderly=elderly)
    copy = deidentified_text(document.text, document.spans)
    for span in document.spans:
        # Short values (a last name, a ZIP) could occur inside other words; the unambiguous
        # ones must be gone entirely.
        if span.type in (
            "phone",
            "fax",
            "email",
            "ssn",
            "mrn",
            "url",
            "ip_address",
            "vehicle",
            "device",
        ):
            assert span.text not in copy
    patient = next(s.text for s in document.spans if s.type == "name")
    assert patient not in copy


@settings(max_examples=60, deadline=None)
@given(seed=seeds)
def test_rare_types_appear_exactly_when_asked(seed: int) -> None:
    rare = list(RARE_TYPES[seed % len(RARE_TYPES) :][:4])
    document = _document(seed, rare)
    found = {s.type for s in document.spans} & set(RARE_TYPES)
    assert found == set(rare)


@pytest.mark.parametrize("kind", document_kinds())
@pytest.mark.parametrize("elderly", [False, True])
def test_each_kind_carries_every_safe_harbor_type_when_all_rare_types_are_asked(
    kind: str, elderly: bool
) -> None:
    types = {s.type for s in _document(7, RARE_TYPES, elderly, kind).spans}
    expected = set(IDENTIFIER_TYPES) - ({"age_over_89"} if not elderly else set())
    assert types == expected
    assert {identifier(t).letter for t in types} == set("ABCDEFGHIJKLMNOPQR")


@pytest.mark.parametrize("kind", document_kinds())
def test_identifiers_of_relatives_employers_and_household_members_are_in_the_key(kind: str) -> None:
    whose = {s.whose for s in _document(11, RARE_TYPES, False, kind).spans}
    assert "the patient" in whose
    assert any(w.startswith("the patient's ") and "employer" not in w for w in whose)
    assert "the patient's employer" in whose
    assert any(w.startswith("a household member") for w in whose)


def test_patients_over_89_have_their_age_generalized_and_birth_date_removed() -> None:
    for seed in range(20):
        document = _document(seed, elderly=True)
        ages = [s for s in document.spans if s.type == "age_over_89"]
        assert ages and all(int(s.text) >= 90 and s.kept == "90 or older" for s in ages)
        (birth,) = [s for s in document.spans if s.type == "date" and s.action == "remove"]
        assert "over 89" in birth.note and int(generalize_date(birth.text)) <= AS_OF.year - 90


def test_younger_patients_keep_their_age_and_the_year_of_birth() -> None:
    for seed in range(20):
        document = _document(seed, elderly=False)
        assert not [s for s in document.spans if s.type == "age_over_89"]
        assert all(s.action == "generalize" for s in document.spans if s.type == "date")


def test_small_area_zip_codes_are_generalized_to_000() -> None:
    zips = [
        s
        for seed in range(80)
        for s in _document(seed, ()).spans
        if s.type == "geographic" and s.kept
    ]
    small = [s for s in zips if s.text[:3] in restricted_zip3()]
    assert small and all(s.kept == "000" for s in small)
    assert all(s.kept == s.text[:3] for s in zips if s not in small)


@settings(max_examples=60, deadline=None)
@given(seed=seeds, elderly=st.booleans())
def test_every_generated_identifier_is_synthetic_safe(seed: int, elderly: bool) -> None:
    for span in _document(seed, elderly=elderly).spans:
        if span.type in ("phone", "fax"):
            assert is_fictional_phone(span.text)
        elif span.type == "email":
            assert is_synthetic_email(span.text)
        elif span.type == "ssn":
            assert is_synthetic_ssn(span.text)
        elif span.type == "mrn":
            assert is_valid_mrn(span.text)
        elif span.type == "ip_address":
            assert is_documentation_ip(span.text)
        elif span.type == "vehicle":
            assert len(span.text) == 17 and not is_valid_vin(span.text)
        elif span.type == "url":
            assert re.match(r"https://www\.example\.(com|org|net)/", span.text)
        elif span.type in ("account_number", "certificate_license", "device", "biometric"):
            assert "RS" in span.text


def test_the_same_seed_gives_the_same_document() -> None:
    assert _document(99, RARE_TYPES[:3], True) == _document(99, RARE_TYPES[:3], True)
    assert _document(99).text != _document(100).text


def test_every_icd10cm_code_in_the_templates_is_valid_and_billable() -> None:
    import simple_icd_10_cm as icd  # here, not at the top: its import reads the whole code set

    for condition in templates().conditions:
        assert icd.is_valid_item(condition.code) and icd.is_leaf(condition.code), condition.code


def test_every_placeholder_in_the_templates_is_filled() -> None:
    document = _document(3)
    assert "{" not in document.text and "}" not in document.text
    data = templates()
    texts: list[str] = []
    for spec in data.kinds.values():
        texts.append(spec.title)
        for block in spec.blocks:
            options = block.text or []
            for option in [options] if isinstance(options, str) else options:
                texts.append(option if isinstance(option, str) else option.text)
    texts += [cell for table in data.tables.values() for row in table.rows for cell in row]
    texts += [o if isinstance(o, str) else o.text for opts in data.extras.values() for o in opts]
    names = {name for text in texts for name in placeholders(text)}
    cast = make_cast(random.Random(1), as_of=AS_OF, elderly=False)
    assert names <= set(cast), names - set(cast)
    assert set(data.extras) == set(RARE_TYPES)
