"""Your progress: mastery per CCA and RHIT exam domain over your attempts, your time per item,
and your weakest topics, with a key to practise them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from recsim.session.domains import domains_file
from recsim.session.progress import PRODUCTIVITY_NOTE, Progress
from recsim.session.topics import topic_words
from recsim.tui.messages import PractiseToday
from recsim.tui.words import count

LEVELS = "▁▂▃▄▅▆▇█"
"""A column's height by mastery: 0% is the lowest, 100% the highest."""
TREND = 12
"""Attempts the trend beside a domain shows (the latest)."""


def trend(history: list[float]) -> str:
    """One column per attempt, its height the domain's mastery in it (0 to 100%, not scaled
    to the trainee's own range, so a row of low columns means low mastery)."""
    last = history[-TREND:]
    return "".join(LEVELS[min(len(LEVELS) - 1, int(m * len(LEVELS) / 100))] for m in last)


class ProgressScreen(Screen[None]):
    """Mastery by exam domain (a column per attempt beside each), time, and weakest topics."""

    DEFAULT_CSS = """
    ProgressScreen #progress-body { height: 1fr; padding: 0 1; }
    ProgressScreen .domain-row { height: auto; }
    ProgressScreen .domain-name { width: 1fr; }
    ProgressScreen .domain-trend { width: 12; height: 1; margin-left: 1; }
    ProgressScreen .heading { margin-top: 1; text-style: bold; }
    ProgressScreen .muted { color: $text-muted; }
    """

    HELP_TITLE = "your progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding(
            "p",
            "practise",
            "Practise",
            tooltip="Today's practice set: the topics due, weakest first",
        ),
    ]

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        progress = self.progress
        who = progress.trainee or "no name"
        yield Static(Content(f"Progress · {who}"), classes="screen-title")
        with VerticalScroll(id="progress-body"):
            yield Static(self._overview())
            file = domains_file()
            for exam_id, exam in file.exams.items():
                yield Static(Content(f"{exam.title} exam domains"), classes="heading")
                for domain_id, domain in file.domains.items():
                    if domain.exam == exam_id:
                        yield from self._domain_row(domain_id, domain.title)
            yield Static(Content("Weakest topics (p to practise them)"), classes="heading")
            yield Static(self._weakest())
            if self.progress.topics:
                yield Static(Content("Every topic"), classes="heading")
                yield Static(self._topics())
            outlines = "; ".join(e.outline for e in file.exams.values())
            yield Static(Content(f"Domains from: {outlines}."), classes="heading muted")
        yield Footer(compact=True)

    def _overview(self) -> Content:
        progress = self.progress
        text = f"{count(len(progress.outcomes), 'attempt')} submitted."
        per_item = progress.seconds_per_item
        if per_item is not None:
            text += (
                f" Time: {per_item / 60:.1f} min per item ({3600 / per_item:.0f} per hour);"
                f" {PRODUCTIVITY_NOTE}."
            )
        return Content(
            text + " Mastery is the share of findings you got right; beside each domain,"
            " a column per attempt (the higher, the better)."
        )

    def _domain_row(self, domain_id: str, title: str) -> ComposeResult:
        tally = self.progress.domains.get(domain_id)
        with Horizontal(classes="domain-row"):
            if tally is None:
                yield Static(
                    Content.styled(f"   —    {title}: not practised yet", "$text-muted"),
                    classes="domain-name",
                )
                return
            yield Static(Content(f"{tally.mastery:5.1f}%  {title}"), classes="domain-name")
            history = [mastery for _, mastery in self.progress.history.get(domain_id, [])]
            yield Static(Content.styled(trend(history), "$accent"), classes="domain-trend")

    def _weakest(self) -> Content:
        weakest = self.progress.weakest()
        if not weakest:
            return Content.styled("Nothing missed yet.", "$text-muted")
        lines = [
            f"{self.progress.topics[pair].mastery:5.1f}%  {topic_words(pair[1])}"
            for pair in weakest
        ]
        return Content("\n".join(lines))

    def _topics(self) -> Content:
        ranked = sorted(self.progress.topics.items(), key=lambda pair: topic_words(pair[0][1]))
        return Content(
            "\n".join(
                f"{tally.mastery:5.1f}%  {topic_words(topic)} ({count(tally.count, 'finding')})"
                for (_, topic), tally in ranked
            )
        )

    def action_practise(self) -> None:
        self.post_message(PractiseToday())
