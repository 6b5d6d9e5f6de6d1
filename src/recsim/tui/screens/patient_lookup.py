"""The hospital's patient index: search by name, MRN or date of birth, and open a chart.

A patient an item of the queue concerns is opened through that item (the screen
dismisses with its id). Any other chart asks for a reason first, is logged in the
access trail, and is scored by the access log when the attempt is submitted
(recsim.session.access_log): the screen only shows and logs, it judges nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.access_reason import AccessReasonScreen
from recsim.tui.screens.record import RecordScreen

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.session.lookup import Entry, Found, PatientIndex

NAME_WIDTH = 20
"""Columns of a result's name: the line with its work item fits an 80-column terminal."""
SHORT = 20
"""Below this many rows the reminder under the title gives its room to the results."""
_DATE_LIKE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}")
"""Text written as a date, whether or not the day exists."""
HOW = "Type a last name (or LAST, First), an MRN or a date of birth (YYYY-MM-DD), then Enter."


def hit_line(entry: Entry) -> Content:
    """One search result: name, MRN, birth date, sex, and the work item that concerns it."""
    patient = entry.patient
    name = entry.name if len(entry.name) <= NAME_WIDTH else entry.name[: NAME_WIDTH - 1] + "…"
    text = Content(
        f"{name:<{NAME_WIDTH}} {patient.mrn}  {patient.date_of_birth.isoformat()}  {patient.sex}"
    )
    if entry.item is not None:
        return text + Content.styled(f"  in your work: {entry.item}", "$text-success")
    return text


def found_text(found: Found, query: str) -> str:
    """What the search found, in a sentence."""
    what = {"mrn": "with MRN", "date": "born on", "name": "whose name begins with"}[found.kind]
    if not found.total:
        if found.kind == "name" and _DATE_LIKE.fullmatch(query.strip()):
            # Searched as a name because no such day exists (2026-02-30): say so.
            return f"'{query}' is not a date that exists. {HOW}"
        return f"No patient {what} '{query}'. {HOW}"
    shown = "" if found.total == len(found.entries) else f" (the first {len(found.entries)})"
    noun = "patient" if found.total == 1 else "patients"
    return f"{found.total} {noun} {what} '{query}'{shown}. ↑ ↓ to choose, Enter to open."


class PatientLookupScreen(ModalScreen[str | None]):
    """Dismisses with the id of a work item to open, or None."""

    CSS_PATH = WORK_CSS
    HELP_TITLE = "the patient lookup"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "choose", "Search / Open", priority=True),
    ]

    def __init__(self, attempt: Attempt, index: PatientIndex) -> None:
        super().__init__()
        self.attempt = attempt
        self.index = index
        self.entries: tuple[Entry, ...] = ()
        self.waiting = False
        """A search was asked for before the index was made: it runs once it is."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="lookup-dialog"):
            yield Static("Patient lookup · the master patient index", classes="dialog-title")
            yield Static(
                Content(
                    "Every chart you open is logged. Open a chart only when an item in your "
                    "work needs it; patients in your work open through their item."
                ),
                classes="dialog-body",
                id="lookup-intro",
            )
            yield Input(
                placeholder="name, MRN or date of birth",
                max_length=80,
                id="query",
                select_on_focus=False,  # keys typed over the results follow the first one
            )
            yield Static(Content(HOW), id="lookup-status")
            yield OptionList(id="hits")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        if not self.index.ready:  # made once an attempt; a large population takes seconds
            size = self.index.variant.scenario.population.patients
            self.query_one("#lookup-status", Static).update(
                Content(f"Opening the patient index ({size:,} patients)…")
            )
            self.run_worker(self._make_index, thread=True, exit_on_error=False)

    def on_resize(self, event: events.Resize) -> None:
        # In a short terminal the results need the room more than the reminder does.
        self.query_one("#lookup-intro", Static).display = event.size.height >= SHORT

    def _make_index(self) -> None:
        self.index.entries()
        self.app.call_from_thread(self._index_ready)

    def _index_ready(self) -> None:
        if not self.is_attached:  # closed while the index was being made
            return
        if self.waiting:
            self.waiting = False
            self._search()
        elif not self.entries:
            self.query_one("#lookup-status", Static).update(Content(HOW))

    def on_key(self, event: events.Key) -> None:
        # Typing while the results have the focus starts a new search in the box: in the
        # list the letters did nothing, and the Enter after them opened the highlighted chart.
        query = self.query_one("#query", Input)
        if self.focused is self.query_one("#hits", OptionList) and event.is_printable:
            event.stop()
            event.prevent_default()
            typed = event.character or ""
            query.value, query.cursor_position = typed, len(typed)
            query.focus()

    def action_choose(self) -> None:
        if self.focused is self.query_one("#hits", OptionList):
            self._open(self.query_one("#hits", OptionList).highlighted)
        else:
            # Keys typed just before Enter may still wait in the box's queue: read it after them.
            self.query_one("#query", Input).call_later(self._search)

    def action_close(self) -> None:
        self.dismiss(None)

    def _search(self) -> None:
        query = " ".join(self.query_one("#query", Input).value.split())
        status = self.query_one("#lookup-status", Static)
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        self.entries = ()
        if not query:
            status.update(Content(HOW))
            return
        if not self.index.ready:
            self.waiting = True
            status.update(Content("Still opening the patient index: the search runs when it is."))
            return
        found = self.index.search(query)
        self.entries = found.entries
        status.update(Content(found_text(found, query)))
        hits.add_options(Option(hit_line(entry)) for entry in found.entries)
        if found.entries:
            hits.highlighted = 0
            hits.focus()

    @on(OptionList.OptionSelected, "#hits")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option_index)

    def _open(self, position: int | None) -> None:
        if position is None or not 0 <= position < len(self.entries):
            return
        entry = self.entries[position]
        if entry.item is not None:
            self.dismiss(entry.item)
            return
        chart = self.index.chart(entry)

        def reason_given(reason: str | None) -> None:
            if reason is None or self.attempt.submitted:
                return
            self.attempt.open_record(entry.patient.mrn, reason=reason, item=None)
            self.app.push_screen(RecordScreen(chart))

        self.app.push_screen(AccessReasonScreen(entry.name, entry.patient.mrn), reason_given)
