"""The inpatient workspace: the stay's documents beside code search, the claim and the MS-DRG.

The claim holds the principal diagnosis, the secondary diagnoses each with its
present-on-admission indicator, the ICD-10-PCS procedures (principal first) and
the discharge status. In practice mode the DRG the claim groups to shows below
it as the trainee codes, as a coder's encoder shows it; in an exam it does not.
The search, its results and the code detail are the coding workspace's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from recsim.tasks.inpatient.rules import DRG_TOPIC
from recsim.tui.screens.coding import CodingScreen
from recsim.tui.widgets.footer_fit import FittedFooter
from recsim.tui.widgets.paper import facts, heading, reflow, stack

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

POA_SHOWN = {"": "blank", "Y": "Y", "N": "N", "U": "U", "W": "W"}


class ClaimList(OptionList):
    """The claim being built; its keys act on the highlighted line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "screen.poa('Y')", "POA Y/N/U/W, E blank"),
        Binding("n", "screen.poa('N')", "POA N", show=False),
        Binding("u", "screen.poa('U')", "POA U", show=False),
        Binding("w", "screen.poa('W')", "POA W", show=False),
        Binding("e,1", "screen.poa('')", "POA blank (exempt)", show=False),
        Binding("p", "screen.make_principal", "Principal"),
        Binding("f", "screen.procedure_first", "Procedure first", show=False),
        Binding("x,delete,backspace", "screen.remove", "Remove"),
    ]


class StatusSelect(Select[int]):
    """The discharge status list: its blank prompt row is not a status, so it is never picked.

    Opened with no status chosen, the list starts on the first status (01 home), so
    Enter, Enter chooses it; the prompt row above it cannot be chosen.
    """

    def watch_expanded(self, expanded: bool) -> None:
        if not expanded:
            return
        overlay = self.query_one("SelectOverlay", OptionList)
        if overlay.option_count > 1:
            overlay.disable_option_at_index(0)
            if self.is_blank():
                overlay.highlighted = 1


