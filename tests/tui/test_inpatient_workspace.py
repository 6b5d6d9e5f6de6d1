"""The inpatient workspace, worked by keys alone: the claim saved is the one keyed in.

tests/data/tui/inpatient.yaml holds a pneumonia with respiratory failure (inpatient-1)
and a laparoscopic appendectomy (inpatient-2); inpatient_exam.yaml the same in an exam.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from recsim.tui.app import RecsimApp
from recsim.tui.screens.inpatient import InpatientScreen
from recsim.tui.screens.pcs_builder import PcsBuilderScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until
from tests.tui.test_snapshots import BEGIN, app_for, shoot
from tests.tui.test_workspaces import _open, _submit

__all__ = ["app_for"]  # the fixture, shared with test_snapshots.py

STAYS = TUI_DATA / "inpatient.yaml"
EXAM = TUI_DATA / "inpatient_exam.yaml"


async def _code(pilot: Pilot, screen: InpatientScreen, code: str) -> None:  # type: ignore[type-arg]
    """Search a code, go to the results and add the first (it must be the code)."""
    await pilot.press("ctrl+f", "ctrl+u", *code)
    await wait_until(pilot, lambda: bool(screen.results) and screen.results[0].code == code)
    await pilot.press("enter", "enter")
    await settle(pilot)


def _drg(screen: InpatientScreen) -> str:
    return str(screen.query_one("#inpatient-drg", Static).render())


def _claim_text(screen: InpatientScreen) -> str:
    claim = screen.query_one("#claim", OptionList)
    return "\n".join(str(claim.get_option_at_index(n).prompt) for n in range(claim.option_count))


async def test_a_stay_is_coded_by_keys_and_the_encoder_shows_its_drg(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "inpatient-1")
        screen = app.screen
        assert isinstance(screen, InpatientScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        await _code(pilot, screen, "J18.9")
        await wait_until(pilot, lambda: "DRG 195" in _drg(screen))
        await _code(pilot, screen, "J96.01")
        await _code(pilot, screen, "Z87.891")
        # In the claim: down to J96.01, POA Y; Z87.891 is exempt: E leaves it blank on purpose.
        await pilot.press("ctrl+l", "home", "down", "y")
        await settle(pilot)
        assert "[POA ?]" in _claim_text(screen)  # not chosen yet: not shown as if exempt
        assert screen.finish_question() is not None
        await pilot.press("down", "e")
        await settle(pilot)
        assert "[POA ?]" not in _claim_text(screen) and "[POA blank]" in _claim_text(screen)
        await wait_until(pilot, lambda: "DRG 193" in _drg(screen))
        assert "J96.01 (MCC)" in _drg(screen)
        # Enter opens the list on its first status (the blank prompt cannot be chosen).
        await pilot.press("ctrl+t", "enter", "enter")
        await settle(pilot)
        assert screen.disposition == 1
        answer = await _submit(pilot, "inpatient-1")
    assert answer == {
        "principal": "J18.9",
        "secondary": [{"code": "J96.01", "poa": "Y"}, {"code": "Z87.891", "poa": ""}],
        "procedures": [],
        "disposition": 1,
    }


async def test_procedures_principal_and_removal_by_keys(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "inpatient-2")
        screen = app.screen
        assert isinstance(screen, InpatientScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        await _code(pilot, screen, "R10.31")
        await _code(pilot, screen, "K35.80")
        await pilot.press("ctrl+l", "home", "down", "p")  # K35.80 becomes the principal
        await settle(pilot)
        assert screen.principal == "K35.80" and screen.secondary[0]["code"] == "R10.31"
        await pilot.press("down", "x")  # R10.31 removed
        await pilot.press("ctrl+g", *"0dtj0zz", "enter", *"0DTJ4ZZ", "enter")
        await pilot.press("ctrl+l", "end", "f")  # 0DTJ4ZZ listed first
        await settle(pilot)
        assert screen.procedures == ["0DTJ4ZZ", "0DTJ0ZZ"]
        await wait_until(pilot, lambda: "DRG 399" in _drg(screen))
        await pilot.press("ctrl+b")  # the PCS builder opens over the stay, Escape closes it
        await settle(pilot)
        assert isinstance(app.screen, PcsBuilderScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.procedures == ["0DTJ4ZZ", "0DTJ0ZZ"]
        assert screen.secondary == []


async def test_an_exam_hides_the_drg_until_the_feedback(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(EXAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "inpatient-1")
        screen = app.screen
        assert isinstance(screen, InpatientScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        await _code(pilot, screen, "J18.9")
        # an exam has no feedback before the end: the DRG comes with the results
        assert "shown with the results after you submit" in _drg(screen)


@pytest.mark.parametrize("size", [(80, 24), (60, 15)], ids=["80x24", "60x15"])
async def test_the_claim_status_and_footer_keys_fit_a_small_terminal(
    make_app: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=size) as pilot:
        await _open(pilot, "inpatient-1")
        screen = app.screen
        assert isinstance(screen, InpatientScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        await _code(pilot, screen, "J18.9")
        for target in ("ctrl+l", "ctrl+g", "ctrl+t"):
            await pilot.press(target)
            await settle(pilot)
            focused: Any = app.focused
            assert focused is not None and focused.region.height >= 1
            assert focused.region.bottom <= size[1] - 1, (target, focused.region)


SNAPSHOTS = {
    # Ends in the claim: a focused search box's blinking cursor would make the image vary.
    "inpatient": (STAYS, (BEGIN, "open:inpatient-1", "wait", "ctrl+l")),
    "inpatient_claim": (STAYS, (BEGIN, "open:inpatient-1", "wait", *"J18.9", "down", "enter")),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", list(SNAPSHOTS))
def test_inpatient_snapshot(
    snap_compare: Any, app_for: Callable[..., RecsimApp], screen: str, size: tuple[int, int]
) -> None:
    name, keys = SNAPSHOTS[screen]
    assert shoot(snap_compare, app_for(name), keys, size)
