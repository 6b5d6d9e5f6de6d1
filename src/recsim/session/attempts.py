"""The session API the terminal UI drives: start, resume, answer, submit.

It joins a scenario variant (this layer) to the core's :class:`Attempt`, so the
UI never builds forms or scores anything itself.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from recsim.core.attempt import Attempt, Clock, utc_now
from recsim.core.form import Form
from recsim.core.scenario import LoadedScenario
from recsim.core.scoring import Finding
from recsim.core.seeds import normalize_trainee
from recsim.core.storage import AttemptRow
from recsim.core.store import Store
from recsim.session import submit as submitting
from recsim.session.forms import make_variant
from recsim.session.kinds import interrupting


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


class AttemptBusy(Exception):
    """The attempt is open in another window (which saves it); the message says so, in one line."""

    def __init__(self, row: AttemptRow) -> None:
        super().__init__(
            f"{row.trainee or 'This trainee'}'s attempt at '{row.scenario_title}' is open in "
            "another recsim window, which is saving it"
        )
        self.row = row


def resumable(store: Store, loaded: LoadedScenario, trainee: str) -> AttemptRow | None:
    """The unfinished attempt of this trainee at this exact scenario version, if any."""
    row = store.open_attempt(loaded.scenario.id, normalize_trainee(trainee))
    if row is None or row.content_hash != loaded.content_hash or row.status != "in_progress":
        return None
    return row


def interrupted(store: Store, loaded: LoadedScenario, trainee: str) -> AttemptRow | None:
    """An attempt of this trainee at this scenario that was submitted but whose results file
    was not finished (recsim stopped in between): :func:`finish_interrupted` completes it."""
    row = store.open_attempt(loaded.scenario.id, normalize_trainee(trainee))
    if row is None or row.content_hash != loaded.content_hash or row.status != "submitting":
        return None
    return row


def finish_interrupted(
    store: Store, loaded: LoadedScenario, row: AttemptRow, results_folder: Path | None = None
) -> Path:
    """Write the results file of an interrupted submit; returns where it is."""
    return submitting.finish_interrupted(
        store, make_variant(loaded, row.trainee), row, results_folder
    )


def respond_to_interruption(attempt: Attempt, item_id: str, response: str) -> list[Finding] | None:
    """Record the trainee's response to an interruption (a trap); its findings in practice."""
    return attempt.answer(item_id, {"response": response})  # an interruption's answer model


def new_writer() -> str:
    """A token naming this window as an attempt's writer: machine, process, and a nonce."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex}"


def writer_alive(writer: str) -> bool:
    """Whether the window holding an attempt may still be there.

    A window of this machine whose process has ended is gone (killed, or closed without
    letting go); so is one of this very process (it is being replaced). A window of another
    machine is taken to be there while it keeps writing.
    """
    host, _, rest = writer.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def begin(store: Store, loaded: LoadedScenario, trainee: str, *, clock: Clock = utc_now) -> Attempt:
    """A new attempt on the trainee's variant, written by this window alone."""
    return Attempt.begin(store, make_variant(loaded, trainee), clock=clock, writer=new_writer())


def resume(
    store: Store,
    loaded: LoadedScenario,
    attempt_id: str,
    *,
    clock: Clock = utc_now,
    take_over: bool = False,
) -> Attempt:
    """Reopen a saved attempt on the same variant, where it stopped.

    Raises :class:`AttemptBusy` when another live window holds it, unless ``take_over``:
    then that window's next change is refused and it is told to carry on here.
    """
    row = store.attempt(attempt_id)
    if row is None:
        raise KeyError(attempt_id)
    writer = new_writer()
    if store.claim(attempt_id, writer, take_over=take_over, alive=writer_alive) is not None:
        raise AttemptBusy(row)
    row = store.attempt(attempt_id) or row
    variant = make_variant(loaded, row.trainee)
    return Attempt.resume(store, row, variant, clock=clock, writer=writer)
