"""The privacy office's desk: a patient-rights request and its paperwork beside the decision."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from recsim.tasks.rights.content import DECISIONS, GROUNDED, rights_content
from recsim.tasks.rights.models import LogLine
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import facts, heading, shown, stack
from recsim.tui.widgets.toggles import Choice, Tick, TickList

DECISION_WORDS = {
    "grant": "Grant the request",
    "grant_in_part": "Grant it in part",
    "deny": "Deny it",
    "extend": "Extend once (reason in writing)",
}
assert set(DECISION_WORDS) == set(DECISIONS)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RightsScreen(DecisionWorkspace):
    """One patient-rights request."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "the privacy office's requests"

    def restore(self, saved: dict[str, Any]) -> None:
        self.decision: str | None = saved.get("decision")
        self.ground: str | None = saved.get("ground")
        self.deadline = str(saved.get("deadline") or "")
        self.lines: list[str] = list(saved.get("lines", []))
        self.fee = bool(saved.get("fee") or False)
        self.note = str(saved.get("note") or "")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        view = self.view
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(self._paper())
            with VerticalScroll(id="form-pane"):
                yield Static(Content.styled("Your decision", "bold"))
                with RadioSet(id="decision"):
                    for value, label in DECISION_WORDS.items():
                        yield Choice(label, value=value == self.decision, name=value)
                yield Static(
                    Content.styled("Ground (a denial or a partial grant)", "bold"),
                    classes="field-label",
                )
                with RadioSet(id="ground"):
                    for value, entry in rights_content().grounds.items():
                        yield Choice(entry.title, value=value == self.ground, name=value)
                yield Static(
                    Content.styled("Act by (YYYY-MM-DD; blank where the law sets no time)", "bold"),
                    classes="field-label",
                )
                yield Input(
                    value=self.deadline,
                    placeholder="YYYY-MM-DD",
                    id="deadline",
                    max_length=10,
                    restrict=r"[0-9-]*",
                    compact=True,
                )
                if view.lines:
                    yield Static(
                        Content.styled(_tick_label(view.right), "bold"), classes="field-label"
                    )
                    yield TickList(
                        *(
                            Selection(_line_words(line), line.id, line.id in self.lines)
                            for line in view.lines
                        ),
                        id="lines",
                        compact=True,
                    )
                if view.ask_fee:
                    yield Tick("A fee may be charged for this accounting", value=self.fee, id="fee")
                yield self.note_field()
        yield Footer(compact=True)

    def _paper(self) -> Content:
        view = self.view
        parts = [
            heading(f"{view.right_title}: request {view.reference}"),
            facts(
                [
                    ("Received", view.received),
                    ("Patient", view.patient.name),
                    ("MRN", view.patient.mrn),
                    ("Date of birth", view.patient.date_of_birth),
                ]
            ),
            Content.assemble(("The request\n", "bold"), "\n".join(view.letter)),
            Content.assemble(("In the file\n", "bold"), "\n".join(view.facts) or "Nothing more."),
        ]
        if view.lines:
            parts.append(
                Content.assemble(
                    (f"{view.lines_title}\n", "bold"),
                    "\n".join(_line_words(line) for line in view.lines),
                )
            )
        parts.append(Content.styled(view.policy, "italic"))
        parts.append(Content.styled(f"Today at the office: {shown(view.as_of)}", "$text-muted"))
        return stack(*parts)

    def show_state(self) -> None:
        self._ground_state()
        # The tick list, laid out below the fold, scrolls the form to its first row as it
        # mounts; the trainee starts at the decision.
        form = self.query_one("#form-pane", VerticalScroll)
        self.call_after_refresh(form.scroll_home, animate=False)

    def _ground_state(self) -> None:
        self.query_one("#ground", RadioSet).disabled = self.decision not in GROUNDED

    @on(RadioSet.Changed, "#decision")
    def _decided(self, event: RadioSet.Changed) -> None:
        self.decision = event.pressed.name
        self._ground_state()
        self.changed()

    @on(RadioSet.Changed, "#ground")
    def _grounded(self, event: RadioSet.Changed) -> None:
        self.ground = event.pressed.name
        self.changed()

    @on(Input.Changed, "#deadline")
    def _dated(self, event: Input.Changed) -> None:
        self.deadline = event.value.strip()

    @on(Input.Blurred, "#deadline")
    def _dated_done(self) -> None:
        self.changed()

    @on(SelectionList.SelectedChanged, "#lines")
    def _ticked(self, event: SelectionList.SelectedChanged[str]) -> None:
        ticked = set(event.selection_list.selected)
        self.lines = [line.id for line in self.view.lines if line.id in ticked]
        self.changed()

    @on(Checkbox.Changed, "#fee")
    def _fee(self, event: Checkbox.Changed) -> None:
        self.fee = event.value
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"decision": self.decision}
        if self.decision in GROUNDED:
            payload["ground"] = self.ground
        if self.deadline:
            payload["deadline"] = self.deadline
        if self.view.lines:
            payload["lines"] = list(self.lines)
        if self.view.ask_fee:
            payload["fee"] = self.fee
        return self.with_note(payload)

    def not_ready(self) -> str | None:
        if self.decision is None:
            return "Choose a decision first (↑ ↓ in the decision list, Enter or Space to pick)."
        if self.decision in GROUNDED and self.ground is None:
            return "A denial or a partial grant needs its ground: choose one under 'Ground'."
        if self.deadline and not _is_date(self.deadline):
            return f"'{self.deadline}' is not a date: write the deadline as YYYY-MM-DD."
        return None


def _is_date(text: str) -> bool:
    """Whether ``text`` is a calendar date written YYYY-MM-DD (and only that way)."""
    if not _DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _tick_label(right: str) -> str:
    if right == "accounting":
        return "Entries the accounting lists (Space or Enter ticks)"
    return "Lines the patient may be charged for (Space or Enter ticks)"


def _line_words(line: LogLine) -> str:
    on = f"{line.on.isoformat()}  " if line.on else ""
    return f"{line.id}  {on}{line.who}: {line.what}"


WORKSPACE = RightsScreen
"""The screen items of the rights kind are worked in (found by the kind's name)."""
