"""A few choices in a row, each from a short list (what kind, which document, which provider)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Step = tuple[str, list[tuple[str, str]]]
"""A question and its choices as (value, label)."""


class ChooseStepsScreen(ModalScreen[list[str] | None]):
    """Dismisses with the value chosen at each step, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back / cancel"),
    ]

    def __init__(self, title: str, steps: list[Step]) -> None:
        super().__init__()
        self.heading = title
        self.steps = steps
        self.chosen: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Static(id="so-far", classes="dialog-body")
            yield Static(id="question", classes="field-label")
            yield OptionList(id="choices")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        question, choices = self.steps[len(self.chosen)]
        labels = [dict(self.steps[n][1])[value] for n, value in enumerate(self.chosen)]
        self.query_one("#so-far", Static).update(Content(" › ".join(labels) if labels else ""))
        self.query_one("#question", Static).update(
            Content.assemble(
                (f"Step {len(self.chosen) + 1} of {len(self.steps)}: ", "bold"),
                question,
                " (↑ ↓, Enter)",
            )
        )
        options = self.query_one("#choices", OptionList)
        options.set_options(Option(Content(label), id=value) for value, label in choices)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert event.option.id is not None
        self.chosen.append(event.option.id)
        if len(self.chosen) == len(self.steps):
            self.dismiss(self.chosen)
        else:
            self._show()

    def action_back(self) -> None:
        if self.chosen:
            self.chosen.pop()
            self._show()
        else:
            self.dismiss(None)
