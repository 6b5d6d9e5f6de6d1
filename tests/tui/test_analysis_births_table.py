"""The statistics table shows the delivery, newborn and mother columns when, and only when,
the batch holds births."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable

from recsim.tui.app import RecsimApp
from recsim.tui.screens.analysis import BIRTH_COLUMNS
from tests.tui.test_workspaces import KINDS, _open

BIRTHS = """recsim: 1
id: births-table
title: Births table
setting: hospital
tasks:
  - analysis: {encounters: 40, beds: 20, births: 6, questions: [caesarean_rate]}
"""


async def _labels(app: RecsimApp) -> tuple[list[str], int]:
    table = app.screen.query_one("#stays", DataTable)
    return [str(column.label) for column in table.columns.values()], table.row_count


async def test_a_batch_with_births_shows_who_was_delivered_and_who_was_born(
    make_app: Callable[..., RecsimApp], tmp_path: Path
) -> None:
    path = tmp_path / "births.yaml"
    path.write_text(BIRTHS, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "analysis-1")
        labels, rows = await _labels(app)
        assert labels[-3:] == list(BIRTH_COLUMNS)
        batch = app.attempt.grader.form.item("analysis-1").view.batch  # type: ignore[union-attr, attr-defined]
        assert rows == len(batch.stays) > 40


async def test_a_batch_without_births_has_no_birth_columns(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "analysis-1")
        labels, _ = await _labels(app)
        assert not set(BIRTH_COLUMNS) & set(labels)
