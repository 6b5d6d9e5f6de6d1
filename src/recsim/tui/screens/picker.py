"""The scenario picker (``recsim`` with no command): the bundled pack and ``--dir`` folders."""

from __future__ import annotations

import shlex
from collections.abc import Collection
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
from recsim.tui.messages import ShowProgress
from recsim.tui.words import count, work_text

MODE_RULES = {
    "practice": "practice: feedback after every item",
    "exam": "exam: no feedback until you submit",
}


LEGEND = "✔ checked: ready to play · … still being checked · ✘ can't be played (see why)"


def play_name(entry: ScenarioEntry, bundled: Collection[Path]) -> str:
    """What ``recsim play`` takes for this scenario: a bundled one's name, else the file's path."""
    return entry.path.stem if entry.path in bundled else str(entry.path)


def entry_prompt(entry: ScenarioEntry, bundled: Collection[Path] = ()) -> Content:
    """Two lines for the list: the title, then its name, setting, mode and length (or the problem).

    The name is what an instructor says ("play hospital-audit-exam"): a bundled scenario's
    play name, or a folder's file name (its whole path is in the detail pane).
    """
    if entry.checked and entry.error:
        return Content.assemble(
            ("✘ ", "$text-error bold"),
            (entry.title, "bold"),
            ("  (can't be played)", "$text-error"),
            "\n  ",
            (entry.error.replace(str(entry.path), entry.path.name), "$text-error"),
        )
    mark = ("✔ ", "$text-success") if entry.checked else ("… ", "$text-muted")
    name = entry.path.stem if entry.path in bundled else entry.path.name
    return Content.assemble(
        mark,
        (entry.title, "bold"),
        "\n  ",
        (name, "$text-accent"),
        (" · " + facts(entry), "$text-muted"),
    )


def facts(entry: ScenarioEntry) -> str:
    """``chart audit · clinic · practice · 3 items · time limit 20m`` ("no time limit" is left to
    the detail)."""
    parts = [
        work_text(entry.kinds) or "?",
        entry.setting.replace("_", " ") or "?",
        entry.mode or "?",
    ]
    parts.append(count(entry.items, "item") if entry.items is not None else "checking…")
    if entry.time_limit:
        parts.append(f"time limit {entry.time_limit}")
    return " · ".join(parts)


class PickerScreen(Screen[None]):
    """Lists every scenario file; Enter plays the highlighted one."""

    DEFAULT_CSS = """
    PickerScreen #picker-legend {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    HELP_TITLE = "choosing a scenario"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", priority=True),
        Binding("g", "progress", "Progress", tooltip="Your mastery by topic and by exam domain"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    class Chosen(Message):
        """The trainee chose a playable scenario."""

        def __init__(self, entry: ScenarioEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, files: list[Path], bundled: Collection[Path] = ()) -> None:
        super().__init__()
        self.entries = [glance(path) for path in files]
        self.bundled = frozenset(bundled)
        """The bundled scenarios' files, which play by name (``recsim play tutorial``)."""

    def compose(self) -> ComposeResult:
        yield Static("recsim · Choose a scenario", classes="screen-title")
        with Horizontal(id="picker-body"):
            yield OptionList(
                *[
                    Option(entry_prompt(e, self.bundled), id=str(n))
                    for n, e in enumerate(self.entries)
                ],
                id="scenarios",
            )
            with VerticalScroll(id="scenario-detail"):
                yield Static(id="detail")
        yield Static(LEGEND, id="picker-legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.focus()
        if self.entries:
            scenarios.highlighted = 0
        else:
            self.query_one("#detail", Static).update(
                "No scenario files found. "
                "Run 'recsim --dir FOLDER' to list the scenarios in FOLDER."
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
        scenarios.replace_option_prompt_at_index(number, entry_prompt(entry, self.bundled))
        if scenarios.highlighted == number:
            self._show(entry)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(self.entries[event.option_index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_play()

    def _show(self, entry: ScenarioEntry) -> None:
        lines: list[Content] = [Content.styled(entry.title, "bold"), Content("")]
        name = play_name(entry, self.bundled)
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
                Content.assemble(
                    ("✔ Checked: ready to play", "$text-success bold")
                    if entry.checked
                    else ("… Being checked; Enter plays it once the check passes", "$text-muted")
                ),
                Content.assemble(("Play name: ", "bold"), name),
                Content(f"To open it directly: recsim play {shlex.quote(name)}"),
                Content(""),
                Content(f"Work: {work_text(entry.kinds) or 'none listed'}"),
                Content(f"Setting: {entry.setting.replace('_', ' ')}"),
                Content(f"Mode: {MODE_RULES.get(entry.mode, entry.mode)}"),
                Content(
                    "Length: "
                    + (count(entry.items, "item") if entry.items is not None else "checking…")
                ),
                Content(f"Time limit: {entry.time_limit or 'none'}"),
                Content(""),
                Content.styled("Objectives", "bold"),
            ]
            lines += [Content(f"• {text}") for text in entry.objectives] or [
                Content("(none listed)")
            ]
        lines += [Content(""), Content.styled(f"File: {entry.path}", "$text-muted")]
        self.query_one("#detail", Static).update(Content("\n").join(lines))

    def action_progress(self) -> None:
        self.post_message(ShowProgress())

    def action_play(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        if scenarios.highlighted is None:
            return
        entry = self.entries[scenarios.highlighted]
        if not entry.checked:
            self.notify("Still checking this scenario; try again in a moment.")
        elif not entry.playable:
            self.notify(
                f"{entry.path.name} can't be played: {entry.error}", severity="error", markup=False
            )
        else:
            self.post_message(self.Chosen(entry))
