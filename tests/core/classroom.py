"""A class of attempts for the grading tests, played through the session API with a fixed clock.

Five trainees sit a 20-minute exam (a copy of the bundled audit exam with its
own id, so only the copy can grade it):

- perfect: every item answered with the key;
- empty: submitted without answering anything;
- typical: every item answered, but the first planted error of each chart missed;
- late: half the items answered in time, the rest after the time limit;
- edited: played like typical, then its results file edited by hand to the key answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from recsim.core.events import GENESIS, canonical_pretty, chain_digest, content_digest
from recsim.core.form import Item
from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from recsim.session.submit import submit
from tests.conftest import SCENARIOS

SCENARIO_ID = "class-exam"
TRAINEES = {
    "perfect": "Perfect Pat",
    "empty": "Empty Em",
    "typical": "Typical Tam",
    "late": "Late Lou",
    "edited": "Edited Ed",
}
Answerer = Callable[[Item], dict[str, Any] | None]


class Clock:
    """A wall clock that starts on the exam morning and moves one second per reading."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Classroom:
    """Where the class's files are."""

    root: Path
    scenario: Path
    """The copy of the exam the class played (id ``class-exam``)."""
    store: Path
    results: Path
    """Folder with one results file per trainee."""
    files: dict[str, Path]
    """Role (perfect, empty, ...) -> results file."""


def key_answer(item: Item) -> dict[str, Any] | None:
    answer = task_kind(item.kind).key_answer(item)
    return None if answer is None else answer.model_dump(mode="json")


def typical_answer(item: Item) -> dict[str, Any] | None:
    """The key, less the first planted error of the chart."""
    answer = key_answer(item)
    if answer is not None and answer.get("flags"):
        answer["flags"] = answer["flags"][1:]
    return answer


def exam_copy(root: Path) -> Path:
    path = root / f"{SCENARIO_ID}.yaml"
    text = (SCENARIOS / "hospital-audit-exam.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("id: hospital-audit-exam", f"id: {SCENARIO_ID}"), encoding="utf-8")
    return path


def play(
    store: Store,
    loaded: LoadedScenario,
    trainee: str,
    answer: Answerer,
    results: Path,
    *,
    late_after: int | None = None,
) -> Path:
    """One attempt, submitted.

    With ``late_after``, the items after that many are answered past the time limit.
    """
    clock = Clock()
    attempt = session.begin(store, loaded, trainee, clock=clock)
    for number, slot in enumerate(attempt.grader.form.slots):
        if late_after is not None and number == late_after:
            limit = loaded.scenario.time_limit_seconds or 0
            store.update_attempt(attempt.id, elapsed=float(limit + 100))
            attempt = session.resume(store, loaded, attempt.id, clock=clock)
        item = attempt.open_item(slot.id)
        raw = answer(item)
        if raw is not None:
            attempt.answer(slot.id, raw)
    return submit(store, attempt, results_folder=results)


def make_class(root: Path) -> Classroom:
    """Play the whole class into ``root``."""
    scenario = exam_copy(root)
    loaded = load_checked(scenario)
    store_path = root / "attempts.sqlite3"
    store = Store(store_path)
    results = root / "results"
    files = {
        "perfect": play(store, loaded, TRAINEES["perfect"], key_answer, results),
        "empty": play(store, loaded, TRAINEES["empty"], lambda item: None, results),
        "typical": play(store, loaded, TRAINEES["typical"], typical_answer, results),
        "late": play(store, loaded, TRAINEES["late"], key_answer, results, late_after=4),
        "edited": play(store, loaded, TRAINEES["edited"], typical_answer, results),
    }
    store.close()
    edit_answers_to_key(files["edited"], loaded)
    return Classroom(root, scenario, store_path, results, files)


def edit_answers_to_key(path: Path, loaded: LoadedScenario) -> None:
    """What a trainee might do by hand: put the key in as the answers (the digest left alone)."""
    from recsim.session.forms import make_variant

    document = read(path)
    variant = make_variant(loaded, document["trainee"])
    for item in variant.form.items():
        raw = key_answer(item)
        if raw is not None:
            document["answers"][item.id] = raw
    write(path, document)


def read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write(path: Path, document: dict[str, Any]) -> None:
    path.write_text(canonical_pretty(document), encoding="utf-8")


def reseal(document: dict[str, Any], *, chain: bool = True) -> dict[str, Any]:
    """What a determined editor does after an edit: recompute the chain and the digest."""
    if chain:
        previous = GENESIS
        for event in document["events"]:
            event["digest"] = chain_digest(
                previous, event["seq"], event["at"], event["type"], event["item"], event["data"]
            )
            previous = event["digest"]
    document["digest"] = content_digest(document)
    return document