class InpatientScreen(FittedFooter, CodingScreen):
    """One discharged stay to code.

    The search box, its results, the code detail and loading the code set are the coding
    workspace's (inherited); the claim, its keys and the DRG are this screen's own.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+g",
            "focus_procedure",
            "Type PCS",
            priority=True,
            tooltip="Type an ICD-10-PCS code (Ctrl+B builds one from the tables)",
        ),
        Binding("ctrl+t", "focus_status", "Status", priority=True, tooltip="The discharge status"),
    ]
    HELP_TITLE = "coding an inpatient stay"
    INFORMATIONAL_TOPICS = frozenset({DRG_TOPIC})
    FOOTER_DROPS = (
        "read",
        "mark",
        "focus_claim",
        "help",
        "build_pcs",
        "focus_status",
        "screen.poa('Y')",
        "screen.make_principal",
        "screen.remove",
        "focus_procedure",
        "focus_search",
    )
    """Narrow, the footer keeps Answer and Queue first (the other keys still work)."""

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        saved = self.saved_work() or {}
        self.principal: str = str(saved.get("principal", ""))
        self.secondary: list[dict[str, str]] = [
            {"code": str(row.get("code", "")), "poa": str(row.get("poa", ""))}
            for row in saved.get("secondary", [])
        ]
        self.procedures: list[str] = list(saved.get("procedures", []))
        self.disposition: int | None = saved.get("disposition")
        self.poa_unset: set[str] = set()
        """Secondary codes added here whose POA the trainee has not chosen yet: they go on the
        claim blank, but show as "POA ?" so a blank left by accident is not taken for exempt."""

    def compose(self) -> ComposeResult:
        from recsim.tasks.inpatient.rules import COMMON_DISPOSITIONS, DISPOSITION_WORDS, status

        yield from self.compose_header()
        with Horizontal(id="coding-body"):
            with VerticalScroll(id="note-pane", can_maximize=True):
                yield Static(self._documents())
            with Vertical(id="code-pane"):
                yield from self.compose_search("Search ICD-10-CM: words or a code, ↓ results")
                yield Static(id="inpatient-drg")
                yield Static(id="claim-heading")
                yield ClaimList(id="claim", compact=True)
                yield Input(
                    placeholder="PCS code, Enter adds it (Ctrl+B: builder)",
                    id="procedure-entry",
                    compact=True,
                )
                order = [*COMMON_DISPOSITIONS, *(c for c in DISPOSITION_WORDS if c not in
                                                 COMMON_DISPOSITIONS)]  # fmt: skip
                yield StatusSelect(
                    [(status(code), code) for code in order],
                    prompt="Discharge status (UB-04 FL17)",
                    value=self.disposition if self.disposition in order else Select.NULL,
                    id="disposition",
                    compact=True,
                )
        yield Footer(compact=True)

    def _documents(self) -> Content:
        view = self.view
        patient = view.patient
        parts = [
            heading("Inpatient stay · discharged"),
            facts(
                [
                    ("Patient", patient.name),
                    ("Sex", patient.sex),
                    ("Age", patient.age),
                    ("Date of birth", patient.date_of_birth),
                    ("Admitted", view.admit_date),
                    ("Discharged", view.discharge_date),
                ]
            ),
        ]
        for document in view.documents:
            parts += [heading(document.heading), Content(reflow(document.text))]
        return stack(*parts)

    def _detail(self, message: str) -> None:
        self.query_one("#code-detail", Static).update(Content(message))

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
        """What the inherited search and procedure box add: a diagnosis code or a PCS code."""
        if add is not None:
            self._add(add)
        if procedure is not None:
            from recsim.tasks.inpatient.procedures import pcs_problem

            problem = pcs_problem(procedure, self.view.discharge_date)
            if problem is not None:  # refused at entry: an invalid code never reaches the claim
                self.notify(f"Not added: {problem}", severity="error", timeout=8, markup=False)
                self.query_one("#procedure-entry", Input).value = procedure  # to correct it
                return
            self.query_one("#procedure-entry", Input).value = ""
            self.add_procedure(procedure)

    def on_key(self, event: Any) -> None:
        """The claim's keys are its own bindings (ClaimList), not the coding claim's."""

    def _add(self, code: str) -> None:
        if code == self.principal or code in (row["code"] for row in self.secondary):
            self.notify(f"{code} is already on the claim.", timeout=2, markup=False)
            return
        if not self.principal:
            self._edit(lambda: setattr(self, "principal", code))
            return
        self.poa_unset.add(code)
        self._edit(lambda: self.secondary.append({"code": code, "poa": ""}))
        self.notify(f"{code} added: give its POA in the claim (Y, N, U, W; E for blank).",
                    timeout=3, markup=False)  # fmt: skip

    def _edit(self, edit: Any, cursor: int | None = None) -> None:
        """Apply one edit, save the draft (undo if it can't be saved), show the claim again."""
        before = (self.principal, [dict(r) for r in self.secondary], list(self.procedures),
                  self.disposition)  # fmt: skip
        edit()
        if not self.save_draft():
            self.principal, self.secondary, self.procedures, self.disposition = before
        self._show_claim(cursor)
        self.refresh_heading()

    def _lines(self) -> list[tuple[str, int]]:
        return (
            [("principal", 0)] * bool(self.principal)
            + [("secondary", n) for n in range(len(self.secondary))]
            + [("procedure", n) for n in range(len(self.procedures))]
        )

    def _described(self, code: str) -> str:
        info = self.codes.get(code) if self.codes else None
        return info.description if info else "(not an ICD-10-CM code)" if self.codes else ""

    def _line(self, kind: str, number: int) -> Option:
        if kind == "principal":
            code, role = self.principal, "[principal]"
            text = self._described(code)
        elif kind == "secondary":
            row = self.secondary[number]
            code = row["code"]
            shown = "?" if code in self.poa_unset else POA_SHOWN.get(row["poa"], row["poa"])
            role = f"[POA {shown}]"
            text = self._described(code)
        else:
            from recsim.tasks.inpatient.procedures import pcs_words

            code = self.procedures[number]
            role, text = "[principal PCS]" if number == 0 else "[PCS]", pcs_words(code)
        return Option(
            Content.assemble((f"{code:<9}", "bold"), (role.ljust(16), "$text-muted"), text)
        )

    def _show_claim(self, cursor: int | None = None) -> None:
        claim = self.query_one("#claim", OptionList)
        keep = claim.highlighted if cursor is None else cursor
        options = [self._line(kind, n) for kind, n in self._lines()]
        claim.set_options(options)
        if options:
            claim.highlighted = min(keep or 0, len(options) - 1)
        self.query_one("#claim-heading", Static).update(
            Content.assemble(
                ("The claim", "bold"),
                ": Y N U W E set a POA (E blank), P principal, F procedure first, X removes."
                if options
                else " is empty: add the principal diagnosis first from the search results.",
            )
        )
        self._show_drg()

    def _position(self) -> tuple[str, int] | None:
        highlighted = self.query_one("#claim", OptionList).highlighted
        lines = self._lines()
        return None if highlighted is None or highlighted >= len(lines) else lines[highlighted]

    def action_poa(self, value: str) -> None:
        where = self._position()
        if where is None or where[0] != "secondary":
            self.notify("POA is given for a secondary diagnosis: highlight one.", timeout=2)
            return
        row = self.secondary[where[1]]
        self.poa_unset.discard(row["code"])
        self._edit(lambda: row.update(poa=value))

    def action_make_principal(self) -> None:
        where = self._position()
        if where is None or where[0] != "secondary":
            return
        number = where[1]

        def swap() -> None:
            row = self.secondary.pop(number)
            if self.principal:
                self.poa_unset.add(self.principal)
                self.secondary.insert(number, {"code": self.principal, "poa": ""})
            self.principal = row["code"]

        self._edit(swap, cursor=0)

    def action_procedure_first(self) -> None:
        where = self._position()
        if where is None or where[0] != "procedure" or where[1] == 0:
            return
        number = where[1]
        self._edit(lambda: self.procedures.insert(0, self.procedures.pop(number)))

    def action_remove(self) -> None:
        where = self._position()
        if where is None:
            return
        kind, number = where
        if kind == "principal":
            self._edit(lambda: setattr(self, "principal", ""))
        elif kind == "secondary":
            self._edit(lambda: self.secondary.pop(number))
        else:
            self._edit(lambda: self.procedures.pop(number))

    def add_procedure(self, code: str | None) -> None:
        """Add a procedure code to the claim (the PCS builder's result arrives here)."""
        if code and code not in self.procedures:
            self._edit(lambda: self.procedures.append(code))

    @on(Select.Changed, "#disposition")
    def _status_chosen(self, event: Select.Changed) -> None:
        value = None if event.value is Select.NULL else int(str(event.value))
        if value != self.disposition:
            self._edit(lambda: setattr(self, "disposition", value))

    # the encoder's DRG (practice) --------------------------------------------------------------

    def _show_drg(self) -> None:
        if not self.attempt.practice:
            self.query_one("#inpatient-drg", Static).update(
                Content.styled(
                    "Exam: the MS-DRG is shown with the results after you submit.", "$text-muted"
                )
            )
            return
        if not self.principal:  # said at once: nothing to group yet
            self._drg_shown(["Add a principal diagnosis to see the MS-DRG the stay groups to."])
            return
        self.group_claim(self.answer_payload())

    @work(thread=True, exclusive=True, group="drg")
    def group_claim(self, payload: dict[str, Any]) -> None:
        from recsim.tasks.inpatient.drg import encoder_lines
        from recsim.tasks.inpatient.models import InpatientAnswer

        try:
            answer = InpatientAnswer.model_validate(payload)
        except ValueError:
            lines = ["The claim holds a code the grouper cannot read; correct it to see the DRG."]
        else:
            lines = encoder_lines(self.view, answer)
        self.app.call_from_thread(self._drg_shown, lines)

    def _drg_shown(self, lines: list[str]) -> None:
        self.query_one("#inpatient-drg", Static).update(Content("\n".join(lines)))

    # keys ------------------------------------------------------------------------------------

    def action_focus_procedure(self) -> None:
        self.query_one("#procedure-entry", Input).focus()

    def action_focus_status(self) -> None:
        self.query_one("#disposition", Select).focus()

    def pcs_wanted(self) -> bool:
        return True  # an inpatient stay's procedures are always ICD-10-PCS (the builder: Ctrl+B)

    # answering -------------------------------------------------------------------------------

    def answer_payload(self) -> dict[str, Any]:
        return {
            "principal": self.principal,
            "secondary": [dict(row) for row in self.secondary],
            "procedures": list(self.procedures),
            "disposition": self.disposition,
        }

    def finish_question(self) -> str | None:
        missing = [
            words
            for words, absent in (
                ("no principal diagnosis", not self.principal),
                ("no discharge status", self.disposition is None),
            )
            if absent
        ]
        unset = [row["code"] for row in self.secondary if row["code"] in self.poa_unset]
        if unset:
            missing.append(f"no POA chosen for {', '.join(unset)} (it goes blank, as if exempt)")
        return f"The claim has {' and '.join(missing)}. Save it anyway?" if missing else None


WORKSPACE = InpatientScreen
"""The screen items of the inpatient kind are worked in (found by the kind's name)."""
