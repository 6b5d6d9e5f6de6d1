"""A choice whose words are longer than its column wraps instead of ending in "…".

At 100 columns the breach and rights forms sit beside their paper in a column of
about 35 cells, and options such as "(iii) Recipient could not keep it" were cut off:
a trainee could not read what they were choosing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recsim.tui.app import RecsimApp
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.widgets.toggles import Choice
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle


def _shown(choice: Choice) -> str:
    """The words a choice shows on screen, its lines joined."""
    rows = [choice.render_line(y).text for y in range(choice.size.height)]
    return " ".join(" ".join(rows).replace("▐", " ").replace("▌", " ").split())


@pytest.mark.parametrize("scenario", ["breach.yaml", "rights.yaml"])
async def test_every_choice_reads_whole_at_100_columns(
    make_app: Callable[..., RecsimApp], scenario: str
) -> None:
    app = make_app(Path(TUI_DATA / scenario))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the briefing: start
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("enter")  # the first item
        await settle(pilot)
        choices = list(app.screen.query(Choice))
        assert choices
        wrapped = [c for c in choices if c.size.height > 1]
        assert wrapped  # the column is narrower than the longest option
        for choice in choices:
            assert "…" not in _shown(choice)
            assert _shown(choice).endswith(str(choice.label)), (_shown(choice), choice.label)
