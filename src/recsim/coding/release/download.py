"""Fetching the FY2026 release zips from CMS: resumable, bounded, every failure one sentence.

A download goes to ``NAME.zip.part`` in the cache and becomes ``NAME.zip`` only
when every byte the server announced has arrived. A connection that drops is
resumed with an HTTP Range request (a server that ignores Range and sends the
whole file again restarts the file cleanly); after a few tries, or when the
server cannot be reached or answers an error, the message says how to download
the files by hand. ``$RECSIM_CMS_BASE_URL`` replaces ``https://www.cms.gov``
(tests serve archives from a loopback server).
"""

from __future__ import annotations

import os
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from urllib.parse import urlsplit

from recsim.coding.release.archive import MAX_FILE_BYTES
from recsim.coding.release.parts import release_file

BASE_URL = "https://www.cms.gov"


@dataclass(frozen=True)
class Release:
    """One zip CMS publishes, and the page that lists it (checked 2 December 2026)."""

    title: str
    link: str
    """The link's text on the CMS page."""
    path: str
    page: str


RELEASES = (
    Release(
        "ICD-10-CM FY2026 Code Tables, Tabular and Index",
        "2026 Code Tables, Tabular and Index (ZIP)",
        "/files/zip/2026-code-tables-tabular-and-index.zip",
        "https://www.cms.gov/medicare/coding-billing/icd-10-codes/2026-icd-10-cm",
    ),
    Release(
        "ICD-10-PCS FY2026 Code Tables and Index",
        "2026 ICD-10-PCS Code Tables and Index (ZIP)",
        "/files/zip/2026-icd-10-pcs-code-tables-and-index.zip",
        "https://www.cms.gov/medicare/coding-billing/icd-10-codes/2026-icd-10-pcs",
    ),
)
"""The addresses CMS publishes for the FY2026 release zips recsim reads (docs/coding.md)."""

TIMEOUT = 30.0
"""Seconds without a byte before a connection counts as lost."""
TRIES = 4
_CHUNK = 256 * 1024
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")

Progress = Callable[[int, int | None], None]
"""Called with the bytes received so far and the file's size (None when not announced)."""


class DownloadFailed(Exception):
    """The download could not finish; the message is one sentence for a teacher."""


def base_url() -> str:
    return (os.environ.get("RECSIM_CMS_BASE_URL") or BASE_URL).rstrip("/")


def url(release: Release) -> str:
    return base_url() + release.path


def target(release: Release) -> Path:
    """Where the finished download is kept (the cache's ``cms/downloads`` folder)."""
    return release_file("downloads").parent / "downloads" / release.path.rsplit("/", 1)[-1]


def fetch(release: Release, progress: Progress, *, again: bool = False) -> Path:
    """The release zip, downloaded unless an earlier download finished (``again``: fetch it
    anyway); raises :class:`DownloadFailed`."""
    final = target(release)
    if final.is_file() and not again:
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".part")
    if again:
        partial.unlink(missing_ok=True)
    address = url(release)
    host = urlsplit(address).netloc or address
    stopped = ""
    for _try in range(TRIES):
        try:
            if _transfer(address, partial, progress):
                os.replace(partial, final)
                return final
            stopped = "the connection closed early"
        except urllib.error.HTTPError as error:
            answer = f"{host} answered {error.code} {error.reason}"
            raise DownloadFailed(_by_hand(answer, release)) from None
        except (urllib.error.URLError, OSError, HTTPException) as error:
            reason = getattr(error, "reason", None) or error
            if partial.exists() and partial.stat().st_size:
                stopped = str(reason)
                continue
            raise DownloadFailed(
                _by_hand(f"could not reach {host}: {_words(reason)}", release)
            ) from None
    have = partial.stat().st_size if partial.exists() else 0
    raise DownloadFailed(
        f"the download from {host} stopped after {have / 2**20:.1f} MB ({stopped}); run the "
        f'same command again to resume it, or download "{release.link}" by hand from '
        f"{release.page} and run recsim codes add FILE"
    )


def _transfer(address: str, partial: Path, progress: Progress) -> bool:
    """One request: resume ``partial`` (or start it); True when the file is complete."""
    have = partial.stat().st_size if partial.exists() else 0
    request = urllib.request.Request(address, headers={"User-Agent": "recsim"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response: HTTPResponse = urllib.request.urlopen(request, timeout=TIMEOUT)
    except urllib.error.HTTPError as error:
        if error.code == 416 and have:  # what we hold is not a start of the file: start over
            partial.unlink()
            return False
        raise
    with response:
        extent = _extent(response, have)
        if extent is None:  # resumed somewhere else than asked: start over
            partial.unlink()
            return False
        start, total = extent
        if total is not None and total > MAX_FILE_BYTES:
            raise DownloadFailed(
                f"{address} is {total:,} bytes, far larger than a CMS release zip; not downloaded"
            )
        with open(partial, "r+b" if start else "wb") as file:
            file.truncate(start)
            file.seek(start)
            done = start
            progress(done, total)
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                if done > MAX_FILE_BYTES:
                    raise DownloadFailed(f"{address} is larger than a CMS release zip; stopped")
                file.write(chunk)
                progress(done, total)
    return total is None or done >= total


def _extent(response: HTTPResponse, have: int) -> tuple[int, int | None] | None:
    """Where the body starts in the file and the file's whole size, from the headers;
    None for a partial answer that does not start where the file stopped."""
    length = response.headers.get("Content-Length")
    if response.status == 206:
        match = _RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
        if match and int(match.group(1)) == have:
            whole = match.group(3)
            return have, None if whole == "*" else int(whole)
        return None
    return 0, int(length) if length and length.isdigit() else None


def _by_hand(reason: str, release: Release) -> str:
    """The failure, then every release file from this one on, to download by hand."""
    rest = RELEASES[RELEASES.index(release) :] if release in RELEASES else (release,)
    files = " and ".join(f'"{r.link}" from {r.page}' for r in rest)
    return f"{reason}; download by hand {files}, then run recsim codes add FILE..."


def _words(reason: object) -> str:
    """A network failure as a teacher reads it: no errno, no socket jargon."""
    if isinstance(reason, socket.gaierror):
        return "this computer cannot look the address up (is it offline?)"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, TimeoutError):
        return f"no answer within {TIMEOUT:g} seconds"
    return re.sub(r"^\[Errno -?\d+\]\s*", "", str(reason))
