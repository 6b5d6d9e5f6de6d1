"""The recsim app: wires the screens together and holds the attempt; nothing else.

Built by :func:`create_app` (the CLI and the tests use the same factory, with
the attempt store and scenario passed in: no globals). The session API does
all the work: this module only decides which screen comes next.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from recsim.core.storage import StoreError
from recsim.tui.contrast import legible_variables
from recsim.tui.countdown import TIME_UP, Countdown
from recsim.tui.lookup import look_up, lookup_command
from recsim.tui.messages import BackToPicker, OpenItem, QuitAsked, ShowBriefing, SubmitAttempt
from recsim.tui.palette import palette_commands
from recsim.tui.practice_flow import PracticeFlow
from recsim.tui.questions import quit_question
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.help import HelpScreen
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.submitting import ask_to_submit, submit_and_show

if TYPE_CHECKING:
    from textual.timer import Timer

    from recsim.core.attempt import Attempt
    from recsim.core.scenario import LoadedScenario
    from recsim.core.store import Store
    from recsim.session.attempts import WorkQueue
    from recsim.tui.crash import Crash


class RecsimApp(PracticeFlow):
    """recsim in the terminal: the start (see :mod:`recsim.tui.starting`), then the attempt."""

    CSS_PATH = "app.tcss"
    TITLE = "recsim"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's name)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
        Binding("f3", "patient_lookup", "Patient lookup", show=False),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
        Binding("ctrl+c", "request_quit", "Quit", show=False),
    ]

    def __init__(
        self,
        *,
        store: Store,
        scenario: LoadedScenario | None,
        scenario_path: Path | None = None,
        trainee: str,
        scenario_files: Sequence[Path],
        bundled: Iterable[Path],
        clock: Callable[[], datetime] | None,
        results_folder: Path | None,
    ) -> None:
        super().__init__(
            store=store,
            scenario=scenario,
            scenario_path=scenario_path,
            trainee=trainee,
            scenario_files=scenario_files,
            bundled=bundled,
            clock=clock,
        )
        self.results_folder = results_folder
        self.attempt: Attempt | None = None
        self.work: WorkQueue | None = None
        """The attempt's listed items and interruptions (once it has begun)."""
        self._timer: Timer | None = None
        self._countdown = Countdown()
        self.crash: Crash | None = None
        """The unhandled error that stopped the app, with its report file (recsim.tui.crash)."""
        self.submit_error: str | None = None
        """Why the last submit failed, while the attempt is still open (recsim exits 1)."""

    def _handle_exception(self, error: Exception) -> None:
        """Any unhandled error closes recsim (exit 1). The attempt store failing under a screen
        (damaged, taken over by another window, a full disk) says so in one line; anything else
        writes its traceback to a crash report, never on screen."""
        if isinstance(error, StoreError | sqlite3.Error):
            self._fail(str(error))
            return
        if self.crash is None:
            from recsim.tui.crash import write_report

            scenario = self.loaded.scenario.id if self.loaded is not None else None
            screens = [type(screen).__name__ for screen in self.screen_stack]
            self.crash = write_report(
                error, screens=screens, scenario=scenario, trainee=self.trainee
            )
        super()._handle_exception(error)
        self._exit_renderables.clear()  # not on screen: the report holds it

    def _fatal_error(self) -> None:
        # Textual's version renders a traceback with local variables (answers among them)
        # and rings the bell; the report has the traceback, so only close.
        self._close_messages_no_wait()

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with every text colour kept at 4.5:1 (see recsim.tui.contrast)."""
        return legible_variables(super().get_css_variables(), dark=self.current_theme.dark)

    # the attempt: queue <-> workspaces -> results ---------------------------------------------

    def enter(self, attempt: Attempt) -> None:
        """Show the work queue of a started or resumed attempt, reopening the item it stopped on."""
        from recsim.session.attempts import WorkQueue
        from recsim.tui.screens.queue import QueueScreen

        self.attempt = attempt
        self.work = work = WorkQueue.of(attempt.grader.form)
        # The form lives as long as the attempt: keep the garbage collector from rescanning its
        # slots (a full collection over 100,000 of them stalls a key press by ~60 ms).
        gc.freeze()
        queue = QueueScreen(attempt, work.items, hidden=work.hidden)
        if isinstance(self.screen, PickerScreen):
            self.switch_screen(queue)
        else:
            self.push_screen(queue)
        self._timer = self.set_interval(1.0, self._each_second)
        current = attempt.current_item
        if (
            current is not None
            and current in attempt.grader.form
            and attempt.status(current) != "done"
        ):
            self.call_after_refresh(self._resume_at, current)
        else:
            self.call_after_refresh(self.spring_due_trap)

    def _resume_at(self, item_id: str) -> None:
        from recsim.tui.screens.queue import QueueScreen

        if isinstance(self.screen, QueueScreen):
            self.screen.queue.move_to(item_id)
            self.open_item(item_id)

    # interruptions ---------------------------------------------------------------------------

    def pending_traps(self, *, due_only: bool) -> list[str]:
        """The interruptions not met yet (only those due now, with ``due_only``)."""
        if self.attempt is None or self.work is None:
            return []
        return self.work.pending_traps(self.attempt, due_only=due_only)

    def spring_due_trap(self) -> bool:
        """Interrupt with the next trap whose moment has come; False if none has."""
        due = self.pending_traps(due_only=True)
        if due:
            self.spring_trap(due[0])
        return bool(due)

    def spring_trap(self, trap_id: str, then: Callable[[], None] | None = None) -> None:
        """Show a trap as an interruption and record the response (``then`` runs afterwards)."""
        from recsim.session import attempts as session
        from recsim.tui.screens.feedback import FeedbackScreen
        from recsim.tui.screens.trap import TrapScreen

        attempt = self.attempt
        if attempt is None or attempt.submitted:
            return
        item = attempt.open_item(trap_id)

        def responded(response: str | None) -> None:
            if response is None or attempt.submitted:
                return
            findings = session.respond_to_interruption(attempt, trap_id, response)
            after = then or (lambda: None)
            if findings is not None:
                self.push_screen(FeedbackScreen(item.title, findings), lambda _: after())
            else:
                self.notify("Your response is recorded.", timeout=3)
                after()

        self.push_screen(TrapScreen(attempt, item), responded)

    def open_item(self, item_id: str) -> None:
        """Open a queue item in its kind's workspace (logged in the access audit trail)."""
        attempt, work = self.attempt, self.work
        if attempt is None or work is None or attempt.submitted:
            return
        from recsim.session.kinds import interrupting
        from recsim.tui.screens import workspace_for

        kind = attempt.grader.form.slots[attempt.grader.form.position(item_id)].kind
        if interrupting(kind):
            self.spring_trap(item_id)
            return
        screen = workspace_for(kind)
        if screen is None:
            self.notify(
                f"This version of recsim has no screen for {kind} items; "
                "score them with 'recsim play SCENARIO --answers FILE'.",
                severity="error",
            )
            return
        item = attempt.open_item(item_id)
        self.push_screen(
            screen(attempt, item, total=len(work.items), hidden=work.hidden),
            partial(self._back_from, item_id),
        )

    def _back_from(self, item_id: str, answered: bool | None) -> None:
        from recsim.tui.screens.queue import QueueScreen

        if isinstance(self.screen, QueueScreen):
            self.screen.after_item(item_id, bool(answered))
        if answered:
            self.spring_due_trap()

    def show_briefing(self) -> None:
        """The briefing again, to re-read (from the queue)."""
        from recsim.tui.catalog import entry_of
        from recsim.tui.screens.briefing import BriefingScreen

        if self.loaded is not None:
            self.push_screen(BriefingScreen(entry_of(self.loaded), self.trainee, review=True))

    def action_patient_lookup(self) -> None:
        """Search the hospital's patient index and open a chart (recsim.tui.lookup)."""
        look_up(self)

    # submitting ------------------------------------------------------------------------------

    def request_submit(self) -> None:
        """Ask, then submit the whole attempt (recsim.tui.submitting)."""
        ask_to_submit(self)

    def submit(self, reason: str = "submitted") -> None:
        """Submit (unfinished work included, as it stands) and show the results."""
        submit_and_show(self, reason)

    def stop_clock(self) -> None:
        """Stop the attempt's countdown (it has been submitted)."""
        if self._timer is not None:
            self._timer.stop()

    def back_to_picker(self) -> None:
        """From the results of a submitted attempt, back to the scenarios to choose another."""
        if self.attempt is None or not self.attempt.submitted:
            return
        self._reset_after_attempt()
        self.switch_screen(PickerScreen(self.scenario_files, self.bundled))

    def _reset_after_attempt(self) -> None:
        gc.unfreeze()  # the form is let go: the collector may look at it again
        self.attempt = self.work = self.loaded = None
        self._countdown = Countdown()

    def _each_second(self) -> None:
        attempt = self.attempt
        if attempt is None or attempt.submitted:
            return
        for notice in self._countdown.second(attempt):
            if notice is TIME_UP:
                self.submit("time_up")
            else:
                self.notify(
                    notice.text, severity="warning" if notice.warning else "information", timeout=8
                )

    # help, quitting and the command palette --------------------------------------------------

    def action_help(self) -> None:
        """List the keys of the current screen, the statuses and how saving works."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.of(self.screen))

    def action_request_quit(self) -> None:
        """Quit, after asking (the work is saved either way)."""
        if isinstance(self.screen, ConfirmScreen) and self.screen.title_text == "Quit recsim?":
            return
        body = quit_question(
            self.attempt, play_argument=self._play_argument(), trainee=self.trainee
        )
        self.push_screen(
            ConfirmScreen("Quit recsim?", body, yes="Quit", no="Stay"), self._quit_answered
        )

    def _quit_answered(self, yes: bool | None) -> None:
        if not yes:
            return
        if self.attempt is not None and not self.attempt.submitted:
            self.attempt.tick()
        self.exit(0)

    def _play_argument(self) -> str:
        path = self.loaded.path if self.loaded is not None else Path("SCENARIO")
        return path.stem if path in self.bundled else str(path)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the screen's actions by name, help, quit (with its question) and themes."""
        yield from palette_commands(
            self,
            screen,
            super().get_system_commands(screen),
            ask_quit=self.action_request_quit,
            show_help=self.action_help,
        )
        yield from lookup_command(self, screen)

    # what the screens ask for ----------------------------------------------------------------

    def on_open_item(self, message: OpenItem) -> None:
        self.open_item(message.item_id)

    def on_show_briefing(self, _: ShowBriefing) -> None:
        self.show_briefing()

    def on_submit_attempt(self, _: SubmitAttempt) -> None:
        self.request_submit()

    def on_quit_asked(self, _: QuitAsked) -> None:
        self.action_request_quit()

    def on_back_to_picker(self, _: BackToPicker) -> None:
        self.back_to_picker()


def create_app(
    *,
    store: Store,
    scenario: LoadedScenario | None = None,
    scenario_path: Path | None = None,
    trainee: str = "",
    folders: Iterable[Path] = (),
    bundled: Iterable[Path] | None = None,
    clock: Callable[[], datetime] | None = None,
    results_folder: Path | None = None,
) -> RecsimApp:
    """The app, for the CLI and the tests alike.

    With ``scenario`` (already checked) or ``scenario_path`` (checked while its briefing
    shows) it opens that scenario's briefing; with neither, the picker.
    """
    from recsim.tui.catalog import scenario_files

    if bundled is None:
        from recsim.session.bundled import bundled_scenarios

        bundled = bundled_scenarios()
    bundled = list(bundled)
    return RecsimApp(
        store=store,
        scenario=scenario,
        scenario_path=scenario_path,
        trainee=" ".join(trainee.split()),
        scenario_files=scenario_files(bundled, folders)
        if scenario is None and scenario_path is None
        else [],
        bundled=bundled,
        clock=clock,
        results_folder=results_folder,
    )
