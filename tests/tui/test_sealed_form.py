"""A sealed exam's form plays like any exam and ends handed in, with nothing scored on screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from recsim.cli import main
from recsim.tui.app import RecsimApp
from recsim.tui.screens.results import ResultsScreen
from tests.tui.drive import settle


def _form(tmp_path: Path) -> Path:
    roster = tmp_path / "roster.txt"
    roster.write_text("Ana\n", encoding="utf-8")
    out = tmp_path / "sealed"
    assert main(["seal", "hospital-roi-exam", "--roster", str(roster), "--out", str(out)]) == 0
    return out / "ana.form.json"


async def test_a_sealed_form_is_played_answered_and_handed_in(
    make_app: Callable[..., RecsimApp], tmp_path: Path
) -> None:
    results = tmp_path / "results"
    app = make_app(_form(tmp_path), results=results)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the briefing's Start
        await settle(pilot)
        await pilot.press("enter")  # the first request
        await settle(pilot)
        await pilot.press("enter", "ctrl+s")  # release what was asked for
        await settle(pilot)
        await pilot.press("escape", "s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "HANDED IN" in summary and "Answered 1 of 15 items" in summary
        assert "%" not in summary  # no score: the key is not here
    (written,) = results.iterdir()
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["seed"] == 0 and document["scorecard"]["sealed"]
    assert len(document["answers"]) == 1
