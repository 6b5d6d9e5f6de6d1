"""Go to an item of the queue by its number or its id."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


class JumpScreen(ModalScreen[str | None]):
    """Dismisses with the item id to go to, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go", "Go", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, resolve: Callable[[str], str | None], total: int, example: str) -> None:
        super().__init__()
        self.resolve = resolve
        self.total = total
        self.example = example

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Go to item", classes="dialog-title")
            yield Static(
                f"Type a number from 1 to {self.total:,}, or an item id such as {self.example}.",
                classes="dialog-body",
            )
            yield Input(placeholder="number or id", id="where")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    def action_go(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#where", Input).call_later(self._go)

    def _go(self) -> None:
        text = self.query_one("#where", Input).value.strip()
        item_id = self.resolve(text) if text else None
        if item_id is None:
            shown = f"'{text[:40]}'" if text else "that"
            self.query_one("#problem", Static).update(
                Content(
                    f"✘ There is no item {shown}: type a number from 1 to {self.total:,} "
                    f"or an id such as {self.example}."
                )
            )
            return
        self.dismiss(item_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
