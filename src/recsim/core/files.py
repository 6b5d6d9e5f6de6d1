"""The one way recsim reads a file it did not write: bounded, and never from a device or pipe.

A file's size on disk says nothing about a device (``/dev/zero`` reports 0 bytes and
never ends) or a named pipe (reports 0 bytes and blocks until someone writes to it),
so checking the size alone lets either hang recsim or fill its memory. Every
scenario, answers file, roster, results file and cache file is therefore read here:
only regular files are opened (the kind is checked before opening, because opening
some devices has effects, and again on the open file, in case it was swapped), and
never more than the caller's limit plus one byte is read, so a file that grows
while it is read is still refused.
"""

from __future__ import annotations

import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

_CHUNK = 64 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
"""Non-blocking, so that a pipe swapped in after the check cannot hang the open."""


class FileRefused(Exception):
    """A file that cannot be read; ``reason`` reads after the file's name ("no such file")."""

    def __init__(self, path: Path, reason: str, *, folder: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.folder = folder
        """True when the path is a folder (callers that accept folders say so)."""


def read_bytes(path: Path, limit: int, *, what: str = "file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them, or :class:`FileRefused`.

    ``what`` names the file in messages ("scenario file", "results file").
    """
    _check_kind(path, _stat(path, os.stat), what)
    try:
        handle = os.open(path, _FLAGS)
    except OSError as error:
        raise FileRefused(path, _os_reason(error)) from None
    try:
        info = _stat(path, lambda _: os.fstat(handle))
        _check_kind(path, info, what)
        if info.st_size > limit:
            raise FileRefused(path, _too_big(f"is {info.st_size:,} bytes", limit, what))
        data = _read_at_most(path, handle, limit + 1)
    finally:
        os.close(handle)
    if len(data) > limit:
        raise FileRefused(path, _too_big("holds more than its size on disk says", limit, what))
    return data


def open_bounded(path: Path, limit: int, *, what: str = "file") -> io.BufferedReader:
    """The regular file ``path`` opened for reading in binary, for files too large to hold in
    memory (a CMS release archive); the caller closes it.

    The same checks as :func:`read_bytes`; reading (or seeking) past ``limit`` bytes, as a
    file that grows while it is read would make it, raises :class:`FileRefused`.
    """
    _check_kind(path, _stat(path, os.stat), what)
    try:
        handle = os.open(path, _FLAGS)
    except OSError as error:
        raise FileRefused(path, _os_reason(error)) from None
    try:
        info = _stat(path, lambda _: os.fstat(handle))
        _check_kind(path, info, what)
        if info.st_size > limit:
            raise FileRefused(path, _too_big(f"is {info.st_size:,} bytes", limit, what))
        os.set_blocking(handle, True)
        raw = _Bounded(path, io.FileIO(handle, "rb", closefd=True), limit, what)
    except BaseException:
        os.close(handle)
        raise
    return io.BufferedReader(raw, _CHUNK)


class _Bounded(io.RawIOBase):
    """A seekable file that refuses to be read past ``limit`` bytes."""

    def __init__(self, path: Path, file: io.FileIO, limit: int, what: str) -> None:
        self._path, self._file, self._limit, self._what = path, file, limit, what
        self.name = str(path)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            count = self._file.readinto(buffer) or 0
        except OSError as error:
            raise FileRefused(self._path, _os_reason(error)) from None
        if self._file.tell() > self._limit:
            said = "holds more than its size on disk says"
            raise FileRefused(self._path, _too_big(said, self._limit, self._what))
        return count

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()
        super().close()


def size_text(limit: int) -> str:
    """A byte limit as people say it: "1 MiB", "64 MiB", "256 KiB"."""
    for unit, size in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit:,} bytes"


def _stat(path: Path, how: Callable[[Path], os.stat_result]) -> os.stat_result:
    try:
        return how(path)
    except FileNotFoundError:
        raise FileRefused(path, "no such file") from None
    except OSError as error:
        raise FileRefused(path, _os_reason(error)) from None


def _check_kind(path: Path, info: os.stat_result, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(path, f"is a folder, not a {what}", folder=True)
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            path,
            f"is not a regular file but a device or a pipe; recsim reads {what}s saved on disk",
        )


def _read_at_most(path: Path, handle: int, most: int) -> bytes:
    chunks: list[bytes] = []
    left = most
    while left > 0:
        try:
            chunk = os.read(handle, min(_CHUNK, left))
        except OSError as error:
            raise FileRefused(path, _os_reason(error)) from None
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_big(said: str, limit: int, what: str) -> str:
    return f"{said}; recsim reads {what}s of at most {size_text(limit)} ({limit:,} bytes)"


def _os_reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.ELOOP:
        return "cannot be read (a symbolic link points back to itself)"
    return f"cannot be read ({error.strerror or type(error).__name__})"
