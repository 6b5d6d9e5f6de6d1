"""A trap's right answer cannot be picked out by its length, a stock phrase or its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.form import Item
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.tasks.traps.block import TRAP_KINDS
from recsim.tasks.traps.catalog import catalog
from recsim.tasks.traps.models import TrapKey, TrapView

TRAINEES = ("Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Novak", "Eli Haddad", "Femi Adeyemi")


def _traps(tmp_path: Path, trainee: str) -> list[Item]:
    traps = "\n".join(f"  - {{kind: {kind}}}" for kind in TRAP_KINDS.names)
    path = tmp_path / "traps.yaml"
    path.write_text(
        "recsim: 1\nid: traps\ntitle: Traps\nsetting: hospital\nseed: 3\n"
        "population: {patients: 6}\ntasks:\n  - audit: {records: 2}\n"
        f"traps:\n{traps}\n"
    )
    return [i for i in make_variant(load_checked(path), trainee).form.items() if i.kind == "trap"]


@pytest.fixture(scope="module")
def met(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[TrapView, TrapKey]]:
    """Every trap kind as each of six trainees meets it: what they read, and the key."""
    folder = tmp_path_factory.mktemp("options")
    return [
        (item.view, item.key)  # type: ignore[misc]
        for trainee in TRAINEES
        for item in _traps(folder, trainee)
    ]


def _words(label: str) -> list[str]:
    return [word.strip(",.;:").lower() for word in label.split()]


def test_the_key_is_the_longest_option_no_more_often_than_chance(
    met: list[tuple[TrapView, TrapKey]],
) -> None:
    longest_is_key = [
        max(view.responses, key=lambda o: len(o.label)).id == key.best for view, key in met
    ]
    # Chance is one in three (one in five for the printer): allow well under one in two.
    assert sum(longest_is_key) <= len(met) * 0.4, sum(longest_is_key)


def test_the_options_of_a_trap_are_of_similar_length(
    met: list[tuple[TrapView, TrapKey]],
) -> None:
    for view, _key in met:
        lengths = [len(o.label) for o in view.responses]
        assert min(lengths) >= 0.75 * max(lengths), [o.label for o in view.responses]


def test_no_phrase_appears_only_in_the_right_answers() -> None:
    keys = [info.best.label for info in catalog().values()]
    others = " ".join(
        " ".join(_words(r.label))
        for info in catalog().values()
        for r in info.responses
        if r.verdict != "correct"
    )
    for size in (3, 4):
        seen: dict[str, int] = {}
        for label in keys:
            words = _words(label)
            for phrase in {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}:
                seen[phrase] = seen.get(phrase, 0) + 1
        shared_by_keys_only = [
            p for p, n in seen.items() if n > 1 and f" {p} " not in f" {others} "
        ]
        assert not shared_by_keys_only, shared_by_keys_only


def test_the_right_answers_do_not_all_end_the_same_way() -> None:
    endings = {" ".join(_words(info.best.label)[-3:]) for info in catalog().values()}
    assert len(endings) > len(catalog()) // 2, endings


def test_each_trainee_meets_the_options_in_their_own_order(
    met: list[tuple[TrapView, TrapKey]],
) -> None:
    places: dict[str, set[int]] = {}
    for view, key in met:
        places.setdefault(key.kind, set()).add([o.id for o in view.responses].index(key.best))
    assert all(len(seen) >= 2 for seen in places.values()), places


def test_the_order_is_the_same_every_time_for_the_same_trainee(tmp_path: Path) -> None:
    def order(trainee: str) -> list[list[str]]:
        return [[o.id for o in item.view.responses] for item in _traps(tmp_path, trainee)]  # type: ignore[attr-defined]

    assert order("Ana Ruiz") == order("Ana Ruiz")
