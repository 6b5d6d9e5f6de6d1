"""The guided tour: finished by doing only what it says, offered once, skippable, asked again."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.session.tours import tour_finished
from recsim.tui.app import RecsimApp
from recsim.tui.coach import DONE_WHEN, ELSEWHERE
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.coach import CoachNoteScreen, CoachPanel, KeyMapScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.results import ResultsScreen
from recsim.tui.tour import PLACES, binding_for, key_map, say, tour
from tests.tui.conftest import SNAPSHOT_RESULTS, WorkingClock
from tests.tui.drive import move_chart_to, quiet, settle

PRESS = re.compile(r"\b[Pp]ress (\S+?)[,.;:)]?(?=\s|$)")
PILOT_KEY = {
    "Enter": "enter",
    "Esc": "escape",
    "]": "right_square_bracket",
    "[": "left_square_bracket",
}


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Who has finished the tour is remembered in the data folder: a fresh one per test."""
    monkeypatch.setenv("RECSIM_DATA_DIR", str(tmp_path / "data"))


def instruction(app: RecsimApp) -> str:
    """What the tour says now, as the trainee reads it on screen."""
    screen = app.screen
    if isinstance(screen, CoachNoteScreen | KeyMapScreen):
        return str(screen.query_one("#coach-text").render())
    return screen.query_one(CoachPanel).text


def keys_said(text: str) -> list[str]:
    """The keys the text says to press, in order, as Pilot names them (Ctrl+S -> ctrl+s)."""
    return [PILOT_KEY.get(word, word.lower()) for word in PRESS.findall(text)]


async def do_as_told(pilot: Pilot, *, before: Callable[[], Any] | None = None) -> str:  # type: ignore[type-arg]
    """Press the one key the instruction names (after ``before``, the trainee's own work)."""
    text = instruction(pilot.app)  # type: ignore[arg-type]
    (key,) = keys_said(text)
    if before is not None:
        await before()
    await pilot.press(key)
    await settle(pilot)
    return text


async def choose_kind(pilot: Pilot, kind: str) -> None:  # type: ignore[type-arg]
    screen = pilot.app.screen
    names = [name for name, _ in screen.kinds]  # type: ignore[attr-defined]
    kinds = screen.query_one("#kinds", OptionList)
    here = kinds.highlighted or 0
    target = names.index(kind)
    await pilot.press(*["down" if target > here else "up"] * abs(target - here))


async def audit_as_told(pilot: Pilot, told: dict[str, str]) -> None:  # type: ignore[type-arg]
    """One more chart, with the keys the tour named for each part of the work."""
    await pilot.press(told["open"])
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    for error in screen.item.key.errors:  # type: ignore[attr-defined]
        await move_chart_to(pilot, error.location)
        await pilot.press(told["flag"])
        await settle(pilot)
        await choose_kind(pilot, error.kind)
        await pilot.press(told["kind"], *(error.correct or ""), told["propose"])
        await settle(pilot)
    await pilot.press(told["save"])
    await settle(pilot)
    if isinstance(pilot.app.screen, ConfirmScreen):
        await pilot.press(told["clean"])
        await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen)
    await pilot.press(told["close"])
    await settle(pilot)


