"""Flag one field of a chart: the kind of error and, optionally, the correct value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tui.screens import WORK_CSS

MAX_CORRECTION = 500
SHORT = 20
"""Terminals fewer rows high than this get the compact dialog (no blank lines, a shorter list)."""
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FieldFlag:
    """What the trainee says is wrong with a field."""

    kind: str
    correction: str | None


class FlagFieldScreen(ModalScreen[FieldFlag | None]):
    """Dismisses with the flag, or None when cancelled.

    On a short terminal the dialog drops its blank lines, shows less of the value and a
    shorter list of kinds, and scrolls (Enter and Tab bring the correction box into
    view), so every part stays reachable by keys.
    """

    CSS_PATH = WORK_CSS
    DEFAULT_CSS = """
    FlagFieldScreen #kinds {
        min-height: 4;
        max-height: 45vh;
    }
    FlagFieldScreen.-short #kinds {
        max-height: 35vh;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save flag", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        *,
        label: str,
        path: str,
        value: str,
        kinds: list[tuple[str, str]],
        current: FieldFlag | None = None,
    ) -> None:
        super().__init__()
        self.label = label
        self.path = path
        self.value = value
        self.kinds = kinds
        self.current = current

    def compose(self) -> ComposeResult:
        example = f"e.g. {self.value}" if _DATE.match(self.value) else "the value as it should read"
        with VerticalScroll(classes="dialog wide", id="flag-dialog", can_focus=False):
            yield Static(Content(f"Flag: {self.label}"), classes="dialog-title")
            yield Static(self._now_reads(300), classes="dialog-body", id="now-reads")
            yield Static(
                Content("Kind of error (↑ ↓ to choose, Enter to go on):"), classes="field-label"
            )
            yield OptionList(
                *[Option(Content(title), id=name) for name, title in self.kinds], id="kinds"
            )
            yield Static(
                Content("Correct value, if you know it (optional); Enter saves:"),
                classes="field-label",
            )
            yield Input(placeholder=example, max_length=MAX_CORRECTION + 100, id="correction")
            problem = Static("", id="problem", classes="dialog-problem")
            problem.display = False  # its line is given back until there is something to say
            yield problem
        yield Footer(compact=True)

    def _now_reads(self, limit: int) -> Content:
        shown = self.value if len(self.value) <= limit else self.value[:limit] + "…"
        return Content.assemble(("Now reads: ", "bold"), shown or "(blank)")

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Fit the dialog to the terminal's height (inline styles: they outrank the stylesheets)."""
        height = self.size.height
        short = height < SHORT
        self.set_class(short, "-short")
        for widget in self.query(".dialog-title, .dialog-body"):
            widget.styles.margin = (0, 0, 0, 0) if short else None
        for widget in self.query(".field-label"):
            widget.styles.margin = (0, 0, 0, 0) if short else None
        self.query_one("#now-reads", Static).update(
            self._now_reads(70 if short else 160 if height < 30 else 300)
        )

    def on_mount(self) -> None:
        self._fit()
        kinds = self.query_one("#kinds", OptionList)
        if self.current is not None:
            names = [name for name, _ in self.kinds]
            if self.current.kind in names:
                kinds.highlighted = names.index(self.current.kind)
            self.query_one("#correction", Input).value = self.current.correction or ""
        kinds.focus()

    @on(OptionList.OptionSelected, "#kinds")
    def _kind_chosen(self) -> None:
        self.query_one("#correction", Input).focus()

    @on(Input.Submitted, "#correction")
    def _submitted(self) -> None:
        self.action_save()

    def _problem(self, text: str) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(Content(f"✘ {text}"))
        problem.display = True
        self.call_after_refresh(problem.scroll_visible)

    def action_save(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#correction", Input).call_later(self._save)

    def _save(self) -> None:
        kinds = self.query_one("#kinds", OptionList)
        if kinds.highlighted is None:
            self._problem("Choose the kind of error first (↑ ↓ in the list, then Enter).")
            kinds.focus()
            return
        correction = " ".join(self.query_one("#correction", Input).value.split()) or None
        if correction is not None and len(correction) > MAX_CORRECTION:
            self._problem(
                f"The correction is {len(correction)} characters; keep it under {MAX_CORRECTION}."
            )
            return
        self.dismiss(FieldFlag(self.kinds[kinds.highlighted][0], correction))

    def action_cancel(self) -> None:
        self.dismiss(None)
