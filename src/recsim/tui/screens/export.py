"""Save a copy of the results file somewhere the trainee chooses (a USB stick, a shared folder)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


def copy_results(source: Path, text: str) -> Path:
    """Copy the results file to ``text`` (a file, or a folder to put it in); returns where it went."""
    target = Path(text).expanduser()
    if target.is_dir():
        target = target / source.name
    if target.suffix.lower() != ".json":
        raise ValueError("the copy must end in .json (or name a folder to put it in)")
    if target.resolve() == source.resolve():
        raise ValueError("that is the results file itself; choose another folder")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path of the copy, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save copy", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, source: Path) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static("Save a copy of your results", classes="dialog-title")
            yield Static(Content(f"The results file is already saved at:\n{self.source}\n\n"
                                 "Type a folder (or a file name ending in .json) for a copy:"),
                         classes="dialog-body")
            yield Input(value=str(Path.cwd()), id="target")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    def action_save(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#target", Input).call_later(self._save)

    def _save(self) -> None:
        text = self.query_one("#target", Input).value.strip()
        if not text:
            self.query_one("#problem", Static).update(Content("✘ Type a folder or a file name."))
            return
        try:
            written = copy_results(self.source, text)
        except (OSError, ValueError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.query_one("#problem", Static).update(Content(f"✘ Could not save a copy at {text}: {reason}."))
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
