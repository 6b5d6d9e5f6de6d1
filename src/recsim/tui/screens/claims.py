"""The claim review workspace: the claim, coverage and records beside the decision."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, RadioSet, Static

from recsim.tasks.claims.models import (
    DECISIONS,
    DENIAL_REASONS,
    Attachment,
    Claim,
    Eligibility,
    PriorClaim,
    ServiceInfo,
)
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import facts, heading, stack, words
from recsim.tui.widgets.toggles import Choice

DECISION_WORDS = {
    "approve": "Approve the claim",
    "deny": "Deny the claim",
    "pend_for_records": "Pend it for records",
}


class ClaimsScreen(DecisionWorkspace):
    """One claim to review."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "reviewing a claim"

    def restore(self, saved: dict[str, Any]) -> None:
        self.decision: str | None = saved.get("decision")
        self.reason: str | None = saved.get("reason")
        self.line: int | None = saved.get("line")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(self._paper())
            with VerticalScroll(id="form-pane"):
                yield Static(Content.styled("Your decision", "bold"))
                with RadioSet(id="decision"):
                    for value in DECISIONS:
                        yield Choice(
                            DECISION_WORDS.get(value, words(value)),
                            value=value == self.decision,
                            name=value,
                        )
                yield Static(Content.styled("Reason for a denial", "bold"), classes="field-label")
                with RadioSet(id="reason"):
                    for value in DENIAL_REASONS:
                        yield Choice(
                            words(value).capitalize(), value=value == self.reason, name=value
                        )
                yield Static(
                    Content.styled("What the denial covers", "bold"), classes="field-label"
                )
                with RadioSet(id="scope"):
                    yield Choice("The whole claim", value=self.line is None, name="claim")
                    for line in self.view.claim.lines:
                        yield Choice(
                            f"Line {line.line} only ({line.code})",
                            value=line.line == self.line,
                            name=str(line.line),
                        )
        yield Footer(compact=True)

    def _paper(self) -> Content:
        view = self.view
        return stack(
            *_claim(view.claim),
            *_coverage(view.eligibility),
            heading("Records sent with the claim"),
            *_attachments(view.attachments),
            heading("Claims already processed for this member"),
            *_history(view.history),
            heading("The plan's reference for these service codes"),
            *_reference(view.reference),
        )

    def show_state(self) -> None:
        self.query_one("#reason", RadioSet).disabled = self.decision != "deny"
        self.query_one("#scope", RadioSet).disabled = self.decision != "deny"

    @on(RadioSet.Changed, "#decision")
    def _decided(self, event: RadioSet.Changed) -> None:
        self.decision = event.pressed.name
        for field in ("#reason", "#scope"):
            self.query_one(field, RadioSet).disabled = self.decision != "deny"
        self.changed()

    @on(RadioSet.Changed, "#reason")
    def _reasoned(self, event: RadioSet.Changed) -> None:
        self.reason = event.pressed.name
        self.changed()

    @on(RadioSet.Changed, "#scope")
    def _scoped(self, event: RadioSet.Changed) -> None:
        name = event.pressed.name
        self.line = None if name in (None, "claim") else int(name)
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"decision": self.decision}
        if self.decision == "deny":
            payload["reason"] = self.reason
            if self.line is not None:
                payload["line"] = self.line
        return payload

    def not_ready(self) -> str | None:
        if self.decision is None:
            return "Choose a decision first."
        if self.decision == "deny" and self.reason is None:
            return "A denial needs a reason: choose one under 'Reason for a denial'."
        return None


def _claim(claim: Claim) -> list[Content]:
    """The claim as billed: who, by whom, when, the diagnoses and the service lines."""
    diagnoses = "\n".join(
        f"  {n}. {d.code}  {d.description}" for n, d in enumerate(claim.diagnoses, 1)
    )
    lines = "\n".join(
        f"  {line.line}. {line.date}  {line.code}  {line.description}  units {line.units}  "
        f"${line.charge:,.2f}  for dx {', '.join(str(p) for p in line.pointers)}"
        for line in claim.lines
    )
    return [
        heading(f"Claim {claim.number} · received {claim.received}"),
        facts(
            [
                ("Patient", claim.patient_name),
                ("Date of birth", claim.date_of_birth),
                ("Sex", claim.sex),
                ("Member ID billed", claim.member_id),
                ("Provider", f"{claim.provider.name}, NPI {claim.provider.npi}"),
                ("Place of service", claim.place),
                ("Dates of service", f"{claim.from_date} to {claim.to_date}"),
                ("Total charge", f"${claim.total:,.2f}"),
            ]
        ),
        Content.assemble(("Diagnoses\n", "bold"), diagnoses),
        Content.assemble(("Service lines\n", "bold"), lines),
    ]


def _coverage(coverage: Eligibility) -> list[Content]:
    """The member's coverage on file."""
    return [
        heading("Coverage on file"),
        facts(
            [
                ("Plan", f"{coverage.payer}, {coverage.plan}"),
                ("Member ID", coverage.member_id),
                ("Subscriber", coverage.subscriber),
                ("Covered from", coverage.effective_from),
                ("Covered to", coverage.effective_to or "continuing"),
            ]
        ),
    ]


def _attachments(attachments: list[Attachment]) -> list[Content]:
    """The records sent with the claim, and those requested but not received."""
    if not attachments:
        return [Content("None.")]
    parts = []
    for document in attachments:
        state = "" if document.received else " (requested, not received)"
        parts.append(
            Content.assemble(
                (f"{document.title}, {document.date}, {document.author}{state}", "bold"),
                "\n" if document.text else "",
                document.text,
            )
        )
    return parts


def _reference(reference: list[ServiceInfo]) -> list[Content]:
    """The plan's daily limit and bundling for each service code billed."""
    parts = []
    for entry in reference:
        included = f"; includes {', '.join(entry.includes)}" if entry.includes else ""
        parts.append(
            Content(f"{entry.code} {entry.description}: at most {entry.limit} per day{included}")
        )
    return parts


def _history(history: list[PriorClaim]) -> list[Content]:
    """The member's claims already processed, one line each."""
    if not history:
        return [Content("None.")]
    return [
        Content(
            f"{prior.number}, received {prior.received}, {prior.status}: "
            f"{prior.provider.name} (NPI {prior.provider.npi}), {prior.place}, "
            f"{prior.from_date} to {prior.to_date}; {', '.join(prior.codes)}; "
            f"${prior.total:,.2f}"
        )
        for prior in history
    ]


WORKSPACE = ClaimsScreen
"""The screen items of the claims kind are worked in (found by the kind's name)."""
