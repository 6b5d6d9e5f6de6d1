"""After the results: a practice set of what was missed, and the trainee's progress.

The part of :class:`recsim.tui.app.RecsimApp` between the start
(:class:`recsim.tui.starting.StartingApp`) and the attempt: the results screen, the
picker and the progress screen ask for these by message; the session API makes the
practice sets and reads the progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from recsim.core.scenario import InvalidFile
from recsim.session.errors import UserError
from recsim.tui.messages import PractiseMissed, PractiseToday, ShowProgress
from recsim.tui.starting import StartingApp

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.scenario import LoadedScenario


class PracticeFlow(StartingApp):
    """Practise what I missed; practise today's set; show my progress."""

    if TYPE_CHECKING:
        attempt: Attempt | None

        def _reset_after_attempt(self) -> None:
            """Let a submitted attempt go (the app's part)."""

    def on_practise_missed(self, _: PractiseMissed) -> None:
        """Make a practice set of the submitted attempt's misses and open its briefing."""
        from recsim.session.checks import load_checked
        from recsim.session.practice import practise_attempt
        from recsim.session.submit import read_scorecard

        attempt, loaded = self.attempt, self.loaded
        if attempt is None or loaded is None or not attempt.submitted:
            return
        row = self.store.attempt(attempt.id) or attempt.row
        if row.results_path is None:
            return
        card = read_scorecard(Path(row.results_path))
        findings = [(f.item, f.topic, f.outcome) for f in card.findings]
        try:
            path = practise_attempt(
                self.store.path, loaded, (row.id, row.seed), row.trainee, findings
            )
            practice = load_checked(path) if path is not None else None
        except (OSError, InvalidFile, UserError) as error:
            self.notify(f"Could not make a practice set: {error}", severity="error", markup=False)
            return
        if practice is None:
            self.notify(
                "No fresh item tests what you missed here; try 'recsim practice' for your "
                "daily set across all your attempts.",
                timeout=8,
            )
            return
        self._play_practice(practice)

    def on_show_progress(self, _: ShowProgress) -> None:
        """The trainee's progress by topic and by exam domain."""
        from recsim.session.progress import progress_of
        from recsim.tui.screens.progress import ProgressScreen

        try:
            progress = progress_of(self.store, self.trainee)
        except UserError as error:
            self.notify(str(error), severity="warning", markup=False, timeout=8)
            return
        self.push_screen(ProgressScreen(progress))

    def on_practise_today(self, _: PractiseToday) -> None:
        """Today's practice set across all the trainee's attempts (``recsim practice``)."""
        from datetime import date

        from recsim.session.checks import load_checked
        from recsim.session.daily import daily_plan, write_set

        if self.attempt is not None and not self.attempt.submitted:
            return
        try:
            plan = daily_plan(self.store, self.trainee, date.today())
            playable = [s for s in plan.sets if s.document is not None]
            path = write_set(playable[0]) if playable else None
            practice = load_checked(path) if path is not None else None
        except (OSError, InvalidFile, UserError) as error:
            self.notify(f"Could not make a practice set: {error}", severity="error", markup=False)
            return
        if practice is None:
            self.notify("Nothing is due for practice today: well done.", timeout=6)
            return
        self.trainee = plan.trainee
        self._play_practice(practice)

    def _play_practice(self, practice: LoadedScenario) -> None:
        """Leave whatever is on screen for the practice set's briefing (Esc leads to the picker)."""
        from recsim.tui.catalog import entry_of
        from recsim.tui.screens.picker import PickerScreen

        if self.attempt is not None:
            self._reset_after_attempt()
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(PickerScreen(self.scenario_files, self.bundled))
        self.start(entry_of(practice), from_picker=True)
