"""Submitting an attempt: unfinished work flushed, scored, and its results file written.

Submitting is two steps that survive a kill between them. First the submit event
is saved and the attempt marked ``submitting`` (it takes no more changes); then
the results file is written (to a temporary file, flushed to disk, renamed into
place) and the store marked ``submitted`` with a copy of it. An attempt found
``submitting`` (recsim was killed in between) is finished the next time the
trainee starts that scenario: everything in the file follows from the saved
events. A results file that cannot be written takes the submit back, so the
attempt stays open to resume, and says where and why.

Scoring streams: each item is regenerated, checked and its findings written out
before the next, so a 100,000-item exam is submitted in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from recsim import __version__
from recsim.core.attempt import AnswerRejected, Attempt
from recsim.core.paths import results_dir
from recsim.core.results import RESULTS_FORMAT, Spool, Streamed, results_name, write_results
from recsim.core.scoring import Scorecard, Tally
from recsim.core.storage import AttemptRow
from recsim.core.store import Store
from recsim.session.forms import Variant


class SubmitFailed(Exception):
    """The results could not be written; the attempt is still open. One line, for the trainee."""


def results_path(row: AttemptRow, folder: Path | None = None) -> Path:
    """Where an attempt's results file goes."""
    return (folder or results_dir()) / results_name(row.id, row.scenario_id, row.trainee)


def submit(
    store: Store,
    attempt: Attempt,
    *,
    reason: Literal["submitted", "time_up"] = "submitted",
    results_folder: Path | None = None,
) -> Path:
    """Submit unfinished work as it stands, close the attempt and write its results file.

    Raises :class:`SubmitFailed` (the attempt still open) when the file can't be written.
    """
    for item_id, draft in list(attempt.drafts.items()):
        try:
            attempt.answer(item_id, draft)
        except AnswerRejected:
            continue  # an unfinished answer that doesn't fit stays unanswered
    path = results_path(attempt.row, results_folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SubmitFailed(_cannot(path.parent, "create the results folder", error)) from None
    event = attempt.close(reason)
    try:
        finish(store, attempt, path)
    except OSError as error:
        fields = {"status": "in_progress", "submitted_at": None}
        store.drop_last_event(attempt.id, event.seq, **fields)
        attempt.reopen()
        raise SubmitFailed(_cannot(path, "write the results file", error)) from None
    return path


def _cannot(where: Path, what: str, error: OSError) -> str:
    return (
        f"{where}: cannot {what} ({error.strerror or error}); nothing is lost: your attempt "
        "is saved and still open; submit it again once that is put right"
    )


def finish(store: Store, attempt: Attempt, path: Path) -> None:
    """Write the results file of a closed attempt, then mark it submitted in the store."""
    write_results(path, results_fields(store, attempt))
    store.save_results(attempt.id, path, writer=attempt.writer)
    attempt.mark(status="submitted", results_path=str(path))


def finish_interrupted(
    store: Store, variant: Variant, row: AttemptRow, results_folder: Path | None = None
) -> Path:
    """Finish an attempt left ``submitting`` (recsim stopped while writing its results)."""
    attempt = Attempt.replayed(store, row, variant)
    path = results_path(row, results_folder)
    try:
        finish(store, attempt, path)
    except OSError as error:
        raise SubmitFailed(
            f"{path}: cannot write the results file of your submitted attempt "
            f"({error.strerror or error}); it is kept, and finished the next time you start"
        ) from None
    return path


def results_fields(store: Store, attempt: Attempt) -> dict[str, Any]:
    """The results document's fields; its long lists are read from the store as written."""
    row = attempt.row
    scenario = {
        "id": row.scenario_id,
        "title": row.scenario_title,
        "path": row.scenario_path,
        "content_hash": row.content_hash,
    }
    answers = attempt.answers
    return {
        "recsim_results": RESULTS_FORMAT,
        "recsim_version": __version__,
        "attempt": row.id,
        "scenario": scenario,
        "trainee": row.trainee,
        "seed": row.seed,
        "mode": row.mode,
        "time_limit_seconds": row.time_limit,
        "clock": attempt.clock_mode,
        "started_at": row.started_at,
        "submitted_at": row.submitted_at,
        "elapsed_seconds": row.elapsed,
        "answers": Streamed(lambda: ((i, answers[i]) for i in sorted(answers)), is_object=True),
        "opened": Streamed(lambda: _opened(store, row.id)),
        "events": Streamed(lambda: _events(store, row.id)),
        "scorecard": Streamed(lambda: _scorecard(attempt), is_object=True),
    }


def _events(store: Store, attempt_id: str) -> Iterator[dict[str, Any]]:
    for e in store.events(attempt_id):
        yield {"seq": e.seq, "at": e.at, "type": e.type, "item": e.item, "data": e.data,
               "digest": e.digest}  # fmt: skip


def _opened(store: Store, attempt_id: str) -> Iterator[dict[str, Any]]:
    """The access audit trail as recorded in the events (the text of each time as saved)."""
    for e in store.events(attempt_id):
        if e.type == "open_record":
            yield {"mrn": e.data["mrn"], "reason": e.data.get("reason", ""), "item": e.item,
                   "at": e.at}  # fmt: skip


def _scorecard(attempt: Attempt) -> Iterator[tuple[str, Any]]:
    """The scorecard's fields in order; its findings, made item by item, are spooled."""
    variant = attempt.grader
    if not isinstance(variant, Variant):
        raise TypeError("an attempt of the session layer is graded by a Variant")
    if variant.loaded.sealed is not None:  # no key with the trainee: the instructor grades it
        yield from sealed_scorecard(variant.loaded.sealed.form).items()
        return
    answers, trail = attempt.parsed_answers(), attempt.trail()
    tally = Tally()
    with Spool(level=2) as findings:
        for batch in variant.findings_by_item(answers, trail):
            tally.add(batch)
            for finding in batch:
                findings.add(finding.model_dump(mode="json"))
        summary = variant.card(tally, [], answers).model_dump(mode="json")
        summary["findings"] = findings
        yield from sorted(summary.items())


def sealed_scorecard(form: str) -> dict[str, str]:
    """What a sealed form's results file holds for its scorecard (keys in sorted order)."""
    return {"form": form, "sealed": "graded by the instructor with the exam's key"}


def is_sealed_scorecard(card: dict[str, Any]) -> bool:
    """Whether a results file's scorecard is that of a sealed form (nothing scored yet)."""
    return "sealed" in card and "categories" not in card


def read_scorecard(path: Path) -> Scorecard:
    """The scorecard of a results file just written (for the results screen).

    Only the scorecard's lines are read into memory: in a file recsim wrote, it is the
    top-level key ``"scorecard"``, at two spaces of indent (nothing nested is at that
    indent), up to the closing brace at the same indent.
    """
    lines: list[str] = []
    with path.open(encoding="utf-8") as file:
        for line in file:
            if lines:
                lines.append(line)
                if line == "  },\n" or line == "  }\n":
                    break
            elif line == '  "scorecard": {\n':
                lines.append("{\n")
    card = json.loads("".join(lines).rstrip().rstrip(","))
    for score in card["categories"].values():
        score.pop("percent", None)  # written for people; computed again from the points
    return Scorecard.model_validate(card)
