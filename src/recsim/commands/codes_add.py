"""``recsim codes add|status``: the CMS release files (index, tables) in the code-set cache.

Exit status: 0 when the parts were added (or status was shown), 1 for a file
that cannot be used (not a CMS release, wrong year, damaged, a zip or XML bomb)
or a download that failed, 2 for usage errors. A refused file leaves the cache
as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recsim.commands.common import UserError, print_json

if TYPE_CHECKING:
    from recsim.coding.release.add import Added
    from recsim.coding.release.parts import ReleasePart


def register(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``add`` and ``status`` to the ``recsim codes`` actions."""
    add = actions.add_parser(
        "add",
        help="add the CMS ICD-10 index and tables from the release files",
        description="Build the parts of the CMS FY2026 ICD-10 release files recsim reads "
        "(the ICD-10-CM Alphabetic Index, Neoplasm Table, Table of Drugs and Chemicals and "
        "External Cause Index; the ICD-10-PCS tables) into the code-set cache. Give the zips "
        "CMS publishes or the XML files inside them, or --download to fetch the zips from "
        "www.cms.gov. A refused file changes nothing.",
    )
    add.add_argument("files", nargs="*", metavar="FILE", help="a CMS release zip or XML file")
    add.add_argument(
        "--download", action="store_true", help="fetch the FY2026 release zips from www.cms.gov"
    )
    add.add_argument(
        "--force",
        action="store_true",
        help="with --download: download again even if an earlier download finished",
    )
    add.set_defaults(run=run_add)
    status = actions.add_parser(
        "status",
        help="which parts of the CMS release files are added",
        description="Say which parts of the CMS release files are in the code-set cache, "
        "their year and entries, and how to add the missing ones.",
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run=run_status)


def run_add(args: argparse.Namespace) -> int:
    from recsim.coding.release import all_parts
    from recsim.coding.release.add import add, refused_message
    from recsim.coding.release.parts import ReleaseRefused, release_file

    if not args.files and not args.download:
        raise UserError(
            "give the CMS release files to add (recsim codes add FILE...), "
            "or --download to fetch them from www.cms.gov",
            status=2,
        )
    if args.force and not args.download:
        raise UserError("--force goes with --download (it downloads the files again)", status=2)
    parts = all_parts()
    if not parts:
        raise UserError("this version of recsim cannot build any part of the CMS release files")
    paths = [Path(f) for f in args.files]
    downloaded = _download(again=args.force) if args.download else []
    try:
        added = add(paths + downloaded, parts, _say)
    except ReleaseRefused as refused:
        raise UserError(refused_message(refused) + _forget(downloaded, refused.where)) from None
    except OSError as error:
        folder = release_file("x").parent
        raise UserError(
            f"could not write the code-set cache in {folder} ({error.strerror or error}); "
            "nothing was added"
        ) from None
    _print_added(added)
    return 0


def _forget(downloaded: list[Path], where: str) -> str:
    """Delete a refused download (a file changed on the server while a download was resumed
    is damaged), so that the next ``--download`` fetches it afresh; say so."""
    for path in downloaded:
        if where == str(path) or where.startswith(f"{path} > "):
            path.unlink(missing_ok=True)
            return (
                " The downloaded copy was deleted: run recsim codes add --download to fetch it "
                "again."
            )
    return ""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _download(*, again: bool) -> list[Path]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from recsim.coding.release.download import RELEASES, DownloadFailed, fetch, url

    paths: list[Path] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    for release in RELEASES:
        _say(f"Downloading {url(release)}...")
        with Progress(*columns, console=Console(file=sys.stderr), transient=False) as bar:
            task = bar.add_task(release.link, total=None)

            def advance(done: int, total: int | None, task: TaskID = task) -> None:
                bar.update(task, completed=done, total=total)

            try:
                paths.append(fetch(release, advance, again=again))
            except DownloadFailed as failed:
                raise UserError(str(failed)) from None
    return paths


def _print_added(added: list[Added]) -> None:
    from recsim.coding.release.parts import release_file

    print("Added to the code-set cache:")
    width = max(len(a.title) for a in added)
    for item in added:
        print(
            f"  {item.title.ljust(width)}  FY{item.year}, {_entries(item.entries)} "
            f"(from {item.source})"
        )
    print(f"Cache folder: {release_file('x').parent}")


def run_status(args: argparse.Namespace) -> int:
    from recsim.coding.release import all_parts
    from recsim.coding.release.add import recorded
    from recsim.coding.release.parts import release_file

    parts = all_parts()
    known = recorded()
    rows = [_status_row(part, known.get(part.name)) for part in parts]
    folder = release_file("x").parent
    if args.json:
        print_json({"cache_folder": str(folder), "parts": rows})
        return 0
    if not parts:
        print("This version of recsim cannot build any part of the CMS release files.")
        return 0
    width = max(len(part.title) for part in parts)
    print("Parts of the CMS FY2026 release files in the code-set cache:")
    for part, row in zip(parts, rows, strict=True):
        state = "added" if row["added"] else "not added"
        entries = row["entries"]
        if row["added"] and isinstance(entries, int):
            state += f", FY{row['year']}, {_entries(entries)}"
        print(f"  {part.title.ljust(width)}  {state}")
    if not all(row["added"] for row in rows):
        print(_how_to_add())
    print(f"Cache folder: {folder} (delete it, or a part's .dat file, to remove what was added)")
    return 0


def _entries(count: int) -> str:
    return f"{count:,} {'entry' if count == 1 else 'entries'}"


def _status_row(part: ReleasePart, known: dict[str, object] | None) -> dict[str, object]:
    from recsim.coding.release.parts import release_file

    added = release_file(part.name).is_file()
    known = known or {}
    year, entries = known.get("year"), known.get("entries")
    return {
        "name": part.name,
        "title": part.title,
        "added": added,
        "year": year if added and isinstance(year, int) else None,
        "entries": entries if added and isinstance(entries, int) else None,
    }


def _how_to_add() -> str:
    from recsim.coding.release.download import RELEASES

    pages = "".join(f'\n  "{r.link}" from {r.page}' for r in RELEASES)
    return (
        "To add the missing parts, run recsim codes add --download, or download by hand"
        f"{pages}\nand run recsim codes add FILE..."
    )
