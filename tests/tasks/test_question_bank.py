"""Question banks: ``pick`` and ``shuffle`` over the items an instructor writes."""

from __future__ import annotations

from pathlib import Path

from recsim.session.checks import load_checked
from recsim.session.forms import make_variant

SCENARIO = """\
recsim: 1
id: bank
title: A bank of written items
setting: clinic
queue: ordered
tasks:
  - release:
{release}
      items:
{requests}
  - coding:
{coding}
      items:
{cases}
"""
REQUEST = """\
        - id: r{n}
          requester: {{role: patient, verified: true}}
          requested: [lab_results]
"""
CASE = """\
        - id: c{n}
          encounter: outpatient
          patient: {{sex: M, age: 61}}
          note: Type 2 diabetes without complications.
          expect: {{diagnoses: [E11.9]}}
"""
TRAINEES = ("Ana Ruiz", "Ben Ode", "Cy Lam", "Dee Park", "Eve Moss", "Fay Lund")


def _write(folder: Path, release: str = "", coding: str = "", size: int = 8) -> Path:
    path = folder / "bank.yaml"
    path.write_text(
        SCENARIO.format(
            release=release or "      requests: 0",
            coding=coding or "      cases: 0",
            requests="".join(REQUEST.format(n=n) for n in range(1, size + 1)),
            cases="".join(CASE.format(n=n) for n in range(1, size + 1)),
        ),
        "utf-8",
    )
    return path


def _written(path: Path, trainee: str) -> tuple[list[str], list[str]]:
    """The written items a trainee's form holds, by the ids the file gives them, in order."""
    items = list(make_variant(load_checked(path), trainee).form.items())
    release = [i.key.authored_id for i in items if i.kind == "release"]  # type: ignore[attr-defined]
    coding = [i.key.case for i in items if i.kind == "coding"]  # type: ignore[attr-defined]
    return release, coding


def test_without_pick_or_shuffle_every_written_item_comes_in_file_order(tmp_path: Path) -> None:
    release, coding = _written(_write(tmp_path), "Ana Ruiz")
    assert release == [f"r{n}" for n in range(1, 9)]
    assert coding == [f"c{n}" for n in range(1, 9)]


def test_pick_gives_each_trainee_that_many_distinct_written_items(tmp_path: Path) -> None:
    path = _write(tmp_path, release="      pick: 3", coding="      pick: 2")
    forms = {name: _written(path, name) for name in TRAINEES}
    for release, coding in forms.values():
        assert len(release) == len(set(release)) == 3
        assert len(coding) == len(set(coding)) == 2
        assert set(release) <= {f"r{n}" for n in range(1, 9)}
    assert len({tuple(release) for release, _ in forms.values()}) > 1, "everyone got the same"


def test_the_draw_is_the_same_for_the_same_trainee_and_seed(tmp_path: Path) -> None:
    path = _write(tmp_path, release="      pick: 3", coding="      pick: 2")
    assert _written(path, "Ana Ruiz") == _written(path, "ana ruiz ")


def test_shuffle_keeps_every_written_item_in_an_order_per_trainee(tmp_path: Path) -> None:
    path = _write(tmp_path, release="      shuffle: true", coding="      shuffle: true")
    orders = [_written(path, name)[0] for name in TRAINEES]
    assert all(sorted(order) == sorted(f"r{n}" for n in range(1, 9)) for order in orders)
    assert len({tuple(order) for order in orders}) > 1


def test_item_count_honours_pick_and_generated_items_still_follow(tmp_path: Path) -> None:
    path = _write(tmp_path, release="      requests: 2\n      pick: 3")
    loaded = load_checked(path)
    (kind, block) = loaded.scenario.blocks()[0]
    assert (kind, block.item_count()) == ("release", 5)
    items = [i for i in make_variant(loaded, "Ana Ruiz").form.items() if i.kind == "release"]
    authored = [i.key.authored_id for i in items]  # type: ignore[attr-defined]
    assert len(items) == 5 and authored[3:] == [None, None] and None not in authored[:3]
