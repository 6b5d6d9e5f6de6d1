"""``recsim play``: play a scenario in the terminal UI, or score an answers file headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from recsim.commands.common import (
    UserError,
    load,
    print_json,
    store_option,
    trainee_argument,
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    play = commands.add_parser(
        "play", help="play a scenario (or score an answers file with --answers)"
    )
    play.add_argument(
        "scenario", metavar="SCENARIO", help="scenario file, or a bundled name such as 'tutorial'"
    )
    play.add_argument(
        "--trainee", default="", metavar="NAME", help="your name (selects your variant)"
    )
    play.add_argument("--answers", metavar="FILE", help="score this answers file without the UI")
    play.add_argument(
        "--json", action="store_true", help="with --answers: print the scorecard as JSON"
    )
    store_option(play)
    play.set_defaults(run=run_play)


def run_play(args: argparse.Namespace) -> int:
    args.trainee = trainee_argument(args.trainee)
    if args.answers:
        return _headless(args)
    if args.json:
        raise UserError(
            "--json needs --answers FILE (the terminal UI has no JSON output)", status=2
        )
    from recsim.commands.tui import play_tui

    return play_tui(args)  # the briefing opens at once; the scenario is checked behind it


def run_picker(args: argparse.Namespace) -> int:
    from recsim.commands.tui import run_tui

    return run_tui(args, scenario=None)


def _headless(args: argparse.Namespace) -> int:
    from recsim.core.answers import read_answers
    from recsim.core.scenario import InvalidFile
    from recsim.tasks.grading import AnswersMismatch, score_answers

    loaded = load(args.scenario)
    try:
        answers = read_answers(Path(args.answers))
    except InvalidFile as error:
        raise UserError(str(error.problems[0])) from None
    trainee = args.trainee or answers.trainee
    try:
        card = score_answers(loaded, answers, trainee=trainee, source=args.answers)
    except AnswersMismatch as error:
        raise UserError(str(error)) from None
    if args.json:
        print_json(card.model_dump(mode="json"))
    else:
        _print_scorecard(card)
    return 0


def _print_scorecard(card: Any) -> None:
    verdict = "PASSED" if card.passed else "NOT PASSED"
    print(f"Overall {card.overall:.1f}% (pass mark {card.passing_score:g}%): {verdict}")
    for name, score in card.categories.items():
        print(f"  {name:<9} {score.percent:5.1f}%  ({score.earned:g} of {score.possible:g} points)")
    print(f"  answered {card.items_answered} of {card.items_total} items")
    for finding in card.findings:
        mark = {"correct": "+", "partial": "~"}.get(finding.outcome, "-")
        print(f"{mark} {finding.item} [{finding.outcome}] {finding.feedback} ({finding.rule})")
