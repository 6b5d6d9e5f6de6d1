"""The name box follows the one name policy of core.seeds (issue 19, item 6)."""

from __future__ import annotations

from recsim.core.seeds import MAX_TRAINEE
from recsim.tui.screens.trainee import name_problem


def test_the_name_box_takes_what_play_and_grade_take_and_nothing_more() -> None:
    assert name_problem("x" * MAX_TRAINEE) is None
    assert name_problem("x" * (MAX_TRAINEE + 1)) == (
        "The name is 201 characters long; use at most 200."
    )


def test_the_name_box_refuses_an_escape_sequence_by_its_code() -> None:
    problem = name_problem("Ana\x1b[31m")
    assert problem is not None and problem.startswith(
        "Character 4 of the name is the control character U+001B"
    )


def test_an_empty_name_is_asked_for() -> None:
    assert (name_problem("   ") or "").startswith("Type your name")
