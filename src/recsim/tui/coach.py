"""The guided tour's coach: says each step over the real screens and sees when it is done.

The coach watches what the trainee really does: the screens that open and close (the
app's screen-change signal) and, after each key or click, the state those screens and
the attempt are in. The words are data (recsim.tui.tour, tour.yaml); this module only
knows how each ``until`` looks on screen. It is started for a trainee's first attempt of
a tour scenario, and once finished or ended it is not offered again
(recsim.session.tours) unless asked for (``--guide`` or "Guided tour" in the palette).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.widgets import Input, OptionList

from recsim.session.tours import remember_tour_finished, tour_finished
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.coach import CoachNoteScreen, CoachPanel, KeyMapScreen
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.flag_field import FlagFieldScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.workspace import Workspace
from recsim.tui.tour import Step, key_map, say, tour

if TYPE_CHECKING:
    from textual.screen import Screen

    from recsim.tui.app import RecsimApp

SHORT = 20
"""Terminals fewer rows high than this get only each step's instruction, not its explanation."""
ELSEWHERE = "The guided tour runs in the tutorial: recsim play tutorial --guide"


def _section_jumped(screen: Screen[Any], _: Coach) -> bool:
    if not isinstance(screen, AuditScreen):
        return False
    starts = [n for n, row in enumerate(screen.rows) if row.depth == 0]
    here = screen.query_one("#chart", OptionList).highlighted or 0
    return len(starts) > 1 and here >= starts[1]


def _kind_chosen(screen: Screen[Any], _: Coach) -> bool:
    return isinstance(screen, FlagFieldScreen) and screen.query_one("#correction", Input).has_focus


def _submit_asked(screen: Screen[Any], _: Coach) -> bool:
    return isinstance(screen, ConfirmScreen) and screen.title_text.startswith("Submit")


DONE_WHEN: dict[str, Callable[[Screen[Any], Coach], bool]] = {
    "item_opened": lambda screen, _: isinstance(screen, Workspace),
    "section_jumped": _section_jumped,
    "flag_dialog": lambda screen, _: isinstance(screen, FlagFieldScreen),
    "kind_chosen": _kind_chosen,
    "field_flagged": lambda screen, _: isinstance(screen, AuditScreen) and bool(screen.flags),
    "answer_given": lambda _, coach: coach.answers() > coach.answers_before,
    "feedback_read": lambda screen, coach: isinstance(screen, QueueScreen) and coach.answers() > 0,
    "submit_asked": _submit_asked,
    "submitted": lambda _, coach: coach.submitted(),
}
"""How each ``until`` of tour.yaml looks on screen (every one has an entry: a test checks)."""


class Coach:
    """One run of the tour over an attempt: its step, its panel, and how it ends."""

    def __init__(self, app: RecsimApp) -> None:
        self.app = app
        self.steps: list[Step] = list(tour().steps)
        self.index = -1
        """The step being shown (-1: the welcome)."""
        self.confirmed: str | None = None
        """What the last step saw done, said at the head of the next."""
        self.answers_before: int = 0
        self.panel: CoachPanel | None = None
        self.over = False

    # what the coach reads ------------------------------------------------------------------

    def answers(self) -> int:
        """How many items of the attempt are answered."""
        return len(self.app.attempt.answers) if self.app.attempt is not None else 0

    def submitted(self) -> bool:
        """Whether the attempt has been submitted."""
        return self.app.attempt is not None and self.app.attempt.submitted

    @property
    def step(self) -> Step | None:
        """The step to do now (None before the first and after the last)."""
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    # the run -------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the welcome; Enter begins the steps, Esc ends the tour."""
        self.app.screen_change_signal.subscribe(self.app, self._screen_changed)
        welcome = CoachNoteScreen("Guided tour", say(tour().welcome))
        self.app.push_screen(welcome, lambda go: self._next() if go else self.end())

    def _screen_changed(self, _: Screen[Any]) -> None:
        self.app.call_after_refresh(self.check)

    def check(self) -> None:
        """Move on if the trainee has done what the step asks; keep the panel on top."""
        step = self.step
        if self.over or step is None:
            return
        try:
            done = DONE_WHEN[step.until](self.app.screen, self)
        except NoMatches:  # a screen still composing: look again after the next key
            done = False
        if done:
            self.confirmed = step.done
            self._next()
        else:
            self._show()

    def _next(self) -> None:
        self.index += 1
        self.answers_before = self.answers()
        if self.step is None:
            self._remove_panel()
            self.app.push_screen(KeyMapScreen(say(tour().keymap), key_map()), self._finished)
            return
        self.check()  # already done (a resumed attempt): on at once

    def _show(self) -> None:
        step = self.step
        screen = self.app.screen
        if step is None or isinstance(screen, CoachNoteScreen | KeyMapScreen):
            return
        if type(screen).__module__.startswith("textual."):
            return  # Textual's own screens (the command palette) are not recsim's to change
        where = f"{self.index + 1}/{len(self.steps)}"
        # A short terminal keeps the chart in view: only what to do, not the explanation.
        short = screen.size.height < SHORT
        text = say(step.do if short else f"{step.text} {step.do}")
        words = CoachPanel.words(where, text, self.confirmed, say("{app.skip_tour}"), short=short)
        panel = self.panel
        if panel is not None and panel.is_attached and panel.screen is screen:
            if panel.text != text:
                panel.text = text
                panel.update(words)
            return
        self._remove_panel()
        self.panel = CoachPanel(text, words)
        screen.mount(self.panel)

    def abandon(self) -> None:
        """Stop without remembering anything (a new run of the tour replaces this one)."""
        self.over = True
        self._remove_panel()
        self.app.screen_change_signal.unsubscribe(self.app)

    def _remove_panel(self) -> None:
        if self.panel is not None and self.panel.is_attached:
            self.panel.remove()
        self.panel = None

    def _finished(self, _: None = None) -> None:
        self.end(notice="Tour finished. Ask for it again any time: Guided tour in Ctrl+P.")

    def end(self, notice: str | None = None) -> None:
        """End the tour (finished or skipped) and remember it for this trainee."""
        if self.over:
            return
        self.abandon()
        remember_tour_finished(self.app.trainee)
        self.app.notify(
            notice or "Tour ended. Ask for it again any time: Guided tour in Ctrl+P.", timeout=6
        )
        if self.app.coach is self:
            self.app.coach = None


def offer_tour(app: RecsimApp, *, asked: bool = False) -> None:
    """Start the tour on the attempt just begun, if it is wanted.

    Asked for (the palette, ``--guide``), it starts in any tour scenario; otherwise only
    for a trainee who has not finished it, unless ``--no-guide`` turned it off.
    """
    loaded, attempt = app.loaded, app.attempt
    if loaded is None or attempt is None or attempt.submitted:
        if asked:
            app.notify("The guided tour starts with an attempt of the tutorial.", timeout=6)
        return
    wanted = asked or app.guide is True
    if loaded.scenario.id not in tour().scenarios:
        if wanted:
            app.notify(ELSEWHERE, timeout=8)
        return
    if not wanted and (app.guide is False or tour_finished(app.trainee)):
        return
    if app.coach is not None:
        app.coach.abandon()
    app.coach = Coach(app)
    app.coach.start()
