"""The one reader (recsim.core.files): regular files only, at most the limit plus one byte."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from recsim.core.files import FileRefused, open_bounded, read_bytes, size_text


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "roster.txt"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, 100) == b"x" * 100


def test_one_byte_over_the_limit_is_refused_with_the_limit_in_words(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * (1024 + 1))
    with pytest.raises(FileRefused) as refused:
        read_bytes(path, 1024, what="scenario file")
    assert refused.value.reason == (
        "is 1,025 bytes; recsim reads scenario files of at most 1 KiB (1,024 bytes)"
    )


def test_a_sparse_gigabyte_is_refused_from_its_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as out:
        out.truncate(2**30)
    started = time.perf_counter()
    with pytest.raises(FileRefused, match="is 1,073,741,824 bytes"):
        read_bytes(path, 2**20)
    assert time.perf_counter() - started < 0.5


def test_a_device_that_never_ends_is_refused_before_it_is_opened() -> None:
    with pytest.raises(FileRefused) as refused:
        read_bytes(Path("/dev/zero"), 2**20, what="answers file")
    assert refused.value.reason == (
        "is not a regular file but a device or a pipe; recsim reads answers files saved on disk"
    )


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    outcome: list[FileRefused] = []

    def attempt() -> None:
        try:
            read_bytes(fifo, 2**20)
        except FileRefused as refused:
            outcome.append(refused)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():  # unblock the reader, so that the test run itself can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a named pipe waited for a writer")
    assert outcome and "not a regular file" in outcome[0].reason


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_file_that_says_it_is_empty_is_still_read_only_to_its_limit() -> None:
    # /proc files report a size of 0 but have content: only the bytes read can tell.
    with pytest.raises(FileRefused, match="holds more than its size on disk says"):
        read_bytes(Path("/proc/self/status"), 16)


def test_a_folder_a_missing_file_and_a_symlink_loop_each_say_what_they_are(
    tmp_path: Path,
) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    with pytest.raises(FileRefused) as folder:
        read_bytes(tmp_path, 10, what="results file")
    assert folder.value.folder and folder.value.reason == "is a folder, not a results file"
    with pytest.raises(FileRefused, match=r": no such file$"):
        read_bytes(tmp_path / "absent.json", 10)
    with pytest.raises(FileRefused, match="points back to itself"):
        read_bytes(loop, 10)


def test_limits_are_said_in_the_unit_people_use() -> None:
    assert [size_text(n) for n in (2**20, 64 * 2**20, 256 * 2**10, 1000)] == [
        "1 MiB",
        "64 MiB",
        "256 KiB",
        "1,000 bytes",
    ]


def test_a_bounded_stream_reads_and_seeks_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "release.zip"
    path.write_bytes(b"0123456789")
    with open_bounded(path, 10, what="release file") as stream:
        assert stream.read(4) == b"0123"
        stream.seek(-2, os.SEEK_END)
        assert stream.read() == b"89"


def test_a_bounded_stream_refuses_a_file_over_its_limit_or_a_device(tmp_path: Path) -> None:
    path = tmp_path / "release.zip"
    path.write_bytes(b"x" * 11)
    with pytest.raises(FileRefused, match="is 11 bytes; recsim reads release files of at most"):
        open_bounded(path, 10, what="release file")
    with pytest.raises(FileRefused, match="is not a regular file"):
        open_bounded(Path("/dev/zero"), 10)


def test_a_bounded_stream_stops_a_file_that_grows_while_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "growing.zip"
    path.write_bytes(b"x" * 10)
    with open_bounded(path, 10) as stream:
        with path.open("ab") as more:
            more.write(b"y" * 100_000)
        with pytest.raises(FileRefused, match="holds more than its size on disk says"):
            stream.read()
