"""The help screen: this screen's keys, the statuses, the modes, and how saving works."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from recsim.tui.words import STATUS

STATUS_MEANING = {
    "new": "not opened yet",
    "in_progress": "opened, not answered",
    "done": "answered (you can open it again and change the answer until you submit)",
    "flagged": "you marked it to come back to",
}
_ABOUT = """\
Practice mode shows what you found and missed after every item, with the rule behind it.
Exam mode shows nothing until you submit; the clock counts down while recsim is open and
at 0:00 the attempt is submitted as it stands.

Everything you do is saved the moment you do it. If recsim or the terminal closes, run the
same command again (recsim play SCENARIO --trainee NAME) to resume where you stopped,
timer included. When you submit, recsim writes a results file: hand that file in.

Ctrl+P opens the command palette: type a few letters of any action. The mouse works too.
Press g here for the glossary: what an abbreviation on screen (MPI, ROI, POA ...) means,
and where it is defined. All patients and identifiers in recsim are synthetic."""
ABOUT = "\n\n".join(" ".join(paragraph.split("\n")) for paragraph in _ABOUT.split("\n\n"))
"""The paragraphs above, each on one line: the screen wraps them to its own width."""


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from."""

    DEFAULT_CSS = """
    HelpScreen .help-key-row {
        height: auto;
    }
    HelpScreen .help-key {
        text-align: right;
        text-style: bold;
        color: $text-accent;
    }
    HelpScreen .help-status {
        width: 13;
    }
    HelpScreen .help-what {
        width: 1fr;
        padding-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,enter", "close", "Close help"),
        Binding("g", "glossary", "Glossary"),
    ]

    def __init__(self, screen_title: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.keys = keys

    @classmethod
    def of(cls, screen: Screen[Any]) -> HelpScreen:
        """Help for ``screen``: its actions, then moving around and the palette.

        The actions are those its footer shows and those described but left out of it.
        """
        keys: dict[tuple[int, str], list[str]] = {}
        described: dict[tuple[int, str], str] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not (binding.show or binding.tooltip):
                # the footer's actions and the keys it has no room for; moving around is below
                continue
            if binding.action.endswith("command_palette"):
                continue  # the last line says it
            where = (id(active.node), binding.action)
            keys.setdefault(where, []).append(screen.app.get_key_display(binding))
            described[where] = binding.tooltip or binding.description
        listed = [
            (" / ".join(dict.fromkeys(shown)), described[where]) for where, shown in keys.items()
        ]
        listed.append(
            (
                "↑ ↓ PgUp PgDn",
                "Move in a list or scroll a page (the mouse wheel and clicks work too)",
            )
        )
        listed.append(("Tab", "Go to the next box or list on the screen"))
        listed.append(("ctrl+p", "Command palette: find any action by name"))
        return cls(getattr(screen, "HELP_TITLE", "recsim"), listed)

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self.keys), default=4)
        with Vertical(classes="dialog wide"):
            yield Static(Content(f"Help: {self.screen_title}"), classes="dialog-title")
            with VerticalScroll(id="help-text"):
                yield Static("Keys on this screen", classes="help-heading")
                for (
                    key,
                    what,
                ) in self.keys:  # a long description wraps under itself, not under the key
                    with Horizontal(classes="help-key-row"):
                        yield Static(Content(key), classes="help-key").set_styles(
                            f"width: {width};"
                        )
                        yield Static(Content(what), classes="help-what")
                yield Static("Item statuses in the work queue", classes="help-heading")
                for name, (symbol, word) in STATUS.items():
                    with Horizontal(classes="help-key-row"):
                        yield Static(Content(f"{symbol} {word}"), classes="help-status")
                        yield Static(Content(STATUS_MEANING[name]), classes="help-what")
                yield Static("Modes, saving and results", classes="help-heading")
                yield Static(Content(ABOUT))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_glossary(self) -> None:
        """Open the glossary over the help (Esc there comes back here)."""
        from recsim.tui.screens.glossary import GlossaryScreen

        self.app.push_screen(GlossaryScreen())
