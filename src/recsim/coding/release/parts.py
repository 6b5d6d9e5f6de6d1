"""What recsim can read from the CMS code-set release files, one part per file.

CMS publishes ICD-10-CM and ICD-10-PCS each fiscal year as zip archives of XML
files (the tabular list, the Alphabetic Index, the Neoplasm Table, the Table of
Drugs and Chemicals, the External Cause Index, the PCS tables and index).
recsim ships none of them: ``recsim codes add`` reads the ones a user adds and
builds each into a file of the code-set cache. A :class:`ReleasePart` says
which file of a release it reads and how it is built; the registry in
:mod:`recsim.coding.release` lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from recsim.core.paths import cache_dir

FISCAL_YEAR = 2026
"""recsim's code set is FY2026: release files of any other year are refused."""


class ReleaseRefused(ValueError):
    """A release file cannot be used; the message says what is wrong, in one sentence.

    ``where`` names the file (and the member of an archive) at fault.
    """

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


@dataclass(frozen=True)
class ReleasePart:
    """One file of a CMS release that recsim reads, and how it becomes a cache file."""

    name: str
    """Short name used in messages and as the cache file's stem, e.g. ``icd10cm-index``."""
    title: str
    """What a coder calls it, e.g. "ICD-10-CM Alphabetic Index"."""
    member: re.Pattern[str]
    """Matches the file's name inside a CMS zip; its ``year`` group is the fiscal year,
    e.g. ``icd10pcs_tables_(?P<year>\\d{4})\\.xml``."""
    build: Callable[[BinaryIO, int, Path], int]
    """Read the XML stream of the given fiscal year and write the cache file at the path
    (a temporary name the caller renames into place); return how many entries it wrote.
    Raises :class:`ReleaseRefused` for a file that is not what its name says."""


def release_file(name: str) -> Path:
    """Where the cache keeps the part called ``name`` once ``recsim codes add`` has built it."""
    return cache_dir() / "cms" / f"{name}.dat"


def refuse_other_year(where: str, year: int, file_name: str, release: str) -> None:
    """Refuse a file of another fiscal year, naming the file to add instead (``file_name`` with
    ``{year}`` in it; ``release``: the CMS zip it comes in)."""
    if year != FISCAL_YEAR:
        raise ReleaseRefused(
            where,
            f"this is the FY{year} release; recsim codes with FY{FISCAL_YEAR} (add "
            f"{file_name.format(year=FISCAL_YEAR)} from the FY{FISCAL_YEAR} {release} zip)",
        )


def check_version(text: str | None, year: int, where: str) -> None:
    """Refuse a file whose ``<version>`` names another year than its file name."""
    said = (text or "").strip()
    if said[:4] != str(year):
        raise ReleaseRefused(
            where,
            f"the file says it is the {said[:20] or 'unnamed'} release, not FY{year} as its "
            "name says; add the file of the right year",
        )
