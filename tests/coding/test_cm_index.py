"""The ICD-10-CM index parts of a CMS release: built from the XML, loaded, walked, searched.

The XML is written by :mod:`tests.coding.cms_cm_layout` in the CMS layout; nothing here
needs the real release files.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from recsim.coding import CodeSet
from recsim.coding.alphabetic import alphabetic_index, index_note
from recsim.coding.release.cm_index import PARTS
from recsim.coding.release.parts import ReleaseRefused, release_file
from recsim.coding.search import search as tabular_search
from tests.coding import cms_cm_layout as layout

BAD = Path(__file__).resolve().parents[1] / "data" / "cms_cm_index"
PHRASES = {
    "type 2 diabetes poorly controlled": ["E11.65"],
    "cellulitis left lower leg": ["L03.116"],
    "hypertensive chronic kidney disease stage 3": ["I12.9", "N18.30"],
    "physiologic jaundice newborn": ["P59.9"],
    "elevated blood lead": ["R78.71"],
    "adult physical exam no abnormal findings": ["Z00.00"],
}


@pytest.fixture()
def added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of its own holding the four parts, as ``recsim codes add`` leaves them."""
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    layout.build_all()
    return tmp_path


@pytest.fixture()
def not_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_the_parts_read_the_cms_file_names_and_no_other() -> None:
    names = {part.name: part for part in PARTS}
    assert list(names) == ["icd10cm-index", "icd10cm-eindex", "icd10cm-neoplasm", "icd10cm-drug"]
    for name, member in layout.MEMBERS.items():
        matches = [p.name for p in PARTS if p.member.fullmatch(member)]
        assert matches == [name]
        found = names[name].member.fullmatch(member)
        assert found is not None and found["year"] == "2026"
    assert not any(p.member.fullmatch("icd10cm_tabular_2026.xml") for p in PARTS)


def _count(entries: list[layout.Entry]) -> int:
    return sum(1 + _count(subterms) for _, _, _, subterms in entries)


def test_build_counts_every_entry_and_subterm(tmp_path: Path) -> None:
    counts = layout.build_all(tmp_path)
    assert counts == {
        name: sum(_count(entries) for _, entries in layout.CONTENT[name][0])
        for name in layout.MEMBERS
    }
    assert counts["icd10cm-index"] > 30


@pytest.mark.parametrize("phrase", PHRASES)
def test_search_finds_the_six_phrases_first_through_the_index(
    added: Path, codes: CodeSet, phrase: str
) -> None:
    wanted = PHRASES[phrase]
    found = [info.code for info in codes.search(phrase, 10)]
    assert found[: len(wanted)] == wanted


@pytest.mark.parametrize("phrase", PHRASES)
def test_without_the_index_search_is_the_tabular_search(
    not_added: Path, codes: CodeSet, phrase: str
) -> None:
    tabular = [
        codes._info(hit.entry, hit.seventh).code for hit in tabular_search(codes, phrase, 10)
    ]
    assert codes.index_search(phrase) == []
    assert [info.code for info in codes.search(phrase, 10)] == tabular


def test_a_see_reference_is_followed_by_the_type_the_query_names(
    added: Path, codes: CodeSet
) -> None:
    (hit, *_) = codes.index_search("type 1 diabetes poorly controlled")
    assert (hit.code, hit.path) == ("E10.65", "Diabetes, type 1, with hyperglycemia")
    assert hit.named == hit.terms


def test_use_additional_code_pairs_two_entries_principal_first(added: Path, codes: CodeSet) -> None:
    first, second, *_ = codes.index_search("hypertensive chronic kidney disease stage 3")
    assert (first.code, first.also, second.code) == ("I12.9", "N18.30", "N18.30")
    assert first.path == "Hypertension, kidney, with stage 1 through stage 4 chronic kidney disease"


def test_tables_are_searched_by_column(added: Path, codes: CodeSet) -> None:
    (hit, *_) = codes.index_search("aspirin poisoning accidental")
    assert hit.code == "T39.011"
    assert hit.path == "Aspirin, Poisoning, Accidental (unintentional)"


def test_a_code_typed_as_a_query_is_not_looked_up_in_the_index(added: Path, codes: CodeSet) -> None:
    assert codes.index_search("E11.6 hyperglycemia") == []


