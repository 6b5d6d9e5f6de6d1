"""The de-identification workspace: select each identifier in the document and mark it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from recsim.privacy.deid import identifiers
from recsim.tui.screens.mark_span import MarkSpanScreen, SpanMark
from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.document_marker import DocumentMarker

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item


class DeidentifyScreen(Workspace):
    """One document to de-identify under Safe Harbor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "mark_span", "Mark", tooltip="Mark the selected words as an identifier"),
        Binding("enter", "mark_span", "Mark", show=False),
        Binding("x", "unmark_span", "Unmark", tooltip="Remove the mark under the cursor"),
    ]
    HELP_TITLE = "de-identifying a document"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        self.types = [
            (name, f"{info.title} ({info.rule.rsplit('(', 1)[-1].rstrip(')')})")
            for name, info in identifiers().items()
        ]
        saved = self.saved_work() or {}
        self.marks: list[dict[str, Any]] = [dict(m) for m in saved.get("marks", [])]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="deid-body"):
            yield DocumentMarker(self.view.text, id="document")
            with VerticalScroll(id="marks-pane"):
                yield Static(Content(self.view.purpose), id="purpose")
                yield Static(id="marks")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        document = self.query_one(DocumentMarker)
        document.focus()
        self._show()

    @property
    def document(self) -> DocumentMarker:
        return self.query_one(DocumentMarker)

    def _covering(self, start: int, end: int) -> list[int]:
        return [n for n, m in enumerate(self.marks) if m["start"] < end and start < m["end"]]

    def action_mark_span(self) -> None:
        selected = self.document.selection()
        if selected is None:
            return
        start, end = selected
        under = self._covering(start, end)
        current = self.marks[under[0]]["type"] if under else None
        self.app.push_screen(
            MarkSpanScreen(self.view.text[start:end], self.types, current),
            lambda mark: self._marked(start, end, mark),
        )

    def _marked(self, start: int, end: int, mark: SpanMark | None) -> None:
        if mark is None:
            return
        before = list(self.marks)
        self.marks = [m for n, m in enumerate(self.marks) if n not in self._covering(start, end)]
        self.marks.append({"start": start, "end": end, "type": mark.type, "action": mark.action})
        self.marks.sort(key=lambda m: m["start"])
        if not self.save_draft():
            self.marks = before
        self.document.clear_selection()
        self._show()

    def action_unmark_span(self) -> None:
        selected = self.document.selection()
        under = self._covering(*selected) if selected else []
        if not under:
            self.notify("There is no mark here to remove.", timeout=2)
            return
        before = list(self.marks)
        self.marks = [m for n, m in enumerate(self.marks) if n not in under]
        if not self.save_draft():
            self.marks = before
        self._show()

    @on(DocumentMarker.Moved)
    def _moved(self) -> None:
        self._show()

    def _show(self) -> None:
        self.document.set_marks([(m["start"], m["end"]) for m in self.marks])
        titles = dict(self.types)
        lines = [Content.styled(f"Your marks ({len(self.marks)})", "bold")]
        selected = self.document.selection()
        here = set(self._covering(*selected)) if selected else set()
        for number, mark in enumerate(self.marks):
            text = self.view.text[mark["start"] : mark["end"]].replace("\n", " ")
            pointer = "▶ " if number in here else "  "
            lines.append(
                Content(
                    f"{pointer}⚑ “{text[:40]}” "
                    f"{titles.get(mark['type'], mark['type']).split(' (')[0]}, "
                    f"{mark['action']}"
                )
            )
        if not self.marks:
            lines.append(
                Content(
                    "None yet. Move with the arrow keys (Shift+arrows to select more than "
                    "one word), then press m to mark."
                )
            )
        self.query_one("#marks", Static).update(Content("\n").join(lines))
        self.refresh_heading()

    def answer_payload(self) -> dict[str, Any]:
        return {"marks": [dict(m) for m in self.marks]}

    def finish_question(self) -> str | None:
        if self.marks:
            return None
        return "You have marked nothing. Submit this document as holding no identifiers?"


WORKSPACE = DeidentifyScreen
"""The screen items of the deidentify kind are worked in (found by the kind's name)."""
