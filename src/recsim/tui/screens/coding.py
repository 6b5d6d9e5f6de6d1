"""The coding workspace: the note beside a live ICD-10-CM search, code detail and the claim.

Results update as the trainee types; the highlighted code's notes, excludes
and 7th characters show below them. In practice mode the claim edits
(recsim.coding.edits) show as codes are added; in an exam they don't.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tui.screens.pcs_builder import BUILD_PCS, PcsBuilderKey
from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.code_detail import code_detail, search_hint
from recsim.tui.widgets.paper import facts, heading, reflow, stack

if TYPE_CHECKING:
    from recsim.coding import CodeInfo, CodeSet
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

RESULTS = 30
"""Search results shown."""
TYPING_PAUSE = 0.15
"""Seconds of quiet typing before the search runs (each keystroke restarts the wait)."""


def first_code_role(encounter: str) -> str:
    """What the first diagnosis on the claim is called for this encounter.

    An inpatient stay reports a principal diagnosis (ICD-10-CM Official Guidelines,
    Section II); an outpatient or emergency visit a first-listed one (Section IV).
    """
    return "principal" if encounter == "inpatient" else "first-listed"


class SearchBox(Input):
    """The code search box: ↓ goes down into the results, as Enter does."""

    # A binding, not a key handler: the app reads bindings key by key, so a second ↓ typed
    # ahead already lands in the results list and moves its highlight.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.to_results", "To the results", show=False),
    ]


class CodingScreen(PcsBuilderKey, Workspace):
    """One encounter to code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+f", "focus_search", "Search", priority=True, tooltip="Search ICD-10-CM codes"
        ),
        Binding(
            "ctrl+l", "focus_claim", "Claim", priority=True, tooltip="Go to the claim being built"
        ),
        BUILD_PCS,
    ]
    HELP_TITLE = "coding an encounter"

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        saved = self.saved_work() or {}
        self.diagnoses: list[str] = list(saved.get("diagnoses", []))
        self.procedures: list[str] = list(saved.get("procedures", []))
        self.codes: CodeSet | None = None
        self.results: list[CodeInfo] = []
        self._searched: str | None = None
        """The search the results list shows (None before the first)."""

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="coding-body"):
            with VerticalScroll(id="note-pane", can_maximize=True):
                yield Static(self._note())
            with Vertical(id="code-pane"):
                yield from self.compose_search(
                    "Search ICD-10-CM by words or a code, then ↓ to the results"
                )
                yield Static(id="claim-heading")
                yield OptionList(id="claim", compact=True)
                if self.view.procedure_codes:
                    yield Input(
                        placeholder=f"Add a procedure code ({self.view.procedure_codes}) and Enter",
                        id="procedure-entry",
                        compact=True,
                    )
                # The edits can run to many lines (three edits fill twenty at 80 columns): they
                # scroll in the rows the claim leaves, and Tab reaches them for ↓ and End.
                with VerticalScroll(id="edits-scroll"):
                    yield Static(id="edits")
        yield Footer(compact=True)

    def compose_search(self, placeholder: str) -> ComposeResult:
        """The search box, its results and the code detail (the inpatient workspace's too)."""
        yield SearchBox(placeholder=placeholder, id="code-search", compact=True)
        yield OptionList(id="code-results", compact=True)
        with VerticalScroll(id="code-detail-scroll"):
            yield Static(Content("Loading the ICD-10-CM code set…"), id="code-detail")

    def _note(self) -> Content:
        view = self.view
        patient = view.patient
        stay = (
            [("Admitted", view.admit_date), ("Discharged", view.service_date)]
            if view.admit_date
            else [("Date of service", view.service_date)]
        )
        return stack(
            heading(f"{view.encounter.capitalize()} encounter · {view.setting.replace('_', ' ')}"),
            facts(
                [
                    ("Patient", patient.name),
                    ("Sex", patient.sex),
                    ("Age", patient.age),
                    ("Date of birth", patient.date_of_birth),
                    *stay,
                ]
            ),
            heading("Documentation"),
            Content(reflow(view.note)),
        )

    def on_mount(self) -> None:
        self._show_claim()
        self.query_one("#code-search", Input).focus()
        self.load_codes()

    @work(thread=True, exclusive=True, group="codeset")
    def load_codes(self) -> None:
        from recsim.coding import CodeSetUnavailable, codeset

        try:
            codes = codeset(lambda message: self.app.call_from_thread(self._loading, message))
        except CodeSetUnavailable as missing:
            self.app.call_from_thread(self._loading, f"The code set can't be loaded: {missing}")
            return
        self.app.call_from_thread(self._loaded, codes, search_hint())

    def _loading(self, message: str) -> None:
        self.query_one("#code-detail", Static).update(Content(message))

    def _loaded(self, codes: CodeSet, hint: Content) -> None:
        self.codes = codes
        self.query_one("#code-detail", Static).update(hint)
        self._show_claim()
        query = self.query_one("#code-search", Input).value
        if query.strip():
            self.search(query)

    # searching ------------------------------------------------------------------------------

    @on(Input.Changed, "#code-search")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(exclusive=True, group="search")
    async def search(self, query: str) -> None:
        await asyncio.sleep(TYPING_PAUSE)  # a newer keystroke cancels this search
        with contextlib.suppress(NoMatches):  # the screen closed while the search waited
            self._show_results(query)

    def _show_results(self, query: str) -> None:
        if self.codes is None:
            return
        self._searched = query
        self.results = self.codes.search(query, RESULTS) if query.strip() else []
        results = self.query_one("#code-results", OptionList)
        results.set_options(
            Option(Content.assemble((f"{info.code:<9}", "bold"), info.description))
            for info in self.results
        )
        if self.results:
            results.highlighted = 0
        elif query.strip():
            self.query_one("#code-detail", Static).update(
                Content(
                    f"Nothing found for '{query.strip()[:40]}'. "
                    "Try other words from the note, or fewer."
                )
            )

    @on(Input.Submitted, "#code-search")
    def _search_entered(self) -> None:
        self.action_to_results()

    def action_to_results(self) -> None:
        """From the search box into the results, a result highlighted, so the next Enter adds it."""
        query = self.query_one("#code-search", Input).value
        if query != self._searched:  # typed faster than the pause before a search: search now
            self.workers.cancel_group(self, "search")
            self._show_results(query)
        if self.results:
            results = self.query_one("#code-results", OptionList)
            if results.highlighted is None:
                results.highlighted = 0
            self.set_focus(results)

    @on(OptionList.OptionHighlighted, "#code-results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#code-detail", Static).update(code_detail(self.results[event.option_index]))

    @on(OptionList.OptionSelected, "#code-results")
    def _result_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._change(add=self.results[event.option_index].code)

    # the claim -------------------------------------------------------------------------------

    def _change(
        self,
        *,
        add: str | None = None,
        remove: int | None = None,
        move: tuple[int, int] | None = None,
        procedure: str | None = None,
        remove_procedure: int | None = None,
    ) -> None:
        before = (list(self.diagnoses), list(self.procedures))
        if add is not None:
            if add in self.diagnoses:
                self.notify(f"{add} is already on the claim.", timeout=2, markup=False)
                return
            self.diagnoses.append(add)
        if remove is not None:
            del self.diagnoses[remove]
        if move is not None:
            here, there = move
            self.diagnoses.insert(there, self.diagnoses.pop(here))
        if procedure is not None:
            self.procedures.append(procedure)
        if remove_procedure is not None:
            del self.procedures[remove_procedure]
        if not self.save_draft():
            self.diagnoses, self.procedures = before
        self._show_claim(cursor=move[1] if move else None)
        self.refresh_heading()

    def _claim_lines(self) -> list[tuple[str, int]]:
        return [("diagnosis", n) for n in range(len(self.diagnoses))] + [
            ("procedure", n) for n in range(len(self.procedures))
        ]

    def _show_claim(self, cursor: int | None = None) -> None:
        claim = self.query_one("#claim", OptionList)
        keep = claim.highlighted if cursor is None else cursor
        options = []
        for kind, number in self._claim_lines():
            if kind == "diagnosis":
                code = self.diagnoses[number]
                role = (
                    first_code_role(self.view.encounter) if number == 0 else f"secondary {number}"
                )
                info = self.codes.get(code) if self.codes else None
                text = info.description if info else "(not an ICD-10-CM code)" if self.codes else ""
                # The role before the description: a narrow pane cuts the description, not the role.
                options.append(
                    Option(
                        Content.assemble(
                            (f"{number + 1}. {code:<9}", "bold"),
                            (f"[{role}]".ljust(15), "$text-muted"),
                            text,
                        )
                    )
                )
            else:
                options.append(
                    Option(
                        Content.assemble(
                            ("   ", ""),
                            (f"{self.procedures[number]:<9}", "bold"),
                            ("[procedure]", "$text-muted"),
                        )
                    )
                )
        claim.set_options(options)
        if options:
            claim.highlighted = min(keep or 0, len(options) - 1)
        count = len(self.diagnoses)
        self.query_one("#claim-heading", Static).update(
            Content.assemble(
                ("The claim", "bold"),
                f" ({count} diagnosis code{'s' if count != 1 else ''}; "
                f"the first is the {first_code_role(self.view.encounter)} diagnosis). "
                "In the claim: x removes, Shift+↑/↓ reorders."
                if options
                else " is empty: add codes from the search results.",
            )
        )
        self._show_edits()

    def _show_edits(self) -> None:
        edits = self.query_one("#edits", Static)
        if not self.attempt.practice:
            edits.update(
                Content.styled("Exam: claim edits are not shown until you submit.", "$text-muted")
            )
            return
        if self.codes is None or not self.diagnoses:
            edits.update("")
            return
        from recsim.coding.edits import UnusableClaim, check_codes

        try:
            result = check_codes(
                self.diagnoses,
                sex=self.view.patient.sex,
                age=self.view.patient.age,
                setting=self.view.encounter,
                codeset=self.codes,
            )
        except UnusableClaim as unusable:
            edits.update(Content(f"✘ {unusable}"))
            return
        if not result.edits:
            edits.update(Content.styled("✔ No claim edits.", "$text-success"))
            return
        lines = [Content.styled(f"✘ {len(result.edits)} claim edit(s):", "$text-error bold")]
        lines += [Content(f"• {edit.message} ({edit.source})") for edit in result.edits]
        edits.update(Content("\n").join(lines))

    def _claim_position(self) -> tuple[str, int] | None:
        highlighted = self.query_one("#claim", OptionList).highlighted
        lines = self._claim_lines()
        return None if highlighted is None or highlighted >= len(lines) else lines[highlighted]

    def on_key(self, event: Any) -> None:
        if not self.query_one("#claim", OptionList).has_focus:
            return
        where = self._claim_position()
        if where is None:
            return
        kind, number = where
        if event.key in ("x", "delete", "backspace"):
            event.stop()
            if kind == "diagnosis":
                self._change(remove=number)
            else:
                self._change(remove_procedure=number)
        elif event.key in ("shift+up", "shift+down") and kind == "diagnosis":
            event.stop()
            there = number - 1 if event.key == "shift+up" else number + 1
            if 0 <= there < len(self.diagnoses):
                self._change(move=(number, there))

    @on(Input.Submitted, "#procedure-entry")
    def _procedure_entered(self, event: Input.Submitted) -> None:
        code = "".join(event.value.split()).upper()
        if not code:
            return
        if len(code) > 16:
            self.notify("A procedure code is at most 16 characters.", severity="error")
            return
        event.input.value = ""
        self._change(procedure=code)

    def pcs_wanted(self) -> bool:
        return bool(self.view.procedure_codes == "ICD-10-PCS")

    def pcs_start(self) -> str:
        return self.query_one("#procedure-entry", Input).value

    def pcs_built(self, code: str) -> None:
        self.query_one("#procedure-entry", Input).value = ""
        self._change(procedure=code)

    def action_focus_search(self) -> None:
        """To the search box, its text selected (even if focused): typing replaces it."""
        self.query_one("#code-search", Input).focus().select_all()

    def action_focus_claim(self) -> None:
        self.query_one("#claim", OptionList).focus()

    # answering -------------------------------------------------------------------------------

    def answer_payload(self) -> dict[str, Any]:
        return {"diagnoses": list(self.diagnoses), "procedures": list(self.procedures)}

    def finish_question(self) -> str | None:
        if self.diagnoses:
            return None
        return "The claim has no diagnosis code. Save it empty anyway?"


WORKSPACE = CodingScreen
"""The screen items of the coding kind are worked in (found by the kind's name)."""
