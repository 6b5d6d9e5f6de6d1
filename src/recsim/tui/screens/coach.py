"""What the guided tour shows: its panel over the real screens, its welcome and its map of keys."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from recsim.tui.tour import KeyLine


class CoachPanel(Static):
    """The tour's current step, docked at the top of whatever screen is showing."""

    DEFAULT_CSS = """
    CoachPanel {
        dock: top;
        height: auto;
        max-height: 6;
        background: $primary-muted;
        padding: 0 1;
    }
    """

    def __init__(self, text: str, words: Content) -> None:
        super().__init__(words, classes="coach")
        self.text = text
        """The instruction alone, as a test or a screen reader would read it."""

    @staticmethod
    def words(
        where: str, text: str, confirmed: str | None, skip: str, *, short: bool = False
    ) -> Content:
        """The panel's text: where the tour is, what was just done, and what to do now.

        ``short`` (a terminal with few rows): where the tour is and what to do, no more.
        """
        if short:
            return Content.assemble((f"Tour {where}: ", "bold"), text)
        return Content.assemble(
            (f"Tour {where} ({skip} ends it)", "bold"),
            " ",
            (f"✔ {confirmed} ", "bold") if confirmed else "",
            text,
        )


class CoachNoteScreen(ModalScreen[bool]):
    """A note from the tour (its welcome): Enter goes on (True), Esc ends the tour (False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Go on"),
        Binding("escape", "skip", "End the tour"),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="coach-note"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.text), classes="dialog-body", id="coach-text")
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(True)

    def action_skip(self) -> None:
        self.dismiss(False)


class KeyMapScreen(ModalScreen[None]):
    """The tour's last screen: the keys a trainee uses most, on one screen."""

    DEFAULT_CSS = """
    KeyMapScreen #keymap-text {
        height: auto;
        max-height: 1fr;
    }
    KeyMapScreen .keymap-heading {
        text-style: bold;
        color: $text-primary;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Finish the tour"),
    ]

    def __init__(self, text: str, lines: list[KeyLine]) -> None:
        super().__init__()
        self.text = text
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="keymap"):
            yield Static(Content("The keys, on one screen"), classes="dialog-title")
            yield Static(Content(self.text), classes="dialog-body", id="coach-text")
            with VerticalScroll(id="keymap-text"):
                for line in self.lines:
                    yield Static(Content(line.heading), classes="keymap-heading")
                    yield Static(
                        Content.assemble(
                            *[
                                part
                                for n, (key, what) in enumerate(line.keys)
                                for part in (
                                    " · " if n else "  ",
                                    (key, "bold"),
                                    f" {what}",
                                )
                            ]
                        )
                    )
        yield Footer(compact=True)

    def action_close(self) -> None:
        self.dismiss(None)
