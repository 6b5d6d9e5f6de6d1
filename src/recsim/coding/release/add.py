"""Building the release parts into the code-set cache: all of them, or none.

Every part found is built to a temporary file beside its cache file first; only
when all of them are built are they renamed into place, so a refused file (a
wrong year, a damaged member, an XML bomb) leaves the cache exactly as it was.
A small list beside the parts (``added.json``) remembers each part's year and
entries for ``recsim codes status``; it is only ever read as untrusted input.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from recsim.coding.release.archive import Found, Inputs, damaged_member, find_parts
from recsim.coding.release.parts import ReleasePart, ReleaseRefused, release_file
from recsim.core.files import FileRefused, read_bytes

MANIFEST = "added.json"
_MANIFEST_LIMIT = 256 * 1024


@dataclass(frozen=True)
class Added:
    """A part now in the cache."""

    name: str
    title: str
    year: int
    entries: int
    source: str
    """The file (and archive member) it was built from."""


def add(
    paths: list[Path], parts: tuple[ReleasePart, ...], progress: Callable[[str], None]
) -> list[Added]:
    """Build every part found in ``paths`` into the cache; :class:`ReleaseRefused` changes
    nothing. ``OSError`` (a full or read-only cache folder) also leaves the cache as it was."""
    built: list[tuple[Found, Path, int]] = []
    try:
        with Inputs() as inputs:
            found = find_parts(paths, parts, inputs, progress)
            for item in found:
                progress(f"Building the {item.part.title} from {item.where} ({_mb(item.size)})...")
                temporary, entries = _build(item)
                built.append((item, temporary, entries))
                progress(f"  {entries:,} {'entry' if entries == 1 else 'entries'}")
        for item, temporary, _entries in built:
            os.replace(temporary, release_file(item.part.name))
    finally:
        for _item, temporary, _entries in built:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    added = [Added(f.part.name, f.part.title, f.year, n, f.where) for f, _t, n in built]
    _remember(added)
    return added


def _build(item: Found) -> tuple[Path, int]:
    target = release_file(item.part.name)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        with damaged_member(item.where), item.open() as stream:
            named = cast(BinaryIO, _Named(stream, item.where))
            entries = item.part.build(named, item.year, temporary)
    except ReleaseRefused as refused:
        temporary.unlink(missing_ok=True)
        raise _located(refused, item.where) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary, entries


def _located(refused: ReleaseRefused, where: str) -> ReleaseRefused:
    """The part's refusal, named by the file and archive member the user gave."""
    if refused.where.startswith(where):
        return refused
    return ReleaseRefused(where, str(refused).removeprefix(f"{refused.where}: "))


class _Named:
    """The member's stream, whose ``name`` says where it came from (for a part's messages)."""

    def __init__(self, stream: Any, name: str) -> None:
        self._stream = stream
        self.name = name

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._stream.read(size)
        return data

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._stream, attribute)


def manifest_path() -> Path:
    """The list of added parts, in the folder of the parts' cache files."""
    return release_file(MANIFEST).parent / MANIFEST


def recorded() -> dict[str, dict[str, Any]]:
    """What ``added.json`` says about each part added, by part name; {} when it is missing
    or damaged (status then says only that the part's file is there)."""
    path = manifest_path()
    try:
        data = json.loads(read_bytes(path, _MANIFEST_LIMIT, what="cache file"))
    except (FileRefused, ValueError):
        return {}
    parts = data.get("parts") if isinstance(data, dict) else None
    if not isinstance(parts, dict):
        return {}
    return {k: v for k, v in parts.items() if isinstance(k, str) and isinstance(v, dict)}


def _remember(added: list[Added]) -> None:
    """Record the parts added; the parts are in place already, so a cache folder that cannot
    take the list only loses what status says of their year and entries."""
    if not added:
        return
    parts = recorded()
    for item in added:
        parts[item.name] = {
            "title": item.title,
            "year": item.year,
            "entries": item.entries,
            "source": item.source,
        }
    path = manifest_path()
    text = json.dumps({"format": 1, "parts": parts}, indent=1, sort_keys=True)
    with contextlib.suppress(OSError):
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=".added-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(name, path)
        finally:
            Path(name).unlink(missing_ok=True)


def refused_message(error: ReleaseRefused) -> str:
    """The one line a teacher reads, ending with what happened to the cache."""
    return f"{error}. Nothing was added: the code-set cache is as it was."


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(size // 1024, 1)} KB"
