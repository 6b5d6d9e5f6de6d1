"""Screens that do not cut the trainee off (issue 20, item 5): every line can be reached.

Each test plays the screen at the size a trainee's terminal may have and checks that
what the screen announces can be read in full.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from recsim.tui.app import RecsimApp
from recsim.tui.screens.coding import CodingScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.widgets.queue_list import shorten
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until
from tests.tui.test_workspaces import KINDS, _open

SIZES = [(120, 40), (80, 24)]

CONFLICTING = ["Z38.00", "P07.01", "O80", "N40.0"]
"""Two newborn codes (age conflicts for any adult) and one code of each sex: at least three
claim edits whatever the generated patient is."""


@pytest.mark.parametrize("size", SIZES)
async def test_every_claim_edit_can_be_scrolled_into_view(
    make_app: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=size) as pilot:
        await _open(pilot, "coding-1")
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        screen.diagnoses = list(CONFLICTING)
        screen._show_claim()
        await settle(pilot)
        edits = screen.query_one("#edits", Static)
        pane = screen.query_one("#edits-scroll", VerticalScroll)
        assert edits.size.height > 8  # the whole text is laid out, not cut at 8 rows
        for _ in range(6):  # Tab from the search, past the results, detail and claim
            if app.focused is pane:
                break
            await pilot.press("tab")
        await settle(pilot)
        assert app.focused is pane
        assert pane.region.height >= 3 and pane.region.bottom <= size[1] - 1  # above the footer
        await pilot.press("end")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y
        assert pane.scroll_y + pane.scrollable_content_region.height >= edits.size.height


def _notices(app: RecsimApp) -> list[str]:
    return [notice.message for notice in app._notifications]


async def _answer_first_chart_as_clean(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """From the briefing: open the first chart, submit it as clean, close the feedback."""
    await settle(pilot)
    await pilot.press("enter", "enter", "ctrl+s", "y")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_next_to_do_is_taken_down_when_the_item_it_announced_opens(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _answer_first_chart_as_clean(pilot)
        said = f"Next to do: {app.work.items[1]}. Press Enter to open it."  # type: ignore[union-attr]
        assert said in _notices(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QueueScreen)
        assert said not in _notices(app)


async def test_next_to_do_is_taken_down_when_a_trap_comes_up_on_submitting(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "traps.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await _answer_first_chart_as_clean(pilot)  # the trap comes after the first chart
        await pilot.press("enter")  # a response to the trap
        await settle(pilot)
        await pilot.press("enter")  # its feedback
        await settle(pilot)
        assert "Next to do: audit-2. Press Enter to open it." in _notices(app)
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(app.screen, QueueScreen)
        assert not [text for text in _notices(app) if text.startswith("Next to do")]


def test_a_title_cut_to_fit_ends_in_an_ellipsis() -> None:
    assert shorten("Release request from an attorney", 12) == "Release req…"
    assert shorten("Chart audit", 11) == "Chart audit"
    assert shorten("Chart audit", 0) == ""


async def test_queue_titles_cut_at_the_edge_end_in_an_ellipsis(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await wait_until(pilot, lambda: queue.queue.settled)
        width = queue.queue.scrollable_content_region.width
        lines = [queue.queue.render_line(y).text for y in range(len(app.work.items))]  # type: ignore[union-attr]
        titles = [app.screen.queue.title_of(i) or "" for i in app.work.items]  # type: ignore[union-attr]
        cut = [line for line, title in zip(lines, titles, strict=True) if title not in line]
        assert cut  # at 60 columns some title does not fit
        assert all(line.rstrip().endswith("…") and len(line) == width for line in cut)


async def test_nothing_shows_after_the_footer_at_60x15(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        footer = app.screen._compositor.render_strips()[-1].text
        assert footer.rstrip().endswith("^p palette"), footer


async def test_the_code_detail_shows_the_tabulars_instructional_notes(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "coding-1")
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        await pilot.press(*"S52.501A")
        await wait_until(pilot, lambda: bool(screen.results))
        await pilot.press("down")
        await settle(pilot)
        detail = str(screen.query_one("#code-detail", Static).render())
        assert "Notes in the Tabular List:" in detail
        assert "Use secondary code(s) from Chapter 20" in detail and "(chapter 19)" in detail
        assert "should be coded to displaced (at S52)" in detail
        assert "The appropriate 7th character is to be added to all codes from category S52" in (
            detail
        )


async def test_down_on_the_last_field_of_a_chart_stays_there_and_says_so(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "audit-1")
        chart = app.screen.query_one("#chart", OptionList)
        await pilot.press("end")
        last = chart.highlighted
        assert last == chart.option_count - 1
        await pilot.press("down")
        await settle(pilot)
        assert chart.highlighted == last
        assert any("end of the chart" in text for text in _notices(app))
        await pilot.press("home", "up")
        await settle(pilot)
        assert chart.highlighted == 0
