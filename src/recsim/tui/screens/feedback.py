"""Practice mode: what the trainee got right and wrong on the item just answered."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from recsim.core.scoring import Finding
from recsim.tui.screens import WORK_CSS
from recsim.tui.widgets.findings import finding_content


class FeedbackScreen(ModalScreen[None]):
    """Every finding of one item, with its explanation and rule."""

    CSS_PATH = WORK_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Continue"),
        Binding("up", "scroll(-1)", "Scroll up", show=False),
        Binding("down", "scroll(1)", "Scroll down", show=False),
    ]

    def __init__(
        self, title: str, findings: list[Finding], *, informational: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.heading = title
        self.findings = findings
        self.informational = informational
        """Topics of findings shown for information (worth nothing): not counted as right."""

    def tally(self) -> str:
        """``7 of 8 right, 1 partly right.``: the findings that score, informational ones aside."""
        counted = [
            f for f in self.findings if not (f.topic in self.informational and f.possible == 0)
        ]
        right = sum(1 for f in counted if f.outcome == "correct")
        partly = sum(1 for f in counted if f.outcome == "partial")
        return f"{right} of {len(counted)} right" + (f", {partly} partly right." if partly else ".")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content(f"Feedback: {self.heading}"), classes="dialog-title")
            yield Static(
                Content(f"{self.tally()} Press Enter to go on."),
                classes="dialog-body",
            )
            with VerticalScroll(id="feedback-list"):
                if not self.findings:
                    yield Static("Nothing to score on this item.")
                for finding in self.findings:
                    yield Static(finding_content(finding), classes="finding")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#feedback-list").focus()

    def action_scroll(self, step: int) -> None:
        self.query_one("#feedback-list", VerticalScroll).scroll_relative(y=step * 3, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