def test_walk_reaches_subterms_with_their_notes(added: Path) -> None:
    index = alphabetic_index().index
    assert index is not None
    ((part, i),) = index.walk("Diabetes, type 2, with, cataract")
    entry = index.entry(part, i)
    assert (entry.code, entry.manif) == ("E11.36", "H28")
    assert entry.path == ("Diabetes, diabetic", "type 2", "with", "cataract")
    ((part, i),) = index.walk("pneumonia")
    entry = index.entry(part, i)
    assert entry.nemod == "(acute) (double) (migratory) (purulent)"
    assert entry.code_also == "associated respiratory failure, if present"
    ((part, i),) = index.walk("lung")
    assert dict(index.entry(part, i).columns)["Malignant Secondary"] == "C78.0-"
    assert index.walk("Diabetes, type 7") == []


@pytest.mark.parametrize(
    ("code", "note"),
    [
        ("E11.65", "Index: Diabetes, type 2, with hyperglycemia -> E11.65"),
        ("N18.31", "Index: Disease, kidney, chronic, stage 3, stage 3a -> N18.31"),
        (
            "C34.90",
            "Table of Neoplasms: lung, Malignant Primary -> C34.9-, "
            "completed in the Tabular List as C34.90",
        ),
        (
            "T39.011A",
            "Table of Drugs and Chemicals: Aspirin, Poisoning, Accidental (unintentional) "
            "-> T39.011, completed in the Tabular List as T39.011A",
        ),
        (
            "W11.XXXA",
            "External Cause of Injuries Index: Fall, from, off, out of, ladder -> W11, "
            "completed in the Tabular List as W11.XXXA",
        ),
        ("J45.909", ""),
    ],
)
def test_index_note_names_the_shortest_path_to_a_code(added: Path, code: str, note: str) -> None:
    assert index_note(code) == note


def test_no_index_note_without_the_index(not_added: Path) -> None:
    assert index_note("E11.65") == ""


def test_a_damaged_cache_file_is_reported_removed_and_never_trusted(added: Path) -> None:
    path = release_file("icd10cm-index")
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    state = alphabetic_index()
    assert len(state.problems) == 1 and "checksum" in state.problems[0]
    assert "recsim codes add" in state.problems[0]
    assert "ICD-10-CM Alphabetic Index" in state.missing
    assert not path.exists()
    assert state.index is not None and len(state.index.parts) == 3


@pytest.mark.parametrize("damage", ["truncate", "garbage", "other_part", "empty"])
def test_every_kind_of_damage_is_caught(added: Path, damage: str) -> None:
    path = release_file("icd10cm-drug")
    raw = path.read_bytes()
    path.write_bytes(
        {
            "truncate": raw[: len(raw) // 2],
            "garbage": b"\x00\xff" * 100,
            "other_part": release_file("icd10cm-neoplasm").read_bytes(),
            "empty": b"",
        }[damage]
    )
    state = alphabetic_index()
    assert len(state.problems) == 1 and "Table of Drugs" in state.problems[0]
    assert "\n" not in state.problems[0]


BAD_FILES = {
    "wrong_year.xml": "says it is version '2025'; recsim reads the FY2026 release",
    "truncated.xml": "stops making sense at line 6, column 71",
    "entity_bomb.xml": "declares a document type or entities",
    "external_entity.xml": "declares a document type or entities",
    "wrong_root.xml": "is not an ICD-10-CM index (no ICD10CM.index root)",
    "foreign.xml": "is titled 'News', not the ICD-10-CM Alphabetic Index",
    "neoplasm_table.xml": "is titled 'ICD-10-CM TABLE OF NEOPLASMS'",
    "no_version.xml": "has no <version>",
    "empty.xml": "stops making sense at line 1",
    "no_entries.xml": "holds no index entries",
}


def test_every_bad_file_has_its_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(BAD_FILES)


@pytest.mark.parametrize(("name", "message"), BAD_FILES.items())
def test_a_bad_file_is_refused_in_one_located_sentence(
    tmp_path: Path, name: str, message: str
) -> None:
    target = tmp_path / "part.dat"
    with (BAD / name).open("rb") as stream, pytest.raises(ReleaseRefused) as refused:
        PARTS[0].build(stream, 2026, target)
    said = str(refused.value)
    assert said.startswith("ICD-10-CM Alphabetic Index (icd10cm-index): ")
    assert message in said and "\n" not in said
    assert not target.exists()


def test_another_years_file_name_is_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefused, match="FY2025 release; recsim reads the FY2026 files"):
        PARTS[0].build(io.BytesIO(layout.xml("icd10cm-index")), 2025, tmp_path / "x.dat")


