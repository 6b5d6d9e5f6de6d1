"""The recsim app: wires the screens together and holds the attempt; nothing else.

Built by :func:`create_app` (the CLI and the tests use the same factory, with
the attempt store and scenario passed in: no globals). The session API does
all the work: this module only decides which screen comes next.
"""

from __future__ import annotations

import asyncio
import gc
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from recsim.core.storage import StoreError
from recsim.tui.contrast import legible_variables
from recsim.tui.screens.confirm import ConfirmScreen
from recsim.tui.screens.help import HelpScreen
from recsim.tui.screens.picker import PickerScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from recsim.core.attempt import Attempt
    from recsim.core.scenario import LoadedScenario
    from recsim.core.store import AttemptRow, Store
    from recsim.session.attempts import WorkQueue
    from recsim.tui.catalog import ScenarioEntry
    from recsim.tui.screens.briefing import BriefingScreen

    Briefing = tuple[BriefingScreen, asyncio.Future[bool | None]]
    """A briefing on screen and the trainee's answer to it."""

FIRST_FRAME = 0.25
"""Seconds the background check of a scenario waits, so the first frame is drawn first."""
TICK_EVERY = 5
"""Seconds between saves of the timer (answers are saved at once, whatever this says)."""
WARNINGS = (300, 60)
"""Seconds left at which an exam warns the trainee."""


