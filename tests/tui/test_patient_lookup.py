"""The patient lookup: search the hospital's index from the work, open a chart, face the log."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from recsim.session.access_log import ACCESS_LOG
from recsim.session.forms import Variant
from recsim.session.lookup import Entry, PatientIndex
from recsim.tui.app import RecsimApp
from recsim.tui.screens.access_reason import AccessReasonScreen
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.patient_lookup import PatientLookupScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.record import RecordScreen
from recsim.tui.screens.results import ResultsScreen
from tests.tui.conftest import WorkingClock
from tests.tui.drive import quiet, settle, wait_until
from tests.tui.test_snapshots import START


def _index(app: RecsimApp) -> PatientIndex:
    assert app.attempt is not None and isinstance(app.attempt.grader, Variant)
    return PatientIndex(app.attempt.grader)


def _stranger(index: PatientIndex) -> Entry:
    """A patient of the population no item concerns, whose last name no one else has."""
    entries = index.entries()
    last = [e.patient.last_name for e in entries]
    return next(e for e in entries if e.item is None and last.count(e.patient.last_name) == 1)


async def test_opening_a_chart_no_item_concerns_is_an_access_violation_in_the_results(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START)
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        stranger = _stranger(_index(app))
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, PatientLookupScreen)
        await pilot.press(*stranger.patient.last_name, "enter")
        await settle(pilot)
        assert app.screen.entries == (stranger,)
        await pilot.press("enter")  # the one patient found
        await settle(pilot)
        assert isinstance(app.screen, AccessReasonScreen)
        await pilot.press(*"checking an address", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert app.screen.record.patient.mrn == stranger.patient.mrn
        await pilot.press("f3")  # no second lookup over a chart opened from the first
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("escape", "escape")  # the chart, then the lookup
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("s", "y")
        await settle(pilot)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        (violation,) = [f for f in results.card.findings if f.item == ACCESS_LOG]
        assert violation.outcome == "violation" and "164.502(b)" in violation.rule
        assert stranger.patient.mrn in violation.feedback
        assert "checking an address" in violation.feedback
        # The access log's heading lists the open as an auditor reads it.
        heading = next(n for n, line in enumerate(results.lines) if line.item == ACCESS_LOG)
        results.query_one("#findings", OptionList).highlighted = heading
        await settle(pilot)
        detail = str(results.query_one("#detail").render())
        for words in ("Access log", "Ana", stranger.patient.mrn, "checking an address"):
            assert words in detail
        assert "no job reason" in detail


async def test_a_patient_in_the_work_opens_through_their_item_as_work(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START)
        await settle(pilot)
        queued = next(e for e in _index(app).entries() if e.item == "audit-3")
        await pilot.press("f3", *queued.patient.mrn.lower(), "enter")
        await settle(pilot)
        assert isinstance(app.screen, PatientLookupScreen)
        assert app.screen.entries == (queued,)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen) and app.screen.item.id == "audit-3"
        assert app.attempt is not None
        assert [(o.mrn, o.item) for o in app.attempt.opened] == [(queued.patient.mrn, "audit-3")]


async def test_the_lookup_is_in_the_command_palette_during_an_attempt_only(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press(*START)
        await settle(pilot)
        during = [c.title for c in app.get_system_commands(app.screen)]
        assert "Patient lookup" not in before and "Patient lookup" in during
        await pilot.press("ctrl+p", *"Patient lookup")
        await pilot.pause(0.5)  # the palette searches its commands in the background
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PatientLookupScreen))


async def test_the_lookup_names_no_hospital_at_a_clinic(
    make_app: Callable[..., RecsimApp],
) -> None:
    # A clinic's (or an insurer's) trainee was told they searched "the hospital's patient
    # index": the master patient index is what every setting calls it.
    app = make_app("clinic-release-desk")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START)
        await settle(pilot)
        (command,) = [c for c in app.get_system_commands(app.screen) if c.title == "Patient lookup"]
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, PatientLookupScreen)
        title = str(app.screen.query_one(".dialog-title", Static).render())
        assert "hospital" not in title + command.help
        assert "master patient index" in title and "master patient index" in command.help


async def test_typing_over_the_results_starts_a_new_search_rather_than_opening_a_chart(
    make_app: Callable[..., RecsimApp],
) -> None:
    # After a search the results take the focus; a new name typed then went nowhere and
    # the Enter after it opened the highlighted chart (a logged access the trainee never meant).
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START)
        await settle(pilot)
        first, second = _stranger(_index(app)), _index(app).entries()[0]
        await pilot.press("f3", *first.patient.last_name, "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PatientLookupScreen) and screen.entries == (first,)
        assert isinstance(app.focused, OptionList)
        await pilot.press(*second.patient.mrn, "enter")
        await settle(pilot)
        assert app.screen is screen and screen.entries == (second,)
        assert screen.query_one("#query", Input).value == second.patient.mrn
        assert app.attempt is not None and not app.attempt.opened


async def test_a_date_that_does_not_exist_is_called_so(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START)
        await settle(pilot)
        await pilot.press("f3", *"2026-02-30", "enter")
        await settle(pilot)
        status = str(app.screen.query_one("#lookup-status", Static).render())
        assert status.startswith("'2026-02-30' is not a date that exists.")
        assert "name begins with" not in status


async def test_a_search_asked_while_the_index_is_being_made_runs_once_it_is(
    make_app: Callable[..., RecsimApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    making = PatientIndex._build

    def slow(index: PatientIndex) -> Any:
        release.wait(20)
        return making(index)

    monkeypatch.setattr(PatientIndex, "_build", slow)
    app = make_app("tutorial")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(*START, "f3")
        await settle(pilot)
        lookup = app.screen
        assert isinstance(lookup, PatientLookupScreen)
        status = lookup.query_one("#lookup-status", Static)
        assert "Opening the patient index (12 patients)" in str(status.render())
        await pilot.press("b", "enter")
        await settle(pilot)
        assert "Still opening" in str(status.render()) and lookup.entries == ()
        release.set()
        await wait_until(pilot, lambda: bool(lookup.entries))
        assert all("b" in e.name.casefold() for e in lookup.entries)


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24")])
def test_lookup_screen(
    snap_compare: Any,
    make_app: Callable[..., RecsimApp],
    frozen: WorkingClock,
    size: tuple[int, int],
) -> None:
    async def drive(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await quiet(pilot)
        await pilot.press(*START, "f3")
        screen = pilot.app.screen
        assert isinstance(screen, PatientLookupScreen)
        await wait_until(pilot, lambda: screen.index.ready)
        await pilot.press("b", "enter")
        await wait_until(pilot, lambda: bool(screen.entries))

    assert snap_compare(make_app("tutorial"), terminal_size=size, run_before=drive)
