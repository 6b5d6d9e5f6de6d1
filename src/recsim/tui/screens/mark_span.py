"""Mark a span of a document: which Safe Harbor identifier it is, and remove or generalize it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option


@dataclass(frozen=True)
class SpanMark:
    """The trainee's mark on a span."""

    type: str
    action: str


class MarkSpanScreen(ModalScreen[SpanMark | None]):
    """Dismisses with the mark, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save('remove')", "Remove it", priority=True),
        Binding("ctrl+g", "save('generalize')", "Generalize it", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, text: str, types: list[tuple[str, str]], current: str | None = None) -> None:
        super().__init__()
        self.text = text
        self.types = types
        self.current = current

    def compose(self) -> ComposeResult:
        shown = self.text if len(self.text) <= 200 else self.text[:200] + "…"
        with Vertical(classes="dialog wide"):
            yield Static(Content.assemble(("Mark: ", "bold"), f"“{shown}”"), classes="dialog-title")
            yield Static(
                Content(
                    "Which identifier is it? Enter removes it; Ctrl+G generalizes it instead "
                    '(dates to the year, ages over 89 to "90 or older", ZIP codes to three digits).'
                ),
                classes="dialog-body",
            )
            yield OptionList(
                *[Option(Content(title), id=name) for name, title in self.types], id="types"
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        types = self.query_one("#types", OptionList)
        names = [name for name, _ in self.types]
        types.highlighted = names.index(self.current) if self.current in names else 0
        types.focus()

    def action_save(self, action: str) -> None:
        types = self.query_one("#types", OptionList)
        if types.highlighted is None:
            return
        self.dismiss(SpanMark(self.types[types.highlighted][0], action))

    def action_cancel(self) -> None:
        self.dismiss(None)
