"""The index is built once, loaded fast, and rebuilt when missing, stale or damaged.

Corruption tests work on copies of the session's index in their own tmp
folders; all but one replace the (real, ~2 s) builder with a copy of the good
index, since what they pin is the detection and the rebuild decision.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from recsim.coding import CodeSet, CodeSetUnavailable, codeset, index_file
from recsim.coding import build as build_module
from recsim.coding.codeset import index_path, load
from recsim.coding.index_file import IndexDamaged
from recsim.coding.tabular import Source, find_source


@pytest.fixture(scope="module")
def pristine(codes: CodeSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good index file of this module's own (other tests on this worker may rebuild or
    remove the shared one while these run in parallel)."""
    path = tmp_path_factory.mktemp("pristine") / index_path().name
    build_module.build(path, find_source(), lambda message: None)
    return path


@pytest.fixture
def folder(tmp_path: Path, pristine: Path) -> Path:
    """A cache folder holding a copy of the good index, under its real name."""
    shutil.copy(pristine, tmp_path / pristine.name)
    return tmp_path


@pytest.fixture
def rebuilds(monkeypatch: pytest.MonkeyPatch, pristine: Path) -> list[Path]:
    """Builds requested (each answered with a copy of the good index)."""
    calls: list[Path] = []

    def fake_build(path: Path, source: Source, progress: Callable[[str], None]) -> None:
        calls.append(path)
        progress("building (test copy)")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(pristine, path)

    monkeypatch.setattr(build_module, "build", fake_build)
    return calls


def _messages() -> tuple[list[str], Callable[[str], None]]:
    said: list[str] = []
    return said, said.append


def _rewrite(path: Path, change: Callable[[dict, bytearray], None]) -> None:  # type: ignore[type-arg]
    """Edit an index's header and payload, then fix its checksum (a crafted file)."""
    raw = path.read_bytes()
    end = raw.index(b"\n", len(index_file.MAGIC))
    header = json.loads(raw[len(index_file.MAGIC) : end])
    payload = bytearray(raw[end + 1 :])
    change(header, payload)
    header["sha256"] = hashlib.sha256(payload).hexdigest()
    header["size"] = len(payload)
    path.write_bytes(index_file.MAGIC + json.dumps(header).encode() + b"\n" + bytes(payload))


def test_codeset_is_loaded_once_per_process() -> None:
    assert codeset() is codeset()


def test_a_good_index_loads_without_building(folder: Path, rebuilds: list[Path]) -> None:
    said, progress = _messages()
    codes = load(progress, folder)
    assert rebuilds == [] and said == []
    assert codes.get("E11.22") is not None


def test_a_missing_index_is_built_with_progress(tmp_path: Path, rebuilds: list[Path]) -> None:
    said, progress = _messages()
    codes = load(progress, tmp_path)
    assert len(rebuilds) == 1
    assert "there is no index yet" in said[0]
    assert codes.billable_count == 74_719


def test_a_truncated_index_is_detected_and_really_rebuilt(folder: Path, pristine: Path) -> None:
    path = folder / pristine.name
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    said, progress = _messages()
    codes = load(progress, folder)
    assert "truncated" in said[0]
    assert any("ready" in message for message in said)
    assert codes.get("S52.501A") is not None
    assert path.read_bytes() == pristine.read_bytes()  # the build is deterministic
    assert [p.name for p in folder.iterdir()] == [pristine.name]  # no temporary file left behind


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda raw: b"", "not a recsim index"),
        (lambda raw: bytes(range(256)) * 100, "not a recsim index"),
        (lambda raw: raw[:30], "header is damaged"),
        (lambda raw: raw[:-1] + bytes([raw[-1] ^ 0xFF]), "checksum"),
        (lambda raw: raw + b"extra", "truncated or has extra bytes"),
        (
            lambda raw: raw.replace(b'"format": %d' % index_file.FORMAT, b'"format": 0', 1),
            "another version of recsim",
        ),
    ],
)
def test_a_damaged_index_is_rebuilt(
    folder: Path,
    pristine: Path,
    rebuilds: list[Path],
    damage: Callable[[bytes], bytes],
    reason: str,
) -> None:
    path = folder / pristine.name
    path.write_bytes(damage(path.read_bytes()))
    said, progress = _messages()
    codes = load(progress, folder)
    assert len(rebuilds) == 1
    assert reason in said[0]
    assert codes.get("E11.22") is not None


def test_a_named_pipe_in_place_of_the_index_is_rebuilt_not_waited_on(
    tmp_path: Path, pristine: Path, rebuilds: list[Path]
) -> None:
    path = tmp_path / pristine.name
    os.mkfifo(path)  # reading it would wait for a writer forever
    said, progress = _messages()
    codes = load(progress, tmp_path)
    assert rebuilds and "not a regular file" in said[0]
    assert codes.get("E11.22") is not None


def test_an_index_from_another_release_is_stale(
    folder: Path, pristine: Path, rebuilds: list[Path]
) -> None:
    def other_release(header: dict, payload: bytearray) -> None:  # type: ignore[type-arg]
        header["source"] = "1.4.9:1:1"

    _rewrite(folder / pristine.name, other_release)
    said, progress = _messages()
    load(progress, folder)
    assert len(rebuilds) == 1 and "another release" in said[0]


def test_indexes_of_older_versions_are_removed_after_a_build(
    tmp_path: Path, rebuilds: list[Path]
) -> None:
    (tmp_path / "icd10cm-1.4.0-format1.index").write_bytes(b"old")
    load(lambda message: None, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [rebuilds[0].name]


def test_a_crafted_index_with_a_valid_checksum_fails_cleanly(folder: Path, pristine: Path) -> None:
    path = folder / pristine.name

    def out_of_range_parent(header: dict, payload: bytearray) -> None:  # type: ignore[type-arg]
        start, _ = header["sections"]["parent"]
        payload[start : start + 4] = (10**9).to_bytes(4, "little", signed=True)

    _rewrite(path, out_of_range_parent)
    with pytest.raises(IndexDamaged):
        index_file.read(path, {"source": find_source().stamp})


def test_unreadable_notes_in_a_crafted_index_raise_a_clear_error(
    folder: Path, pristine: Path
) -> None:
    path = folder / pristine.name

    def garbage_notes(header: dict, payload: bytearray) -> None:  # type: ignore[type-arg]
        start, length = header["sections"]["details"]
        payload[start : start + length] = b"{" * length

    _rewrite(path, garbage_notes)
    codes = CodeSet(index_file.read(path, {"source": find_source().stamp}))
    with pytest.raises(CodeSetUnavailable, match="damaged"):
        codes.get("E11.22")


def test_an_unwritable_cache_folder_still_gives_a_code_set(
    tmp_path: Path, rebuilds: list[Path]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    said, progress = _messages()
    codes = load(progress, blocked)
    assert codes.get("I10") is not None
    assert any("Could not save the index" in message for message in said)


def test_the_index_records_its_source_and_format(pristine: Path) -> None:
    raw = pristine.read_bytes()
    header = json.loads(raw[len(index_file.MAGIC) : raw.index(b"\n", len(index_file.MAGIC))])
    assert header["format"] == index_file.FORMAT
    assert header["source"] == find_source().stamp
    assert pristine.name == f"icd10cm-{find_source().version}-format{index_file.FORMAT}.index"
