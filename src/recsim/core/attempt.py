"""The attempt: a trainee's session, as the events that make it up.

An :class:`Attempt` is a reducer over its events: every action becomes one event,
appended to the event log it was given (the attempt store) in one transaction
before the action returns, then applied to the attempt's state; resuming replays
the same events. Each answer is validated once, on its way in. Scoring and item
generation come from a :class:`Grader` (a task-layer ``Variant``), so this module
stays free of any task kind; submitting (results file included) is the
application layer's job (:mod:`recsim.session.attempts`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from recsim.core.answers import clause
from recsim.core.events import GENESIS, chain_digest
from recsim.core.form import Form, Item
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Finding
from recsim.core.seeds import normalize_trainee
from recsim.core.storage import AttemptRow, StoredEvent
from recsim.core.timelimit import ClockMode, clock_mode, used_seconds
from recsim.core.trail import RecordOpen

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

    def trail(self, opened: Sequence[RecordOpen]) -> Any: ...

    def findings(self, item: Item, answer: BaseModel | None, trail: Any) -> list[Finding]: ...


class EventLog(Protocol):
    """Where an attempt's events are kept (recsim.core.store.Store)."""

    def create_attempt(self, row: AttemptRow) -> None: ...

    def append_event(
        self, attempt_id: str, event: StoredEvent, *, writer: str | None = None, **values: Any
    ) -> None: ...

    def events(self, attempt_id: str) -> Iterator[StoredEvent]: ...

    def heartbeat(self, attempt_id: str, writer: str | None, *, elapsed: float) -> None: ...


class AnswerRejected(Exception):
    """An answer that does not fit its item: the message says why, for the trainee."""


class AttemptClosed(Exception):
    """The attempt was already submitted."""


