"""The scenario picker (``recsim`` with no command): the bundled pack and ``--dir`` folders."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from recsim.tui.catalog import ScenarioEntry, check, glance
from recsim.tui.words import count

MODE_RULES = {
    "practice": "practice: feedback after every item",
    "exam": "exam: no feedback until you submit",
}


def entry_prompt(entry: ScenarioEntry) -> Content:
    """Two lines for the list: the title, then setting, mode and length (or the problem)."""
    if entry.checked and entry.error:
        return Content.assemble(
            ("✘ ", "$text-error bold"), (entry.title, "bold"), ("  (can't be played)", "$text-error"),
            "\n  ", (entry.error.replace(str(entry.path), entry.path.name), "$text-error"),
        )
    mark = ("✔ ", "$text-success") if entry.checked else ("… ", "$text-muted")
    return Content.assemble(mark, (entry.title, "bold"), "\n  ", (facts(entry), "$text-muted"))


def facts(entry: ScenarioEntry) -> str:
    """``clinic · practice · 3 items · 20m``."""
    parts = [entry.setting.replace("_", " ") or "?", entry.mode or "?"]
    parts.append(count(entry.items, "item") if entry.items is not None else "checking…")
    parts.append(f"time limit {entry.time_limit}" if entry.time_limit else "no time limit")
    return " · ".join(parts)


class PickerScreen(Screen[None]):
    """Lists every scenario file; Enter plays the highlighted one."""

    HELP_TITLE = "choosing a scenario"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", priority=True),
        Binding("q", "app.request_quit", "Quit"),
    ]

    class Chosen(Message):
        """The trainee chose a playable scenario."""

        def __init__(self, entry: ScenarioEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, files: list[Path]) -> None:
        super().__init__()
        self.entries = [glance(path) for path in files]

    def compose(self) -> ComposeResult:
        yield Static("recsim · Choose a scenario", classes="screen-title")
        with Horizontal(id="picker-body"):
            yield OptionList(*[Option(entry_prompt(e), id=str(n)) for n, e in enumerate(self.entries)],
                             id="scenarios")
            with VerticalScroll(id="scenario-detail"):
                yield Static(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.focus()
        if self.entries:
            scenarios.highlighted = 0
        else:
            self.query_one("#detail", Static).update(
                "No scenario files found. Run 'recsim --dir FOLDER' to list the scenarios in FOLDER."
            )
        self.call_after_refresh(self.check_all)  # after the first frame: the check imports a lot

    @work(thread=True, exclusive=True, group="check-scenarios")
    def check_all(self) -> None:
        """Check every file in the background; the list fills in as each one is done."""
        worker = get_current_worker()
        for number, entry in enumerate(list(self.entries)):
            checked = check(entry.path)
            if worker.is_cancelled:  # the picker closed (or recsim quit) meanwhile
                return
            self.app.call_from_thread(self._checked, number, checked)

    def _checked(self, number: int, entry: ScenarioEntry) -> None:
        self.entries[number] = entry
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.replace_option_prompt_at_index(number, entry_prompt(entry))
        if scenarios.highlighted == number:
            self._show(entry)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self.entries[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_play()

    def _show(self, entry: ScenarioEntry) -> None:
        lines: list[Content] = [Content.styled(entry.title, "bold"), Content("")]
        if entry.checked and entry.error:
            more = f" (and {entry.more_errors} more)" if entry.more_errors else ""
            lines += [
                Content.styled("✘ This file can't be played.", "$text-error bold"),
                Content(entry.error + more),
                Content(""),
                Content(f"Fix it, then check it with: recsim validate {entry.path}"),
            ]
        else:
            lines += [
                Content(f"Setting: {entry.setting.replace('_', ' ')}"),
                Content(f"Mode: {MODE_RULES.get(entry.mode, entry.mode)}"),
                Content(f"Length: {count(entry.items, 'item') if entry.items is not None else 'checking…'}"),
                Content(f"Time limit: {entry.time_limit or 'none'}"),
                Content(""),
                Content.styled("Objectives", "bold"),
            ]
            lines += [Content(f"• {text}") for text in entry.objectives] or [Content("(none listed)")]
        lines += [Content(""), Content.styled(f"File: {entry.path}", "$text-muted")]
        self.query_one("#detail", Static).update(Content("\n").join(lines))

    def action_play(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        if scenarios.highlighted is None:
            return
        entry = self.entries[scenarios.highlighted]
        if not entry.checked:
            self.notify("Still checking this scenario; try again in a moment.")
        elif not entry.playable:
            self.notify(f"{entry.path.name} can't be played: {entry.error}", severity="error",
                        markup=False)
        else:
            self.post_message(self.Chosen(entry))
