"""The work queue: statuses in symbols and words, filters, jumping, review marks, 100,000 items."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from recsim.core.store import Store
from recsim.session.scenarios import parse_scenario
from recsim.tui.app import RecsimApp, create_app
from recsim.tui.screens.jump import JumpScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.widgets.queue_list import QueueList
from tests.tui.conftest import fixed_clock
from tests.tui.drive import settle, wait_until


def _queue(app: RecsimApp) -> QueueScreen:
    assert isinstance(app.screen, QueueScreen)
    return app.screen


def _row_text(queue: QueueList, row: int) -> str:
    return queue.render_line(row - int(queue.scroll_offset.y)).text


async def test_statuses_show_a_symbol_and_a_word(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        queue = _queue(app).queue
        assert "○ new" in _row_text(queue, 0)
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert "◐ in progress" in _row_text(queue, 0)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "↩ for review" in _row_text(queue, 0)


async def test_filters_by_status_and_text_and_jumps_by_number(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app("hospital-audit-exam")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = _queue(app)
        first = screen.queue.current_id
        await pilot.press("ctrl+r")  # mark the first for review
        await pilot.press("f", "f")  # all -> to do -> new
        await settle(pilot)
        assert screen.show == "new" and screen.queue.row_count == 7
        await pilot.press("f", "f", "f")  # -> in progress -> done -> for review
        await settle(pilot)
        assert screen.show == "flagged" and screen.queue.current_id == first
        await pilot.press("f")  # back to all
        await pilot.press("slash", *"audit-7")
        await settle(pilot)
        assert screen.queue.row_count == 1 and screen.queue.current_id == "audit-7"
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert screen.queue.row_count == 8 and screen.query_one("#queue-filter", Input).value == ""
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, JumpScreen)
        await pilot.press(*"99", "enter")
        await settle(pilot)
        assert isinstance(app.screen, JumpScreen)  # no item 99: the dialog says so and stays
        await pilot.press("backspace", "backspace", "5", "enter")
        await settle(pilot)
        assert _queue(app).queue.current_id == app.work.items[4]


def _huge(tmp_path: Path) -> RecsimApp:
    text = (
        "recsim: 1\nid: huge-queue\ntitle: A very long queue\nsetting: hospital\nseed: 3\n"
        "population: {patients: 100000}\nqueue: ordered\n"
        "tasks:\n  - audit: {records: 100000, errors_per_record: [0, 1]}\n"
    )
    loaded = parse_scenario(text, str(tmp_path / "huge.yaml"))
    return create_app(
        store=Store(tmp_path / "huge.sqlite3"), scenario=loaded, trainee="Ana", clock=fixed_clock
    )


async def test_a_100000_item_queue_builds_only_the_rows_on_screen(tmp_path: Path) -> None:
    app = _huge(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        queue = _queue(app).queue
        await wait_until(pilot, lambda: queue.settled)
        assert queue.row_count == 100_000
        assert queue.titles_made <= 40  # only the rows on screen were made
        await pilot.press("end")
        await wait_until(pilot, lambda: queue.settled)
        assert queue.current_id == "audit-100000"
        assert "100,000" in _row_text(queue, 99_999)
        assert queue.titles_made <= 80
