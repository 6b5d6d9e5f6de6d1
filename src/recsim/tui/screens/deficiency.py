"""The deficiency analysis workspace: a discharged chart beside the list of deficiencies found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tasks.deficiency.content import deficiency_content
from recsim.tui.screens.choose_steps import ChooseStepsScreen
from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.paper import facts, heading, shown, stack
from recsim.tui.widgets.toggles import Tick

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

MISSING = "-"
"""The document choice for a deficiency about a document that isn't there."""


class DeficiencyScreen(Workspace):
    """One discharged chart to analyse."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add a deficiency"),
        Binding("x", "remove", "Remove", tooltip="Remove the highlighted deficiency"),
    ]
    HELP_TITLE = "deficiency analysis"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        saved = self.saved_work() or {}
        self.entries: list[dict[str, Any]] = [dict(e) for e in saved.get("deficiencies", [])]
        self.delinquent = bool(saved.get("delinquent", False))
        self.kinds = {name: info.title for name, info in deficiency_content().kinds.items()}
        self._ready = False

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(self._paper())
            with Vertical(id="form-pane"):
                yield Static(Content.styled("Deficiencies found (a adds, x removes)", "bold"))
                yield OptionList(id="entries")
                yield Tick(
                    "The chart is delinquent (incomplete past its deadline)",
                    value=self.delinquent,
                    id="delinquent",
                )
        yield Footer(compact=True)

    def _paper(self) -> Content:
        view = self.view
        patient, stay = view.patient, view.stay
        stay_facts = [
            ("Admitted", stay.admitted_at),
            ("Discharged", stay.discharged_at),
            ("Reason", stay.reason),
            ("Attending", f"{stay.attending.name} (NPI {stay.attending.npi})"),
            ("Disposition", stay.disposition),
        ]
        if stay.operation:
            stay_facts += [
                ("Operation", stay.operation),
                ("Operated at", shown(stay.operated_at)),
                (
                    "Surgeon",
                    f"{stay.surgeon.name} (NPI {stay.surgeon.npi})" if stay.surgeon else None,
                ),
            ]
        documents = [
            Content.assemble(
                (f"{d.id}  {d.title}", "bold"),
                "\n",
                f"  by {d.author.name}, written {shown(d.written_at)}; "
                + (f"signed {shown(d.signed_at)}" if d.signed_at else "NOT SIGNED")
                + f"\n  {d.summary}",
            )
            for d in view.documents
        ]
        staff = "\n".join(f"  {p.name}, {p.specialty}, NPI {p.npi}" for p in view.providers)
        return stack(
            heading(f"Chart {patient.mrn}: {patient.name}"),
            facts(
                [
                    ("Date of birth", patient.date_of_birth),
                    ("Sex", patient.sex),
                    *stay_facts,
                    ("Today", view.as_of),
                ]
            ),
            heading(f"Documents on the chart ({len(view.documents)})"),
            Content("\n").join(documents) if documents else Content("None."),
            heading("Medical staff"),
            Content(staff),
        )

    def on_mount(self) -> None:
        self._show()
        self.query_one("#entries", OptionList).focus()
        self.call_after_refresh(self._start_listening)

    def _start_listening(self) -> None:
        self._ready = True

    def _show(self) -> None:
        names = {p.npi: p.name for p in self.view.providers}
        entries = self.query_one("#entries", OptionList)
        entries.set_options(
            Option(
                Content(
                    f"• {self.kinds.get(e['kind'], e['kind'])}"
                    + (f", document {e['document']}" if e.get("document") else "")
                    + f" → {names.get(e['provider'], e['provider'])}"
                )
            )
            for e in self.entries
        )
        if not self.entries:
            entries.set_options(
                [
                    Option(
                        Content("None yet: press a to add one, or submit the chart as complete."),
                        disabled=True,
                    )
                ]
            )
        self.refresh_heading()

    def action_add(self) -> None:
        view = self.view
        documents = [(MISSING, "None: the document is missing")]
        documents += [(d.id, f"{d.id} {d.title} ({d.author.name})") for d in view.documents]
        providers = [(p.npi, f"{p.name}, {p.specialty} (NPI {p.npi})") for p in view.providers]
        steps = [
            ("What is wrong?", list(self.kinds.items())),
            ("Which document?", documents),
            ("Who must fix it?", providers),
        ]
        self.app.push_screen(ChooseStepsScreen("Add a deficiency", steps), self._added)

    def _added(self, chosen: list[str] | None) -> None:
        if chosen is None:
            return
        kind, document, provider = chosen
        before = list(self.entries)
        self.entries.append(
            {
                "kind": kind,
                "document": None if document == MISSING else document,
                "provider": provider,
            }
        )
        if not self.save_draft():
            self.entries = before
        self._show()

    def action_remove(self) -> None:
        index = self.query_one("#entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return
        before = list(self.entries)
        del self.entries[index]
        if not self.save_draft():
            self.entries = before
        self._show()

    @on(Checkbox.Changed, "#delinquent")
    def _delinquent(self, event: Checkbox.Changed) -> None:
        self.delinquent = event.value
        if self._ready:
            self.save_draft()

    def answer_payload(self) -> dict[str, Any]:
        return {"deficiencies": [dict(e) for e in self.entries], "delinquent": self.delinquent}

    def finish_question(self) -> str | None:
        if self.entries:
            return None
        return "You listed no deficiencies. Answer that this chart is complete?"


WORKSPACE = DeficiencyScreen
"""The screen items of the deficiency kind are worked in (found by the kind's name)."""
