"""Every claim edit fires when it should, stays quiet when it should not, and cites its source."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.coding import CodeSet
from recsim.coding.edits import MAX_CODES, CheckResult, UnusableClaim, check_codes, definitions

EDIT_IDS = {
    "invalid_code",
    "not_billable",
    "missing_seventh_character",
    "invalid_seventh_character",
    "excludes1_conflict",
    "code_first_sequence",
    "manifestation_as_principal",
    "external_cause_as_principal",
    "unacceptable_principal",
    "sex_conflict",
    "age_conflict",
    "duplicate_code",
}


def edits(result: CheckResult) -> list[tuple[str, list[str]]]:
    return [(e.edit, e.codes) for e in result.edits]


def test_the_edit_definitions_are_exactly_the_published_ids() -> None:
    assert set(definitions()) == EDIT_IDS
    for definition in definitions().values():
        assert definition.source and definition.message


def test_a_clean_claim_has_no_edits(codes: CodeSet) -> None:
    result = check_codes(
        ["e1122", "N18.4", "Z79.4"], sex="F", age=62, setting="inpatient", codeset=codes
    )
    assert result.codes == ["E11.22", "N18.4", "Z79.4"]
    assert result.edits == []


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (["E11.99"], [("invalid_code", ["E11.99"])]),
        (["A00-A09"], [("invalid_code", ["A00-A09"])]),
        ([""], [("invalid_code", [""])]),
        (["E11"], [("not_billable", ["E11"])]),
        (["E11.2"], [("not_billable", ["E11.2"])]),
        (["S52.501"], [("missing_seventh_character", ["S52.501"])]),
        (["T07"], [("missing_seventh_character", ["T07"])]),
        (["S52.501Z"], [("invalid_seventh_character", ["S52.501Z"])]),
        (["T36.01A"], [("invalid_seventh_character", ["T36.01A"])]),
        (["T07A"], [("invalid_seventh_character", ["T07.A"])]),
        (["E10.9", "E11.9"], [("excludes1_conflict", ["E10.9", "E11.9"])]),
        (["N18.4", "E11.22"], [("code_first_sequence", ["N18.4", "E11.22"])]),
        (["W19.XXXA", "S52.501A"], [("external_cause_as_principal", ["W19.XXXA"])]),
        (["Z37.0", "O80"], [("unacceptable_principal", ["Z37.0"])]),
        (["B96.20", "N39.0"], [("unacceptable_principal", ["B96.20"])]),
        (["I10", "E78.5", "i10"], [("duplicate_code", ["I10"])]),
    ],
)
def test_each_edit_fires_on_its_classic_mistake(
    codes: CodeSet, claim: list[str], expected: list[tuple[str, list[str]]]
) -> None:
    assert edits(check_codes(claim, codeset=codes)) == expected


@pytest.mark.parametrize(
    ("heading", "examples"),
    [
        ("E11", ["E11.00", "E11.01", "E11.10"]),
        ("E11.6", ["E11.610", "E11.618", "E11.620"]),
        ("E11.64", ["E11.641", "E11.649"]),
        ("A00", ["A00.0", "A00.1", "A00.9"]),
        ("S52.5", ["S52.501A", "S52.502A", "S52.509A"]),
        ("T36.0", ["T36.0X1A", "T36.0X2A", "T36.0X3A"]),
    ],
)
def test_a_heading_is_answered_with_complete_codes_under_it(
    codes: CodeSet, heading: str, examples: list[str]
) -> None:
    (edit,) = check_codes([heading], codeset=codes).edits
    assert edit.edit == "not_billable"
    assert f"Complete codes under it include {examples[0]}" in edit.message
    for example in examples:
        assert example in edit.message
        assert check_codes([example], codeset=codes).edits == [], (
            f"{example} is not a complete code"
        )
        assert example.startswith(heading)


def test_the_placeholder_message_gives_the_right_code(codes: CodeSet) -> None:
    (edit,) = check_codes(["T36.01A"], codeset=codes).edits
    assert "T36.0X1A" in edit.message
    assert "I.A.4" in edit.source


def test_a_manifestation_listed_first_is_refused_and_its_etiology_must_come_first(
    codes: CodeSet,
) -> None:
    result = check_codes(["F02.80", "G30.9"], codeset=codes)
    assert edits(result) == [
        ("manifestation_as_principal", ["F02.80"]),
        ("code_first_sequence", ["F02.80", "G30.9"]),
    ]
    assert edits(check_codes(["G30.9", "F02.80"], codeset=codes)) == []


def test_code_first_for_adverse_effects_does_not_apply_to_poisoning(codes: CodeSet) -> None:
    # Poisoning is sequenced first (I.C.19.e.5); the adverse effect note is for adverse
    # effects only.
    assert edits(check_codes(["T36.0X1A", "K29.70"], codeset=codes)) == []
    assert edits(check_codes(["T36.0X5A", "K29.70"], codeset=codes)) == [
        ("code_first_sequence", ["T36.0X5A", "K29.70"])
    ]
    assert edits(check_codes(["K29.70", "T36.0X5A"], codeset=codes)) == []


def test_excludes2_pairs_may_be_coded_together(codes: CodeSet) -> None:
    # I10 has an Excludes2 note for hypertension involving vessels of the brain (I60-I69).
    assert edits(check_codes(["I63.9", "I10"], codeset=codes)) == []


def test_excludes1_message_quotes_the_note(codes: CodeSet) -> None:
    (edit,) = check_codes(["E10.9", "E11.9"], codeset=codes).edits
    assert "Excludes1" in edit.message and "E11.-" in edit.message
    assert "I.A.12.a" in edit.source


def test_sex_conflict_says_cms_deactivated_it_and_it_remains_a_data_quality_check(
    codes: CodeSet,
) -> None:
    result = check_codes(["N40.0"], sex="F", codeset=codes)
    (edit,) = result.edits
    assert edit.edit == "sex_conflict"
    assert "1 October 2024" in edit.message and "data-quality check" in edit.message
    assert "Medicare Code Editor" in edit.source
    assert check_codes(["N40.0"], sex="M", codeset=codes).edits == []
    assert check_codes(["N40.0"], codeset=codes).edits == []


@pytest.mark.parametrize(
    ("code", "age", "fires"),
    [
        ("O80", 8, True),
        ("O80", 9, False),
        ("O80", 64, False),
        ("O80", 65, True),
        ("P07.30", 0, False),
        ("P07.30", 1, True),
        ("Z00.121", 17, False),
        ("Z00.121", 18, True),
        ("Z00.00", 14, True),
        ("Z00.00", 15, False),
    ],
)
def test_age_conflict_follows_the_mce_age_groups(
    codes: CodeSet, code: str, age: int, fires: bool
) -> None:
    result = check_codes([code], age=age, sex="F", codeset=codes)
    assert ("age_conflict" in result.ids()) is fires


def test_newborn_age_message_mentions_perinatal_conditions_later_in_life(codes: CodeSet) -> None:
    (edit,) = check_codes(["P07.30"], age=30, codeset=codes).edits
    assert "I.C.16.a.4" in edit.message


def test_principal_edits_look_only_at_the_first_code(codes: CodeSet) -> None:
    assert edits(check_codes(["S52.501A", "W19.XXXA"], codeset=codes)) == []
    assert edits(check_codes(["O80", "Z37.0", "Z3A.39"], sex="F", age=30, codeset=codes)) == []


def test_unacceptable_principal_applies_in_every_setting_it_lists(codes: CodeSet) -> None:
    for setting in ("inpatient", "outpatient", "emergency", None):
        assert (
            "unacceptable_principal"
            in check_codes(["Z68.41", "E66.01"], setting=setting, codeset=codes).ids()
        )


def test_every_edit_message_is_a_sentence_with_a_source(codes: CodeSet) -> None:
    claims = [
        ["E11.99", "E11", "S52.501", "T36.01A"],
        ["W19.XXXA", "S52.501A"],
        ["F02.80", "G30.9"],
        ["Z37.0", "O80", "O80"],
        ["E10.9", "E11.9"],
        ["N40.0"],
    ]
    seen = set()
    for claim in claims:
        for edit in check_codes(claim, sex="F", age=70, codeset=codes).edits:
            seen.add(edit.edit)
            assert edit.message[0].isupper() or edit.message[0].isdigit()
            assert edit.message.endswith(".")
            assert "{" not in edit.message
            assert edit.source
    assert seen == EDIT_IDS


def test_result_serializes_to_the_documented_shape(codes: CodeSet) -> None:
    data = check_codes(["n184", "E11.22"], codeset=codes).to_dict()
    assert data["codes"] == ["N18.4", "E11.22"]
    assert set(data["edits"][0]) == {"edit", "codes", "message", "source"}


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ({"codes": ["I10"] * (MAX_CODES + 1)}, "at most"),
        ({"codes": ["I10"], "age": 125}, "age"),
        ({"codes": ["I10"], "age": -1}, "age"),
        ({"codes": ["I10"], "sex": "X"}, "sex"),
        ({"codes": ["I10"], "setting": "hospice"}, "setting"),
        ({"codes": "I10"}, "list"),
    ],
)
def test_unusable_input_is_refused_with_a_reason(
    codes: CodeSet, arguments: dict, words: str
) -> None:  # type: ignore[type-arg]
    with pytest.raises(UnusableClaim, match=words):
        check_codes(codeset=codes, **arguments)


def test_long_and_strange_codes_are_reported_shortened(codes: CodeSet) -> None:
    result = check_codes(["Z" * 5000, "E11.2\x00", "é11.22"], codeset=codes)
    assert [e.edit for e in result.edits] == ["invalid_code"] * 3
    assert all(len(code) <= 40 for code in result.codes)
    assert all(c.isprintable() for e in result.edits for c in e.message)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(max_size=12), max_size=6),
    st.sampled_from([None, "F", "M"]),
    st.one_of(st.none(), st.integers(0, 124)),
)
def test_checking_never_raises_for_any_codes(
    claim: list[str], sex: str | None, age: int | None
) -> None:
    from recsim.coding import codeset

    result = check_codes(claim, sex=sex, age=age, codeset=codeset())
    assert len(result.codes) == len(claim)
    assert all(e.edit in EDIT_IDS for e in result.edits)


def test_every_unacceptable_principal_entry_names_existing_codes_and_a_source(
    codes: CodeSet,
) -> None:
    from recsim.coding.edits import principal_rules

    for rule in principal_rules():
        assert codes.get(rule.codes.first) is not None and codes.get(rule.codes.last) is not None
        assert "Medicare Code Editor" in rule.source
        assert rule.settings <= {"inpatient", "outpatient"}
