"""The glossary: look up an HIM term or abbreviation seen on screen, with where it is defined."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from recsim.core.glossary import Term, glossary, search


def entry_text(term: Term) -> Content:
    """One entry as the glossary shows it: the term, what it stands for, its meaning, its source."""
    return Content.assemble(
        (term.term, "bold"),
        f"  {term.stands_for}" if term.stands_for else "",
        "\n",
        term.means,
        "\n",
        ("Source: ", "italic"),
        term.source,
    )


class GlossaryScreen(ModalScreen[None]):
    """Every term, narrowed as the trainee types; Esc goes back to where they were."""

    DEFAULT_CSS = """
    GlossaryScreen #glossary-dialog {
        height: 100%;
    }
    GlossaryScreen #glossary-entries {
        height: 1fr;
    }
    GlossaryScreen .glossary-entry {
        margin-bottom: 1;
    }
    GlossaryScreen #glossary-count {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close glossary"),
        Binding("pagedown", "page(1)", "Scroll down", show=False),
        Binding("pageup", "page(-1)", "Scroll up", show=False),
    ]
    HELP_TITLE = "the glossary"

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="glossary-dialog"):
            yield Static(Content("Glossary of terms seen in recsim"), classes="dialog-title")
            yield Input(
                self.query_text,
                placeholder="Type a term, an abbreviation or any word of a definition",
                id="glossary-search",
            )
            yield Static(id="glossary-count")
            yield VerticalScroll(id="glossary-entries")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        await self._show(self.query_text)
        self.query_one("#glossary-search", Input).focus()

    @on(Input.Changed, "#glossary-search")
    async def _typed(self, event: Input.Changed) -> None:
        await self._show(event.value)

    async def _show(self, query: str) -> None:
        found = search(query) if query.strip() else list(glossary())
        entries = self.query_one("#glossary-entries", VerticalScroll)
        await entries.remove_children()
        if found:
            await entries.mount_all(Static(entry_text(t), classes="glossary-entry") for t in found)
        else:
            await entries.mount(Static(Content(f"No term matches “{query.strip()}”.")))
        entries.scroll_home(animate=False)
        self.query_one("#glossary-count", Static).update(
            Content(f"{len(found)} of {len(glossary())} terms · PgUp PgDn scroll · Esc closes")
        )

    def action_page(self, direction: int) -> None:
        entries = self.query_one("#glossary-entries", VerticalScroll)
        if direction > 0:
            entries.scroll_page_down(animate=False)
        else:
            entries.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
