"""The session API the terminal UI drives: start, resume, answer, submit.

It joins a scenario variant (this layer) to the core's :class:`Attempt`, so the
UI never builds forms or scores anything itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from recsim.core.attempt import Attempt, Clock, Opened, utc_now
from recsim.core.form import Form
from recsim.core.scenario import LoadedScenario
from recsim.core.seeds import normalize_trainee
from recsim.core.store import Store
from recsim.session.forms import make_variant
from recsim.session.kinds import interrupting
from recsim.tasks.base import RecordOpen, Trail


@dataclass(frozen=True)
class WorkQueue:
    """The items a trainee works through, and the interruptions that come between them.

    A trap item is not listed: it interrupts once, when as many listed items have been
    answered as come before it on the form, and every one is met before submitting.
    """

    items: tuple[str, ...]
    """Listed items, in the form's order."""
    traps: Mapping[str, int]
    """Trap item -> how many listed items must be answered before it springs."""

    @classmethod
    def of(cls, form: Form) -> WorkQueue:
        items: list[str] = []
        traps: dict[str, int] = {}
        for slot in form.slots:
            if interrupting(slot.kind):
                traps[slot.id] = len(items)
            else:
                items.append(slot.id)
        return cls(tuple(items), traps)

    @property
    def hidden(self) -> frozenset[str]:
        """The items the queue does not list."""
        return frozenset(self.traps)

    def answered(self, attempt: Attempt) -> int:
        """Listed items answered so far."""
        return sum(1 for item_id in attempt.answers if item_id not in self.traps)

    def pending_traps(self, attempt: Attempt, *, due_only: bool) -> list[str]:
        """Interruptions not yet met, in order; with ``due_only``, those whose moment has come."""
        answered = self.answered(attempt)
        return [
            trap
            for trap, moment in self.traps.items()
            if trap not in attempt.answers and (not due_only or answered >= moment)
        ]


class TrailOf:
    """The access audit trail of one attempt, as task kinds read it.

    An attempt only ever adds to the records it has opened, so each is converted once:
    rebuilding the whole trail for every practice answer made a long attempt slow down
    as it went (7 ms an answer at 3,000 items, and growing; bench/bench_attempt.py).
    """

    def __init__(self) -> None:
        self._opens: list[RecordOpen] = []

    def __call__(self, opened: list[Opened]) -> Trail:
        if len(opened) < len(self._opens):  # not the list this trail was built from: start again
            self._opens.clear()
        self._opens.extend(
            RecordOpen(mrn=o.mrn, reason=o.reason, item=o.item) for o in opened[len(self._opens) :]
        )
        return Trail(tuple(self._opens))


def resumable(store: Store, loaded: LoadedScenario, trainee: str) -> dict[str, Any] | None:
    """The unfinished attempt of this trainee at this exact scenario version, if any."""
    row = store.open_attempt(loaded.scenario.id, normalize_trainee(trainee))
    if row is None or row["content_hash"] != loaded.content_hash:
        return None
    return row


def begin(store: Store, loaded: LoadedScenario, trainee: str, *, clock: Clock = utc_now) -> Attempt:
    """A new attempt on the trainee's variant."""
    return Attempt.begin(store, make_variant(loaded, trainee), trail_factory=TrailOf(), clock=clock)


def resume(
    store: Store, loaded: LoadedScenario, attempt_id: str, *, clock: Clock = utc_now
) -> Attempt:
    """Reopen a saved attempt on the same variant, where it stopped."""
    row = store.attempt(attempt_id)
    if row is None:
        raise KeyError(attempt_id)
    variant = make_variant(loaded, row["trainee"])
    return Attempt.resume(store, attempt_id, variant, trail_factory=TrailOf(), clock=clock)
