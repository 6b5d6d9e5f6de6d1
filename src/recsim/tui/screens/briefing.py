"""The briefing: what the scenario asks, its objectives, the rules of its mode and its time limit.

Shown before an attempt starts (dismissed with True to start, or to resume an
unfinished attempt it offers) and again from the work queue to re-read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Markdown, Static

from recsim.tui.words import clock_text, count, duration_text

if TYPE_CHECKING:
    from recsim.core.scenario import LoadedScenario

PRACTICE_RULES = (
    "This is practice. After each item you see what you found, what you missed and why, "
    "with the rule behind it. Take your time."
)
EXAM_RULES = (
    "This is an exam. You see no feedback until you submit. The clock counts down while "
    "recsim is open, and at 0:00 your attempt is submitted as it stands. You can open any "
    "item again and change its answer until then."
)
SAVING = (
    "Every answer is saved the moment you give it. If recsim closes, run the same command "
    "again to carry on where you stopped, timer included."
)


class BriefingScreen(Screen[bool]):
    """Dismisses with True to start (or resume), False to go back."""

    HELP_TITLE = "the briefing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", priority=True),
        Binding("escape", "back", "Back"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    def __init__(
        self, loaded: LoadedScenario, trainee: str, *, resume: dict[str, Any] | None = None,
        review: bool = False, can_go_back: bool = True,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.trainee = trainee
        self.resume = resume
        self.review = review
        self.can_go_back = can_go_back

    def compose(self) -> ComposeResult:
        from recsim.core.scenario.models import count_items

        scenario = self.loaded.scenario
        items = sum(count_items(task) for task in scenario.tasks)
        yield Static(Content(f"Briefing · {scenario.title}"), classes="screen-title")
        with VerticalScroll(id="briefing-text"):
            facts = (
                f"Trainee: {self.trainee} · Setting: {scenario.setting.replace('_', ' ')} · "
                f"Mode: {scenario.mode} · {count(items, 'item')} · "
                f"Time limit: {duration_text(scenario.time_limit_seconds)} · "
                f"Pass mark: {scenario.passing_score:g}%"
            )
            yield Static(Content(facts), classes="facts")
            if self.resume is not None:
                yield Static(Content(self._resume_text()), id="resume-note")
            yield Markdown(scenario.description or "_No description._", id="description")
            if scenario.objectives:
                yield Static("Objectives", classes="section-heading")
                yield Static(Content("\n").join(Content(f"• {o.text}") for o in scenario.objectives))
            yield Static("How this works", classes="section-heading")
            rules = PRACTICE_RULES if scenario.mode == "practice" else EXAM_RULES
            limit = scenario.time_limit_seconds
            if limit and scenario.mode == "practice":
                rules += f" The suggested time is {duration_text(limit)}; practice is not cut off."
            elif limit:
                rules += f" You have {duration_text(limit)}."
            yield Static(Content(f"{rules}\n\n{SAVING}"))
        if not self.review:
            with Horizontal(classes="button-row"):
                label = "Resume (Enter)" if self.resume is not None else "Start (Enter)"
                yield Button(label, id="start", variant="primary")
                if self.can_go_back:
                    yield Button("Back (Esc)", id="back")
        yield Footer(compact=True)

    def _resume_text(self) -> str:
        assert self.resume is not None
        row = self.resume
        started = str(row.get("started_at", ""))[:16].replace("T", " ")
        limit = row.get("time_limit")
        left = f", {clock_text(max(0.0, limit - float(row['elapsed'])))} left on the clock" if limit else ""
        return (f"↻ You have an unfinished attempt, started {started} (UTC){left}. "
                "Press Enter to resume exactly where you stopped: your answers and the timer are kept.")

    def on_mount(self) -> None:
        if self.review:
            self.query_one("#briefing-text").focus()
            self.sub_title = "review"
        else:
            self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_back()

    def action_start(self) -> None:
        if self.review:
            self.dismiss(False)
        else:
            self.dismiss(True)

    def action_back(self) -> None:
        if self.review or self.can_go_back:
            self.dismiss(False)
        else:
            self.app.action_request_quit()  # type: ignore[attr-defined]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "start" and self.review)  # a briefing opened for review only closes
