"""An interruption the trainee must respond to: a search hit, a message, pages at the printer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.access_reason import AccessReasonScreen
from recsim.tui.screens.record import RecordScreen
from recsim.tui.widgets.paper import facts

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

CHANNEL = {
    "search": "Patient search",
    "message": "A message",
    "text": "A text message",
    "email": "An e-mail",
    "printer": "At the printer",
}


class TrapScreen(ModalScreen[str]):
    """Dismisses with the id of the response chosen (there is no way round answering)."""

    CSS_PATH = WORK_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "respond",
            "Respond",
            priority=True,
            tooltip="Do what the highlighted line says",
        ),
        Binding(
            "o",
            "open_chart",
            "Open chart",
            tooltip="Open the chart in the search result (the access is logged)",
        ),
        Binding("escape", "insist", "Respond", show=False),
    ]
    HELP_TITLE = "an interruption"

    def __init__(self, attempt: Attempt, item: Item) -> None:
        super().__init__()
        self.attempt = attempt
        self.item = item
        self.view: Any = item.view

    def compose(self) -> ComposeResult:
        view = self.view
        with Vertical(classes="dialog wide", id="trap-dialog"):
            channel = CHANNEL.get(view.channel, view.channel)
            title = (
                self.item.title
                if channel.lower() in self.item.title.lower()
                else f"{channel} · {self.item.title}"
            )
            yield Static(Content(title), classes="dialog-title")
            with VerticalScroll(id="trap-text"):
                yield Static(Content(view.situation), classes="dialog-body")
                if view.hit is not None:
                    hit = view.hit
                    yield Static(
                        facts(
                            [
                                ("Search result", hit.name),
                                ("MRN", hit.mrn),
                                ("Date of birth", hit.date_of_birth),
                                ("Sex", hit.sex),
                                ("Where", hit.note),
                            ]
                        ),
                        id="search-hit",
                    )
            yield Static(
                Content.styled("What do you do? (↑ ↓, then Enter)", "bold"), classes="field-label"
            )
            yield OptionList(
                *[Option(Content(r.label), id=r.id) for r in view.responses], id="responses"
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#responses", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_chart":
            return self.view.hit is not None and self.view.record is not None
        return True

    @on(OptionList.OptionSelected, "#responses")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_respond(self) -> None:
        responses = self.query_one("#responses", OptionList)
        if responses.highlighted is not None:
            self.dismiss(self.view.responses[responses.highlighted].id)

    def action_insist(self) -> None:
        self.notify(
            "This needs a response: choose what you do and press Enter.", severity="warning"
        )

    def action_open_chart(self) -> None:
        hit = self.view.hit
        if hit is None or self.view.record is None:
            return

        def reason_given(reason: str | None) -> None:
            if reason is None:
                return
            self.attempt.open_record(hit.mrn, reason=reason, item=None)
            self.app.push_screen(RecordScreen(self.view.record))

        self.app.push_screen(AccessReasonScreen(hit.name, hit.mrn), reason_given)
