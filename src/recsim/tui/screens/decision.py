"""What the form-style workspaces share: saved work taken up, changes saved, answers checked.

The release desk, claim review, the duplicate check and deficiency analysis are each a
paper on the left and a small form on the right. Each says how it takes up saved work
(:meth:`DecisionWorkspace.restore`), which widget the form starts on (``FORM``) and what
must be filled in before answering (:meth:`DecisionWorkspace.not_ready`); this class
does the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding
from textual.widgets import Input

from recsim.tui.screens.workspace import Workspace

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

TO_THE_DECISION = Binding(
    "ctrl+l", "focus_form", "Decision", priority=True, tooltip="Go to the decision form"
)
"""The key back to the decision, for the workspaces whose form starts with one."""


class DecisionWorkspace(Workspace):
    """A workspace whose answer is a form: restored from the draft, saved after every change."""

    FORM: ClassVar[str] = "#decision"
    """The widget the form starts on: focused when the item opens and by ``focus_form``."""

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        self._listening = False
        self.note = ""
        """The trainee's note for the file, on forms that offer one (``note_field``)."""
        self.restore(self.saved_work() or {})

    # to provide ------------------------------------------------------------------

    if TYPE_CHECKING:

        def restore(self, saved: dict[str, Any]) -> None:
            """Take up the work saved earlier for this item (empty for one not yet worked)."""

    def show_state(self) -> None:
        """Bring the form in line with the restored work before it first shows (e.g. which
        fields the decision leaves open); nothing by default."""

    def not_ready(self) -> str | None:
        """Why the form can't be answered as it stands (the trainee is told), or None if it can."""
        return None

    # shared ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.show_state()
        self.query_one(self.FORM).focus()
        # A field restored with a value (a merge's choice) posts Changed as the screen mounts:
        # that is not the trainee changing anything, so changes count from the next frame.
        self.call_after_refresh(self._listen)

    def note_field(self) -> Input:
        """The optional note for the file, for a form that offers one."""
        return Input(
            value=self.note,
            placeholder="Note for the file (optional)",
            id="note",
            max_length=2000,
            compact=True,
        )

    @on(Input.Changed, "#note")
    def _noted(self, event: Input.Changed) -> None:
        self.note = event.value

    @on(Input.Blurred, "#note")
    def _note_done(self) -> None:
        self.changed()

    def with_note(self, payload: dict[str, Any]) -> dict[str, Any]:
        """The answer with the note, when the trainee wrote one."""
        if self.note.strip():
            payload["note"] = self.note.strip()
        return payload

    def _listen(self) -> None:
        self._listening = True

    @property
    def listening(self) -> bool:
        """True once the form has settled, so that a Changed comes from the trainee."""
        return self._listening

    def changed(self) -> None:
        """The trainee changed the form: save the draft and show the item's new status."""
        if self._listening:
            self.save_draft()
            self.refresh_heading()

    def action_focus_form(self) -> None:
        self.query_one(self.FORM).focus()

    def action_finish(self) -> None:
        problem = self.not_ready()
        if problem is not None:
            self.notify(problem, severity="warning")
            return
        super().action_finish()
