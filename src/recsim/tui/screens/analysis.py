"""The statistics workspace: the question, its definition and the stays' data beside the answer."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static

from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.paper import facts, heading, stack

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

COLUMNS = (
    "Account",
    "MRN",
    "Age",
    "Sex",
    "Admitted",
    "Discharged",
    "Disposition",
    "Planned",
    "Principal dx",
    "Description",
    "Chart completed",
    "MS-DRG",
    "DRG weight",
    "Death (h)",
    "Autopsy",
    "HAI",
)
BIRTH_COLUMNS = ("Delivery", "Newborn", "Mother")
"""Shown only for a batch with delivery and newborn stays."""
NUMBERS = ("value", "numerator", "denominator")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
"""A number whose commas group its thousands (1,234.5)."""


def number(text: str) -> float | None:
    """A typed number (commas between thousands and a trailing % allowed), or None.

    A comma anywhere else is refused, not dropped: "1,25" written with a decimal comma
    would otherwise be read as 125.
    """
    cleaned = text.strip().rstrip("%").strip()
    if "," in cleaned:
        if not _THOUSANDS.fullmatch(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class AnalysisScreen(Workspace):
    """One statistics question over the batch."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+e",
            "export",
            "CSV",
            priority=True,
            tooltip="Save the data as a CSV file for a spreadsheet",
        ),
        Binding("ctrl+l", "focus_answer", "Boxes", priority=True, tooltip="Go to the answer boxes"),
    ]
    HELP_TITLE = "a statistics question"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        self.saved = self.saved_work() or {}

    @property
    def listing(self) -> bool:
        return bool(self.view.count)

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(self._question())
                yield DataTable(id="stays", zebra_stripes=True, cursor_type="row")
            with Vertical(id="form-pane"):
                yield from self._answer_boxes()
                yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    def _question(self) -> Content:
        view, batch = self.view, self.view.batch
        period = f"{batch.period_start} to {batch.period_end} ({batch.period_days} days)"
        return stack(
            heading(view.title),
            Content(view.prompt),
            Content.assemble(("Definition: ", "bold"), view.definition),
            facts(
                [
                    ("Facility", batch.facility),
                    ("Beds", batch.beds),
                    ("Period", period),
                    ("Report date", batch.as_of),
                    ("Stays in the data", len(batch.stays)),
                ]
            ),
            Content.styled("The data (Ctrl+E saves it as a CSV file for a spreadsheet):", "bold"),
        )

    def _answer_boxes(self) -> ComposeResult:
        """One box for a list of codes; otherwise the value, with numerator and denominator."""
        view = self.view
        if self.listing:
            yield Static(
                Content(f"The {view.count} codes, most frequent first, separated by commas:"),
                classes="field-label",
            )
            yield Input(
                value=", ".join(self.saved.get("codes", [])),
                placeholder="e.g. I50.9, J18.9",
                id="codes",
            )
            return
        labels = {
            "value": f"Your answer ({view.unit})" if view.unit else "Your answer",
            "numerator": "Numerator (optional)",
            "denominator": "Denominator (optional)",
        }
        for name in NUMBERS:
            saved = self.saved.get(name)
            yield Static(Content(labels[name]), classes="field-label")
            yield Input(
                value="" if saved is None else f"{saved:g}", id=name, placeholder="a number"
            )
        yield Static(
            Content.styled(
                "Giving the numerator and denominator earns partial credit if the division slips.",
                "$text-muted",
            ),
            classes="field-label",
        )

    def on_mount(self) -> None:
        table = self.query_one("#stays", DataTable)
        births = self.view.batch.has_births
        table.add_columns(*COLUMNS, *(BIRTH_COLUMNS if births else ()))
        for stay in self.view.batch.stays:
            born = (stay.delivery or "", "yes" if stay.newborn else "", stay.mother or "")
            table.add_row(
                stay.account,
                stay.mrn,
                stay.age,
                stay.sex,
                str(stay.admitted),
                str(stay.discharged),
                stay.disposition.replace("_", " "),
                "yes" if stay.planned else "no",
                stay.principal_dx,
                stay.principal_description,
                str(stay.chart_completed or "incomplete"),
                stay.drg or "",
                f"{stay.drg_weight:.4f}" if stay.drg_weight is not None else "",
                "" if stay.death_hours is None else stay.death_hours,
                "yes" if stay.autopsy else "",
                "yes" if stay.infection else "",
                *(born if births else ()),
            )
        self.query_one("#codes" if self.listing else "#value", Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        problem = ""
        if not self.listing and event.value.strip() and number(event.value) is None:
            problem = (
                f"✘ '{event.value.strip()[:20]}' is not a number; type digits and a decimal"
                " point, e.g. 12.5"
            )
        self.query_one("#problem", Static).update(Content(problem))

    @on(Input.Blurred)
    @on(Input.Submitted)
    def _settled(self) -> None:
        self.save_draft()
        self.refresh_heading()

    def answer_payload(self) -> dict[str, Any]:
        if self.listing:
            text = self.query_one("#codes", Input).value
            return {"codes": [c.strip() for c in text.replace(";", ",").split(",") if c.strip()]}
        return {name: number(self.query_one(f"#{name}", Input).value) for name in NUMBERS}

    def action_finish(self) -> None:
        if not self.listing:
            value = self.query_one("#value", Input).value
            if number(value) is None:
                self.notify("Type your answer as a number first.", severity="warning")
                return
        super().action_finish()

    def action_focus_answer(self) -> None:
        self.query_one("#codes" if self.listing else "#value", Input).focus()

    def action_export(self) -> None:
        from recsim.tui.screens.export import WEB_NO_FILES
        from recsim.tui.screens.save_data import SaveDataScreen

        if self.app.is_web:  # the file would land on the class server's disk, not the trainee's
            self.notify(WEB_NO_FILES, markup=False, timeout=8)
            return

        name = f"{self.attempt.row.scenario_id}-{self.item.id}-data.csv"
        screen = SaveDataScreen(
            "Save the data as a CSV file",
            f"The {len(self.view.batch.stays):,} stays of this question, for a spreadsheet.",
            Path.cwd() / name,
        )
        self.app.push_screen(screen, self._write_csv)

    def _write_csv(self, path: Path | None) -> None:
        from recsim.tasks.analysis.batch import batch_csv

        if path is None:
            return
        try:
            path.write_text(batch_csv(self.view.batch), encoding="utf-8")
        except OSError as error:
            self.notify(
                f"Could not save {path}: {error.strerror or error}", severity="error", markup=False
            )
            return
        self.notify(f"Saved the data as {path}", markup=False, timeout=8)


WORKSPACE = AnalysisScreen
"""The screen items of the analysis kind are worked in (found by the kind's name)."""
