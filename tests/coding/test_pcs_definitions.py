"""The ICD-10-PCS definitions file: its terms explain the tables' values, matched by name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from recsim.coding.release.parts import ReleaseRefused
from recsim.coding.release.pcs_definitions import PART, build, load_terms
from recsim.coding.release.pcs_tables import PARTS, load_tables
from recsim.coding.release.pcs_tables import build as build_tables
from tests.coding.cms_pcs_layout import definitions_xml, tables_xml
from tests.conftest import DATA

BAD = DATA / "pcs_definitions" / "bad"
EXPECTED = {
    "bad-axis-position.xml": ['section 0 has an axis with pos="9" (it must be 1 to 7)'],
    "bad-section-code.xml": ['a section has code "OO", which is not one character'],
    "entity-bomb.xml": ["declares a document type or entities"],
    "no-terms.xml": ["not the ICD-10-PCS definitions file"],
    "tables-file.xml": ["not the ICD-10-PCS definitions file"],
    "truncated.xml": ["stops making sense at line 5", "cut short"],
    "wrong-version.xml": ["says it is the 2025 release, not FY2026"],
}


def both(folder: Path) -> tuple[Path, Path]:
    tables, definitions = folder / "icd10pcs-tables.dat", folder / "icd10pcs-definitions.dat"
    build_tables(io.BytesIO(tables_xml().encode()), 2026, tables)
    assert build(io.BytesIO(definitions_xml().encode()), 2026, definitions) == 5
    return tables, definitions


def test_the_tables_module_offers_every_pcs_part() -> None:
    names = [part.name for part in PARTS]
    assert names == ["icd10pcs-tables", "icd10pcs-definitions", "icd10pcs-index"]
    assert PART.member.fullmatch("icd10pcs_definitions_2026.xml") is not None


def test_terms_explain_the_values_they_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tables_path, definitions_path = both(tmp_path)
    monkeypatch.setattr(
        "recsim.coding.release.pcs_tables.release_file",
        lambda name: tables_path if name == "icd10pcs-tables" else definitions_path,
    )
    tables = load_tables()
    resection = next(c for c in tables.choices("0D") if c.code == "T")
    assert resection.explanation == "The whole named body part is removed"
    assert resection.includes == ("Total nephrectomy", "Appendectomy")
    appendix = next(c for c in tables.choices("0DT") if c.code == "J")
    assert appendix.includes == ("Vermiform appendix",)
    approaches = {c.code: c.definition for c in tables.choices("0DTJ")}
    assert approaches["4"] is not None and approaches["4"].startswith("Instruments enter")
    assert approaches["7"] is None  # no term of that name: the value stands alone
    # Terms are matched within their section and axis only.
    assert next(c for c in tables.choices("0DT") if c.code == "6").includes == ()


def test_without_or_with_a_damaged_definitions_file_the_tables_still_work(
    tmp_path: Path,
) -> None:
    tables_path, definitions_path = both(tmp_path)
    definitions_path.write_bytes(definitions_path.read_bytes()[:-4])
    assert load_terms(definitions_path) == {}
    assert load_terms(tmp_path / "missing.dat") == {}
    assert load_tables(tables_path).is_valid("0DTJ4ZZ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_definitions_file_is_refused_in_one_sentence(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.dat"
    with (BAD / name).open("rb") as stream, pytest.raises(ReleaseRefused) as refused:
        build(stream, 2026, target)
    message = str(refused.value)
    assert message.startswith("icd10pcs_definitions_2026.xml: ") and "\n" not in message
    for part in EXPECTED[name]:
        assert part in message
    assert not target.exists()


def test_every_bad_definitions_file_has_its_expected_message() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def test_another_years_definitions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefused, match="the FY2027 release; recsim codes with FY2026"):
        build(io.BytesIO(definitions_xml().encode()), 2027, tmp_path / "out.dat")
