"""The privacy office's breach workspace: the incident report beside the four steps.

The steps follow the Breach Notification Rule's order; a step the earlier answers
close (an exception after "no", the risk after an exception) is greyed out and
left out of the answer. Deadlines are typed as dates; a blank date is no notice.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from recsim.tasks.breach.content import breach_content
from recsim.tasks.breach.models import EXCEPTIONS, RECIPIENTS, RISKS, SUBSTITUTES, BreachView
from recsim.tui.screens.decision import TO_THE_DECISION, DecisionWorkspace
from recsim.tui.widgets.paper import facts, heading, shown, stack
from recsim.tui.widgets.toggles import Choice, TickList

STEP_ONE = {
    "yes": "Yes: unsecured, and not permitted",
    "no": "No: secured, permitted, or not used",
}
EXCEPTION_WORDS = {
    "none": "None applies",
    "good_faith_workforce": "(i) Good-faith slip by staff",
    "inadvertent_authorized": "(ii) Between authorized people",
    "could_not_retain": "(iii) Recipient could not keep it",
}
"""Short enough for the form's width; the feedback uses the content file's full titles."""
RISK_WORDS = {
    "low_probability": "Low probability of compromise",
    "presumed_breach": "Presumed breach",
}
NOTICE_WORDS = {
    "individuals": "Individuals (164.404)",
    "media": "Media (164.406)",
    "secretary_now": "HHS now, with the individuals (164.408(b))",
    "secretary_annual_log": "HHS in the annual log (164.408(c))",
    "covered_entity": "The covered entity we serve (164.410)",
}
SUBSTITUTE_LABELS = {
    "none": "None needed",
    "other_written_or_phone": "Other written or phone (under 10)",
    "website_or_media": "Web or media, toll-free (10 or more)",
}
assert set(NOTICE_WORDS) == set(RECIPIENTS) and set(SUBSTITUTE_LABELS) == set(SUBSTITUTES)
assert set(EXCEPTION_WORDS) == set(EXCEPTIONS)


class BreachScreen(DecisionWorkspace):
    """One incident to assess."""

    BINDINGS: ClassVar[list[BindingType]] = [TO_THE_DECISION]
    HELP_TITLE = "assessing an incident"

    def restore(self, saved: dict[str, Any]) -> None:
        said = saved.get("unsecured_breach")
        self.unsecured: str | None = None if said is None else "yes" if said else "no"
        self.exception: str | None = saved.get("exception")
        self.risk: str | None = saved.get("risk")
        self.notices: dict[str, str] = {k: str(v) for k, v in saved.get("notices", {}).items()}
        self.media_states: list[str] = list(saved.get("media_states", []))
        self.substitute: str | None = saved.get("substitute")
        """None until chosen (the answer then says "none"): a pressed button would scroll the
        form to it when the item opens."""
        self.letter: list[str] = list(saved.get("letter", []))
        self.hold = str(saved.get("hold_until") or "")

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="form-body"):
            with VerticalScroll(id="paper-pane", can_maximize=True):
                yield Static(_paper(self.view))
            with VerticalScroll(id="form-pane"):
                yield from self._steps()
        yield Footer(compact=True)

    def _steps(self) -> ComposeResult:
        content = breach_content()
        yield Static(Content.styled("1. A breach of unsecured PHI? (164.402)", "bold"))
        with RadioSet(id="decision"):
            for value, label in STEP_ONE.items():
                yield Choice(label, value=value == self.unsecured, name=value)
        yield _label("2. Does an exception apply? (164.402(1))")
        with RadioSet(id="exception"):
            for value in EXCEPTIONS:
                yield Choice(EXCEPTION_WORDS[value], value=value == self.exception, name=value)
        yield _label("3. Risk assessment, four factors (164.402(2))")
        with RadioSet(id="risk"):
            for value in RISKS:
                yield Choice(RISK_WORDS[value], value=value == self.risk, name=value)
        yield _label("4. Notices: each deadline as YYYY-MM-DD (blank: not owed)")
        for recipient in RECIPIENTS:
            yield Static(NOTICE_WORDS[recipient], classes="value-label")
            yield Input(
                value=self.notices.get(recipient, ""),
                placeholder="YYYY-MM-DD",
                id=f"due-{recipient}",
                max_length=10,
                compact=True,
            )
        yield _label("Media told in these states")
        yield TickList(
            *(
                Selection(f"{s.name} ({s.count:,})", s.state, s.state in self.media_states)
                for s in self.view.affected
            ),
            id="states",
            compact=True,
        )
        yield _label("Substitute notice (164.404(d)(2))")
        with RadioSet(id="substitute"):
            for value, label in SUBSTITUTE_LABELS.items():
                yield Choice(label, value=value == self.substitute, name=value)
        yield _label("The letter to individuals says (164.404(c))")
        yield TickList(
            *(
                Selection(part.title, name, name in self.letter)
                for name, part in content.letter.items()
            ),
            id="letter",
            compact=True,
        )
        yield _label("Law enforcement: notices held until (164.412)")
        yield Input(
            value=self.hold, placeholder="YYYY-MM-DD", id="hold", max_length=10, compact=True
        )

    def on_mount(self) -> None:
        super().on_mount()
        # The tick lists scroll the form to their first row as they mount; the steps start at
        # the top.
        form = self.query_one("#form-pane", VerticalScroll)
        self.call_after_refresh(form.scroll_home, animate=False)

    def show_state(self) -> None:
        closed = self.unsecured != "yes"
        self.query_one("#exception", RadioSet).disabled = closed
        self.query_one("#risk", RadioSet).disabled = closed or self.exception != "none"

    @on(RadioSet.Changed, "#decision")
    def _step_one(self, event: RadioSet.Changed) -> None:
        self.unsecured = event.pressed.name
        self.show_state()
        self.changed()

    @on(RadioSet.Changed, "#exception")
    def _step_two(self, event: RadioSet.Changed) -> None:
        self.exception = event.pressed.name
        self.show_state()
        self.changed()

    @on(RadioSet.Changed, "#risk")
    def _step_three(self, event: RadioSet.Changed) -> None:
        self.risk = event.pressed.name
        self.changed()

    @on(RadioSet.Changed, "#substitute")
    def _substituted(self, event: RadioSet.Changed) -> None:
        self.substitute = event.pressed.name
        self.changed()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name == "hold":
            self.hold = event.value.strip()
        elif name.startswith("due-"):
            self.notices[name.removeprefix("due-")] = event.value.strip()

    @on(Input.Blurred)
    def _typed_done(self) -> None:
        self.changed()

    @on(SelectionList.SelectedChanged, "#states")
    def _states(self, event: SelectionList.SelectedChanged[str]) -> None:
        self.media_states = list(event.selection_list.selected)
        self.changed()

    @on(SelectionList.SelectedChanged, "#letter")
    def _letter(self, event: SelectionList.SelectedChanged[str]) -> None:
        ticked = set(event.selection_list.selected)
        self.letter = [name for name in breach_content().letter if name in ticked]
        self.changed()

    def answer_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {"unsecured_breach": self.unsecured == "yes"}
        if self.unsecured == "yes" and self.exception is not None:
            payload["exception"] = self.exception
            if self.exception == "none" and self.risk is not None:
                payload["risk"] = self.risk
        notices = {r: d for r, d in self.notices.items() if d}
        payload["notices"] = notices
        payload["media_states"] = self.media_states if "media" in notices else []
        payload["substitute"] = self.substitute or "none"
        payload["letter"] = list(self.letter)
        payload["hold_until"] = self.hold or None
        return payload

    def not_ready(self) -> str | None:
        if self.unsecured is None:
            return "Answer step 1 first: is this a breach of unsecured PHI?"
        for recipient, typed in [*self.notices.items(), ("hold", self.hold)]:
            if typed and not _is_date(typed):
                where = NOTICE_WORDS.get(recipient, "the law-enforcement hold")
                return f"Write the date for {where} as YYYY-MM-DD, e.g. 2026-05-04."
        if self.notices.get("media") and not self.media_states:
            return "A media notice needs its states: tick them under 'Media told in these states'."
        return None


def _label(text: str) -> Static:
    return Static(Content.styled(text, "bold"), classes="field-label")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _paper(view: BreachView) -> Content:
    """The incident report, the investigation's four factors and the counts."""
    who = (
        f"{view.organization}, business associate of {view.client}"
        if view.client
        else view.organization
    )
    hold = view.law_enforcement
    parts = [
        heading(f"Incident {view.reference} · {view.title}"),
        facts(
            [
                ("Our organization", who),
                ("Happened", view.occurred),
                ("First known", f"{view.discovered}, to {view.discovered_by}"),
                ("Reached the privacy office", view.reported),
                ("Safeguard", view.safeguard),
                ("PHI involved", view.phi),
                ("Part 2 program records", view.part2),
            ]
        ),
        Content(view.report),
        heading("What the investigation found"),
        facts(
            [
                ("The PHI", view.investigation.nature),
                ("Who received it", view.investigation.recipient),
                ("Acquired or viewed", view.investigation.acquired),
                ("Mitigation", view.investigation.mitigated),
            ]
        ),
        heading(f"Individuals affected: {view.total:,}"),
        facts([(s.name, f"{s.count:,}") for s in view.affected]),
        facts([("Without current contact details", view.missing_contact)]),
    ]
    if hold is not None:
        until = f", asks a hold until {hold.until}" if hold.until else ""
        parts.append(heading("Law enforcement"))
        parts.append(
            Content(f"{hold.form.capitalize()} statement on {hold.on} by {hold.official}{until}.")
        )
    parts.append(Content.styled(f"Today in the privacy office: {shown(view.as_of)}", "$text-muted"))
    return stack(*parts)


WORKSPACE = BreachScreen
"""The screen items of the breach kind are worked in (found by the kind's name)."""
