"""Save a file the trainee asked for (the statistics batch as CSV) where the trainee says.

The place is typed in a box that starts on a full path, so the trainee sees where the
file will go before it goes there; a file already there is replaced only after asking.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.export import missing_folder


def save_target(text: str, name: str, suffix: str) -> Path:
    """Where ``text`` says to save a file called ``name`` by default: a folder (the file goes in
    it under ``name``) or a file name ending in ``suffix``.

    Folders are never created (a missing one is most often a typing slip or a drive not
    plugged in). Raises ValueError with a sentence the trainee can act on.
    """
    target = Path(text).expanduser()
    if target.is_dir():
        return target / name
    if text.endswith(("/", os.sep)) or not target.suffix:
        raise ValueError(missing_folder(target))
    if target.suffix.lower() != suffix:
        raise ValueError(
            f"The file name must end in {suffix} (not {target.suffix}), "
            "or type a folder to put it in."
        )
    if not target.parent.is_dir():
        if target.parent.exists():
            raise ValueError(f"{target.parent} is a file, not a folder.")
        raise ValueError(missing_folder(target.parent))
    if target.is_dir():
        raise ValueError(f"{target} is a folder; type a file name ending in {suffix}.")
    return target


class SaveDataScreen(ModalScreen[Path | None]):
    """Dismisses with where to write (a file there already: replacing it was agreed), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, what: str, default: Path) -> None:
        """``what``: the sentence saying what is saved; ``default``: the path offered."""
        super().__init__()
        self.title_text = title
        self.what = what
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(
                Content(f"{self.what}\nType a folder, or a file name ending in {self.suffix}:"),
                classes="dialog-body",
            )
            yield Input(value=str(self.default), id="target")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    @property
    def suffix(self) -> str:
        return self.default.suffix.lower()

    def action_save(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#target", Input).call_later(self._save)

    def _save(self) -> None:
        text = self.query_one("#target", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not text:
            problem.update(Content("✘ Type a folder or a file name."))
            return
        try:
            target = save_target(text, self.default.name, self.suffix)
        except ValueError as error:
            problem.update(Content(f"✘ {error}"))
            return
        if not target.exists():
            self.dismiss(target)
            return
        question = ConfirmScreen(
            "Replace the file?",
            f"{target} is already there. Replace it with this data?",
            yes="Replace",
            no="Keep it",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(target)

        self.app.push_screen(question, answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
