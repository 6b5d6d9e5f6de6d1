"""The bundled inpatient scenarios: draws that differ per trainee from stays of equal worth."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from recsim.core.grading.roster import read_roster
from recsim.session.checks import load_checked, task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail, shaped
from recsim.tasks.inpatient import TASK
from recsim.tasks.inpatient.block import InpatientBlock
from recsim.tasks.inpatient.models import InpatientKey
from tests.conftest import DATA, SCENARIOS

INPATIENT = [
    SCENARIOS / "hospital-inpatient-practice.yaml",
    SCENARIOS / "hospital-inpatient-exam.yaml",
]
ONE_STAY = """\
recsim: 1
id: one-stay
title: One stay
setting: hospital
mode: practice
as_of: 2026-03-02
population: {{patients: 5, ages: [0, 95]}}
tasks:
  - inpatient:
      cases: 1
      ids: [{case}]
"""


@cache
def worth(case: str) -> tuple[float, float]:
    """A stay's possible points with the key answer and with no answer (what --spread adds)."""
    loaded = parse_scenario(ONE_STAY.format(case=case), "one.yaml", (task_checks,))
    (item,) = make_variant(loaded).form.items()
    keyed = TASK.check(item, TASK.key_answer(item), Trail())
    blank = TASK.check(item, None, Trail())
    return sum(f.possible for f in keyed), sum(f.possible for f in blank)


def blocks(path: Path) -> list[InpatientBlock]:
    return [b for kind, b in load_checked(path).scenario.blocks() if kind == "inpatient"]


@pytest.mark.parametrize("path", INPATIENT, ids=lambda p: p.stem)
def test_every_drawn_block_lists_stays_of_equal_worth(path: Path) -> None:
    drawn = [b for b in blocks(path) if b.cases < len(b.ids)]
    assert drawn, "the scenario draws some of its stays per trainee"
    for block in drawn:
        assert block.shuffle, block.ids
        assert len({worth(case) for case in block.ids}) == 1, {c: worth(c) for c in block.ids}


@pytest.mark.parametrize("path", INPATIENT, ids=lambda p: p.stem)
def test_a_class_gets_different_forms_from_more_of_the_library(path: Path) -> None:
    loaded = load_checked(path)
    names = [s.name for s in read_roster(DATA / "classes" / "thirty.csv").students]
    forms = [
        tuple(shaped(i.key, InpatientKey).case for i in make_variant(loaded, n).form.items())
        for n in names
    ]
    assert len(set(forms)) == len(names)
    listed = {case for block in blocks(path) for case in block.ids}
    assert {case for form in forms for case in form} == listed
    assert len(listed) > 10, "more than the ten stays of core.yaml"
