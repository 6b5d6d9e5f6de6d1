"""Finding the release parts in the files a user gives: CMS zips, zips inside them, XML files.

Nothing is ever extracted to disk: a member is streamed from its archive to the
part that builds it. Archives come from wherever the user got them, so they are
bounded before anything is read: the archive's size, how many members it lists,
each member's size and how much it claims to expand, and member names that climb
out of their folder (``..``) refuse the whole archive. Python's ``zipfile`` stops a
member at its declared size and checks its CRC, so a member that lies about its
size is refused as damaged rather than read without end.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from recsim.coding.release.parts import FISCAL_YEAR, ReleasePart, ReleaseRefused
from recsim.core.files import FileRefused, open_bounded, size_text

MAX_FILE_BYTES = 512 * 2**20
"""A CMS release zip or XML file given on the command line (the real ones are tens of MB)."""
MAX_MEMBERS = 1000
"""Members an archive may list (the CMS release zips list about a dozen)."""
MAX_MEMBER_BYTES = 512 * 2**20
"""Uncompressed size of one member read (the largest CMS XML file is well under 100 MB)."""
MAX_RATIO = 200
"""How many times its compressed size a member over 1 MiB may expand (XML text: 10-30)."""
NESTED_DEPTH = 1
"""Zips inside a zip are opened (CMS has published them so); zips deeper down are not."""
MAX_NESTED_BYTES = 1024 * 2**20
"""All the zips inside the zips given, together (each is copied to a temporary file)."""

Opener = Callable[[], contextlib.AbstractContextManager[BinaryIO]]


@dataclass(frozen=True)
class Found:
    """A release part found in the user's files, ready to be streamed to its builder."""

    part: ReleasePart
    year: int
    where: str
    """The file, and the member of each archive it is in: ``a.zip > b.zip > c.xml``."""
    size: int
    """Uncompressed bytes (as declared by the archive, or the XML file's size)."""
    open: Opener


class Inputs(contextlib.ExitStack):
    """The archives opened while finding parts; they stay open until the parts are built."""

    nested_bytes = 0
    """Bytes of the zips inside zips copied so far (at most :data:`MAX_NESTED_BYTES`)."""


def find_parts(
    paths: list[Path],
    parts: tuple[ReleasePart, ...],
    inputs: Inputs,
    progress: Callable[[str], None],
) -> list[Found]:
    """Every part in ``paths``, each of the FY2026 release; refuses with one sentence."""
    found: list[Found] = []
    for path in paths:
        progress(f"Reading {path}...")
        found += _find_in_file(path, parts, inputs)
    seen: dict[str, Found] = {}
    for item in found:
        if item.part.name in seen:
            first = seen[item.part.name].where
            raise ReleaseRefused(
                item.where, f"the {item.part.title} is also in {first}; give each file once"
            )
        seen[item.part.name] = item
    return found


def _find_in_file(path: Path, parts: tuple[ReleasePart, ...], inputs: Inputs) -> list[Found]:
    where = str(path)
    try:
        stream = inputs.enter_context(open_bounded(path, MAX_FILE_BYTES, what="release file"))
        head = stream.peek(16)[:16]
    except FileRefused as refused:
        raise ReleaseRefused(where, refused.reason) from None
    if head.startswith(b"PK"):
        return _find_in_zip(stream, where, parts, inputs, depth=0)
    if _looks_like_xml(head):
        part = _match(path.name, parts)
        if part is None:
            raise ReleaseRefused(
                where,
                "this XML file is not one recsim reads from a CMS release "
                f"(it reads {_wanted(parts)})",
            )
        size = path.stat().st_size
        year = _year(part, path.name, where)

        @contextlib.contextmanager
        def reopen() -> Iterator[BinaryIO]:
            with open_bounded(path, MAX_FILE_BYTES, what="release file") as again:
                yield again

        return [Found(part, year, where, size, reopen)]
    raise ReleaseRefused(
        where,
        "this is neither a zip archive nor an XML file; recsim reads the CMS ICD-10 release "
        "zips or the XML files inside them",
    )


