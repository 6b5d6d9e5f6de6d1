"""The results: score per category and overall, pass or not, and every finding by item."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from recsim.session.practice import MISSED
from recsim.tui.messages import BackToPicker, PractiseMissed, QuitAsked, ShowProgress
from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.export import WEB_NO_FILES, ExportScreen
from recsim.tui.widgets.access_log import access_log_content
from recsim.tui.widgets.findings import finding_content, points_text, told_apart
from recsim.tui.words import OUTCOME, count

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt
    from recsim.core.scoring import Finding, Scorecard


@dataclass(frozen=True)
class Line:
    """One row of the findings list: an item heading, or one of its findings."""

    item: str
    finding: Finding | None = None


def item_summary(item_id: str, findings: list[Finding]) -> str:
    """``audit-2 · 3 findings: 2 correct, 1 missed``."""
    outcomes = Counter(f.outcome for f in findings)
    parts = [f"{number} {OUTCOME[name][1]}" for name, number in outcomes.items()]
    return f"{item_id} · {count(len(findings), 'finding')}: {', '.join(parts)}"


def answered_text(attempt: Attempt) -> str:
    """``Answered 3 of 3 items; 6 of 6 interruptions met.``: the items counted as the work queue
    counts them (the scorecard's count takes in the interruptions, which the queue does not list).
    """
    from recsim.session.attempts import WorkQueue

    work = WorkQueue.of(attempt.grader.form)
    text = f"Answered {work.answered(attempt):,} of {count(len(work.items), 'item')}"
    if work.traps:
        met = sum(1 for trap in work.traps if trap in attempt.answers)
        text += f"; {met:,} of {count(len(work.traps), 'interruption')} met"
    return text + "."


class ResultsScreen(Screen[None]):
    """Shown after submitting; the attempt is closed."""

    CSS_PATH = WORK_CSS

    HELP_TITLE = "your results"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_square_bracket",
            "item(1)",
            "Next item",
            tooltip="Jump to the next item's findings",
        ),
        Binding("left_square_bracket", "item(-1)", "Previous item", show=False),
        Binding(
            "p",
            "practise",
            "Practise missed",
            tooltip="A short practice set: fresh items of the topics you missed",
        ),
        Binding("g", "progress", "Progress", tooltip="Your mastery by topic and by exam domain"),
        Binding(
            "e", "export", "Save copy", tooltip="Save a copy of your results file somewhere else"
        ),
        Binding("escape", "to_picker", "Scenarios", tooltip="Back to the list of scenarios"),
        Binding("escape", "quit", "Quit", tooltip="Quit recsim (it asks first)"),
        Binding("q", "app.request_quit", "Quit", show=False),
    ]

    def __init__(
        self,
        attempt: Attempt,
        card: Scorecard | None,
        results_path: Path,
        *,
        time_up: bool = False,
        to_picker: bool = False,
    ) -> None:
        """``to_picker``: recsim was started from the picker, so Esc goes back to it.

        ``card`` is None for a sealed exam's form: nothing is scored until the instructor
        grades it with the key.
        """
        super().__init__()
        self.to_picker = to_picker
        self.attempt = attempt
        self.card = card
        self.results_path = results_path
        self.time_up = time_up
        self.lines: list[Line] = []
        by_item: dict[str, list[Finding]] = {}
        for finding in card.findings if card is not None else ():
            by_item.setdefault(finding.item, []).append(finding)
        self.by_item = by_item
        self.missed = card is not None and any(f.outcome in MISSED for f in card.findings)
        """Whether anything was missed (there is something to practise)."""
        self.headings: list[Content | None] = []
        """Each line's heading in the list (None for an item's summary line)."""
        for item_id, findings in by_item.items():
            self.lines.append(Line(item_id))
            self.lines += [Line(item_id, f) for f in findings]
            self.headings += [None, *told_apart(findings)]

    def compose(self) -> ComposeResult:
        row = self.attempt.row
        yield Static(
            Content(f"Results · {row.scenario_title} · {row.trainee}"), classes="screen-title"
        )
        # The button takes the summary's blank line below it: one line more, not two.
        yield Static(self._summary(), id="summary", classes="-above-button" if self.missed else "")
        if self.missed:
            yield Button("Practise what I missed (p)", id="practise", compact=True)
        with Horizontal(id="results-body"):
            options = []
            for line, heading in zip(self.lines, self.headings, strict=True):
                if heading is None:
                    options.append(
                        Option(
                            Content.styled(item_summary(line.item, self.by_item[line.item]), "bold")
                        )
                    )
                else:
                    options.append(Option(Content("  ") + heading))
            yield OptionList(*options, id="findings")
            with VerticalScroll(id="finding-detail"):
                yield Static(id="detail")
        yield Footer(compact=True)

    def _summary(self) -> Content:
        card = self.card
        if card is None:
            return self._handed_in()
        verdict = (
            Content.styled("✔ PASSED", "$text-success bold")
            if card.passed
            else Content.styled("✘ NOT PASSED", "$text-error bold")
        )
        lines = [verdict + f"  Overall {card.overall:.1f}% (pass mark {card.passing_score:g}%)"]
        lines.append(
            Content(
                "  ·  ".join(
                    f"{name} {score.percent:.1f}% ({points_text(score.earned, score.possible)})"
                    for name, score in card.categories.items()
                )
                or "Nothing was scored."
            )
        )
        answered = answered_text(self.attempt)
        if self.time_up:
            answered += " Time ran out, so your attempt was submitted automatically."
        lines.append(Content(answered))
        lines.append(
            Content.assemble(("Results file (hand this in): ", "bold"), str(self.results_path))
        )
        return Content("\n").join(lines)

    def _handed_in(self) -> Content:
        """The summary of a sealed form: handed in, to be graded by the instructor."""
        answered = answered_text(self.attempt)
        if self.time_up:
            answered += " Time ran out, so your attempt was submitted automatically."
        return Content("\n").join(
            [
                Content.styled("✔ HANDED IN", "$text-success bold"),
                Content(
                    "This exam is sealed: your answers are not scored here. Your instructor "
                    "grades them with the exam's key and tells you your results."
                ),
                Content(answered),
                Content.assemble(("Results file (hand this in): ", "bold"), str(self.results_path)),
            ]
        )

    def on_mount(self) -> None:
        findings = self.query_one("#findings", OptionList)
        findings.focus()
        if self.lines:
            findings.highlighted = 0
        elif self.card is None:
            self.query_one("#detail", Static).update("Findings appear when your exam is graded.")
        else:
            self.query_one("#detail", Static).update("No findings.")

    @on(OptionList.OptionHighlighted, "#findings")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        line = self.lines[event.option_index]
        if line.finding is not None:
            text = finding_content(line.finding)
        elif line.item not in self.attempt.grader.form:  # the access log follows the items
            text = access_log_content(self.attempt)
        else:
            title = self.attempt.grader.form.item(line.item).title
            text = Content("\n").join(
                [
                    Content.styled(f"{line.item} · {title}", "bold"),
                    Content(item_summary(line.item, self.by_item[line.item])),
                    Content(""),
                    Content.styled("↓ to read each finding; ] for the next item.", "$text-muted"),
                ]
            )
        self.query_one("#detail", Static).update(text)

    def action_item(self, step: int) -> None:
        findings = self.query_one("#findings", OptionList)
        here = findings.highlighted or 0
        heads = [n for n, line in enumerate(self.lines) if line.finding is None]
        targets = [n for n in heads if (n > here if step > 0 else n < here)]
        if targets:
            findings.highlighted = targets[0] if step > 0 else targets[-1]
            findings.scroll_to_highlight(top=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Esc is one key with one meaning here: back to the scenarios, or (started on one
        # scenario) the question to quit; the footer shows only the one that applies.
        if action in ("to_picker", "quit"):
            return (action == "to_picker") == self.to_picker
        # A sealed exam's form is scored by the instructor: no findings to step through,
        # and "nothing was missed" would be untrue.
        return self.card is not None or action not in ("practise", "item")

    def action_quit(self) -> None:
        self.post_message(QuitAsked())

    def action_to_picker(self) -> None:
        self.post_message(BackToPicker())

    @on(Button.Pressed, "#practise")
    def _practise_pressed(self) -> None:
        self.action_practise()

    def action_practise(self) -> None:
        """Ask the app for a practice set of what this attempt missed."""
        if not self.missed:
            self.notify("Nothing was missed, so there is nothing to practise.", timeout=5)
            return
        self.post_message(PractiseMissed())

    def action_progress(self) -> None:
        self.post_message(ShowProgress())

    def action_export(self) -> None:
        if self.app.is_web:  # the file would land on the class server's disk, not the trainee's
            self.notify(WEB_NO_FILES, markup=False, timeout=8)
            return

        def saved(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Saved a copy at {path}", markup=False, timeout=6)

        self.app.push_screen(ExportScreen(self.results_path), saved)
