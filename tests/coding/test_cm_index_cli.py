"""``recsim codes index`` and ``codes search`` with and without the Alphabetic Index added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.coding import cms_cm_layout as layout
from tests.coding.test_cli import run


@pytest.fixture()
def added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    layout.build_all()
    return tmp_path


def test_without_the_index_one_line_names_codes_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    status, out, err = run(capsys, "codes", "index", "Diabetes")
    assert status == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "not added yet" in err and "recsim codes add" in err


def test_the_walk_shows_subterms_modifiers_manifestations_and_see(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "codes", "index", "Diabetes")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[:2] == [
        "ICD-10-CM Alphabetic Index",
        "Diabetes, diabetic (mellitus) (sugar)  E11.9",
    ]
    assert "  poorly controlled  \u2014 see Diabetes, by type, with hyperglycemia" in lines
    assert "      cataract  E11.36 [H28]" in lines


def test_a_subterm_path_after_commas_narrows_the_walk(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "codes", "index", "diabetes,", "type", "2,", "with")
    assert status == 0
    assert "type 1" not in out and "    with" in out and "hyperglycemia  E11.65" in out


def test_tables_show_every_column(added: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "codes", "index", "aspirin")
    assert out.splitlines()[0] == "ICD-10-CM Table of Drugs and Chemicals"
    for heading, code in zip(layout.DRUG_HEADS[1:], ["T39.011", "T39.012"], strict=False):
        assert f"  {heading}: {code}" in out
    _, out, _ = run(capsys, "codes", "index", "lung")
    assert "  Malignant Primary: C34.9-" in out and "  Unspecified Behavior: D49.1" in out


def test_json_lists_the_entry_and_its_subterms(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "codes", "index", "--json", "Pneumonia")
    assert status == 0
    (entry,) = json.loads(out)["entries"]
    assert entry["code"] == "J18.9" and entry["path"] == ["Pneumonia"]
    assert entry["code_also"] == "associated respiratory failure, if present"


def test_words_that_are_no_main_term_are_searched(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "codes", "index", "type 2 diabetes poorly controlled")
    assert status == 0
    assert out.splitlines()[1] == "  Diabetes, type 2, with hyperglycemia -> E11.65"
    status, out, _ = run(capsys, "codes", "index", "zzzz")
    assert status == 0 and out.startswith("No index entry matches 'zzzz'")


@pytest.mark.parametrize("term", [",", " ", ",,,"])
def test_an_empty_term_is_a_one_line_error(
    added: Path, capsys: pytest.CaptureFixture[str], term: str
) -> None:
    status, _, err = run(capsys, "codes", "index", term)
    assert status == 1 and len(err.strip().splitlines()) == 1


def test_codes_search_lists_the_index_hits_first(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "codes", "search", "cellulitis", "left", "lower", "leg")
    assert status == 0 and out.startswith("L03.116")


def test_codes_search_says_once_that_a_damaged_index_file_was_removed(
    added: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from recsim.coding.release.parts import release_file

    release_file("icd10cm-index").write_bytes(b"not an index")
    status, out, err = run(capsys, "codes", "search", "cellulitis", "left", "lower", "leg")
    assert status == 0 and out
    (line,) = err.strip().splitlines()
    assert "ICD-10-CM Alphabetic Index" in line and "recsim codes add" in line
    status, out, err = run(capsys, "codes", "search", "cellulitis")
    assert err == ""