class RecsimApp(App[int]):
    """recsim in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "recsim"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 (Textual's name)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help"),
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
        super().__init__()
        self.store = store
        self.loaded = scenario
        self.scenario_path = scenario_path
        """A scenario file not checked yet (``recsim play``): checked while its briefing shows."""
        self.start_error: str | None = None
        """Why the scenario can't be played, once its check has failed (recsim then exits)."""
        self.submit_error: str | None = None
        """Why the last submit failed, while the attempt is still open (recsim exits 1)."""
        self.trainee = trainee
        self.scenario_files = list(scenario_files)
        self.bundled = set(bundled)
        self._clock = clock
        self.results_folder = results_folder
        self.attempt: Attempt | None = None
        self.work: WorkQueue | None = None
        """The attempt's listed items and interruptions (once it has begun)."""
        self._timer: Timer | None = None
        self._seconds = 0
        self._warned: set[int] = set()

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, with every text colour kept at 4.5:1 (see recsim.tui.contrast)."""
        return legible_variables(super().get_css_variables(), dark=self.current_theme.dark)

    # the flow: picker -> name -> briefing -> queue <-> workspaces -> results --------------

    def on_mount(self) -> None:
        from recsim.tui.catalog import entry_of, glance

        if self.loaded is not None:
            self.start(entry_of(self.loaded), from_picker=False)
        elif self.scenario_path is not None:
            self.start(glance(self.scenario_path), from_picker=False)
        else:
            self.push_screen(PickerScreen(self.scenario_files, self.bundled))

    def on_picker_screen_chosen(self, message: PickerScreen.Chosen) -> None:
        self.start(message.entry, from_picker=True)

    def start(self, entry: ScenarioEntry, *, from_picker: bool) -> None:
        """Ask the name if needed, show the briefing (offering to resume), then begin.

        With the name known the briefing is pushed at once, so that it is the first frame
        recsim draws (pushed from the worker, it would come a frame later, after an empty
        screen). A scenario not yet checked (``recsim play``) is checked in the background
        while the trainee reads, and Start waits for the check.
        """
        briefing = (
            self._brief(entry, self.trainee, from_picker=from_picker) if self.trainee else None
        )
        self._carry_on(entry, briefing, from_picker=from_picker)

    def _brief(self, entry: ScenarioEntry, trainee: str, *, from_picker: bool) -> Briefing:
        """Push the briefing; the future is its answer (True: start or resume)."""
        from recsim.tui.screens.briefing import BriefingScreen

        row = self._resumable(entry, trainee) if entry.playable else None
        screen = BriefingScreen(entry, trainee, resume=row, can_go_back=from_picker)
        answer: asyncio.Future[bool | None] = asyncio.get_running_loop().create_future()
        self.push_screen(screen, answer.set_result)
        return screen, answer

    @work(exclusive=True, group="flow")
    async def _carry_on(
        self, entry: ScenarioEntry, briefing: Briefing | None, *, from_picker: bool
    ) -> None:
        from recsim.tui.screens.trainee import TraineeScreen

        check = None if entry.playable else asyncio.ensure_future(self._check(entry.path))
        if briefing is None:
            name = await self.push_screen_wait(TraineeScreen())
            if name is None:
                if not from_picker:
                    self.exit(0)
                return
            self.trainee = name
            briefing = self._brief(entry, name, from_picker=from_picker)
        screen, answer = briefing
        if check is not None:
            entry = await check
            if entry.error is not None:
                more = (
                    f" (and {entry.more_errors} more; run 'recsim validate {entry.path}')"
                    if entry.more_errors
                    else ""
                )
                self.start_error = entry.error + more
                self.exit(1, return_code=1)
                return
            # Queued on the briefing, so it runs once the briefing has composed (if the check
            # finished while the name was typed, the briefing went up a moment ago).
            screen.call_later(screen.checked, entry, self._resumable(entry, self.trainee))
        if not await answer:
            return
        assert entry.loaded is not None
        self.begin(entry.loaded, self.trainee, screen.resume)

    async def _check(self, path: Path) -> ScenarioEntry:
        from recsim.tui.catalog import check

        await asyncio.sleep(
            FIRST_FRAME
        )  # let the first frame out before the check takes the interpreter
        return await asyncio.to_thread(check, path)

    def _resumable(self, entry: ScenarioEntry, trainee: str) -> AttemptRow | None:
        from recsim.session import attempts as session
        from recsim.session.submit import SubmitFailed

        assert entry.loaded is not None
        interrupted = session.interrupted(self.store, entry.loaded, trainee)
        if interrupted is not None:  # recsim stopped while writing its results: finish that
            try:
                path = session.finish_interrupted(
                    self.store, entry.loaded, interrupted, self.results_folder
                )
            except SubmitFailed as error:
                self.notify(str(error), severity="error", markup=False, timeout=15)
            else:
                self.notify(
                    f"Your last attempt was submitted; its results file is {path}",
                    markup=False,
                    timeout=15,
                )
        return session.resumable(self.store, entry.loaded, trainee)

    @work(exclusive=True, group="begin")
    async def begin(self, loaded: LoadedScenario, trainee: str, row: AttemptRow | None) -> None:
        """Start a new attempt, or resume the unfinished one (``row``), and show its queue.

        An attempt open in another window is taken over only when the trainee says so.
        """
        from recsim.core.attempt import utc_now
        from recsim.session import attempts as session

        clock = self._clock or utc_now
        try:
            if row is None:
                attempt = session.begin(self.store, loaded, trainee, clock=clock)
            else:
                try:
                    attempt = session.resume(self.store, loaded, row.id, clock=clock)
                except session.AttemptBusy as busy:
                    question = ConfirmScreen(
                        "Open in another window",
                        f"{busy}.\nTake it over here? The other window will stop saving it.",
                        yes="Take over",
                        no="Leave it",
                    )
                    if not await self.push_screen_wait(question):
                        self._fail(f"{busy}; carry on there, or start again and take it over")
                        return
                    attempt = session.resume(
                        self.store, loaded, row.id, clock=clock, take_over=True
                    )
        except (StoreError, sqlite3.Error, OSError) as error:
            self._fail(f"could not start: {error}")
            return
        self.loaded = loaded
        self.enter(attempt)

    def _fail(self, message: str) -> None:
        """Close recsim with a one-line error (printed once the screen is gone; exit 1)."""
        self.start_error = message
        self.exit(1, return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        # The attempt store failing under a screen (damaged, taken over by another window,
        # a full disk) closes recsim with one line, not a traceback of the trainee's answers.
        if isinstance(error, StoreError | sqlite3.Error):
            self._fail(str(error))
            return
        super()._handle_exception(error)

    def enter(self, attempt: Attempt) -> None:
        """Show the work queue of a started or resumed attempt (and reopen the item it stopped on)."""
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

    def _pending_traps(self, *, due_only: bool) -> list[str]:
        if self.attempt is None or self.work is None:
            return []
        return self.work.pending_traps(self.attempt, due_only=due_only)

    def spring_due_trap(self) -> bool:
        """Interrupt with the next trap whose moment has come; False if none has."""
        due = self._pending_traps(due_only=True)
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

    # submitting ------------------------------------------------------------------------------

    def request_submit(self) -> None:
        """Ask, then submit the whole attempt."""
        attempt, work = self.attempt, self.work
        if attempt is None or work is None or attempt.submitted:
            return
        pending = self._pending_traps(due_only=False)
        if pending:  # every interruption is met before the attempt closes
            self.spring_trap(pending[0], then=self.request_submit)
            return
        total, answered = len(work.items), work.answered(attempt)
        lines = [f"You have answered {answered:,} of {total:,} items."]
        if answered < total:
            lines.append(f"{total - answered:,} unanswered will score as missed.")
        if attempt.drafts:
            lines.append(
                f"{len(attempt.drafts):,} with unfinished changes will be submitted as they stand."
            )
        lines.append("After submitting you cannot change any answer.")
        self.push_screen(
            ConfirmScreen(
                "Submit your attempt?", "\n".join(lines), yes="Submit", no="Keep working"
            ),
            lambda yes: self.submit() if yes else None,
        )

    def submit(self, reason: str = "submitted") -> None:
        """Submit (unfinished work included, as it stands) and show the results."""
        from recsim.session.submit import SubmitFailed, read_scorecard, submit
        from recsim.tui.screens.queue import QueueScreen
        from recsim.tui.screens.results import ResultsScreen

        attempt = self.attempt
        if attempt is None or attempt.submitted:
            return
        try:
            path = submit(
                self.store,
                attempt,
                reason="time_up" if reason == "time_up" else "submitted",
                results_folder=self.results_folder,
            )
        except SubmitFailed as error:
            self.submit_error = str(error)
            self.notify(f"Not submitted: {error}", severity="error", markup=False, timeout=30)
            return
        self.submit_error = None
        if self._timer is not None:
            self._timer.stop()
        while len(self.screen_stack) > 2 and not isinstance(self.screen, QueueScreen):
            self.pop_screen()
        card = read_scorecard(path)
        self.switch_screen(ResultsScreen(attempt, card, path, time_up=reason == "time_up"))

    def _each_second(self) -> None:
        attempt = self.attempt
        if attempt is None or attempt.submitted:
            return
        self._seconds += 1
        if self._seconds % TICK_EVERY == 0:
            attempt.tick()
        remaining = attempt.remaining()
        if remaining is None:
            return
        for threshold in WARNINGS:
            if remaining <= threshold and threshold not in self._warned and remaining > 0:
                self._warned.add(threshold)
                minutes = threshold // 60
                self.notify(
                    f"{minutes} minute{'s' if minutes != 1 else ''} left.",
                    severity="warning",
                    timeout=8,
                )
        if remaining <= 0 and 0 not in self._warned:
            self._warned.add(0)
            if attempt.practice:
                self.notify(
                    "The suggested time is up. This is practice, so you can keep working.",
                    timeout=8,
                )
            else:
                self.submit("time_up")

    # help, quitting and the command palette --------------------------------------------------

    def action_help(self) -> None:
        """List the keys of the current screen, the statuses and how saving works."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.of(self.screen))

    def action_request_quit(self) -> None:
        """Quit, after asking (the work is saved either way)."""
        if isinstance(self.screen, ConfirmScreen) and self.screen.title_text == "Quit recsim?":
            return
        attempt = self.attempt
        if attempt is not None and not attempt.submitted:
            clock = (
                " The clock stops while recsim is closed."
                if attempt.remaining() is not None
                else ""
            )
            body = (
                "Your work so far is saved. To carry on later, run\n"
                f'  recsim play {self._play_argument()} --trainee "{self.trainee}"\n'
                f"and press Enter to resume where you stopped.{clock}"
            )
        elif attempt is not None:
            body = f"Your results file is saved at\n  {attempt.row.results_path or ''}"
        else:
            body = "Nothing has been started, so there is nothing to save."
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

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        """The palette: every action of the screen by name, help, quit (with its question) and themes."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command
        yield SystemCommand(
            "Quit", "Quit recsim (asks first; your work is saved)", self.action_request_quit
        )
        yield SystemCommand(
            "Help", "Keys of this screen, statuses and how saving works", self.action_help
        )
        seen = {"help", "request_quit", "app.request_quit"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            about = f"{binding.tooltip} " if binding.tooltip else ""
            yield SystemCommand(
                binding.description,
                f"{about}(key: {self.get_key_display(binding)})",
                partial(self.run_action, binding.action, active.node),
            )


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
