"""Drawing a block's stays: ``ids`` in their order, or shuffled for each trainee."""

from __future__ import annotations

import random

from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import shaped
from recsim.tasks.inpatient.models import InpatientKey
from recsim.tasks.stays import pick_cases

IDS = ["ip-core-sepsis-pneumonia", "ip-sepsis-pneumococcal-shock", "ip-pneumonia-copd-exacerbation"]
SCENARIO = """\
recsim: 1
id: inpatient-draws
title: Draws
setting: hospital
mode: practice
as_of: 2026-03-02
population: {{patients: 20, ages: [18, 95]}}
tasks:
  - inpatient:
      cases: 1
      ids: [{ids}]{shuffle}
"""
TRAINEES = [f"Trainee {n}" for n in range(12)]


def drawn(trainee: str, *, shuffle: bool) -> str:
    """The case id of the one stay the trainee's form holds."""
    text = SCENARIO.format(ids=", ".join(IDS), shuffle="\n      shuffle: true" if shuffle else "")
    loaded = parse_scenario(text, "draws.yaml", (task_checks,))
    (item,) = make_variant(loaded, trainee).form.items()
    return shaped(item.key, InpatientKey).case


def test_listed_ids_keep_their_order_without_shuffle() -> None:
    assert {drawn(name, shuffle=False) for name in TRAINEES} == {IDS[0]}


def test_shuffled_ids_give_trainees_different_stays_and_the_same_one_again() -> None:
    stays = {name: drawn(name, shuffle=True) for name in TRAINEES}
    assert set(stays.values()) == set(IDS)
    assert all(drawn(name, shuffle=True) == stays[name] for name in TRAINEES[:3])


def test_a_shuffled_draw_holds_every_listed_id_once() -> None:
    for seed in range(10):
        order = pick_cases(random.Random(seed), 3, ids=IDS, shuffle=True)
        assert sorted(c.id for c in order) == sorted(IDS)
    orders = {
        tuple(c.id for c in pick_cases(random.Random(s), 3, ids=IDS, shuffle=True))
        for s in range(10)
    }
    assert len(orders) > 1
