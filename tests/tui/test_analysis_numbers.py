"""Numbers typed into a statistics answer: a decimal comma is refused, not read as thousands."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from recsim.tui.app import RecsimApp
from recsim.tui.screens.analysis import AnalysisScreen, number
from tests.tui.drive import settle
from tests.tui.test_workspaces import KINDS, _open


@pytest.mark.parametrize(
    ("typed", "read"),
    [("1.25", 1.25), ("1,234.5", 1234.5), ("12,345", 12345.0), ("4.5%", 4.5), (" -2 ", -2.0)],
)
def test_a_number_is_read_as_written(typed: str, read: float) -> None:
    assert number(typed) == read


@pytest.mark.parametrize("typed", ["1,25", "0,5", "1,2345", "12,34,567", ",5", "1.2.3"])
def test_a_comma_that_does_not_group_thousands_is_not_a_number(typed: str) -> None:
    # "1,25" (a decimal comma) used to be read as 125 and scored as that.
    assert number(typed) is None


async def test_a_decimal_comma_holds_the_answer_with_a_hint(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "analysis-1")
        await pilot.press(*"1,25")
        await settle(pilot)
        problem = str(app.screen.query_one("#problem").render())
        assert "'1,25' is not a number" in problem and "decimal point" in problem
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AnalysisScreen)
        assert app.attempt is not None and "analysis-1" not in app.attempt.answers
