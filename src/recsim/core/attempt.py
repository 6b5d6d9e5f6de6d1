"""The attempt: a trainee's session, saved action by action.

The UI (and the tests) drive an :class:`Attempt`; it validates each answer,
records it in the store in one transaction, keeps the access audit trail and
the timer, and on submit scores the answers and writes the results file.
Scoring and item generation come from a :class:`Grader` (a task-layer
``Variant``), so this module stays free of any task kind.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from recsim.core.answers import clause
from recsim.core.events import GENESIS, canonical_pretty, chain_digest
from recsim.core.form import Form, Item
from recsim.core.paths import results_dir
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Finding, Scorecard
from recsim.core.seeds import normalize_trainee
from recsim.core.store import Store, StoredEvent

ItemStatus = Literal["new", "in_progress", "done", "flagged"]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Grader(Protocol):
    """What an attempt needs from a scenario variant (recsim.session.forms.Variant)."""

    @property
    def loaded(self) -> LoadedScenario: ...

    @property
    def form(self) -> Form: ...

    @property
    def trainee(self) -> str: ...

    @property
    def seed(self) -> int: ...

    def parse_answer(self, item_id: str, raw: Any) -> BaseModel: ...

    def findings(self, item: Item, answer: BaseModel | None, trail: Any) -> list[Finding]: ...

    def score(self, answers: Mapping[str, BaseModel], trail: Any = ...) -> Scorecard: ...


class AnswerRejected(Exception):
    """An answer that does not fit its item: the message says why, for the trainee."""


class AttemptClosed(Exception):
    """The attempt was already submitted."""


@dataclass(frozen=True, slots=True)
class Opened:
    """One entry of the access audit trail."""

    mrn: str
    reason: str
    item: str | None
    at: str


class Attempt:
    """One trainee working one scenario variant."""

    def __init__(
        self,
        store: Store,
        row: dict[str, Any],
        grader: Grader,
        *,
        trail_factory: Callable[[list[Opened]], Any],
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self.grader = grader
        self._row = row
        self._clock = clock
        self._trail_factory = trail_factory
        self.answers: dict[str, dict[str, Any]] = {}
        self._parsed: dict[str, BaseModel] = {}
        self._status: dict[str, ItemStatus] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        """Unfinished work per item (not scored), so a crash loses nothing typed so far."""
        self.opened: list[Opened] = []
        self._seq = 0
        self._digest = GENESIS
        self._elapsed_base = float(row["elapsed"])
        self._since = time.monotonic()

    # creation ------------------------------------------------------------------

    @classmethod
    def begin(
        cls,
        store: Store,
        grader: Grader,
        *,
        trail_factory: Callable[[list[Opened]], Any],
        clock: Clock = utc_now,
    ) -> Attempt:
        """Start a new attempt and record its first event."""
        scenario = grader.loaded.scenario
        row = {
            "id": uuid.uuid4().hex,
            "scenario_id": scenario.id,
            "scenario_title": scenario.title,
            "scenario_path": str(grader.loaded.path),
            "content_hash": grader.loaded.content_hash,
            "trainee": grader.trainee,
            "trainee_key": normalize_trainee(grader.trainee),
            "seed": grader.seed,
            "mode": scenario.mode,
            "time_limit": scenario.time_limit_seconds,
            "started_at": clock().isoformat(),
            "elapsed": 0.0,
            "status": "in_progress",
        }
        store.create_attempt(row)
        attempt = cls(
            store, {**row, "current_item": None}, grader, trail_factory=trail_factory, clock=clock
        )
        attempt._record(
            "start", None, {"scenario": scenario.id, "trainee": grader.trainee, "seed": grader.seed}
        )
        return attempt

    @classmethod
    def resume(
        cls,
        store: Store,
        attempt_id: str,
        grader: Grader,
        *,
        trail_factory: Callable[[list[Opened]], Any],
        clock: Clock = utc_now,
    ) -> Attempt:
        """Reopen a saved attempt exactly where it stopped (answers, trail and timer)."""
        row = store.attempt(attempt_id)
        if row is None:
            raise KeyError(attempt_id)
        attempt = cls(store, row, grader, trail_factory=trail_factory, clock=clock)
        for event in store.events(attempt_id):
            attempt._replay(event)
        attempt._record("resume", None, {})
        return attempt

    def _replay(self, event: StoredEvent) -> None:
        self._seq, self._digest = event.seq, event.digest
        self._apply(event.type, event.item, event.data, event.at)

    # reading -------------------------------------------------------------------

    @property
    def id(self) -> str:
        return str(self._row["id"])

    @property
    def mode(self) -> str:
        return str(self._row["mode"])

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    @property
    def submitted(self) -> bool:
        return bool(self._row["status"] != "in_progress")

    @property
    def current_item(self) -> str | None:
        return self._row.get("current_item")

    @property
    def row(self) -> dict[str, Any]:
        return dict(self._row)

    def status(self, item_id: str) -> ItemStatus:
        return self._status.get(item_id, "new")

    def elapsed(self) -> float:
        """Seconds worked so far (time while recsim was closed does not count)."""
        return self._elapsed_base + (time.monotonic() - self._since)

    def remaining(self) -> float | None:
        """Seconds left under the time limit, or None without one."""
        limit = self._row.get("time_limit")
        return None if limit is None else max(0.0, limit - self.elapsed())

    def time_up(self) -> bool:
        remaining = self.remaining()
        return remaining is not None and remaining <= 0

    def parsed_answer(self, item_id: str) -> BaseModel | None:
        return self._parsed.get(item_id)

    # actions (each one event, committed before it returns) ---------------------

    def open_item(self, item_id: str) -> Item:
        """Open a queue item; a chart it shows is logged in the access audit trail."""
        self._writable()
        item = self.grader.form.item(item_id)
        self._record("open_item", item_id, {}, current_item=item_id)
        if item.chart:
            self.open_record(item.chart, reason=f"work queue item {item_id}", item=item_id)
        return item

    def open_record(self, mrn: str, *, reason: str = "", item: str | None = None) -> None:
        """Log that a chart was opened (from the queue, or from a search)."""
        self._writable()
        self._record("open_record", item, {"mrn": mrn, "reason": reason})

    def answer(self, item_id: str, raw: dict[str, Any]) -> list[Finding] | None:
        """Save an answer; returns the item's findings in practice mode, None in an exam."""
        self._writable()
        if item_id not in self.grader.form:
            raise AnswerRejected(f"there is no item {item_id} on this form")
        try:
            parsed = self.grader.parse_answer(item_id, raw)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(s) for s in first["loc"])
            raise AnswerRejected(
                f"{where}: {clause(first['msg'])}" if where else clause(first["msg"])
            ) from None
        self._record("answer", item_id, {"answer": parsed.model_dump(mode="json")})
        if not self.practice:
            return None
        return self.grader.findings(self.grader.form.item(item_id), parsed, self.trail())

    def save_draft(self, item_id: str, raw: dict[str, Any]) -> None:
        """Save unfinished work on an item; it is not an answer and is never scored."""
        self._writable()
        if item_id not in self.grader.form:
            raise AnswerRejected(f"there is no item {item_id} on this form")
        self._record("draft", item_id, {"draft": raw})

    def flag(self, item_id: str, flagged: bool = True) -> None:
        """Mark an item for review (or clear the mark)."""
        self._writable()
        self._record("flag", item_id, {"flagged": flagged})

    def tick(self) -> None:
        """Save the timer (the UI calls this every few seconds)."""
        if not self.submitted:
            self.store.update_attempt(self.id, elapsed=round(self.elapsed(), 1))

    def trail(self) -> Any:
        return self._trail_factory(self.opened)

    def scorecard(self) -> Scorecard:
        return self.grader.score(self._parsed, self.trail())

    def submit(
        self,
        *,
        reason: Literal["submitted", "time_up"] = "submitted",
        results_folder: Path | None = None,
    ) -> tuple[Scorecard, Path]:
        """Close the attempt, score it, and write its results file; returns both."""
        from recsim.core.results import results_document

        self._writable()
        card = self.scorecard()
        now = self._clock()  # one reading: the event and the attempt's row say the same moment
        self._record(
            "submit",
            None,
            {"reason": reason},
            at=now,
            status="submitted",
            submitted_at=now.isoformat(),
        )
        document = results_document(self, card)
        folder = results_folder or results_dir()
        path = folder / results_name(self._row)
        text = canonical_pretty(document)
        write_atomically(path, text)
        self.store.update_attempt(self.id, results_path=str(path), results_json=text)
        self._row["results_path"] = str(path)
        return card, path

    def events(self) -> list[StoredEvent]:
        return list(self.store.events(self.id))

    # internals -----------------------------------------------------------------

    def _writable(self) -> None:
        if self.submitted:
            raise AttemptClosed("this attempt has been submitted; start a new one to try again")

    def _record(
        self,
        kind: str,
        item: str | None,
        data: dict[str, Any],
        *,
        at: datetime | None = None,
        **row_values: Any,
    ) -> None:
        at_text = (at or self._clock()).isoformat()
        elapsed = round(self.elapsed(), 1)
        data = {**data, "elapsed": elapsed}
        seq = self._seq + 1
        digest = chain_digest(self._digest, seq, at_text, kind, item, data)
        self.store.append_event(
            self.id,
            StoredEvent(seq, at_text, kind, item, data, digest),
            elapsed=elapsed,
            **row_values,
        )
        self._seq, self._digest = seq, digest
        self._row.update(row_values, elapsed=elapsed)
        self._apply(kind, item, data, at_text)

    def _apply(self, kind: str, item: str | None, data: dict[str, Any], at: str) -> None:
        if kind == "open_item" and item is not None:
            self._row["current_item"] = item
            if self.status(item) == "new":
                self._status[item] = "in_progress"
        elif kind == "open_record":
            self.opened.append(Opened(data["mrn"], data.get("reason", ""), item, at))
        elif kind == "draft" and item is not None:
            self.drafts[item] = data["draft"]
        elif kind == "answer" and item is not None:
            self.drafts.pop(item, None)
            self.answers[item] = data["answer"]
            self._parsed[item] = self.grader.parse_answer(item, data["answer"])
            if self.status(item) != "flagged":
                self._status[item] = "done"
        elif kind == "flag" and item is not None:
            self._status[item] = (
                "flagged"
                if data["flagged"]
                else ("done" if item in self.answers else "in_progress")
            )
        elif kind == "submit":
            self._row["status"] = "submitted"


def results_name(row: dict[str, Any]) -> str:
    """File name of an attempt's results: scenario, trainee and a short attempt id."""
    trainee = (
        "".join(c if c.isalnum() else "-" for c in row["trainee"].lower()).strip("-") or "anonymous"
    )
    return f"{row['scenario_id']}--{trainee[:40]}--{row['id'][:8]}.json"


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
