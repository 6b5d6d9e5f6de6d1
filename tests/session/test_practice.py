"""Practice sets: after an attempt with misses, fresh items of the missed topics only."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.store import Store
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.practice import (
    MOST_ITEMS,
    PER_TOPIC,
    missed_topics,
    practice_folder,
    practise_attempt,
)
from recsim.session.submit import read_scorecard
from recsim.session.topics import topic_words
from recsim.tasks.base import Trail
from tests.conftest import SCENARIOS
from tests.core.classroom import key_answer, play, typical_answer

TRAINEE = "Typical Tam"


def _played(tmp_path: Path, scenario: str, answer: object) -> tuple[Store, Path]:
    store = Store(tmp_path / "attempts.sqlite3")
    loaded = load_checked(SCENARIOS / scenario)
    results = play(store, loaded, TRAINEE, answer, tmp_path / "results")  # type: ignore[arg-type]
    return store, results


def _practise(store: Store, results: Path) -> tuple[Path | None, dict[str, frozenset[str]]]:
    row = store.attempts()[0]
    card = read_scorecard(results)
    findings = [(f.item, f.topic, f.outcome) for f in card.findings]
    loaded = load_checked(Path(row.scenario_path))
    path = practise_attempt(store.path, loaded, (row.id, row.seed), row.trainee, findings)
    return path, missed_topics(findings)


def _tested(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Each item of the trainee's practice form -> the (kind, topic) pairs it is scored on."""
    variant = make_variant(load_checked(path), TRAINEE)
    return {
        item.id: {(item.kind, f.topic) for f in variant.findings(item, None, Trail())}
        for item in variant.form.items()
    }


@pytest.mark.parametrize(
    "scenario", ["hospital-audit-exam.yaml", "hospital-records-audit.yaml", "tutorial.yaml"]
)
def test_practice_gives_items_only_of_the_missed_topics(tmp_path: Path, scenario: str) -> None:
    store, results = _played(tmp_path, scenario, typical_answer)
    path, missed = _practise(store, results)
    assert missed and path is not None and path.parent == practice_folder(store.path)
    tested = _tested(path)
    assert 0 < len(tested) <= MOST_ITEMS
    missed_pairs = {(kind, topic) for kind, topics in missed.items() for topic in topics}
    for item_id, pairs in tested.items():
        assert pairs & missed_pairs, f"{item_id} tests none of the missed topics: {pairs}"
    assert sum(1 for pairs in tested.values() if pairs & missed_pairs) <= PER_TOPIC * len(
        missed_pairs
    )


def test_each_practice_set_is_fresh_and_made_the_same_way_on_any_machine(tmp_path: Path) -> None:
    store, results = _played(tmp_path, "hospital-audit-exam.yaml", typical_answer)
    first, _ = _practise(store, results)
    second, _ = _practise(store, results)
    assert first is not None and second is not None and first != second
    original = make_variant(load_checked(SCENARIOS / "hospital-audit-exam.yaml"), TRAINEE)
    practice = make_variant(load_checked(first), TRAINEE)
    assert practice.seed != original.seed  # fresh variants, not the charts already seen
    assert load_checked(first).scenario.seed != load_checked(second).scenario.seed
    text = first.read_text(encoding="utf-8")
    first.unlink()
    again, _ = _practise(store, results)  # counter 1 again: the same set, byte for byte
    assert again == first and again.read_text(encoding="utf-8") == text


def test_nothing_missed_makes_no_practice_set(tmp_path: Path) -> None:
    store, results = _played(tmp_path, "tutorial.yaml", key_answer)
    path, missed = _practise(store, results)
    assert missed == {} and path is None
    assert not practice_folder(store.path).exists()


def test_a_practice_set_is_a_practice_without_a_time_limit(tmp_path: Path) -> None:
    store, results = _played(tmp_path, "hospital-audit-exam.yaml", typical_answer)
    path, missed = _practise(store, results)
    assert path is not None
    scenario = load_checked(path).scenario
    assert scenario.mode == "practice" and scenario.time_limit is None and scenario.due is None
    assert scenario.title.startswith("Practice: ") and scenario.id == path.stem
    assert scenario.practice is not None
    assert set(scenario.practice.topics) == set(missed["audit"])


def test_the_briefing_lists_the_missed_topics_apart_in_alphabetical_order(
    tmp_path: Path,
) -> None:
    # Topic titles hold commas ("Access, records in off-site storage"): joined by commas,
    # a trainee could not tell where one ended and the next began.
    store, results = _played(tmp_path, "privacy-office-rights.yaml", lambda item: None)
    path, missed = _practise(store, results)
    assert path is not None
    description = load_checked(path).scenario.description
    listed = description.split(": ", 1)[1].removesuffix(".").split("; ")
    assert listed == sorted(topic_words(t) for t in missed["rights"])
    assert any("," in words for words in listed)  # the case the semicolons are for