class Attempt:
    """One trainee working one scenario variant."""

    def __init__(
        self,
        log: EventLog,
        row: AttemptRow,
        grader: Grader,
        *,
        clock: Clock = utc_now,
        writer: str | None = None,
    ) -> None:
        self.log = log
        self.grader = grader
        self.writer = writer
        """This window's claim on the attempt (None: no claim is checked)."""
        self._row = row
        self._clock = clock
        self.answers: dict[str, dict[str, Any]] = {}
        """Item id -> the raw answer, as saved."""
        self._parsed: dict[str, BaseModel] = {}
        self._status: dict[str, ItemStatus] = {}
        self.drafts: dict[str, dict[str, Any]] = {}
        """Unfinished work per item (not scored), so a crash loses nothing typed so far."""
        self.opened: list[RecordOpen] = []
        """The access audit trail, in order."""
        self._seq = 0
        self._digest = GENESIS
        self._before_close: tuple[int, str, AttemptRow] | None = None
        self._elapsed_base = float(row.elapsed)
        self.clock_mode: ClockMode = clock_mode(None)
        """What the time limit runs on, as recorded when the attempt started."""
        self._since = time.monotonic()

    # creation ------------------------------------------------------------------

    @classmethod
    def begin(
        cls, log: EventLog, grader: Grader, *, clock: Clock = utc_now, writer: str | None = None
    ) -> Attempt:
        """Start a new attempt and record its first event."""
        scenario = grader.loaded.scenario
        row = AttemptRow(
            id=uuid.uuid4().hex,
            scenario_id=scenario.id,
            scenario_title=scenario.title,
            scenario_path=str(grader.loaded.path),
            content_hash=grader.loaded.content_hash,
            trainee=grader.trainee,
            trainee_key=normalize_trainee(grader.trainee),
            seed=grader.seed,
            mode=scenario.mode,
            time_limit=scenario.time_limit_seconds,
            started_at=clock().isoformat(),
            writer=writer,
        )
        log.create_attempt(row)
        attempt = cls(log, row, grader, clock=clock, writer=writer)
        start = {"scenario": scenario.id, "trainee": grader.trainee, "seed": grader.seed}
        start["clock"] = scenario.clock_mode
        attempt._record("start", None, start)
        return attempt

    @classmethod
    def replayed(
        cls,
        log: EventLog,
        row: AttemptRow,
        grader: Grader,
        *,
        clock: Clock = utc_now,
        writer: str | None = None,
    ) -> Attempt:
        """The attempt as its saved events leave it (nothing recorded)."""
        attempt = cls(log, row, grader, clock=clock, writer=writer)
        for event in log.events(row.id):
            attempt._seq, attempt._digest = event.seq, event.digest
            attempt.apply(event)
        return attempt

    @classmethod
    def resume(
        cls,
        log: EventLog,
        row: AttemptRow,
        grader: Grader,
        *,
        clock: Clock = utc_now,
        writer: str | None = None,
    ) -> Attempt:
        """Reopen a saved attempt exactly where it stopped (answers, trail and timer)."""
        attempt = cls.replayed(log, row, grader, clock=clock, writer=writer)
        attempt._record("resume", None, {})
        return attempt

    # reading -------------------------------------------------------------------

    @property
    def id(self) -> str:
        return self._row.id

    @property
    def mode(self) -> str:
        return self._row.mode

    @property
    def practice(self) -> bool:
        return self.mode == "practice"

    @property
    def submitted(self) -> bool:
        """Closed to changes: submitted, or being submitted."""
        return self._row.status != "in_progress"

    @property
    def current_item(self) -> str | None:
        return self._row.current_item

    @property
    def row(self) -> AttemptRow:
        return self._row

    @property
    def last_event(self) -> int:
        """Sequence number of the latest event."""
        return self._seq

    def status(self, item_id: str) -> ItemStatus:
        return self._status.get(item_id, "new")

    def elapsed(self) -> float:
        """Seconds worked so far (time while recsim was closed does not count)."""
        return self._elapsed_base + (time.monotonic() - self._since)

    def remaining(self) -> float | None:
        """Seconds left under the time limit, or None without one (on the attempt's clock)."""
        limit = self._row.time_limit
        if limit is None:
            return None
        # Working time reads no clock; the wall clock counts from the recorded start.
        started = datetime.fromisoformat(self._row.started_at)
        now = self._clock() if self.clock_mode == "wall" else started
        used = used_seconds(self.clock_mode, elapsed=self.elapsed(), started_at=started, now=now)
        return max(0.0, limit - used)

    def time_up(self) -> bool:
        remaining = self.remaining()
        return remaining is not None and remaining <= 0

    def parsed_answer(self, item_id: str) -> BaseModel | None:
        return self._parsed.get(item_id)

    def parsed_answers(self) -> Mapping[str, BaseModel]:
        """Every answer, validated (what is scored): a read-only view, not a copy."""
        return MappingProxyType(self._parsed)

    def trail(self) -> Any:
        """The access audit trail as the task kinds score it."""
        return self.grader.trail(self.opened)

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
        self._record("answer", item_id, {"answer": parsed.model_dump(mode="json")}, parsed=parsed)
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

    def close(self, reason: Literal["submitted", "time_up"]) -> StoredEvent:
        """Record the submit event: the attempt takes no more changes and is ``submitting``
        until its results file is written (:func:`recsim.session.submit.submit`)."""
        self._writable()
        self._before_close = (self._seq, self._digest, self._row)
        now = self._clock()  # one reading: the event and the attempt's row say the same moment
        return self._record(
            "submit",
            None,
            {"reason": reason},
            at=now,
            status="submitting",
            submitted_at=now.isoformat(),
        )

    def reopen(self) -> None:
        """Undo :meth:`close` once the store has dropped its event (the results could not
        be written): the attempt takes changes again, exactly as before."""
        if self._before_close is None:
            raise AttemptClosed("this attempt was not being submitted")
        self._seq, self._digest, row = self._before_close
        self._row = replace(row, elapsed=self._row.elapsed)
        self._before_close = None

    def tick(self) -> None:
        """Save the timer (the UI calls this every few seconds; it also shows the window
        still holds the attempt)."""
        if not self.submitted:
            self.log.heartbeat(self.id, self.writer, elapsed=round(self.elapsed(), 1))

    def mark(self, **values: Any) -> None:
        """Note row values the application layer saved (submitted, results path)."""
        self._row = replace(self._row, **values)

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
        parsed: BaseModel | None = None,
        **row_values: Any,
    ) -> StoredEvent:
        at_text = (at or self._clock()).isoformat()
        elapsed = round(self.elapsed(), 1)
        data = {**data, "elapsed": elapsed}
        seq = self._seq + 1
        event = StoredEvent(
            seq,
            at_text,
            kind,
            item,
            data,
            chain_digest(self._digest, seq, at_text, kind, item, data),
        )
        self.log.append_event(self.id, event, writer=self.writer, elapsed=elapsed, **row_values)
        self._seq, self._digest = seq, event.digest
        self._row = replace(self._row, elapsed=elapsed, **row_values)
        self.apply(event, parsed)
        return event

    def apply(self, event: StoredEvent, parsed: BaseModel | None = None) -> None:
        """The reducer: one event's effect on the attempt's state (``parsed``: the answer
        already validated, when the event is being recorded rather than replayed)."""
        kind, item, data = event.type, event.item, event.data
        if kind == "start":
            self.clock_mode = clock_mode(data.get("clock"))
        elif kind == "open_item" and item is not None:
            self._row = replace(self._row, current_item=item)
            if self.status(item) == "new":
                self._status[item] = "in_progress"
        elif kind == "open_record":
            self.opened.append(
                RecordOpen(
                    mrn=data["mrn"],
                    reason=data.get("reason", ""),
                    item=item,
                    at=datetime.fromisoformat(event.at),
                )
            )
        elif kind == "draft" and item is not None:
            self.drafts[item] = data["draft"]
        elif kind == "answer" and item is not None:
            self.drafts.pop(item, None)
            self.answers[item] = data["answer"]
            self._parsed[item] = parsed or self.grader.parse_answer(item, data["answer"])
            if self.status(item) != "flagged":
                self._status[item] = "done"
        elif kind == "flag" and item is not None:
            self._status[item] = (
                "flagged"
                if data["flagged"]
                else ("done" if item in self.answers else "in_progress")
            )
        elif kind == "submit" and self._row.status == "in_progress":
            self._row = replace(self._row, status="submitting")
