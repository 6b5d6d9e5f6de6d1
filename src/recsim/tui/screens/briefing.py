"""The briefing: what the scenario asks, its objectives, the rules of its mode and its time limit.

Shown before an attempt starts (dismissed with True to start, or to resume an
unfinished attempt it offers) and again from the work queue to re-read it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from recsim.tui.messages import QuitAsked
from recsim.tui.words import clock_text, count, duration_text

if TYPE_CHECKING:
    from recsim.core.store import AttemptRow
    from recsim.tui.catalog import ScenarioEntry

PRACTICE_RULES = (
    "This is practice. After each item you see what you found, what you missed and why, "
    "with the rule behind it. Take your time."
)
EXAM_RULES = (
    "This is an exam. You see no feedback until you submit. The clock counts down while "
    "recsim is open, and at 0:00 your attempt is submitted as it stands. You can open any "
    "item again and change its answer until then."
)
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?!\w)")


def plain(markdown: str) -> str:
    """Markdown with its emphasis marks taken out, for the moment before it is formatted."""
    return _EMPHASIS.sub(r"\2", markdown).strip()


SAVING = (
    "Every answer is saved the moment you give it. If recsim closes, run the same command "
    "again to carry on where you stopped, timer included."
)


class BriefingScreen(Screen[bool]):
    """Dismisses with True to start (or resume), False to go back.

    It can open before the scenario's full check has finished (the first screen of
    ``recsim play`` appears at once): Start waits for :meth:`checked`.
    """

    HELP_TITLE = "the briefing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("enter", "resume", "Resume", priority=True),
        # Esc goes back where there is somewhere to go back to; started on one scenario
        # (recsim play) it asks to quit, and the footer says so (once: q is hidden then).
        Binding("escape", "back", "Back"),
        Binding("escape", "leave", "Quit"),
        Binding("q", "quit", "Quit"),
        Binding("q", "quit_quietly", "Quit", show=False),
        # The Start button has focus and no use for these: they read the text above it.
        Binding("pagedown", "read('page_down')", "Page down", show=False),
        Binding("pageup", "read('page_up')", "Page up", show=False),
        Binding("down", "read('scroll_down')", "Down", show=False),
        Binding("up", "read('scroll_up')", "Up", show=False),
        Binding("end", "read('scroll_end')", "End", show=False),
        Binding("home", "read('scroll_home')", "Home", show=False),
    ]

    def __init__(
        self,
        entry: ScenarioEntry,
        trainee: str,
        *,
        resume: AttemptRow | None = None,
        review: bool = False,
        can_go_back: bool = True,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.trainee = trainee
        self.resume = resume
        self.review = review
        self.can_go_back = can_go_back
        self._start_asked = False

    @property
    def ready(self) -> bool:
        return self.entry.playable

    def compose(self) -> ComposeResult:
        entry = self.entry
        yield Static(Content(f"Briefing · {entry.title}"), classes="screen-title")
        with VerticalScroll(id="briefing-text"):
            yield Static(self._facts(), classes="facts", id="facts")
            yield Static(self._resume_text(), id="resume-note")
            # The objectives first: short, and what the trainee is scored on; a long
            # description pushed them below the fold at 80x24.
            if entry.objectives:
                yield Static("Objectives", classes="section-heading", id="objectives-heading")
                yield Static(Content("\n").join(Content(f"• {text}") for text in entry.objectives))
            # Plain first, formatted right after the first frame (the Markdown widget is slow
            # to start).
            yield Static(
                Content(plain(entry.description) or "No description."), id="description-plain"
            )
            yield Static("How this works", classes="section-heading")
            yield Static(self._rules(), id="rules")
        if not self.review:
            with Horizontal(classes="button-row"):
                yield Button(self._start_label(), id="start", variant="primary")
                if self.can_go_back:
                    yield Button("Back (Esc)", id="back")
        yield Footer(compact=True)

    def _facts(self) -> Content:
        entry = self.entry
        length = count(entry.items, "item") if entry.items is not None else "checking the scenario…"
        limit = (
            duration_text(entry.time_limit_seconds)
            if entry.checked
            else entry.time_limit or "no time limit"
        )
        score = f" · Pass mark: {entry.passing_score:g}%" if entry.passing_score is not None else ""
        return Content(
            f"Trainee: {self.trainee} · Setting: {entry.setting.replace('_', ' ')} · "
            f"Mode: {entry.mode} · {length} · Time limit: {limit}{score}"
        )

    def _rules(self) -> Content:
        entry = self.entry
        rules = PRACTICE_RULES if entry.mode == "practice" else EXAM_RULES
        limit = (
            duration_text(entry.time_limit_seconds)
            if entry.time_limit_seconds
            else entry.time_limit
        )
        if limit and entry.mode == "practice":
            rules += f" The suggested time is {limit}; practice is not cut off."
        elif limit:
            rules += f" You have {limit}."
        return Content(f"{rules}\n\n{SAVING}")

    def _start_label(self) -> str:
        if not self.ready:
            return "Checking the scenario…"
        return "Resume (Enter)" if self.resume is not None else "Start (Enter)"

    def _resume_text(self) -> Content:
        row = self.resume
        if row is None:
            return Content("")
        started = row.started_at[:16].replace("T", " ")
        limit = row.time_limit
        left = f", {clock_text(max(0.0, limit - row.elapsed))} left on the clock" if limit else ""
        return Content(
            f"↻ You have an unfinished attempt, started {started} (UTC){left}. "
            "Press Enter to resume exactly where you stopped: your answers and the timer are kept."
        )

    def on_mount(self) -> None:
        self.query_one("#resume-note").display = self.resume is not None
        # Two refreshes on: the first frame is only complete once the footer has composed its
        # keys, and the Markdown widget (about 45 ms to import and lay out) must not hold it back.
        self.call_after_refresh(self.call_after_refresh, self._format_description)
        if self.review:
            self.query_one("#briefing-text").focus()
        else:
            self.query_one("#start", Button).focus()

    def _format_description(self) -> None:
        from textual.widgets import Markdown

        found = self.query("#description-plain")
        if not found:  # Start was pressed first: the briefing has already closed
            return
        placeholder = found.only_one(Static)
        if self.entry.description:
            self.query_one("#briefing-text").mount(
                Markdown(self.entry.description, id="description"), before=placeholder
            )
            placeholder.remove()

    def checked(self, entry: ScenarioEntry, resume: AttemptRow | None) -> None:
        """The full check has passed: show what it found, and start if Enter was already pressed."""
        self.entry, self.resume = entry, resume
        self.query_one("#facts", Static).update(self._facts())
        self.query_one("#rules", Static).update(self._rules())
        note = self.query_one("#resume-note", Static)
        note.update(self._resume_text())
        note.display = resume is not None
        if not self.review:
            self.query_one("#start", Button).label = self._start_label()
        self.refresh_bindings()
        if self._start_asked:
            self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def action_start(self) -> None:
        if self.review:
            self.dismiss(False)
        elif self.ready:
            self.dismiss(True)
        else:
            self._start_asked = True  # starts as soon as the check is done (a moment)

    def action_back(self) -> None:
        if self.review or self.can_go_back:
            self.dismiss(False)
        else:
            self.post_message(QuitAsked())

    def action_resume(self) -> None:
        self.action_start()

    def action_leave(self) -> None:
        self.post_message(QuitAsked())

    def action_quit(self) -> None:
        self.post_message(QuitAsked())

    def action_quit_quietly(self) -> None:
        self.post_message(QuitAsked())

    def action_read(self, how: str) -> None:
        """Scroll the briefing's text (``how``: one of the scroll container's actions)."""
        text = self.query_one("#briefing-text", VerticalScroll)
        getattr(text, f"action_{how}")()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "start",
            "resume",
        ):  # the footer says which; a briefing opened for review only closes
            return not self.review and (action == "resume") == (self.resume is not None)
        goes_back = self.review or self.can_go_back
        if action in ("back", "quit"):
            return goes_back
        if action in ("leave", "quit_quietly"):
            return not goes_back
        return True