async def test_the_tour_is_finished_by_following_only_its_instructions(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    app.guide = None  # as the command line starts it: offered to a trainee new to it
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the briefing's Start
        await settle(pilot)
        assert isinstance(app.screen, CoachNoteScreen)
        said = [await do_as_told(pilot)]  # the welcome: Enter begins
        said.append(await do_as_told(pilot))  # open the first chart
        chart = app.screen
        assert isinstance(chart, AuditScreen)
        error = chart.item.key.errors[0]  # type: ignore[attr-defined]
        said.append(await do_as_told(pilot))  # jump a section
        said.append(
            await do_as_told(pilot, before=lambda: move_chart_to(pilot, error.location))
        )  # flag the wrong line
        said.append(await do_as_told(pilot, before=lambda: choose_kind(pilot, error.kind)))
        said.append(
            await do_as_told(pilot, before=lambda: pilot.press(*(error.correct or "")))
        )  # propose the correction
        assert chart.flags and "✔" in str(chart.query_one(CoachPanel).render())
        said.append(await do_as_told(pilot))  # save the answer
        assert isinstance(app.screen, FeedbackScreen)
        said.append(await do_as_told(pilot))  # read the feedback
        assert isinstance(app.screen, QueueScreen)
        parts = ("open", "save", "clean", "close", "submit")
        told = dict(zip(parts, keys_said(instruction(app)), strict=True))
        for name, step in (("flag", 3), ("kind", 4), ("propose", 5)):
            told[name] = keys_said(said[step])[-1]  # the keys the earlier steps named
        while app.attempt is not None and len(app.attempt.answers) < 3:
            await audit_as_told(pilot, told)
        await pilot.press(told["submit"])
        await settle(pilot)
        said.append(await do_as_told(pilot))  # confirm the submission
        assert isinstance(app.screen, KeyMapScreen)
        assert isinstance(app.screen_stack[-2], ResultsScreen)
        said.append(await do_as_told(pilot))  # the map of keys: Enter finishes
        assert isinstance(app.screen, ResultsScreen) and app.coach is None
        assert app.attempt is not None and app.attempt.submitted
    assert tour_finished("Ana")
    assert "Ctrl+S" in said[6] and "] to jump" in said[2]


async def test_a_finished_tour_is_not_offered_again_but_the_palette_brings_it_back(
    make_app: Callable[..., RecsimApp],
) -> None:
    from recsim.session.tours import remember_tour_finished

    remember_tour_finished("ana")
    app = make_app("tutorial")
    app.guide = None
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen) and app.coach is None
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Guided tour"].callback()
        await settle(pilot)
        assert isinstance(app.screen, CoachNoteScreen)


async def test_ctrl_t_ends_the_tour_and_it_is_remembered(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    app.guide = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # past the welcome
        await settle(pilot)
        assert app.screen.query(CoachPanel)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.coach is None and not app.screen.query(CoachPanel)
    assert tour_finished("Ana")


async def test_no_guide_and_other_scenarios_play_without_the_tour(
    make_app: Callable[..., RecsimApp],
) -> None:
    for name, guide in (("tutorial", False), ("hospital-audit-exam", None)):
        app = make_app(name)
        app.guide = guide
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, QueueScreen) and app.coach is None


def test_every_key_the_tour_names_is_bound_and_every_step_can_be_seen_done() -> None:
    texts = [tour().welcome, tour().keymap]
    texts += [f"{step.text} {step.do}" for step in tour().steps]
    for text in texts:
        for place, action in re.findall(r"\{(\w+)\.([^{}]+)\}", text):
            assert place in PLACES
            binding_for(place, action)
        assert "{" not in say(text)
    assert {step.until for step in tour().steps} <= set(DONE_WHEN)
    assert all(keys_said(say(step.do)) for step in tour().steps)
    assert not [step.text for step in tour().steps if keys_said(say(step.text))]


def test_the_map_of_keys_is_read_from_the_bindings() -> None:
    lines = {line.heading: dict(line.keys) for line in key_map()}
    assert lines["Work queue"]["Enter"] == "Open" and lines["Work queue"]["s"] == "Submit"
    assert lines["Any item"]["Ctrl+S"] == "Answer" and lines["Chart audit"]["f"] == "Flag"
    assert lines["Everywhere"]["?"] == "Help"


def test_a_coach_step_over_the_chart_at_80x24(
    snap_compare: Any,
    make_app: Callable[..., RecsimApp],
    frozen: WorkingClock,
) -> None:
    app = make_app("tutorial", results=SNAPSHOT_RESULTS)
    app.guide = True

    async def to_the_second_step(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await quiet(pilot)
        for key in ("enter", "enter", "enter"):  # Start, past the welcome, open the first chart
            await pilot.press(key)
            await settle(pilot)
        await quiet(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_second_step)


async def test_asking_for_the_tour_elsewhere_says_where_it_runs(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("hospital-audit-exam")
    app.guide = True  # recsim play hospital-audit-exam --guide
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen) and app.coach is None
        assert [n.message for n in app._notifications] == [ELSEWHERE]


async def test_a_short_terminal_gets_only_what_to_do_so_the_chart_stays_in_view(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    app.guide = True
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "enter")  # Start, past the welcome, open a chart
        await settle(pilot)
        panel = app.screen.query_one(CoachPanel)
        assert panel.text == say(tour().steps[1].do)
        assert app.screen.query_one("#chart", OptionList).size.height >= 2
