"""The master patient index workspace: records side by side, and merge, keep apart or send to review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, RadioSet, Select, Static

from recsim.tasks.duplicates.models import DECISIONS, MERGE_FIELDS
from recsim.tasks.words import field_words
from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.paper import heading, stack, words
from recsim.tui.widgets.toggles import Choice

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

DECISION_WORDS = {
    "merge": "Merge: they are one person",
    "keep_separate": "Keep separate: different people",
    "send_to_review": "Send to review: something is wrong (a possible overlay)",
}
ROWS = (
    ("Name", "full_name"),
    ("Date of birth", "date_of_birth"),
    ("Sex", "sex"),
    ("SSN", "ssn"),
    ("Address", "address"),
    ("Phone", "phone"),
    ("Registered", "registered_on"),
    ("Updated", "updated_on"),
    ("Identity checked with", "verified_with"),
)


def compare_rows(entries: list[Any]) -> list[tuple[str, list[str]]]:
    """One row per identifier: its label (marked ≠ when the records differ) and each record's value."""
    rows = []
    for label, name in ROWS:
        values = [
            entry.full_name
            if name == "full_name"
            else entry.shown(name)
            if name in MERGE_FIELDS
            else str(getattr(entry, name) or "(none)")
            for entry in entries
        ]
        rows.append((("≠ " if len(set(values)) > 1 else "  ") + label, values))
    return rows


class DuplicatesScreen(Workspace):
    """One candidate group from the index's matching."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+l", "focus_form", "Decision", priority=True, tooltip="Go to the decision form"
        ),
    ]
    HELP_TITLE = "a possible duplicate"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        saved = self.saved_work() or {}
        self.decision: str | None = saved.get("decision")
        self.survivor: str | None = saved.get("survivor")
        self.values: dict[str, str] = dict(saved.get("values") or {})
        self.overlaid: str | None = saved.get("overlaid")
        self.mrns = [entry.mrn for entry in self.view.entries]
        self._ready = False

    def compose(self) -> ComposeResult:
        entries = self.view.entries
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                visits = []
                for entry in entries:
                    listed = (
                        "\n".join(
                            f"  {v.on}  {v.department}: {v.reason}; stated DOB {v.stated_dob}; "
                            f"member ID {v.member_id}"
                            for v in entry.visits
                        )
                        or "  (none)"
                    )
                    visits.append(Content.assemble((f"Visits on {entry.mrn}\n", "bold"), listed))
                yield Static(
                    heading(
                        f"{len(entries)} records the index thinks may be one person "
                        f"(today: {self.view.as_of}); ≠ marks identifiers that differ"
                    )
                )
                yield Static(self._compare(), id="compare")
                yield Static(stack(*visits))
            with VerticalScroll(id="form-pane"):
                yield Static(Content.styled("Your decision", "bold"))
                with RadioSet(id="decision"):
                    for value in DECISIONS:
                        yield Choice(
                            DECISION_WORDS.get(value, words(value)),
                            value=value == self.decision,
                            name=value,
                        )
                yield Static(
                    Content.styled("If merging: the record that survives", "bold"),
                    classes="field-label",
                )
                with RadioSet(id="survivor", classes="merge"):
                    for mrn in self.mrns:
                        yield Choice(mrn, value=mrn == self.survivor, name=mrn)
                yield Static(
                    Content.styled("If merging: take each value from", "bold"),
                    classes="field-label merge",
                )
                for field in MERGE_FIELDS:
                    options = [
                        (f"{entry.mrn}: {entry.shown(field)[:40] or '(blank)'}", entry.mrn)
                        for entry in entries
                    ]
                    yield Select(
                        options,
                        prompt=f"{field_words(field)}: choose a record",
                        value=self.values.get(field, Select.NULL),
                        id=f"value-{field}",
                        classes="merge",
                        compact=True,
                    )
                yield Static(
                    Content.styled(
                        "If sending to review: the record holding someone else's visit", "bold"
                    ),
                    classes="field-label review",
                )
                with RadioSet(id="overlaid", classes="review"):
                    for mrn in self.mrns:
                        yield Choice(mrn, value=mrn == self.overlaid, name=mrn)
        yield Footer(compact=True)

    def _compare(self) -> Content:
        lines = []
        for label, values in compare_rows(self.view.entries):
            lines.append(Content.styled(label, "bold"))
            lines += [
                Content(f"     {mrn}  {value}")
                for mrn, value in zip(self.mrns, values, strict=True)
            ]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#decision", RadioSet).focus()
        self._enable()
        self.call_after_refresh(self._start_listening)

    def _start_listening(self) -> None:
        self._ready = True

    def _enable(self) -> None:
        for widget in self.query(".merge"):
            widget.disabled = self.decision != "merge"
        for widget in self.query(".review"):
            widget.disabled = self.decision != "send_to_review"

    @on(RadioSet.Changed)
    def _radio(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name
        if event.radio_set.id == "decision":
            self.decision = name
            self._enable()
        elif event.radio_set.id == "survivor":
            self.survivor = name
        elif event.radio_set.id == "overlaid":
            self.overlaid = name
        self._changed()

    @on(Select.Changed)
    def _value(self, event: Select.Changed) -> None:
        field = (event.select.id or "").removeprefix("value-")
        if event.value is Select.NULL:
            self.values.pop(field, None)
        else:
            self.values[field] = str(event.value)
        self._changed()

    def _changed(self) -> None:
        if self._ready:
            self.save_draft()
            self.refresh_heading()

    def action_focus_form(self) -> None:
        self.query_one("#decision", RadioSet).focus()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"decision": self.decision}
        if self.decision == "merge":
            payload["survivor"] = self.survivor
            payload["values"] = dict(self.values)
        if self.decision == "send_to_review" and self.overlaid:
            payload["overlaid"] = self.overlaid
        return payload

    def action_finish(self) -> None:
        if self.decision is None:
            self.notify("Choose a decision first.", severity="warning")
            return
        if self.decision == "merge" and self.survivor is None:
            self.notify(
                "A merge needs a surviving record: choose one under 'the record that survives'.",
                severity="warning",
            )
            return
        super().action_finish()


WORKSPACE = DuplicatesScreen
"""The screen items of the duplicates kind are worked in (found by the kind's name)."""
