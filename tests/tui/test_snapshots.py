"""Every screen at 80x24 and at 120x40, as SVG snapshots (fixed trainee, clock, timer and ids).

Update them after an intended change with ``pytest tests/tui --snapshot-update`` and
review the SVGs in the diff. The workspaces use tests/data/tui/kinds.yaml (one item
of every kind) so that edits to the bundled pack don't move them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.kinds import task_kind
from recsim.tui.app import RecsimApp
from tests.conftest import SCENARIOS
from tests.tui.conftest import SNAPSHOT_RESULTS, TUI_DATA, WorkingClock, fixed_clock, scenario
from tests.tui.drive import quiet, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
KINDS = TUI_DATA / "kinds.yaml"
TRAPS = TUI_DATA / "traps.yaml"
START = ("enter",)
"""From the briefing to the work queue (the keys)."""
BEGIN = "begin"
"""Not a key: Start on the briefing, then wait for the attempt to begin behind it."""
WAIT = "wait"
"""Not a key: wait for what the screen loads in the background (the code set), then go on."""


def shoot(snap_compare: Any, app: RecsimApp, keys: Sequence[str], size: tuple[int, int]) -> bool:
    def started() -> bool:
        return app.attempt is not None and app.work is not None

    async def drive(pilot: Pilot) -> None:  # type: ignore[type-arg]
        await quiet(pilot)
        for key in keys:
            if key.startswith("open:"):  # straight to an item: Pilot tests cover the keys
                # The attempt starts behind the briefing: on a busy machine it may not have yet.
                await wait_until(pilot, started)
                screens = len(app.screen_stack)
                app.open_item(key.removeprefix("open:"))
                await wait_until(pilot, lambda n=screens: len(app.screen_stack) != n)
            elif key == WAIT:
                await quiet(pilot)
            elif key == BEGIN:  # the briefing's Start; the attempt begins behind it
                await pilot.press("enter")
                await wait_until(pilot, started)
                await quiet(pilot)
            else:
                await pilot.press(key)
            await pilot.pause()
        await quiet(pilot)

    return bool(snap_compare(app, terminal_size=size, run_before=drive))


@pytest.fixture
def app_for(make_app: Callable[..., RecsimApp], frozen: WorkingClock) -> Callable[..., RecsimApp]:
    """The app on a frozen clock, writing results where the snapshot expects them."""

    def build(name: str | Path | None, **options: Any) -> RecsimApp:
        return make_app(name, results=SNAPSHOT_RESULTS, **options)

    return build


FLOW = {
    "briefing": ("tutorial", ()),
    "queue": ("tutorial", (BEGIN,)),
    "queue_help": ("tutorial", (BEGIN, "question_mark")),
    "queue_jump": ("tutorial", (BEGIN, "g")),
    "quit_confirm": ("tutorial", (BEGIN, "q")),
    "results": ("tutorial", (BEGIN, "s", "y")),
    "audit": (KINDS, (BEGIN, "enter")),
    "audit_flag": (KINDS, (BEGIN, "enter", "down", "f")),
    "feedback": ("tutorial", (BEGIN, "enter", "ctrl+s", "y")),
    "exam_queue": ("hospital-audit-exam", (BEGIN,)),
    "coding": (KINDS, (BEGIN, "open:coding-1")),
    "release": (KINDS, (BEGIN, "open:release-1")),
    "release_records": (KINDS, (BEGIN, "open:release-1", "enter", "tab", "down")),
    "coding_claim": (KINDS, (BEGIN, "open:coding-1", WAIT, *"salmonella", "down", "enter")),
    "deidentify": (KINDS, (BEGIN, "open:deidentify-1")),
    "duplicates": (KINDS, (BEGIN, "open:duplicates-1")),
    "deficiency": (KINDS, (BEGIN, "open:deficiency-1")),
    "claims": (KINDS, (BEGIN, "open:claims-1")),
    "analysis": (KINDS, (BEGIN, "open:analysis-1")),
    "trap": (TRAPS, (BEGIN, "enter", "ctrl+s", "y", "enter")),
    "trap_open_reason": (TRAPS, (BEGIN, "enter", "ctrl+s", "y", "enter", "o")),
    "trap_chart": (TRAPS, (BEGIN, "enter", "ctrl+s", "y", "enter", "o", *"billing", "enter")),
    "deidentify_mark": (KINDS, (BEGIN, "open:deidentify-1", "m")),
    "deficiency_add": (KINDS, (BEGIN, "open:deficiency-1", "a")),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(FLOW))
def test_screen(
    snap_compare: Any, app_for: Callable[..., RecsimApp], screen: str, size: tuple[int, int]
) -> None:
    name, keys = FLOW[screen]
    assert shoot(snap_compare, app_for(name), keys, size)


@pytest.mark.parametrize("size", SIZES)
def test_picker_lists_valid_and_broken_files(
    snap_compare: Any,
    app_for: Callable[..., RecsimApp],
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Relative paths: the picker shows the file's path, which must not depend on where the clone is.
    monkeypatch.chdir(SCENARIOS.parent)
    app = app_for(
        None,
        folders=(TUI_DATA.relative_to(SCENARIOS.parent) / "picker",),
        bundled=[Path("scenarios/tutorial.yaml"), Path("scenarios/hospital-audit-exam.yaml")],
    )
    assert shoot(snap_compare, app, (), size)


@pytest.mark.parametrize("size", SIZES)
def test_results_export_offers_the_current_folder(
    snap_compare: Any,
    app_for: Callable[..., RecsimApp],
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    SNAPSHOT_RESULTS.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(SNAPSHOT_RESULTS.parent)  # the folder it offers, the same on every machine
    assert shoot(snap_compare, app_for("tutorial"), (BEGIN, "s", "y", "e"), size)


@pytest.mark.parametrize("size", SIZES)
def test_trainee_name_asked_when_not_given(
    snap_compare: Any, app_for: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    assert shoot(snap_compare, app_for("tutorial", trainee=""), ("A", "n", "a", "tab"), size)


@pytest.mark.parametrize("size", SIZES)
def test_briefing_offers_to_resume(
    snap_compare: Any, app_for: Callable[..., RecsimApp], store: Store, size: tuple[int, int]
) -> None:
    loaded = scenario("hospital-audit-exam")
    attempt = session.begin(store, loaded, "Ana", clock=fixed_clock)
    first = attempt.grader.form.slots[0].id
    item = attempt.open_item(first)
    attempt.answer(first, task_kind(item.kind).key_answer(item).model_dump(mode="json"))
    store.update_attempt(attempt.id, elapsed=330.0)
    assert shoot(snap_compare, app_for("hospital-audit-exam"), (), size)
