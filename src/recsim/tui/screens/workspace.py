"""What every task kind's workspace shares: the header, saving drafts, answering, feedback.

A workspace shows one item; it dismisses with True when the item was answered
(so the queue moves on) and False when the trainee just went back. Unfinished
work is saved as a draft after every change, so leaving or a crash loses nothing.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from recsim.core.attempt import AnswerRejected
from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.reading import CLOSE_READER, ReadingScreen
from recsim.tui.widgets.attempt_bar import AttemptBar
from recsim.tui.words import status_text

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item


class Workspace(ReadingScreen[bool]):
    """Base class of the per-kind workspaces."""

    CSS_PATH = WORK_CSS

    HELP_TITLE = "working an item"
    INFORMATIONAL_TOPICS: ClassVar[frozenset[str]] = frozenset()
    """Topics of the kind's findings worth nothing by design (shown, not counted as right)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        # "Answer", not "Submit": in the queue, s submits the whole attempt.
        Binding(
            "ctrl+s",
            "finish",
            "Answer",
            priority=True,
            tooltip="Save your answer to this item "
            "(you can change it until you submit the attempt)",
        ),
        Binding(
            "ctrl+r",
            "mark",
            "Review",
            priority=True,
            tooltip="Mark the item to come back to (or clear the mark)",
        ),
        Binding(
            "escape", "leave", "Queue", tooltip="Back to the work queue (your work so far is kept)"
        ),
        Binding(
            "ctrl+o",
            "read",
            "Read",
            priority=True,
            tooltip="Read the document full screen (Esc or Ctrl+O comes back)",
        ),
        *CLOSE_READER,
    ]
    READING_PANES: ClassVar[tuple[str, ...]] = (
        "#note-pane",
        "#request-pane",
        "#paper-pane",
        "#document",
    )
    """The part of a workspace worth reading full screen on a small terminal."""
    ESCAPE_ACTION = "leave"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.item = item
        self.view: Any = item.view
        """What the trainee sees (each kind's own view model)."""
        self.total = total
        self.hidden = hidden

    # to provide ------------------------------------------------------------------

    if TYPE_CHECKING:

        def answer_payload(self) -> dict[str, Any]:
            """The answer as the kind's answer model reads it (each workspace says how)."""

    def finish_question(self) -> str | None:
        """A question to confirm before answering (e.g. "submit this chart as clean?"), or None."""
        return None

    def saved_work(self) -> dict[str, Any] | None:
        """The draft or the answer saved earlier for this item, if any."""
        return self.attempt.drafts.get(self.item.id) or self.attempt.answers.get(self.item.id)

    # shared ------------------------------------------------------------------------

    def compose_header(self) -> ComposeResult:
        yield AttemptBar(self.attempt, total=self.total, hidden=self.hidden)
        yield Static(self._heading(), classes="screen-title", id="item-heading")

    def _heading(self) -> Content:
        status = status_text(self.attempt.status(self.item.id))
        return Content(f"{status} · {self.item.id} · {self.item.title}")

    def refresh_heading(self) -> None:
        self.query_one("#item-heading", Static).update(self._heading())
        self.query_one(AttemptBar).refresh()

    def save_draft(self) -> bool:
        """Save the work so far (after every change, before the screen shows it); False if not."""
        try:
            self.attempt.save_draft(self.item.id, self.answer_payload())
        except (sqlite3.Error, OSError) as error:
            self.notify(
                f"Not saved: the attempt store could not be written ({error}). "
                "Your last change was undone.",
                severity="error",
                markup=False,
                timeout=10,
            )
            return False
        return True

    def action_finish(self) -> None:
        question = self.finish_question()
        if question is None:
            self._answer()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._answer()

        self.app.push_screen(
            ConfirmScreen("Save this answer?", question, yes="Save answer", no="Keep working"),
            confirmed,
        )

    def _answer(self) -> None:
        try:
            findings = self.attempt.answer(self.item.id, self.answer_payload())
        except AnswerRejected as rejected:
            self.notify(f"Not saved: {rejected}", severity="error", markup=False)
            return
        except (sqlite3.Error, OSError) as error:
            self.notify(
                f"Not saved: the attempt store could not be written ({error}).",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        if findings is None:
            self.notify(
                f"Saved: {self.item.id} is answered. Feedback comes when you submit.",
                timeout=3,
                markup=False,
            )
            self.dismiss(True)
            return
        self.app.push_screen(
            FeedbackScreen(
                f"{self.item.id} · {self.item.title}",
                findings,
                informational=self.INFORMATIONAL_TOPICS,
            ),
            lambda _: self.dismiss(True),
        )

    def action_mark(self) -> None:
        marked = self.attempt.status(self.item.id) == "flagged"
        self.attempt.flag(self.item.id, not marked)
        self.notify(f"Review mark {'removed' if marked else 'added'}.", timeout=2)
        self.refresh_heading()

    def action_leave(self) -> None:
        self.dismiss(False)
