"""The FY2026 code set as the index holds it: codes, hierarchy, notes and 7th characters."""

from __future__ import annotations

import pytest

from recsim.coding import CodeRange, CodeSet


def test_the_whole_fy2026_code_set_is_there(codes: CodeSet) -> None:
    # The April 1, 2026 code list has 74,719 complete codes (the package's own
    # leaf count, 74,736, also counts 12 empty block headings and 5 repeats).
    assert codes.billable_count == 74_719
    assert codes.source.startswith("1.5.")


@pytest.mark.parametrize(
    ("code", "kind", "billable"),
    [
        ("4", "chapter", False),
        ("E08-E13", "block", False),
        ("E11", "category", False),
        ("I10", "category", True),
        ("E11.2", "subcategory", False),
        ("E11.22", "code", True),
        ("S52.501", "subcategory", False),
        ("S52.501A", "code", True),
        ("T07.XXXA", "code", True),
    ],
)
def test_each_entry_knows_its_kind_and_whether_it_is_billable(
    codes: CodeSet, code: str, kind: str, billable: bool
) -> None:
    info = codes.get(code)
    assert info is not None
    assert (info.kind, info.billable) == (kind, billable)


def test_unknown_codes_are_not_found(codes: CodeSet) -> None:
    for code in ("E11.99", "XYZ", "", "T36.01A", "S52.501Z", "E11.22A", "€11.22", "A" * 10_000):
        assert codes.get(code) is None


def test_a_code_knows_its_chapter_block_and_parent(codes: CodeSet) -> None:
    info = codes.get("E11.22")
    assert info is not None
    assert info.description == "Type 2 diabetes mellitus with diabetic chronic kidney disease"
    assert (info.chapter, info.block, info.parent) == (4, "E08-E13", "E11.2")
    assert info.chapter_title.startswith("Endocrine, nutritional and metabolic diseases")
    assert [a.code for a in codes.ancestors("E11.22")] == ["4", "E08-E13", "E11", "E11.2"]


def test_a_single_category_block_still_finds_the_category(codes: CodeSet) -> None:
    info = codes.get("B10")
    assert info is not None and info.kind == "category"
    assert [a.code for a in codes.ancestors("B10")] == ["1", "B10"]


def test_excludes1_notes_apply_from_every_level_above(codes: CodeSet) -> None:
    info = codes.get("E11.22")
    assert info is not None
    type1 = [n for n in info.excludes1 if "type 1 diabetes" in n.text]
    assert type1 and type1[0].at == "E11"
    assert type1[0].names("E10.9") and not type1[0].names("E11.9")


def test_note_references_become_code_ranges(codes: CodeSet) -> None:
    i10 = codes.get("I10")
    assert i10 is not None
    pregnancy = next(n for n in i10.excludes1 if "pregnancy" in n.text)
    assert [str(r) for r in pregnancy.codes] == ["O10-O11", "O13-O16"]
    assert "O10.02" in pregnancy.codes[0] and "O12.00" not in pregnancy.codes[0]


def test_with_suffix_references_name_only_those_codes(codes: CodeSet) -> None:
    # "(E08-E13 with .43)" means E08.43 ... E13.43, not the whole of diabetes.
    info = codes.get("G99.0")
    assert info is not None
    diabetic = next(n for n in info.excludes1 if "diabetic" in n.text)
    assert diabetic.names("E11.43") and diabetic.names("E08.43")
    assert not diabetic.names("E11.9")


def test_code_ranges_hold_subdivisions_and_compare_in_tabular_order() -> None:
    assert "N18.30" in CodeRange("N18.1", "N18.6")
    assert "N18" not in CodeRange("N18.1", "N18.6")
    assert "O9A.11" in CodeRange("O00", "O9A")
    assert "H35.021" in CodeRange("H35.0", "H35.0")


def test_seventh_characters_are_inherited_from_the_category(codes: CodeSet) -> None:
    heading = codes.get("S52.501")
    assert heading is not None
    assert heading.needs_seventh_character
    assert heading.seventh_characters["A"] == "initial encounter for closed fracture"
    assert "S" in heading.seventh_characters
    code = codes.get("S52.501A")
    assert code is not None
    assert code.seventh_character == "A" and not code.needs_seventh_character
    assert code.description.endswith("initial encounter for closed fracture")
    assert [c.code for c in codes.children("S52.501")][:2] == ["S52.501A", "S52.501B"]


def test_placeholder_x_pads_short_codes_before_the_seventh_character(codes: CodeSet) -> None:
    info = codes.get("T07")
    assert info is not None and info.needs_seventh_character
    assert info.placeholder_code == "T07.XXX"
    assert codes.get("T36.0X1A") is not None


def test_only_confirmed_seventh_characters_make_codes(codes: CodeSet) -> None:
    # The code list, not the definition, decides: O31.10 has no 7th character 0-9 beyond
    # those listed.
    heading = codes.get("O31.10")
    assert heading is not None
    assert all(codes.get(f"O31.10X{c}") is not None for c in heading.seventh_characters)


def test_manifestation_codes_are_flagged(codes: CodeSet) -> None:
    for code in ("G99.0", "F02.80", "H36.89"):
        info = codes.get(code)
        assert info is not None and info.manifestation, code
    for code in ("E11.22", "B96.20", "G30.9"):
        info = codes.get(code)
        assert info is not None and not info.manifestation, code


def test_code_first_and_use_additional_notes_name_codes(codes: CodeSet) -> None:
    ckd = codes.get("N18.4")
    assert ckd is not None
    assert any(n.names("E11.22") for n in ckd.code_first)
    assert any(n.names("I12.9") for n in ckd.code_first)
    diabetic = codes.get("E11.22")
    assert diabetic is not None
    assert any(n.names("N18.4") for n in diabetic.use_additional)


def test_inclusion_terms_are_kept(codes: CodeSet) -> None:
    info = codes.get("F02.80")
    assert info is not None
    assert any("Major neurocognitive disorder" in t for t in info.inclusion_terms)


def test_code_info_serializes_to_plain_data(codes: CodeSet) -> None:
    import json

    info = codes.get("S52.501A")
    assert info is not None
    data = json.loads(json.dumps(info.to_dict()))
    assert data["code"] == "S52.501A" and data["seventh_character"] == "A"
    assert data["seventh_characters"]["D"].startswith("subsequent encounter")


def test_a_category_shows_the_seventh_characters_its_codes_take(codes: CodeSet) -> None:
    category = codes.get("S52")
    assert category is not None and not category.needs_seventh_character
    assert "A" in category.seventh_characters
    complete = codes.get("E11.22")
    assert complete is not None and complete.seventh_characters == {}
