"""``recsim report``: item analysis of a class, in the terminal with text bar charts, or exported.

The analysis is :mod:`recsim.core.grading.analysis`; the files are found and
regraded exactly as ``recsim grade`` does (commands/grade.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from recsim.commands.classlist import (
    add_overrides_argument,
    add_roster_argument,
    adjust_class,
    read_overrides_option,
    read_roster_option,
)
from recsim.commands.common import print_json
from recsim.commands.grade import (
    add_results_arguments,
    checked_csv_path,
    grade_class,
    report_unreadable,
    write_export,
)
from recsim.commands.output import bar_blocks, plain_text, show, table
from recsim.commands.report_domains import domains_json, domains_lines
from recsim.commands.report_statistics import statistics_lines

if TYPE_CHECKING:
    from recsim.core.grading import ItemAnalysis
    from recsim.core.grading.classbook import Classbook

BAR_WIDTH = 10


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = commands.add_parser(
        "report",
        help="item analysis of a class's results",
        description="What the class met and missed: for each error kind, coding guideline, "
        "privacy rule and trap, how many trainees met it and missed it and the most common wrong "
        "answer; the objectives with the weakest results; each trainee's strengths and gaps. "
        "Results files are regraded as 'recsim grade' does; each trainee counts once (their "
        "latest attempt).",
        epilog="Exit status: 0 when every file was graded; 1 when any file is unreadable or not "
        "graded (the report covers the others).",
    )
    add_results_arguments(
        report,
        csv_help="also write the analysis to FILE as CSV (one table; "
        "the 'section' column says topic, objective or trainee)",
    )
    report.add_argument(
        "--json", action="store_true", help="print the analysis as JSON instead of text"
    )
    report.add_argument(
        "--domains",
        action="store_true",
        help="add each student's and the class's mastery per CCA and RHIT exam domain",
    )
    add_roster_argument(report)
    add_overrides_argument(report)
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from recsim.core.grading import item_analysis, report_csv, report_json
    from recsim.core.grading.classbook import classbook
    from recsim.session.authored import authored_items

    csv_path = checked_csv_path(args.csv)
    roster, overrides = read_roster_option(args), read_overrides_option(args)
    graded, unreadable = grade_class(args)
    graded = adjust_class(args, graded, roster, overrides)
    report_unreadable(unreadable)
    not_graded = [g for g in graded if g.card is None]
    for attempt in not_graded:
        reason = next(
            (f.message for f in attempt.flags if f.code.startswith(("scenario", "answers_unfit"))),
            "not graded",
        )
        print(
            f"recsim: {plain_text(str(attempt.results.path))}: {plain_text(reason)}",
            file=sys.stderr,
        )
    analyses = item_analysis(graded, authored_items)
    book = classbook(graded, roster) if roster is not None else None
    if csv_path is not None:
        write_export(csv_path, report_csv(analyses))
    domains = domains_json(graded) if args.domains else None
    if args.json:
        extra = ({"roster": roster_json(book)} if book else {}) | (
            {"domains": domains} if domains else {}
        )
        print_json(report_json(analyses) | extra)
    elif analyses:
        print_report(analyses)
        if book is not None:
            show(*roster_lines(book))
        if domains is not None:
            show(*domains_lines(domains))
    else:
        print("No results file could be graded, so there is nothing to analyse.", file=sys.stderr)
    return 1 if unreadable or not_graded else 0


def print_report(analyses: Sequence[ItemAnalysis]) -> None:
    """Each scenario's analysis: topics, objectives and trainees, with bars drawn in text."""
    from rich.padding import Padding
    from rich.text import Text

    blocks = bar_blocks()
    parts: list[Any] = []
    for analysis in analyses:
        count = len(analysis.trainees)
        flagged = sum(1 for t in analysis.trainees if t.flagged)
        parts += [
            Text(f"{plain_text(analysis.title)} ({analysis.scenario})"),
            Text(
                f"{count} trainee{'s' if count != 1 else ''} (latest attempt each): average "
                f"{analysis.average:.1f}%, {analysis.passed} passed "
                f"(pass mark {analysis.passing_score:g}%)"
                + (f"; {flagged} flagged by 'recsim grade' (marked *)" if flagged else "")
            ),
            Text(""),
            _topics_table(analysis, blocks),
        ]
        alarms = sorted(
            (t for t in analysis.topics if t.false_alarms), key=lambda t: (-t.false_alarms, t.topic)
        )
        if alarms:
            listed = "; ".join(f"{_words(t.topic)} ({t.false_alarms})" for t in alarms)
            parts.append(Text(f"Flagged where it was not there (trainees): {listed}"))
        if analysis.objectives:
            parts += [Text(""), _objectives_table(analysis, blocks)]
        parts += [
            Text(""),
            Text("Trainees: strengths (met every time) and gaps (most points lost first)"),
        ]
        for trainee in analysis.trainees:
            name = (plain_text(trainee.trainee) or "(no name)") + (" *" if trainee.flagged else "")
            verdict = "pass" if trainee.passed else "FAIL"
            gaps = [_words(t) for t in trainee.gaps] + [
                f"flagged where it was not there: {_words(t)}" for t in trainee.false_alarm_topics
            ]
            parts += [
                Text(f"  {name}: {trainee.overall:.1f}% {verdict}"),
                *[
                    Padding(Text(f"override: {plain_text(o)}"), (0, 0, 0, 4))
                    for o in trainee.overrides
                ],
                Padding(
                    Text(f"strengths: {_first([_words(t) for t in trainee.strengths])}"),
                    (0, 0, 0, 4),
                ),
                Padding(Text(f"gaps: {_first(gaps)}"), (0, 0, 0, 4)),
            ]
        if analysis.statistics is not None:
            parts += statistics_lines(analysis.statistics)
        parts.append(Text(""))
    show(*parts)


