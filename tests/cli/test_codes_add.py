"""``recsim codes add|status`` with fake release parts: what is added, what is refused, and
that a refused file leaves the code-set cache exactly as it was (issue 17, "Done when")."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import pytest

import recsim.coding.release as registry
from recsim.cli import main
from recsim.coding.release import archive
from recsim.coding.release.parts import ReleaseRefused, release_file
from tests.cli.cms_archives import BAD, FAKE_PARTS, bad_files, cm_zip, index_xml, pcs_zip, zip_bytes

REFUSED = {
    "not-a-release.txt": "neither a zip archive nor an XML file",
    "xml-bomb.zip": "declares a document type or entities",
    "truncated.zip": "damaged or cut short (its table of contents cannot be read)",
    "crc-damaged.zip": "damaged (its checksum does not match)",
    "wrong-year.zip": "this is the FY2025 ICD-10-CM Alphabetic Index (test); recsim's code set "
    "is FY2026",
    "foreign.zip": "this is not a CMS ICD-10 release archive: it holds minutes.txt, photo.jpg",
    "climbs-out.zip": "leads out of the archive's folder",
    "empty.zip": "this is not a CMS ICD-10 release archive: it holds nothing",
    "cut-xml.zip": "the XML stops making sense at line",
    "icd10cm_index_2027.xml": "this is the FY2027 ICD-10-CM Alphabetic Index (test)",
}


@pytest.fixture(autouse=True)
def fake_parts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(registry, "all_parts", lambda: FAKE_PARTS)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(["codes", *argv])
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def cache_state() -> dict[str, tuple[bytes, int]]:
    folder = release_file("x").parent
    if not folder.exists():
        return {}
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def add_first_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "add", str(write(tmp_path, "cm.zip", cm_zip(terms=4))))
    assert status == 0, err


def test_the_bad_files_folder_holds_what_the_generator_makes() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(REFUSED)
    assert {p.name: p.read_bytes() for p in BAD.iterdir()} == bad_files()


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_file_is_refused_in_one_line_and_the_cache_is_unchanged(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_first_version(tmp_path, capsys)
    before = cache_state()
    assert "fake-cm-index.dat" in before
    status, out, err = run(capsys, "add", str(BAD / name))
    message = err.strip().splitlines()[-1]
    assert status == 1 and out == ""
    assert message.startswith(f"recsim: {BAD / name}")
    assert REFUSED[name] in message
    assert message.endswith(". Nothing was added: the code-set cache is as it was.")
    assert "Traceback" not in err
    assert cache_state() == before
    assert [p.name for p in release_file("x").parent.iterdir() if p.suffix == ".tmp"] == []


def test_a_good_part_beside_a_refused_one_is_not_added_either(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pcs = write(tmp_path, "pcs.zip", pcs_zip())
    status, _, err = run(capsys, "add", str(pcs), str(BAD / "xml-bomb.zip"))
    assert status == 1 and "declares a document type" in err
    assert cache_state() == {}


def test_the_parts_are_added_with_a_summary_and_status_tells_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cm = write(tmp_path, "cm.zip", cm_zip(terms=3))
    status, out, err = run(capsys, "add", str(cm))
    assert status == 0, err
    assert f"Reading {cm}..." in err and "Building the ICD-10-CM Alphabetic Index (test)" in err
    assert "ICD-10-CM Alphabetic Index (test)  FY2026, 3 entries" in out
    assert f"{cm} > Table and Index/icd10cm_index_2026.xml" in out
    built = release_file("fake-cm-index").read_text(encoding="utf-8").splitlines()
    assert built == ["2026\tCondition 000000", "2026\tCondition 000001", "2026\tCondition 000002"]
    status, out, _ = run(capsys, "status")
    assert status == 0
    assert "ICD-10-CM Alphabetic Index (test)  added, FY2026, 3 entries" in out
    assert "ICD-10-PCS Tables (test)           not added" in out
    assert "recsim codes add --download" in out and "2026-icd-10-pcs" in out
    status, out, _ = run(capsys, "status", "--json")
    rows = {row["name"]: row for row in json.loads(out)["parts"]}
    assert rows["fake-cm-index"] == {
        "name": "fake-cm-index",
        "title": "ICD-10-CM Alphabetic Index (test)",
        "added": True,
        "year": 2026,
        "entries": 3,
    }
    assert rows["fake-pcs-tables"]["added"] is False


def test_an_xml_file_from_the_release_is_read_on_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = write(tmp_path, "icd10cm_index_2026.xml", index_xml(1))
    status, out, err = run(capsys, "add", str(xml))
    assert status == 0, err
    assert f"FY2026, 1 entry (from {xml})" in out and "  1 entry\n" in err


def test_a_zip_inside_a_zip_is_opened(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outer = zip_bytes({"2026-code-tables.zip": cm_zip(terms=5), "pcs/inner.zip": pcs_zip(4)})
    status, out, err = run(capsys, "add", str(write(tmp_path, "outer.zip", outer)))
    assert status == 0, err
    assert "5 entries" in out and "4 entries" in out
    assert "outer.zip > 2026-code-tables.zip > Table and Index/icd10cm_index_2026.xml" in out


def test_a_zip_bomb_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = zip_bytes({"icd10cm_index_2026.xml": b"<a>" + b" " * (20 * 2**20) + b"</a>"})
    status, _, err = run(capsys, "add", str(write(tmp_path, "bomb.zip", bomb)))
    assert status == 1 and "times its compressed size (a zip bomb?)" in err
    assert cache_state() == {}


def test_an_archive_listing_too_many_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    many = zip_bytes({f"f{n}.txt": b"" for n in range(6)} | {"icd10cm_index_2026.xml": b"<a/>"})
    status, _, err = run(capsys, "add", str(write(tmp_path, "many.zip", many)))
    assert status == 1 and "the archive lists 7 files" in err


def test_a_member_claiming_more_than_the_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 1000)
    path = write(tmp_path, "cm.zip", cm_zip(terms=40))
    status, _, err = run(capsys, "add", str(path))
    assert status == 1 and "recsim reads release files of at most 1,000 bytes" in err
    with zipfile.ZipFile(path) as opened:
        assert opened.getinfo("Table and Index/icd10cm_index_2026.xml").file_size > 1000


def test_the_same_part_given_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cm = write(tmp_path, "cm.zip", cm_zip())
    xml = write(tmp_path, "icd10cm_index_2026.xml", index_xml(2))
    status, _, err = run(capsys, "add", str(cm), str(xml))
    assert status == 1 and "is also in" in err and "give each file once" in err


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        ((), 2, "give the CMS release files to add"),
        (("--force", "x.zip"), 2, "--force goes with --download"),
        (("missing.zip",), 1, "missing.zip: no such file. Nothing was added"),
    ],
)
def test_usage_and_missing_files(
    argv: tuple[str, ...], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    got, _, err = run(capsys, "add", *argv)
    assert got == status and message in err and "Traceback" not in err


def test_a_folder_or_a_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "add", "/dev/zero")
    assert status == 1 and "is not a regular file" in err
    status, _, err = run(capsys, "add", str(BAD))
    assert status == 1 and "is a folder" in err


def test_a_damaged_added_list_does_not_break_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_first_version(tmp_path, capsys)
    (release_file("x").parent / "added.json").write_bytes(b"\x00{not json")
    status, out, _ = run(capsys, "status")
    assert status == 0 and "ICD-10-CM Alphabetic Index (test)  added\n" in out


def test_without_any_part_the_command_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(registry, "all_parts", lambda: ())
    status, _, err = run(capsys, "add", str(write(tmp_path, "cm.zip", cm_zip())))
    assert status == 1 and "cannot build any part" in err


def test_zips_inside_a_zip_are_bounded_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive, "MAX_NESTED_BYTES", len(cm_zip()) + 10)
    outer = zip_bytes({"a.zip": cm_zip(), "b.zip": pcs_zip()})
    status, _, err = run(capsys, "add", str(write(tmp_path, "outer.zip", outer)))
    assert status == 1 and "the zips inside this archive hold more than" in err
    assert cache_state() == {}


def test_a_part_s_own_refusal_names_the_file_and_member_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(stream: object, year: int, path: Path) -> int:
        raise ReleaseRefused("ICD-10-CM Alphabetic Index", "the file holds no index entries")

    part = dataclasses.replace(FAKE_PARTS[0], build=refuse)
    monkeypatch.setattr(registry, "all_parts", lambda: (part,))
    cm = write(tmp_path, "cm.zip", cm_zip())
    status, _, err = run(capsys, "add", str(cm))
    assert err.strip().splitlines()[-1] == (
        f"recsim: {cm} > Table and Index/icd10cm_index_2026.xml: the file holds no index "
        "entries. Nothing was added: the code-set cache is as it was."
    )
    assert status == 1 and cache_state() == {}
