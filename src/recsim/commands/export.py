"""``recsim results export``: which attempts, whether each has results, and the copies written.

A damaged store still gives up what can be read: each attempt row is read on its
own, so one damaged page loses only the attempts stored on it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recsim.commands.common import UserError
from recsim.core.grading.gradebook import plain_text
from recsim.core.store import AttemptRow, Store


def salvaged(
    store: Store, keep: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> list[AttemptRow]:
    """Every finished attempt a damaged store still gives up, that ``keep`` keeps (it filters
    summaries by trainee and scenario, as the command line asked)."""
    readable = [row for row in store.salvage() if row.status != "in_progress"]
    by_id = {row.id: row for row in readable}
    summaries = [{"id": r.id, "trainee": r.trainee, "scenario_id": r.scenario_id} for r in readable]
    return [by_id[summary["id"]] for summary in keep(summaries)]


def exportable(row: AttemptRow, problems: list[str]) -> bool:
    """Whether the attempt has results to export; if not, why, added to ``problems``."""
    who = f"attempt {row.id[:8]} ({plain_text(row.trainee)})"
    if row.status == "in_progress":
        problems.append(f"{who} is still in progress; only submitted attempts have results")
    elif row.status == "submitting":
        problems.append(
            f"{who} was being submitted when recsim stopped; its results file is finished "
            "the next time the trainee starts that scenario"
        )
    elif not row.results_json:
        problems.append(f"{who} was submitted but its results were not saved")
    else:
        return True
    return False


def write_folder(folder: Path, chosen: list[AttemptRow], problems: list[str]) -> None:
    """Copy each attempt's results file into ``folder``, never over a different file."""
    from recsim.core.results import results_name, write_atomically

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"{folder}: cannot create the folder ({error.strerror or error})") from None
    written = unchanged = 0
    for row in chosen:
        text = row.results_json or ""
        path = folder / results_name(row.id, row.scenario_id, row.trainee)
        if path.exists():
            if _holds(path, text):
                unchanged += 1
            else:
                problems.append(f"{path}: already exists with other content; not overwritten")
            continue
        try:
            write_atomically(path, text)
        except OSError as error:
            raise UserError(f"{path}: cannot write ({error.strerror or error})") from None
        written += 1
    already = f" ({unchanged} already there)" if unchanged else ""
    print(
        f"exported {written} results file{'s' if written != 1 else ''} to {folder}{already}",
        file=sys.stderr,
    )


def _holds(path: Path, text: str) -> bool:
    """Whether the file at ``path`` is exactly ``text`` (read as any file is: bounded, no pipes)."""
    from recsim.core.files import FileRefused, read_bytes

    wanted = text.encode("utf-8")
    try:
        return read_bytes(path, len(wanted), what="results file") == wanted
    except FileRefused:
        return False  # larger, a folder, a device or a pipe: not this file, and never overwritten
