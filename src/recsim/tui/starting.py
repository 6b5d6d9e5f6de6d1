"""Before an attempt: the scenario (picked or given), the trainee's name, the briefing, then begin.

The first part of :class:`recsim.tui.app.RecsimApp`, which adds what happens once the
attempt has begun (:meth:`StartingApp.enter`).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType

from recsim.core.storage import StoreError
from recsim.tui.screens.picker import PickerScreen

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.scenario import LoadedScenario
    from recsim.core.store import AttemptRow, Store
    from recsim.tui.catalog import ScenarioEntry
    from recsim.tui.coach import Coach
    from recsim.tui.screens.briefing import BriefingScreen

    Briefing = tuple[BriefingScreen, asyncio.Future[bool | None]]
    """A briefing on screen and the trainee's answer to it."""

FIRST_FRAME = 0.25
"""Seconds the background check of a scenario waits, so the first frame is drawn first."""


class StartingApp(App[int]):
    """The flow up to an attempt: picker -> name -> briefing (offering to resume) -> begin."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "skip_tour", "End the tour", show=False, priority=True),
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
    ) -> None:
        super().__init__()
        self.store = store
        self.loaded = scenario
        self.scenario_path = scenario_path
        """A scenario file not checked yet (``recsim play``): checked while its briefing shows."""
        self.start_error: str | None = None
        """Why the scenario can't be played, once its check has failed (recsim then exits)."""
        self.trainee = trainee
        self.scenario_files = list(scenario_files)
        self.bundled = set(bundled)
        self._clock = clock
        self.from_picker = False
        """Whether the scenario was chosen in the picker (the results then lead back to it)."""
        self.guide: bool | None = False
        """The guided tour: True (``--guide``), False (off, as in tests), None (the CLI's
        default: offered once per trainee in the tutorial)."""
        self.coach: Coach | None = None
        """The guided tour while it runs (recsim.tui.coach)."""

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
        self.from_picker = from_picker
        if not self.trainee and entry.sealed_for:
            # A sealed form is one trainee's exam: asking the name would let another name
            # stand on it (and the gradebook flag it as played by another).
            self.trainee = entry.sealed_for
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
        """The trainee's unfinished attempt, after finishing a submit that was interrupted."""
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
        from recsim.tui.screens.confirm import ConfirmScreen

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
        self.call_after_refresh(self.offer_tour)

    # the guided tour ---------------------------------------------------------------------------

    def offer_tour(self, asked: bool = False) -> None:
        """Start the guided tour if it is wanted here (asked: from the palette)."""
        from recsim.tui.coach import offer_tour

        offer_tour(self, asked=asked)  # type: ignore[arg-type]

    def action_skip_tour(self) -> None:
        """End the guided tour (not offered again; the palette's Guided tour restarts it)."""
        if self.coach is not None:
            self.coach.end()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.coach is not None if action == "skip_tour" else True

    async def on_event(self, event: events.Event) -> None:
        await super().on_event(event)
        if self.coach is not None and isinstance(event, events.Key | events.MouseUp):
            # What a key did shows once its handlers have run: look after the next refresh.
            self.call_after_refresh(self.coach.check)

    def _fail(self, message: str) -> None:
        """Close recsim with a one-line error (printed once the screen is gone; exit 1)."""
        self.start_error = message
        self.exit(1, return_code=1)

    if TYPE_CHECKING:
        results_folder: Path | None
        """Where results files go (set by the app)."""

        def enter(self, attempt: Attempt) -> None:
            """Show a started or resumed attempt: the app's part, once the attempt has begun."""
