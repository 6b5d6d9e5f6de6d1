"""The app as a browser session runs it (recsim serve), and a start-up race the browser found."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from recsim.tui.app import RecsimApp
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.export import WEB_NO_FILES, ExportScreen
from recsim.tui.screens.results import ResultsScreen
from tests.tui.drive import settle


async def test_a_briefing_started_before_its_description_was_laid_out_does_not_crash(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen)
        await pilot.press("enter")  # Start, quicker than the briefing's layout (over a network)
        await settle(pilot)
        briefing._format_description()  # its queued layout, run after it has closed
        assert app.attempt is not None and app.crash is None


async def test_in_a_browser_the_results_are_not_saved_as_a_file_on_the_server(
    make_app: Callable[..., RecsimApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(RecsimApp, "is_web", property(lambda _: True))
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("e")
        await settle(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert [n.message for n in app._notifications] == [WEB_NO_FILES]
