"""Attempts: every action saved before it returns, resumable, hash-chained, results written."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recsim.core.attempt import AnswerRejected, AttemptClosed
from recsim.core.events import GENESIS, chain_digest, content_digest
from recsim.core.store import Store, StoreError
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from recsim.session.submit import read_scorecard, submit
from tests.conftest import SCENARIOS


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "attempts.sqlite3")


def test_every_action_is_in_the_store_before_it_returns(store: Store, tmp_path: Path) -> None:
    loaded = load_checked(SCENARIOS / "tutorial.yaml")
    attempt = session.begin(store, loaded, "Ana Ruiz", clock=_clock)
    first = attempt.grader.form.slots[0].id
    item = attempt.open_item(first)
    attempt.answer(first, task_kind(item.kind).key_answer(item).model_dump(mode="json"))
    other = Store(store.path)  # a second connection, as after a crash
    kinds = [event.type for event in other.events(attempt.id)]
    assert kinds == ["start", "open_item", "open_record", "answer"]
    assert attempt.opened[0].mrn == item.chart and attempt.opened[0].item == first


def test_resume_restores_answers_statuses_trail_and_timer(store: Store) -> None:
    loaded = load_checked(SCENARIOS / "tutorial.yaml")
    attempt = session.begin(store, loaded, "Ana Ruiz", clock=_clock)
    ids = [slot.id for slot in attempt.grader.form.slots]
    for item_id in ids[:2]:
        item = attempt.open_item(item_id)
        attempt.answer(item_id, task_kind(item.kind).key_answer(item).model_dump(mode="json"))
    attempt.flag(ids[1])
    store.update_attempt(attempt.id, elapsed=123.0)
    row = session.resumable(Store(store.path), loaded, "  ana ruiz ")
    assert row is not None and row.id == attempt.id
    again = session.resume(Store(store.path), loaded, attempt.id, clock=_clock)
    assert again.answers == attempt.answers
    assert [again.status(i) for i in ids] == ["done", "flagged", "new"]
    assert len(again.opened) == 2 and again.current_item == ids[1]
    assert 123.0 <= again.elapsed() < 130


def test_a_changed_scenario_is_not_offered_for_resume(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "tutorial.yaml"
    copy.write_text((SCENARIOS / "tutorial.yaml").read_text())
    session.begin(store, load_checked(copy), "Ana", clock=_clock)
    copy.write_text(copy.read_text().replace("passing_score: 60", "passing_score: 70"))
    assert session.resumable(store, load_checked(copy), "Ana") is None


def test_bad_answers_are_rejected_with_a_reason_and_not_saved(store: Store) -> None:
    attempt = session.begin(store, load_checked(SCENARIOS / "tutorial.yaml"), "Ana", clock=_clock)
    first = attempt.grader.form.slots[0].id
    with pytest.raises(AnswerRejected, match="flags"):
        attempt.answer(first, {"flags": "everything"})
    with pytest.raises(AnswerRejected, match="no item"):
        attempt.answer("audit-99", {"flags": []})
    assert first not in attempt.answers


def test_practice_shows_findings_and_exam_does_not(store: Store) -> None:
    practice = session.begin(store, load_checked(SCENARIOS / "tutorial.yaml"), "Ana", clock=_clock)
    exam = session.begin(
        store, load_checked(SCENARIOS / "hospital-audit-exam.yaml"), "Ana", clock=_clock
    )
    for attempt in (practice, exam):
        first = attempt.grader.form.slots[0].id
        attempt.open_item(first)
        feedback = attempt.answer(first, {"flags": []})
        assert (feedback is not None) == (attempt is practice)
    assert exam.remaining() is not None and exam.remaining() <= 20 * 60


def test_submit_writes_a_results_file_with_a_valid_chain_and_digest(
    store: Store, tmp_path: Path
) -> None:
    attempt = session.begin(
        store, load_checked(SCENARIOS / "tutorial.yaml"), "Ana Ruiz", clock=_clock
    )
    for slot in attempt.grader.form.slots:
        item = attempt.open_item(slot.id)
        attempt.answer(slot.id, task_kind(item.kind).key_answer(item).model_dump(mode="json"))
    path = submit(store, attempt, results_folder=tmp_path / "results")
    assert read_scorecard(path).overall == 100.0
    document = json.loads(path.read_text())
    assert read_scorecard(path).model_dump(mode="json") == document["scorecard"]
    assert document["digest"] == content_digest(document)
    assert document["scenario"]["id"] == "tutorial" and document["trainee"] == "Ana Ruiz"
    previous = GENESIS
    for event in document["events"]:
        assert event["digest"] == chain_digest(
            previous, event["seq"], event["at"], event["type"], event["item"], event["data"]
        )
        previous = event["digest"]
    assert document["events"][-1]["type"] == "submit"
    with pytest.raises(AttemptClosed):
        attempt.answer(attempt.grader.form.slots[0].id, {"flags": []})
    assert store.attempt(attempt.id).status == "submitted"  # type: ignore[union-attr]


def test_a_damaged_store_is_reported_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a recsim attempt store"):
        Store(path)


def test_a_store_from_a_newer_recsim_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer recsim"):
        Store(path)


def test_an_answer_is_validated_once_on_its_way_in(store: Store) -> None:
    attempt = session.begin(store, load_checked(SCENARIOS / "tutorial.yaml"), "Ana", clock=_clock)
    variant = attempt.grader
    calls: list[str] = []
    parse = variant.parse_answer

    def counted(item_id: str, raw: object) -> object:
        calls.append(item_id)
        return parse(item_id, raw)

    object.__setattr__(variant, "parse_answer", counted)  # the variant is a frozen dataclass
    first = variant.form.slots[0].id
    attempt.answer(first, {"flags": []})
    assert calls == [first]


def test_an_old_empty_store_file_is_set_up_and_said_so(tmp_path: Path) -> None:
    old, new = tmp_path / "old.sqlite3", tmp_path / "new.sqlite3"
    old.touch()
    os.utime(old, (0, 0))  # emptied long ago, not created a moment ago by another recsim
    new.touch()
    assert Store(old).was_empty and not Store(new).was_empty


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a recsim attempt store"):
        Store(path)
    assert path.read_bytes() == before
