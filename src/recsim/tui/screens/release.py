"""The release-of-information desk: the request and its paperwork beside the decision form."""

from __future__ import annotations

from typing import Any, ClassVar, get_args

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from recsim.core.scenario.release import Decision, RecordType
from recsim.privacy.handling import DISCLOSING
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import facts, heading, shown, stack, words
from recsim.tui.widgets.toggles import Choice, Tick, TickList

DECISIONS: dict[str, str] = {
    "release": "Release what was asked for",
    "release_partial": "Release part of it (only what may go out)",
    "deny": "Deny the request",
    "verify_identity": "Verify identity or authority first",
    "refer_privacy_officer": "Refer to the privacy officer",
}
assert set(DECISIONS) == set(get_args(Decision))
RECORDS: tuple[str, ...] = get_args(RecordType)
RECORD_WORDS = {
    "history_physical": "history and physical",
    "hiv_results": "HIV test results",
    "full_record": "the full record",
    "lab_results": "laboratory results",
}


def record_words(record: str) -> str:
    """A kind of record as the desk says it: ``history_physical`` -> ``history and physical``."""
    return RECORD_WORDS.get(record, words(record))


class ReleaseScreen(DecisionWorkspace):
    """One request at the desk."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "the release-of-information desk"

    def restore(self, saved: dict[str, Any]) -> None:
        self.decision: str | None = saved.get("decision")
        self.release: list[str] = list(saved.get("release", []))
        self.log_disclosure = bool(saved.get("log_disclosure", False))
        self.note = str(saved.get("note") or "")
        self._auto_ticked: list[str] = []
        """The records ticked for the trainee on choosing "release", while they stand as ticked."""

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="release-body"):
            with VerticalScroll(id="request-pane", can_maximize=True):
                yield Static(self._request())
            with VerticalScroll(id="decision-pane"):
                yield Static(Content.styled("Your decision", "bold"))
                with RadioSet(id="decision"):
                    for value, label in DECISIONS.items():
                        yield Choice(label, value=value == self.decision, name=value)
                yield Static(
                    Content.styled(
                        "Records that go out (↑ ↓ to move, Space or Enter ticks)", "bold"
                    ),
                    classes="field-label",
                )
                requested = set(self.view.requested)
                yield TickList(
                    *(
                        Selection(
                            record_words(record) + ("  (requested)" if record in requested else ""),
                            record,
                            record in self.release,
                        )
                        for record in RECORDS
                    ),
                    id="records",
                    compact=True,
                )
                yield Tick(
                    "Log it in the accounting of disclosures (45 CFR 164.528)",
                    value=self.log_disclosure,
                    id="log",
                )
                yield self.note_field()
        yield Footer(compact=True)

    def _request(self) -> Content:
        view = self.view
        subject = view.subject
        parts = [
            heading(f"Request {view.reference}"),
            facts(
                [
                    ("From", view.requester),
                    ("Role", view.role),
                    ("Organization", view.organization),
                    ("Received", view.received),
                    ("Stated purpose", view.purpose),
                    ("Records asked for", [record_words(r) for r in view.requested]),
                ]
            ),
            Content(view.story),
            facts([("Verification", view.verification)]),
            heading("The patient"),
            facts(
                [
                    ("Name", subject.name),
                    ("MRN", subject.mrn),
                    ("Date of birth", subject.date_of_birth),
                    ("Age", subject.age),
                    ("Died", subject.deceased_on),
                ]
            ),
            heading(
                f"Paperwork ({len(view.documents)})"
                if view.documents
                else "Paperwork: none came with it"
            ),
        ]
        for document in view.documents:
            parts.append(
                Content.assemble(
                    (document.title, "bold underline"),
                    "\n",
                    "\n".join(line or "(blank)" for line in document.lines),
                )
            )
        parts.append(Content.styled(f"Today at the desk: {shown(view.as_of)}", "$text-muted"))
        return stack(*parts)

    @on(RadioSet.Changed, "#decision")
    def _decided(self, event: RadioSet.Changed) -> None:
        self.decision = event.pressed.name
        if self.listening:
            self._tick_for(self.decision)
        self.changed()

    def _tick_for(self, decision: str | None) -> None:
        """Choosing "release what was asked for" ticks it all, when nothing is ticked yet.

        A decision that sends nothing out takes those ticks back while they stand as they were
        put, so that switching to "deny" is not refused for records the trainee never ticked.
        """
        records = self.query_one("#records", TickList)
        asked = [record for record in RECORDS if record in self.view.requested]
        if decision == "release" and not self.release:
            for record in asked:
                records.select(record)
            self.release = asked
            self._auto_ticked = list(asked)
            if asked:
                self.notify(
                    f"Ticked what was asked for: {', '.join(map(record_words, asked))}.",
                    timeout=3,
                    markup=False,
                )
        elif decision not in DISCLOSING and self.release and self.release == self._auto_ticked:
            records.deselect_all()
            self.release = []
            self._auto_ticked = []

    @on(SelectionList.SelectedChanged, "#records")
    def _records(self, event: SelectionList.SelectedChanged[str]) -> None:
        ticked = set(event.selection_list.selected)
        self.release = [record for record in RECORDS if record in ticked]
        self.changed()

    @on(Checkbox.Changed, "#log")
    def _logged(self, event: Checkbox.Changed) -> None:
        self.log_disclosure = event.value
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "decision": self.decision,
            "release": list(self.release),
            "log_disclosure": self.log_disclosure,
        }
        return self.with_note(payload)

    def not_ready(self) -> str | None:
        if self.decision is None:
            return "Choose a decision first (↑ ↓ in the decision list, Enter or Space to pick)."
        return None


WORKSPACE = ReleaseScreen
"""The screen items of the release kind are worked in (found by the kind's name)."""
