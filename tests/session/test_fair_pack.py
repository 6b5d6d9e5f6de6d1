"""Issue 18, "done when": every bundled scenario gives a class of 30 equal forms.

Each form's possible points lie within 10% of the class mean, and every form tests
something of every objective the scenario's items serve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.grading.roster import read_roster
from recsim.session.checks import load_checked
from recsim.session.spread import TOLERANCE, class_spread
from tests.conftest import DATA, SCENARIOS

CLASS = DATA / "classes" / "thirty.csv"


def names() -> list[str]:
    return [student.name for student in read_roster(CLASS).students]


def test_the_class_has_thirty_trainees() -> None:
    assert len(names()) == 30


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_bundled_scenario_gives_thirty_equal_forms(path: Path) -> None:
    spread = class_spread(load_checked(path), names())
    assert spread.widest <= TOLERANCE, (
        f"possible points {spread.low}-{spread.high} around a mean of {spread.mean:.1f}"
    )
    assert [(f.trainee, f.missing) for f in spread.lacking] == []
    assert spread.fair
