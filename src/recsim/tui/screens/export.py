"""Save a copy of the results file somewhere the trainee chooses (a USB stick, a shared folder)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

WEB_NO_FILES = (
    "In the browser recsim saves no files: your results are kept for your instructor, "
    "who can give you a copy."
)
"""Why saving a file is refused in a browser session (it would land on the class server)."""


def copy_results(source: Path, text: str) -> Path:
    """Copy the results file to ``text`` (a file, or a folder to put it in); returns where it went.

    Folders are never created: a folder that is not there is most often a typing slip or a
    USB stick that is not plugged in, and the copy must not land somewhere the trainee does
    not expect. Raises ValueError with a sentence the trainee can act on.
    """
    target = Path(text).expanduser()
    if target.is_dir():
        target = target / source.name
    elif target.exists():
        if target.suffix.lower() != ".json":
            raise ValueError(
                f"{target} is a file, not a folder. Type a folder, or a file name ending in .json."
            )
    elif text.endswith(("/", os.sep)) or not target.suffix:
        raise ValueError(missing_folder(target))
    elif target.suffix.lower() != ".json":
        raise ValueError(
            f"The copy's file name must end in .json (not {target.suffix}), "
            "or type a folder to put it in."
        )
    elif not target.parent.is_dir():
        if target.parent.exists():
            raise ValueError(f"{target.parent} is a file, not a folder.")
        raise ValueError(missing_folder(target.parent))
    if target.resolve() == source.resolve():
        raise ValueError("That is the results file itself; choose another folder.")
    shutil.copyfile(source, target)
    return target


def missing_folder(folder: Path) -> str:
    """``There is no folder /tmp/nu/usb/stick: /tmp has no folder named "nu".``"""
    absolute = Path(os.path.abspath(folder))
    existing = absolute
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    missing = absolute.relative_to(existing).parts
    sentence = f"There is no folder {absolute}"
    if not existing.is_dir():
        return f"{sentence}: {existing} is a file, not a folder."
    if missing:
        sentence += f': {existing} has no folder named "{missing[0]}"'
    return sentence + ". Check the spelling, or that the drive is plugged in."


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
            yield Static(
                Content(
                    f"The results file is already saved at:\n{self.source}\n\n"
                    "Type a folder (or a file name ending in .json) for a copy:"
                ),
                classes="dialog-body",
            )
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
        except ValueError as error:
            self.query_one("#problem", Static).update(Content(f"✘ {error}"))
            return
        except OSError as error:
            reason = error.strerror or str(error)
            self.query_one("#problem", Static).update(
                Content(f"✘ Could not save a copy at {text}: {reason}.")
            )
            return
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
