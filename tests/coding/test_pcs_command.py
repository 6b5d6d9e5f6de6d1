"""``recsim codes pcs``: the next axis's choices, a code's meaning, and the tables' absence."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.coding.release.parts import release_file
from recsim.coding.release.pcs_definitions import build as build_definitions
from recsim.coding.release.pcs_tables import build
from tests.coding.cms_pcs_layout import definitions_xml, tables_xml


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    return release_file("icd10pcs-tables")


@pytest.fixture
def added(cache: Path) -> Path:
    cache.parent.mkdir(parents=True)
    build(io.BytesIO(tables_xml().encode()), 2026, cache)
    return cache


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["codes", "pcs", *argv])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.usefixtures("added")
def test_a_table_lists_its_body_parts_after_its_names(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "0dt")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "0DT: ICD-10-PCS FY2026"
    assert "  3 Operation       T  Resection" in lines
    assert "Definition: Taking out all of a body part" in out
    assert lines[lines.index("Character 4, Body Part (4 choices):") + 1 :] == [
        "  0DT5  Esophagus",
        "  0DT6  Stomach",
        "  0DTF  Large Intestine, Right",
        "  0DTJ  Appendix",
    ]


@pytest.mark.usefixtures("added")
def test_the_choices_follow_the_row_of_the_characters_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, open_, _ = run(capsys, "0DTJ0Z")
    _, scope, _ = run(capsys, "0DTJ4Z")
    assert "0DTJ0ZG" not in open_ and "  0DTJ0ZZ  No Qualifier" in open_
    assert "  0DTJ4ZG  Hand-Assisted" in scope


@pytest.mark.usefixtures("added")
def test_a_full_code_is_explained_axis_by_axis(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "0DTJ4ZZ", "--json")
    data = json.loads(out)
    assert status == 0 and data["valid"] and data["next"] is None
    assert [(p["title"], p["code"], p["label"]) for p in data["path"][3:]] == [
        ("Body Part", "J", "Appendix"),
        ("Approach", "4", "Percutaneous Endoscopic"),
        ("Device", "Z", "No Device"),
        ("Qualifier", "Z", "No Qualifier"),
    ]
    status, out, _ = run(capsys, "0DTJ4ZZ")
    assert out.splitlines()[0] == "0DTJ4ZZ is a valid ICD-10-PCS code (FY2026 tables):"


@pytest.mark.usefixtures("added")
def test_json_lists_the_next_axis_with_definitions(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "0D", "--json")
    data = json.loads(out)
    assert status == 0 and data["next"]["position"] == 3 and data["next"]["title"] == "Operation"
    assert [c["code"] for c in data["next"]["choices"]] == ["B", "T"]
    assert all(c["definition"] for c in data["next"]["choices"])


@pytest.mark.usefixtures("added")
@pytest.mark.parametrize(
    ("prefix", "says"),
    [
        (
            "0SR9ZZZ",
            "no ICD-10-PCS code begins with 0SR9Z: after 0SR9 the Approach (character 5) "
            "can be 0 Open",
        ),
        ("0DX", "no ICD-10-PCS code begins with 0DX: after 0D the Operation (character 3) can be "),
        ("0DI", "0DI: 'I' is not an ICD-10-PCS character"),
        ("0DTJ4ZZZ", "an ICD-10-PCS code has 7 characters; 0DTJ4ZZZ has 8"),
        ("0\x07", "0?: '?' is not an ICD-10-PCS character; codes use the digits 0-9"),
    ],
)
def test_a_prefix_no_code_begins_with_is_one_line(
    capsys: pytest.CaptureFixture[str], prefix: str, says: str
) -> None:
    status, out, err = run(capsys, prefix)
    assert (status, out) == (1, "")
    assert err.startswith(f"recsim: {says}") and err.count("\n") == 1


@pytest.mark.usefixtures("cache")
def test_without_the_tables_it_says_how_to_add_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "0DT")
    assert (status, out) == (1, "")
    assert err == (
        "recsim: The ICD-10-PCS tables have not been added yet; add them with: recsim codes "
        "add icd10pcs_tables_2026.xml (or the FY2026 ICD-10-PCS Code Tables and Index zip, "
        "or recsim codes add --download).\n"
    )


def test_a_damaged_cache_file_is_one_line(capsys: pytest.CaptureFixture[str], added: Path) -> None:
    added.write_bytes(added.read_bytes()[:-5])
    status, _, err = run(capsys, "0DT")
    assert status == 1
    assert "unusable (it is truncated or has extra bytes); add them with" in err


def test_the_definitions_when_added_explain_each_value(
    capsys: pytest.CaptureFixture[str], added: Path
) -> None:
    definitions = added.with_name("icd10pcs-definitions.dat")
    build_definitions(io.BytesIO(definitions_xml().encode()), 2026, definitions)
    status, out, _ = run(capsys, "0DT")
    assert status == 0
    assert "Explanation: The whole named body part is removed" in out
    assert out.splitlines()[-2:] == ["  0DTJ  Appendix", "          Includes: Vermiform appendix"]
    _, out, _ = run(capsys, "0DTJ", "--json")
    choices = {c["code"]: c for c in json.loads(out)["next"]["choices"]}
    assert choices["4"]["definition"].startswith("Instruments enter through a puncture")
    _, out, _ = run(capsys, "0DTJ4ZZ", "--json")
    assert json.loads(out)["path"][3]["includes"] == ["Vermiform appendix"]
