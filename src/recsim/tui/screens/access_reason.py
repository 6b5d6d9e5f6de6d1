"""Asked before a chart found by search is opened: every open is logged with its reason."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

MAX_REASON = 200


class AccessReasonScreen(ModalScreen[str | None]):
    """Dismisses with the job reason typed, or None (the chart is not opened)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open the chart", priority=True),
        Binding("escape", "cancel", "Don't open it"),
    ]

    def __init__(self, name: str, mrn: str) -> None:
        super().__init__()
        self.patient = name
        self.mrn = mrn

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content(f"Open the chart of {self.patient} ({self.mrn})?"), classes="dialog-title"
            )
            yield Static(
                Content(
                    "Every chart you open is logged with your name, the time and the reason you "
                    "give, and the privacy office reviews the log. Open a chart only when your "
                    "work needs it. "
                    "What is the job reason?"
                ),
                classes="dialog-body",
            )
            yield Input(
                placeholder="the work that needs this chart", max_length=MAX_REASON, id="reason"
            )
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    def action_open(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#reason", Input).call_later(self._open)

    def _open(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not reason:
            self.query_one("#problem", Static).update(
                Content("✘ Type the job reason, or press Esc to leave the chart closed.")
            )
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
