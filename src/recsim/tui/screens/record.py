"""A chart opened outside the work queue (from a search): read-only."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from recsim.core.records import PatientRecord
from recsim.tui.chart import chart_rows
from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.audit import row_prompt
from recsim.tui.screens.reading import CLOSE_READER, ReadingScreen


class RecordScreen(ReadingScreen[None]):
    """The chart, every section and field, with nothing to flag."""

    CSS_PATH = WORK_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close the chart"),
        Binding(
            "ctrl+o",
            "read",
            "Read",
            priority=True,
            tooltip="Read the whole value of the line under the cursor, full screen; "
            "Esc or Ctrl+O comes back",
        ),
        *CLOSE_READER,
    ]
    READING_PANES = ("#field-detail",)
    ESCAPE_ACTION = "close"
    HELP_TITLE = "a chart opened from a search"

    def __init__(self, record: PatientRecord) -> None:
        super().__init__()
        self.rows = chart_rows(record)
        self.record = record

    def compose(self) -> ComposeResult:
        patient = self.record.patient
        yield Static(
            Content(
                f"Chart {patient.mrn}: {patient.last_name}, {patient.first_name} · "
                "opened from a search; this access is logged"
            ),
            classes="screen-title",
        )
        with Horizontal(id="audit-body"):
            yield OptionList(*[Option(row_prompt(row, None)) for row in self.rows], id="chart")
            with VerticalScroll(id="field-detail", can_maximize=True):
                yield Static(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        chart = self.query_one("#chart", OptionList)
        chart.highlighted = 0
        chart.focus()

    @on(OptionList.OptionHighlighted, "#chart")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        row = self.rows[event.option_index]
        self.query_one("#detail", Static).update(
            Content("\n").join([Content.styled(row.label, "bold"), Content(row.value or "")])
        )

    def action_close(self) -> None:
        self.dismiss(None)
