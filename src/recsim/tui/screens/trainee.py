"""Asks the trainee's name when ``--trainee`` was not given."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from recsim.core.seeds import MAX_TRAINEE, BadTraineeName, trainee_name


def name_problem(text: str) -> str | None:
    """Why a typed name can't be used, or None when it can (the policy of core.seeds)."""
    try:
        name = trainee_name(text)
    except BadTraineeName as bad:
        return f"{str(bad)[:1].upper()}{str(bad)[1:]}."
    if not name:
        return (
            "Type your name: it picks your version of the scenario and goes on your results file."
        )
    return None


class TraineeScreen(ModalScreen[str | None]):
    """Dismisses with the trainee's name, or None if they cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "done", "Continue", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who is playing?", classes="dialog-title")
            yield Static(
                "Type your name as your instructor knows it. It picks your version of the "
                "scenario and goes on the results file you hand in.",
                classes="dialog-body",
            )
            yield Input(placeholder="Your name", max_length=MAX_TRAINEE * 2, id="name")
            yield Static("", id="problem", classes="dialog-problem")
        yield Footer(compact=True)

    def action_done(self) -> None:
        # Keys typed just before Enter may still wait in the box's queue: read it after them.
        self.query_one("#name", Input).call_later(self._done)

    def _done(self) -> None:
        text = self.query_one("#name", Input).value
        problem = name_problem(text)
        if problem:
            self.query_one("#problem", Static).update(Content(f"✘ {problem}"))
            return
        self.dismiss(trainee_name(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
