"""A sealed exam's form plays like any exam and ends handed in, with nothing scored on screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

from recsim.cli import main
from recsim.core.store import Store
from recsim.tui.app import RecsimApp, create_app
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.results import ResultsScreen
from tests.tui.drive import settle, wait_until


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
        # Nothing is scored, so nothing is offered to practise ("nothing was missed" was
        # untrue with 14 items unanswered) and there are no findings to step through.
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert not shown & {"practise", "item(1)"}, shown
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        assert not [n for n in app._notifications if "missed" in n.message]
    (written,) = results.iterdir()
    document = json.loads(written.read_text(encoding="utf-8"))
    assert document["seed"] == 0 and document["scorecard"]["sealed"]
    assert len(document["answers"]) == 1


@pytest.mark.parametrize("checked", [True, False], ids=["checked", "as-recsim-play-opens-it"])
async def test_a_sealed_form_plays_under_the_name_it_was_sealed_for(
    make_app: Callable[..., RecsimApp], store: Store, tmp_path: Path, checked: bool
) -> None:
    # Asking "Who is playing?" on Ana's form let any name stand on it (and its results be
    # flagged as played by another): the form already says whose it is.
    form = _form(tmp_path)
    app = (
        make_app(form, trainee="")
        if checked
        else create_app(store=store, scenario_path=form, trainee="", results_folder=tmp_path)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen), type(app.screen)
        assert app.trainee == "Ana"
        await pilot.press("enter")  # the briefing's Start
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