def roster_json(book: Classbook) -> dict[str, Any]:
    """Who on the roster handed nothing in, and which results are from names not on it."""
    return {
        "missing": [{"name": s.name, "scenario": scenario} for s, scenario in book.missing],
        "not_on_roster": [
            {"file": e.file, "trainee": e.trainee, "scenario": e.scenario}
            for e in book.excluded
            if e.reason.startswith("flagged") and "not_on_roster" in e.reason
        ],
    }


def roster_lines(book: Classbook) -> list[Any]:
    """The roster's students with no results file, and the names not on the roster."""
    from rich.text import Text

    record = roster_json(book)
    missing = [f"{plain_text(m['name'])} ({m['scenario']})" for m in record["missing"]]
    strangers = sorted({plain_text(s["trainee"]) or "(no name)" for s in record["not_on_roster"]})
    return [
        Text(f"Missing submissions ({len(missing)}): {', '.join(missing) or 'none'}"),
        Text(f"Not on the roster ({len(strangers)}): {', '.join(strangers) or 'none'}"),
    ]


def bar(percent: float | None, blocks: str, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` characters, filled in proportion to ``percent``."""
    if percent is None:
        return " " * width
    filled = round(max(0.0, min(100.0, percent)) * width / 100)
    return blocks[0] * filled + blocks[1] * (width - filled)


def _topics_table(analysis: ItemAnalysis, blocks: str) -> Any:
    from rich.text import Text

    from recsim.session.topics import topic_words

    topics = table("What the class met and missed, weakest first")
    # Long names wrap (fold) rather than lose their end: no word or number is dropped.
    topics.add_column("Topic", overflow="fold", min_width=12)
    for name in ("Faced", "Met", "Part", "Miss"):
        topics.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    topics.add_column("Points", no_wrap=True, min_width=BAR_WIDTH)
    topics.add_column("", justify="right", no_wrap=True, min_width=4)
    faced = [
        topic for topic in analysis.topics if topic.faced
    ]  # only-false-alarm topics: listed below
    any_wrong = any(topic.common_wrong_answer for topic in faced)
    if any_wrong:
        topics.add_column("Common wrong answer", overflow="fold", min_width=8)
    for topic in faced:
        cells = [
            Text(topic_words(topic.topic)),  # words, not ids (which broke mid-word at 80 columns)
            str(topic.faced),
            str(topic.met),
            str(topic.partly),
            str(topic.missed),
            bar(topic.percent, blocks),
            _percent(topic.percent),
        ]
        if any_wrong:
            cells.append(
                Text(
                    f"{plain_text(topic.common_wrong_answer)} (x{topic.common_wrong_count})"
                    if topic.common_wrong_answer
                    else ""
                )
            )
        topics.add_row(*cells)
    return topics


def _objectives_table(analysis: ItemAnalysis, blocks: str) -> Any:
    from rich.text import Text

    objectives = table("Objectives, weakest first")
    objectives.add_column("Objective", overflow="fold", max_width=20)
    objectives.add_column("Points", no_wrap=True, min_width=BAR_WIDTH)
    objectives.add_column("", justify="right", no_wrap=True, min_width=4)
    objectives.add_column("What it asks", overflow="fold")
    for objective in analysis.objectives:
        objectives.add_row(
            Text(objective.objective),
            bar(objective.percent, blocks),
            _percent(objective.percent),
            Text(plain_text(objective.text)),
        )
    return objectives


def _words(topic: str) -> str:
    from recsim.session.topics import topic_words

    return topic_words(topic)


def _first(topics: Sequence[str], count: int = 4) -> str:
    # Titles can hold commas ("Diagnosis, principal"), so the list is cut with semicolons.
    if not topics:
        return "-"
    shown = "; ".join(topics[:count])
    return shown + (f" and {len(topics) - count} more" if len(topics) > count else "")


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"
