"""The clock as the trainee meets it, and what the app asks before submitting or quitting."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from recsim.core.attempt import Attempt
from recsim.tui.countdown import TICK_EVERY, TIME_UP, Countdown
from recsim.tui.questions import quit_question, submit_question


class Clock:
    """Just enough of an attempt for the countdown: time left, practice or not, timer saves."""

    def __init__(self, left: float | None, *, practice: bool = False) -> None:
        self.left = left
        self.practice = practice
        self.clock_mode = "working"
        self.ticks = 0
        self.submitted = False
        self.row: dict[str, Any] = {}

    def remaining(self) -> float | None:
        return self.left

    def tick(self) -> None:
        self.ticks += 1


def _said(countdown: Countdown, clock: Clock) -> list[str]:
    return [
        "TIME UP" if notice is TIME_UP else notice.text
        for notice in countdown.second(cast(Attempt, clock))
    ]


def test_an_exam_warns_at_five_minutes_and_at_one_then_submits_at_zero() -> None:
    countdown, clock = Countdown(), Clock(301)
    assert _said(countdown, clock) == []
    clock.left = 300
    assert _said(countdown, clock) == ["5 minutes left."]
    clock.left = 200
    assert _said(countdown, clock) == []
    clock.left = 60
    assert _said(countdown, clock) == ["1 minute left."]
    clock.left = 0
    assert _said(countdown, clock) == ["TIME UP"]
    assert _said(countdown, clock) == []  # submitted once, not every second after


def test_resumed_with_seconds_left_both_warnings_come_at_once() -> None:
    assert _said(Countdown(), Clock(30)) == ["5 minutes left.", "1 minute left."]


def test_practice_only_says_the_suggested_time_is_up() -> None:
    said = _said(Countdown(), Clock(0, practice=True))
    assert said == ["The suggested time is up. This is practice, so you can keep working."]


def test_without_a_time_limit_nothing_is_said_but_the_timer_is_saved() -> None:
    countdown, clock = Countdown(), Clock(None)
    for _ in range(3 * TICK_EVERY):
        assert _said(countdown, clock) == []
    assert clock.ticks == 3


def test_submit_question_counts_what_will_score_as_missed() -> None:
    text = submit_question(total=1200, answered=1000, unfinished=2)
    assert text.splitlines() == [
        "You have answered 1,000 of 1,200 items.",
        "200 unanswered will score as missed.",
        "2 with unfinished changes will be submitted as they stand.",
        "After submitting you cannot change any answer.",
    ]


def test_submit_question_with_everything_answered_only_says_it_is_final() -> None:
    text = submit_question(total=3, answered=3, unfinished=0)
    assert text.splitlines() == [
        "You have answered 3 of 3 items.",
        "After submitting you cannot change any answer.",
    ]


def test_quit_question_says_how_to_carry_on_and_that_the_clock_stops() -> None:
    clock = Clock(600)
    text = quit_question(cast(Attempt, clock), play_argument="tutorial", trainee="Ana Ruiz")
    assert 'recsim play tutorial --trainee "Ana Ruiz"' in text
    assert text.endswith("The clock stops while recsim is closed.")


def test_quit_question_on_the_wall_clock_says_the_time_limit_keeps_running() -> None:
    clock = Clock(600)
    clock.clock_mode = "wall"
    text = quit_question(cast(Attempt, clock), play_argument="exam", trainee="Ana Ruiz")
    assert text.endswith("The time limit keeps running while recsim is closed.")


def test_quit_question_after_submitting_names_the_results_file() -> None:
    clock = Clock(None)
    clock.submitted = True
    clock.row = SimpleNamespace(results_path="/tmp/results/ana.json")
    text = quit_question(cast(Attempt, clock), play_argument="tutorial", trainee="Ana")
    assert text == "Your results file is saved at\n  /tmp/results/ana.json"


def test_quit_question_before_starting_says_nothing_is_lost() -> None:
    text = quit_question(None, play_argument="SCENARIO", trainee="")
    assert text == "Nothing has been started, so there is nothing to save."
