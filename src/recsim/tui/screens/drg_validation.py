"""The DRG validation workspace: the stay's record and the claim beside the reviewer's finding."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, RadioSet, Static

from recsim.tasks.drg_validation.block import DRG_ERRORS, DRG_TOPICS
from recsim.tasks.drg_validation.models import PAYMENTS, BilledClaim, days, status_words
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import facts, heading, reflow, stack
from recsim.tui.widgets.toggles import Choice

NO_ERROR = "none"
"""The finding choice for a claim coded as the record supports."""
PAYMENT_WORDS = {"up": "Goes up", "down": "Goes down", "unchanged": "Stays the same"}


class DrgValidationScreen(DecisionWorkspace):
    """One inpatient claim to validate against its record."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "validating a DRG"
    FORM = "#error"

    def restore(self, saved: dict[str, Any]) -> None:
        found = saved.get("findings")
        first = found[0] if isinstance(found, list) and found else {}
        self.error: str | None = (
            first.get("error") if first else (NO_ERROR if isinstance(found, list) else None)
        )
        self.code = str(first.get("code") or "")
        self.corrected = str(first.get("corrected") or "")
        drg = saved.get("drg")
        self.drg = str(drg) if drg is not None else ""
        self.payment: str | None = saved.get("payment")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(self._paper())
            with VerticalScroll(id="form-pane"):
                yield Static(Content.styled("The coding error that changed the DRG", "bold"))
                with RadioSet(id="error"):
                    yield Choice(
                        "None: the claim stands", value=self.error == NO_ERROR, name=NO_ERROR
                    )
                    for name in DRG_ERRORS.names:
                        yield Choice(
                            DRG_TOPICS.title(name) or name, value=self.error == name, name=name
                        )
                yield Static(
                    Content.styled("Code concerned (as billed, or the one left off)", "bold"),
                    classes="field-label",
                )
                yield Input(
                    self.code, placeholder="e.g. J96.01, 0DTJ4ZZ, 01", id="code", max_length=20
                )
                yield Static(
                    Content.styled("Corrected to (principal or discharge status)", "bold"),
                    classes="field-label",
                )
                yield Input(self.corrected, placeholder="optional", id="corrected", max_length=20)
                yield Static(
                    Content.styled("MS-DRG the record supports", "bold"), classes="field-label"
                )
                yield Input(
                    self.drg, placeholder="e.g. 195", id="drg", type="integer", max_length=3
                )
                yield Static(
                    Content.styled("The payment after review", "bold"), classes="field-label"
                )
                with RadioSet(id="payment"):
                    for value in PAYMENTS:
                        yield Choice(PAYMENT_WORDS[value], value=value == self.payment, name=value)
        yield Footer(compact=True)

    def _paper(self) -> Content:
        view = self.view
        # A document's lines are joined and wrapped to the pane; headings and lists stay.
        documents = [
            Content.assemble((document.heading, "bold"), "\n", reflow(document.text.strip()))
            for document in view.documents
        ]
        return stack(
            *_claim(view.claim, view.claim_number),
            heading(f"The record: {view.patient_name}"),
            facts(
                [
                    ("Sex, age", f"{view.sex}, {view.age}"),
                    ("Date of birth", view.date_of_birth),
                    ("Admitted", view.admitted),
                    ("Discharged", view.discharged),
                    ("Length of stay", days(view.length_of_stay)),
                ]
            ),
            *documents,
        )

    def show_state(self) -> None:
        self._enable()

    def _enable(self) -> None:
        open_ = self.error not in (None, NO_ERROR)
        self.query_one("#code", Input).disabled = not open_
        self.query_one("#corrected", Input).disabled = not open_

    @on(RadioSet.Changed, "#error")
    def _chose_error(self, event: RadioSet.Changed) -> None:
        self.error = event.pressed.name
        self._enable()
        self.changed()

    @on(RadioSet.Changed, "#payment")
    def _chose_payment(self, event: RadioSet.Changed) -> None:
        self.payment = event.pressed.name
        self.changed()

    @on(Input.Changed, "#code, #corrected, #drg")
    def _typed(self, event: Input.Changed) -> None:
        setattr(self, str(event.input.id), event.value.strip())

    @on(Input.Blurred, "#code, #corrected, #drg")
    def _typed_done(self) -> None:
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"payment": self.payment}
        if self.drg.isdigit():
            payload["drg"] = int(self.drg)
        if self.error == NO_ERROR:
            payload["findings"] = []
        elif self.error is not None:
            entry: dict[str, Any] = {"error": self.error, "code": self.code}
            if self.corrected:
                entry["corrected"] = self.corrected
            payload["findings"] = [entry]
        return payload

    def not_ready(self) -> str | None:
        if self.error is None:
            return "Choose the coding error first (or None: the claim stands)."
        if self.error != NO_ERROR and not self.code:
            return "Give the code concerned: as billed, or the one the claim left off."
        if not self.drg.isdigit() or not 1 <= int(self.drg) <= 999:
            return "Give the MS-DRG the record supports (a number from 1 to 999)."
        if self.payment is None:
            return "Say which way the payment moves after review."
        return None


def _claim(claim: BilledClaim, number: str) -> list[Content]:
    """The claim as billed: the codes with their POA, the discharge status and the DRG."""
    secondary = "\n".join(
        f"  {n}. {d.code}  POA {d.poa or 'exempt'}  {d.title}"
        for n, d in enumerate(claim.secondary, 1)
    )
    procedures = "\n".join(
        f"  {n}. {p.code}  {p.title}".rstrip() for n, p in enumerate(claim.procedures, 1)
    )
    weight = f"{claim.weight:.4f}" if claim.weight is not None else "(none)"
    transfer = " (post-acute care transfer DRG)" if claim.post_acute_transfer else ""
    return [
        heading(f"Inpatient claim {number}, as billed"),
        Content.assemble(
            ("Principal diagnosis: ", "bold"), f"{claim.principal.code}  {claim.principal.title}"
        ),
        Content.assemble(("Other diagnoses\n", "bold"), secondary or "  none"),
        Content.assemble(("Procedures\n", "bold"), procedures or "  none"),
        facts(
            [
                ("Discharge status", status_words(claim.disposition)),
                ("MS-DRG billed", f"{claim.drg:03d} {claim.drg_title}{transfer}"),
                ("Relative weight", weight),
                ("Geometric mean stay", f"{claim.gmlos} days" if claim.gmlos else None),
            ]
        ),
    ]


WORKSPACE = DrgValidationScreen
"""The screen items of the drg_validation kind are worked in (found by the kind's name)."""
