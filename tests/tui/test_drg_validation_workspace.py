"""The DRG validation workspace: a claim reviewed by keys alone, and how it looks when small."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Static

from recsim.tasks.base import Trail
from recsim.tasks.drg_validation import TASK
from recsim.tasks.drg_validation.models import DrgValidationAnswer
from recsim.tui.app import RecsimApp
from recsim.tui.screens.drg_validation import DrgValidationScreen
from recsim.tui.widgets.queue_list import QueueList
from tests.conftest import SCENARIOS
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until
from tests.tui.test_snapshots import START, app_for, shoot
from tests.tui.test_workspaces import _choose, _open, _submit

DRG = TUI_DATA / "drg_validation.yaml"
__all__ = ["app_for"]  # the snapshot tests' fixture, used here too


async def test_a_missed_procedure_is_reported_with_the_drg_and_the_payment_by_keys(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(DRG)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "drg_validation-1")
        assert isinstance(app.screen, DrgValidationScreen)
        assert key.error.error == "missed_procedure"
        await _choose(pilot, 3)  # after "none", unsupported code, wrong principal
        await pilot.press("tab", *key.error.code.lower(), "tab", "tab", *str(key.correct.drg))
        await pilot.press("tab")
        await _choose(pilot, 0)  # the payment goes up
        answer = await _submit(pilot, "drg_validation-1")
    assert answer == {
        "findings": [{"error": "missed_procedure", "code": key.error.code, "corrected": None}],
        "drg": key.correct.drg,
        "payment": "up",
    }
    item = app.attempt.grader.form.item("drg_validation-1")  # type: ignore[union-attr]
    findings = TASK.check(item, DrgValidationAnswer.model_validate(answer), Trail())
    assert {f.outcome for f in findings} == {"correct"}


async def test_a_claim_is_not_answered_without_its_drg(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(DRG)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "drg_validation-2")
        await _choose(pilot, 0)  # no coding error
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DrgValidationScreen)  # still there: no DRG yet
        assert "drg_validation-2" not in app.attempt.answers  # type: ignore[union-attr]
        # The code fields are closed for a claim that stands: Tab goes straight to the DRG.
        await pilot.press("tab", *"195", "tab")
        await _choose(pilot, 2)  # the payment stays the same
        answer = await _submit(pilot, "drg_validation-2")
    assert answer == {"findings": [], "drg": 195, "payment": "unchanged"}


async def test_work_on_a_claim_is_taken_up_again(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(DRG)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "drg_validation-1")
        await _choose(pilot, 1)
        await pilot.press("tab", *"K65.1", "tab")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        app.open_item("drg_validation-1")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DrgValidationScreen)
        assert (screen.error, screen.code) == ("unsupported_secondary", "K65.1")


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
def test_the_workspace_at_small_sizes(
    snap_compare: Any, app_for: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    assert shoot(snap_compare, app_for(DRG), (*START, "open:drg_validation-1"), size)


READING = TUI_DATA / "drg_validation_reading.yaml"
"""One claim of a poisoning transferred to a psychiatric hospital: long code titles, a one-day
stay (seed 1) and a summary whose source lines run wider than the pane."""


def _lines(widget: Static) -> list[str]:
    """The widget's text as drawn, line by line."""
    width, height = widget.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


def _starts_own_line(line: str) -> bool:
    head = line.split(" ", 1)[0]
    return head.endswith(":") or head.rstrip(".").isdigit() or head in ("-", "*", "•")


async def test_the_record_is_wrapped_to_the_pane_not_to_its_source_lines(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(READING)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, "drg_validation-1")
        paper = app.screen.query_one("#paper-pane Static", Static)
        lines = _lines(paper)
        body = lines[lines.index("Discharge summary") + 1 :]
        assert any(line.startswith("Course: IV acetylcysteine") for line in body)
        for line, after in pairwise(body):
            if line.strip() and after.strip() and not _starts_own_line(after.strip()):
                # A line is only broken where the next word would not have fitted.
                assert len(line) + 1 + len(after.split()[0]) > paper.size.width, (line, after)
        assert "Length of stay: 1 day" in lines


async def test_the_reader_wraps_the_claim_to_the_screen(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(READING)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, "drg_validation-1")
        await pilot.press("ctrl+o")
        await settle(pilot)
        paper = app.screen.query_one("#paper-pane Static", Static)
        assert app.screen.maximized is not None
        assert paper.region.right <= 100 and paper.size.width >= 90
        said = " ".join(" ".join(_lines(paper)).split())
        view = app.attempt.grader.form.item("drg_validation-1").view  # type: ignore[union-attr]
        claim = view.claim
        for code in [claim.principal, *claim.secondary]:
            assert " ".join(code.title.split()) in said, code.title
        assert f"{claim.drg:03d} {claim.drg_title} (post-acute care transfer DRG)" in said
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen.maximized is None and paper.size.width < 60


async def test_the_queue_names_each_claim_with_its_patient_and_billed_drg(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(SCENARIOS / "insurer-drg-validation.yaml", trainee="Ana Ruiz")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        form = app.attempt.grader.form  # type: ignore[union-attr]
        ids = app.work.items  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: all(queue.title_of(i) for i in ids))
        queue.refresh()
        await settle(pilot)
        rows = [line for line in _lines(queue) if line.strip()]
        assert len(rows) == len(ids)
        for row, item_id in zip(rows, ids, strict=True):
            view = form.item(item_id).view
            title = f"Claim {view.claim_number}: {view.patient_name}, DRG {view.claim.drg:03d}"
            assert row.endswith(f"{item_id}  {title}"), row  # whole, nothing cut off
