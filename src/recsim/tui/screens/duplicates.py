"""The master patient index workspace: records side by side; merge, keep apart or send to review."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, RadioSet, Static

from recsim.tasks.duplicates.models import DECISIONS, MERGE_FIELDS
from recsim.tasks.words import field_words
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import heading, stack, words
from recsim.tui.widgets.toggles import Choice

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
    """One row per identifier: its label (≠ where the records differ) and each record's value."""
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


class DuplicatesScreen(DecisionWorkspace):
    """One candidate group from the index's matching."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "a possible duplicate"

    def restore(self, saved: dict[str, Any]) -> None:
        self.decision: str | None = saved.get("decision")
        self.survivor: str | None = saved.get("survivor")
        self.values: dict[str, str] = dict(saved.get("values") or {})
        self.overlaid: str | None = saved.get("overlaid")
        self.mrns = [entry.mrn for entry in self.view.entries]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(
                    heading(
                        f"{len(self.view.entries)} records the index thinks may be one person "
                        f"(today: {self.view.as_of}); ≠ marks identifiers that differ"
                    )
                )
                yield Static(self._compare(), id="compare")
                yield Static(self._visits())
            with VerticalScroll(id="form-pane"):
                yield from self._form()
        yield Footer(compact=True)

    def _form(self) -> ComposeResult:
        """The decision, then what a merge needs, then what sending to review needs."""
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
        yield from self._merge_values()
        yield Static(
            Content.styled("If sending to review: the record holding someone else's visit", "bold"),
            classes="field-label review",
        )
        with RadioSet(id="overlaid", classes="review"):
            for mrn in self.mrns:
                yield Choice(mrn, value=mrn == self.overlaid, name=mrn)

    def same_values(self) -> dict[str, str]:
        """The merge fields every record has alike, with that value: there is nothing to choose."""
        same = {}
        for field in MERGE_FIELDS:
            shown = {entry.shown(field) for entry in self.view.entries}
            if len(shown) == 1:
                same[field] = shown.pop()
        return same

    def _merge_values(self) -> ComposeResult:
        """A field alike in every record is only said; one that differs is a choice of record,
        under its own label (radio buttons: a drop-down drew over the footer at 80x24, and its
        chosen value took the place of the field's name)."""
        same = self.same_values()
        for field in MERGE_FIELDS:
            name = field_words(field)
            if field in same:
                yield Static(
                    Content(f"{name}: the same in every record ({same[field] or 'blank'})"),
                    classes="merge same-value",
                )
                continue
            yield Static(Content(name), classes="merge value-label")
            with RadioSet(id=f"value-{field}", classes="merge"):
                for entry in self.view.entries:
                    yield Choice(
                        f"{entry.mrn}: {entry.shown(field)[:40] or '(blank)'}",
                        value=self.values.get(field) == entry.mrn,
                        name=entry.mrn,
                    )

    def _visits(self) -> Content:
        visits = []
        for entry in self.view.entries:
            listed = (
                "\n".join(
                    f"  {v.on}  {v.department}: {v.reason}; stated DOB {v.stated_dob}; "
                    f"member ID {v.member_id}"
                    for v in entry.visits
                )
                or "  (none)"
            )
            visits.append(Content.assemble((f"Visits on {entry.mrn}\n", "bold"), listed))
        return stack(*visits)

    def _compare(self) -> Content:
        lines = []
        for label, values in compare_rows(self.view.entries):
            lines.append(Content.styled(label, "bold"))
            lines += [
                Content(f"     {mrn}  {value}")
                for mrn, value in zip(self.mrns, values, strict=True)
            ]
        return Content("\n").join(lines)

    def show_state(self) -> None:
        self._enable()

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
        elif name is not None and (event.radio_set.id or "").startswith("value-"):
            self.values[(event.radio_set.id or "").removeprefix("value-")] = name
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"decision": self.decision}
        if self.decision == "merge":
            payload["survivor"] = self.survivor
            # a value alike in every record survives whichever record it is taken from
            alike = dict.fromkeys(self.same_values(), self.mrns[0])
            payload["values"] = {**alike, **self.values}
        if self.decision == "send_to_review" and self.overlaid:
            payload["overlaid"] = self.overlaid
        return payload

    def not_ready(self) -> str | None:
        if self.decision is None:
            return "Choose a decision first."
        if self.decision == "merge" and self.survivor is None:
            return "A merge needs a surviving record: choose one under 'the record that survives'."
        return None


WORKSPACE = DuplicatesScreen
"""The screen items of the duplicates kind are worked in (found by the kind's name)."""
