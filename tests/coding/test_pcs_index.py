"""The ICD-10-PCS Index: built from the CMS file, searched by words, shown by codes pcs --index."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.coding.release.parts import ReleaseRefused, release_file
from recsim.coding.release.pcs_index import PART, build, load_index
from recsim.coding.release.pcs_tables import PARTS
from tests.coding.cms_pcs_layout import index_xml
from tests.conftest import DATA

BAD = DATA / "pcs_index" / "bad"
EXPECTED = {
    "entity-bomb.xml": ["declares a document type or entities"],
    "nested-too-deep.xml": ["terms nested deeper than 12 levels under Deep, t2, t3"],
    "no-entries.xml": ["not the ICD-10-PCS Index"],
    "tables-file.xml": ["not the ICD-10-PCS Index"],
    "truncated.xml": ["stops making sense at line 5", "cut short"],
    "wrong-version.xml": ["says it is the 2025 release, not FY2026"],
}


def test_the_index_is_a_part_of_the_pcs_release() -> None:
    assert PART in PARTS
    assert PART.member.fullmatch("icd10pcs_index_2026.xml") is not None


def test_entries_keep_their_path_and_where_they_send(tmp_path: Path) -> None:
    path = tmp_path / "index.dat"
    assert build(io.BytesIO(index_xml().encode()), 2026, path) == 6
    index = load_index(path)
    assert index is not None
    (appendectomy,) = index.search("appendectomy")
    assert appendectomy.said() == "see Excision, Appendix 0DBJ; see Resection, Appendix 0DTJ"
    assert appendectomy.targets() == [
        ("0DBJ", "Appendectomy, see Excision, Appendix 0DBJ"),
        ("0DTJ", "Appendectomy, see Resection, Appendix 0DTJ"),
    ]
    assert [(e.path, e.code) for e in index.search("resect app")] == [
        ("Resection, Appendix", "0DTJ")
    ]
    assert [e.path for e in index.search("pylor")] == ["Excision, Stomach, Pylorus"]
    assert index.search("vermiform")[0].said() == "use Appendix"
    assert index.search("vermiform")[0].targets() == []
    # A main term that matches comes before entries that only mention the word.
    assert [e.path for e in index.search("app")][:2] == ["Appendectomy", "Vermiform appendix"]
    assert index.search("  ") == [] and index.search("zzz") == []


def test_a_missing_or_damaged_index_is_none(tmp_path: Path) -> None:
    path = tmp_path / "index.dat"
    build(io.BytesIO(index_xml().encode()), 2026, path)
    path.write_bytes(path.read_bytes()[:-3])
    assert load_index(path) is None
    assert load_index(tmp_path / "missing.dat") is None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_index_file_is_refused_in_one_sentence(tmp_path: Path, name: str) -> None:
    target = tmp_path / "out.dat"
    with (BAD / name).open("rb") as stream, pytest.raises(ReleaseRefused) as refused:
        build(stream, 2026, target)
    message = str(refused.value)
    assert message.startswith("icd10pcs_index_2026.xml: ") and "\n" not in message
    for part in EXPECTED[name]:
        assert part in message
    assert not target.exists()


def test_every_bad_index_file_has_its_expected_message() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["codes", "pcs", *argv])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_codes_pcs_index_prints_where_each_entry_sends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    status, out, err = run(capsys, "--index", "appendectomy")
    assert (status, out) == (1, "")
    assert err.startswith("recsim: The ICD-10-PCS Index has not been added yet; add it with: ")
    target = release_file("icd10pcs-index")
    target.parent.mkdir(parents=True)
    build(io.BytesIO(index_xml().encode()), 2026, target)
    status, out, _ = run(capsys, "--index", "appendectomy")
    assert status == 0
    assert out.splitlines() == [
        'ICD-10-PCS Index, "appendectomy":',
        "  Appendectomy  see Excision, Appendix 0DBJ; see Resection, Appendix 0DTJ",
    ]
    _, out, _ = run(capsys, "--index", "resection appendix", "--json")
    assert json.loads(out)["entries"] == [
        {"path": "Resection, Appendix", "code": "0DTJ", "see": "", "use": ""}
    ]
    _, out, _ = run(capsys, "--index", "lobotomy")
    assert out.startswith('No ICD-10-PCS Index entry matches "lobotomy".')
    status, _, err = run(capsys, "0DT", "--index", "appendectomy")
    assert status == 2 and "not both" in err