def _find_in_zip(
    stream: BinaryIO, where: str, parts: tuple[ReleasePart, ...], inputs: Inputs, depth: int
) -> list[Found]:
    try:
        archive = inputs.enter_context(zipfile.ZipFile(stream))
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise ReleaseRefused(
            where,
            "the zip archive is damaged or cut short (its table of contents cannot be read); "
            "download it again",
        ) from None
    except FileRefused as refused:
        raise ReleaseRefused(where, refused.reason) from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ReleaseRefused(
            where,
            f"the archive lists {len(members):,} files; a CMS release lists about a dozen, "
            f"and recsim opens archives of at most {MAX_MEMBERS:,}",
        )
    for info in members:
        _check_name(info.filename, where)
    found: list[Found] = []
    for info in members:
        name = PurePosixPath(info.filename).name
        if info.is_dir():
            continue
        inner = f"{where} > {info.filename}"
        if name.lower().endswith(".zip") and depth < NESTED_DEPTH:
            _check_size(info, inner)
            inputs.nested_bytes += info.file_size
            if inputs.nested_bytes > MAX_NESTED_BYTES:
                raise ReleaseRefused(
                    where,
                    "the zips inside this archive hold more than "
                    f"{size_text(MAX_NESTED_BYTES)} together; a CMS release holds far less",
                )
            nested = _spool(archive, info, inner, inputs)
            found += _find_in_zip(nested, inner, parts, inputs, depth + 1)
            continue
        part = _match(name, parts)
        if part is None:
            continue
        _check_size(info, inner)
        if info.flag_bits & 0x1:
            raise ReleaseRefused(inner, "the file is encrypted; CMS release files are not")
        year = _year(part, name, inner)
        found.append(Found(part, year, inner, info.file_size, _member_opener(archive, info)))
    if not found and depth == 0:
        held = ", ".join(sorted({PurePosixPath(i.filename).name for i in members})[:6]) or "nothing"
        more = "..." if len(members) > 6 else ""
        raise ReleaseRefused(
            where,
            f"this is not a CMS ICD-10 release archive: it holds {held}{more} "
            f"(recsim reads {_wanted(parts)})",
        )
    return found


def _member_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Opener:
    @contextlib.contextmanager
    def opener() -> Iterator[BinaryIO]:
        with archive.open(info) as member:
            yield member  # type: ignore[misc]

    return opener


def _spool(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, inputs: Inputs) -> BinaryIO:
    """A zip inside the zip, copied to a temporary file (zip needs to seek), never named."""
    copy = inputs.enter_context(tempfile.TemporaryFile(prefix="recsim-"))  # noqa: SIM115
    with damaged_member(where), archive.open(info) as member:
        shutil.copyfileobj(member, copy, 1024 * 1024)
    copy.seek(0)
    return copy


@contextlib.contextmanager
def damaged_member(where: str) -> Iterator[None]:
    """Turn the ways a damaged or cut-short member fails into one :class:`ReleaseRefused`."""
    try:
        yield
    except zipfile.BadZipFile as error:
        checksum = "CRC" in str(error)
        what = "its checksum does not match" if checksum else f"it cannot be read ({error})"
        raise ReleaseRefused(
            where, f"the file is damaged ({what}); download the archive again"
        ) from None
    except (EOFError, zlib.error):
        raise ReleaseRefused(
            where, "the file is cut short or damaged inside the archive; download it again"
        ) from None
    except FileRefused as refused:
        raise ReleaseRefused(where, refused.reason) from None


def _check_name(name: str, where: str) -> None:
    parts = name.replace("\\", "/").split("/")
    if ".." in parts or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ReleaseRefused(
            where,
            f"the archive holds a file named {name[:80]!r}, whose path leads out of the archive's "
            "folder; CMS archives never do, and recsim refuses such archives",
        )


def _check_size(info: zipfile.ZipInfo, where: str) -> None:
    if info.file_size > MAX_MEMBER_BYTES:
        raise ReleaseRefused(
            where,
            f"the file would expand to {info.file_size:,} bytes; recsim reads release files "
            f"of at most {size_text(MAX_MEMBER_BYTES)}",
        )
    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise ReleaseRefused(
            where,
            f"the file would expand {info.file_size // max(info.compress_size, 1):,} times "
            f"its compressed size (a zip bomb?); CMS release files expand at most "
            f"{MAX_RATIO} times",
        )


def _match(name: str, parts: tuple[ReleasePart, ...]) -> ReleasePart | None:
    return next((p for p in parts if p.member.fullmatch(name)), None)


def _year(part: ReleasePart, name: str, where: str) -> int:
    match = part.member.fullmatch(name)
    year = int(match.group("year")) if match else 0
    if year != FISCAL_YEAR:
        raise ReleaseRefused(
            where,
            f"this is the FY{year} {part.title}; recsim's code set is FY{FISCAL_YEAR}, so add the "
            f"FY{FISCAL_YEAR} release files (recsim codes add --download fetches them)",
        )
    return year


def _looks_like_xml(head: bytes) -> bool:
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<")


def _wanted(parts: tuple[ReleasePart, ...]) -> str:
    if not parts:
        return "nothing yet: this version of recsim builds no part of the release files"
    titles = [f"the {p.title}" for p in parts]
    listed = ", ".join(titles[:-1]) + " and " + titles[-1] if len(titles) > 1 else titles[0]
    return f"{listed}, from the CMS ICD-10-CM and ICD-10-PCS release zips"
