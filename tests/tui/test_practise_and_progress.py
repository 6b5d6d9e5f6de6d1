"""After the results: "Practise what I missed" (button and key) and the progress screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Static

from recsim.session.domains import domains_file
from recsim.session.practice import MISSED
from recsim.tasks.base import Trail
from recsim.tui.app import RecsimApp
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.screens.progress import ProgressScreen, trend
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.results import ResultsScreen
from tests.conftest import SCENARIOS
from tests.tui.drive import footer, settle, wait_until
from tests.tui.test_snapshots import app_for, shoot

__all__ = ["app_for"]  # the snapshot fixture, used below


async def _submitted_at_once(app: RecsimApp, pilot: Any) -> set[tuple[str, str]]:
    """Start the scenario and submit it unanswered; the (kind, topic) pairs it missed."""
    await settle(pilot)
    await pilot.press("enter", "s", "y")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ResultsScreen)
    return {
        (f.item.rpartition("-")[0], f.topic) for f in screen.card.findings if f.outcome in MISSED
    }


async def _practice_started(app: RecsimApp, pilot: Any, missed: set[tuple[str, str]]) -> None:
    """The practice set's briefing is up: start it, and every item tests a missed topic."""
    await wait_until(pilot, lambda: isinstance(app.screen, BriefingScreen))
    briefing = app.screen
    assert isinstance(briefing, BriefingScreen) and briefing.entry.loaded is not None
    assert briefing.entry.loaded.scenario.practice is not None
    assert briefing.entry.loaded.scenario.title.startswith("Practice: ")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, QueueScreen)
    attempt = app.attempt
    assert attempt is not None and not attempt.submitted
    variant: Any = attempt.grader
    items = list(variant.form.items())
    assert items
    for item in items:
        tested = {(item.kind, f.topic) for f in variant.findings(item, None, Trail())}
        assert tested & missed, f"{item.id} tests none of the missed topics"


async def test_the_practise_key_starts_fresh_items_of_the_missed_topics(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        missed = await _submitted_at_once(app, pilot)
        first = app.attempt
        assert missed and footer(app)["p"] == "Practise missed"
        await pilot.press("p")
        await _practice_started(app, pilot, missed)
        assert app.attempt is not first and app.attempt is not None
        assert app.attempt.grader.form.seed != first.grader.form.seed  # type: ignore[union-attr]


async def test_the_practise_button_does_the_same(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        missed = await _submitted_at_once(app, pilot)
        await pilot.click("#practise")
        await _practice_started(app, pilot, missed)
        await pilot.press("escape")  # Esc from the queue asks nothing of the picker: it is below
        await settle(pilot)


async def test_progress_from_the_results_shows_each_domain_and_esc_comes_back(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await _submitted_at_once(app, pilot)
        results = app.screen
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        text = " ".join(str(s.render()) for s in screen.query(Static))
        assert "CCA: " not in text and "CCA exam domains" in text and "RHIT exam domains" in text
        assert "0.0%  Health records and data content" in text
        assert "Leadership: not practised yet" in text
        assert len(screen.query(".domain-trend")) == len(screen.progress.domains)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is results


async def test_progress_from_the_picker(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(None, bundled=[SCENARIOS / "tutorial.yaml"])
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, PickerScreen)
        assert footer(app)["g"] == "Progress"
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert app.screen.progress.outcomes == []


def test_progress_screen_snapshot(
    snap_compare: Any, app_for: Callable[..., RecsimApp], frozen: Any
) -> None:
    app = app_for("tutorial")
    assert shoot(snap_compare, app, ("enter", "s", "y", "g"), (80, 24))


def test_the_trend_is_mastery_on_an_absolute_scale() -> None:
    assert trend([0.0, 50.0, 100.0]) == "▁▅█"
    assert trend([0.0]) == "▁"  # one low attempt is a low column, not a full one
    assert len(trend([60.0] * 30)) == 12  # the latest attempts only


async def test_p_on_the_progress_screen_starts_todays_set(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        missed = await _submitted_at_once(app, pilot)  # submitted on 2 March 2026: due since
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("p")
        await _practice_started(app, pilot, missed)


async def test_every_exam_domain_row_reads_whole_at_80_columns(
    make_app: Callable[..., RecsimApp],
) -> None:
    # After a privacy attempt, "Data content, structure and information governance: not
    # practised yet" ended in "…" at 80 columns: a long row wraps instead.
    app = make_app("privacy-office-rights")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s", "y")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        rows = list(app.screen.query(".domain-name").results(Static))
        assert len(rows) == len(domains_file().domains)
        for row in rows:
            whole = " ".join(str(row.render()).split())
            shown = " ".join(row.render_line(y).text for y in range(row.size.height))
            assert " ".join(shown.split()) == whole