@pytest.mark.parametrize(
    ("part", "source", "message"),
    [
        (2, "icd10cm-index", "is titled 'ICD-10-CM INDEX TO DISEASES and INJURIES'"),
        (3, "icd10cm-neoplasm", "is titled 'ICD-10-CM TABLE OF NEOPLASMS'"),
        (1, "icd10cm-drug", "is titled 'ICD-10-CM TABLE OF DRUGS AND CHEMICALS'"),
    ],
)
def test_a_file_that_is_another_part_is_refused(
    tmp_path: Path, part: int, source: str, message: str
) -> None:
    with pytest.raises(ReleaseRefused, match=message):
        PARTS[part].build(io.BytesIO(layout.xml(source)), 2026, tmp_path / "x.dat")


def test_a_table_without_its_headings_is_refused(tmp_path: Path) -> None:
    no_heads = layout.xml("icd10cm-neoplasm").replace(b"<indexHeading>", b"<x>")
    no_heads = no_heads.replace(b"</indexHeading>", b"</x>")
    with pytest.raises(ReleaseRefused, match="no column headings"):
        PARTS[2].build(io.BytesIO(no_heads), 2026, tmp_path / "x.dat")


def test_a_table_with_another_tables_headings_is_refused(tmp_path: Path) -> None:
    drug_heads = layout.xml("icd10cm-drug", title=layout.TITLES["icd10cm-neoplasm"])
    with pytest.raises(ReleaseRefused, match=r"column headings .* are not those of the"):
        PARTS[2].build(io.BytesIO(drug_heads), 2026, tmp_path / "x.dat")


def test_a_crafted_file_that_passes_the_checksum_is_caught_when_used(
    added: Path, codes: CodeSet
) -> None:
    import hashlib
    import json
    from array import array

    path = release_file("icd10cm-index")
    raw = path.read_bytes()
    magic_end = raw.index(b"\n") + 1
    head_end = raw.index(b"\n", magic_end)
    header = json.loads(raw[magic_end:head_end])
    payload = bytearray(raw[head_end + 1 :])
    start, length = header["sections"]["parent"]
    parents = array("i", bytes(payload[start : start + length]))
    parents[2] = 10**6  # "Cellulitis, lower limb" says its parent is past the end of the part
    payload[start : start + length] = parents.tobytes()
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    path.write_bytes(raw[:magic_end] + json.dumps(header).encode() + b"\n" + bytes(payload))
    assert codes.index_search("cellulitis left leg") == []
    assert not path.exists()
    (problem,) = alphabetic_index().problems
    assert "damaged" in problem and "recsim codes add" in problem


def test_table_headings_are_placed_by_their_column_numbers(tmp_path: Path) -> None:
    from recsim.coding.release.index_cache import read

    # Column 7's heading first, and no heading for column 1: each lands by its number.
    last = b'<head col="7">Underdosing</head>'
    shuffled = layout.xml("icd10cm-drug").replace(b'<head col="1">Substance</head>', b"")
    shuffled = shuffled.replace(last, b"").replace(b"<indexHeading>", b"<indexHeading>" + last)
    PARTS[3].build(io.BytesIO(shuffled), 2026, tmp_path / "drug.dat")
    part = read(tmp_path / "drug.dat", "icd10cm-drug")
    assert part.columns == list(layout.DRUG_HEADS[1:])
    assert part.cells[0].split("\t")[-1] == "T39.016"


def test_table_headings_without_column_numbers_count_from_the_first(tmp_path: Path) -> None:
    from recsim.coding.release.index_cache import read

    plain = layout.xml("icd10cm-neoplasm")
    for number in range(1, 8):
        plain = plain.replace(f'<head col="{number}">'.encode(), b"<head>")
    PARTS[2].build(io.BytesIO(plain), 2026, tmp_path / "neoplasm.dat")
    assert read(tmp_path / "neoplasm.dat", "icd10cm-neoplasm").columns[0] == "Malignant Primary"


def test_the_coding_search_says_whether_the_index_leads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Without the files everything else works and the screen says how to add them."
    from recsim.tui.widgets.code_detail import search_hint

    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    without = search_hint().plain
    assert "recsim codes add --download" in without and "Enter adds a code" in without
    layout.build_all()
    with_index = search_hint().plain
    assert "from the Alphabetic Index first" in with_index and "codes add" not in with_index
