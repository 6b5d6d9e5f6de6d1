"""The work queue of an attempt: traps are not listed, and interrupt once their moment has come."""

from __future__ import annotations

from pathlib import Path

from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from tests.conftest import DATA

TRAPS = DATA / "tui" / "traps.yaml"
"""Two audit charts; a famous-patient trap after the first, a co-worker's request after it."""


def test_traps_spring_in_order_as_listed_items_are_answered(tmp_path: Path) -> None:
    store = Store(tmp_path / "attempts.sqlite3")
    attempt = session.begin(store, load_checked(TRAPS), "Ana Ruiz")
    work = session.WorkQueue.of(attempt.grader.form)
    assert work.items == ("audit-1", "audit-2")
    traps = list(work.traps)
    assert len(traps) == 2 and work.hidden == frozenset(traps)
    assert [work.traps[trap] for trap in traps] == [1, 2]

    def answer(item_id: str) -> None:
        item = attempt.open_item(item_id)
        key = task_kind(item.kind).key_answer(item)
        assert key is not None
        attempt.answer(item_id, key.model_dump(mode="json"))

    assert work.pending_traps(attempt, due_only=True) == []
    assert work.pending_traps(attempt, due_only=False) == traps  # all met before submitting
    answer("audit-1")
    assert work.answered(attempt) == 1 and work.pending_traps(attempt, due_only=True) == traps[:1]
    answer(traps[0])
    assert work.answered(attempt) == 1 and work.pending_traps(attempt, due_only=True) == []
    answer("audit-2")
    assert work.pending_traps(attempt, due_only=True) == traps[1:]
    store.close()
