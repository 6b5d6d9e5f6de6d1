"""``recsim play``: play a scenario in the terminal UI, or score an answers file headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from recsim.commands.common import (
    UserError,
    load,
    print_json,
    scenario_path,
    store_option,
    trainee_argument,
)
from recsim.session.terminal import TerminalRequest


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
    tour = play.add_mutually_exclusive_group()
    tour.add_argument(
        "--guide",
        dest="guide",
        action="store_const",
        const=True,
        help="walk through the tutorial with the guided tour, even if you have done it",
    )
    tour.add_argument(
        "--no-guide",
        dest="guide",
        action="store_const",
        const=False,
        help="play without the guided tour (it is offered once, the first time)",
    )
    play.add_argument(
        "--json", action="store_true", help="with --answers: print the scorecard as JSON"
    )
    play.add_argument(
        "--results",
        metavar="OUT",
        help="with --answers: also write a graded results file (OUT is a .json file or a "
        "folder), so answers collected another way are graded with the class",
    )
    store_option(play)
    play.set_defaults(run=run_play)


def run_play(args: argparse.Namespace) -> int | TerminalRequest:
    """Score an answers file, or ask for the terminal UI on the scenario's briefing.

    The briefing opens at once; the scenario is checked behind it.
    """
    args.trainee = trainee_argument(args.trainee)
    if args.answers:
        if args.guide is not None:
            flag = "--guide" if args.guide else "--no-guide"
            raise UserError(f"{flag} is for the terminal UI; --answers scores without it", status=2)
        return _headless(args)
    if args.json or args.results:
        raise UserError(
            "--json needs --answers FILE (the terminal UI has no JSON output)"
            if args.json
            else "--results needs --answers FILE (the terminal UI writes results on submission)",
            status=2,
        )
    return TerminalRequest(
        store=getattr(args, "store", None),
        scenario_path=scenario_path(args.scenario),
        trainee=args.trainee or "",
        guide=args.guide,
    )


def run_picker(args: argparse.Namespace) -> TerminalRequest:
    """Ask for the terminal UI on the scenario picker."""
    return TerminalRequest(
        store=getattr(args, "store", None), folders=[Path(f) for f in args.dir or []]
    )


def _headless(args: argparse.Namespace) -> int:
    from recsim.core.answers import read_answers
    from recsim.core.scenario import InvalidFile
    from recsim.session.grading import AnswersMismatch, score_answers

    loaded = load(args.scenario, sealed=True)
    try:
        answers = read_answers(Path(args.answers))
    except InvalidFile as error:
        raise UserError(str(error.problems[0])) from None
    trainee = args.trainee or answers.trainee
    if loaded.sealed is not None:
        return _hand_in_sealed(args, loaded, answers, trainee)
    try:
        card = score_answers(loaded, answers, trainee=trainee, source=args.answers)
    except AnswersMismatch as error:
        raise UserError(str(error)) from None
    if args.results:
        _write_results(args, loaded, answers, trainee)
    if args.json:
        print_json(card.model_dump(mode="json"))
    else:
        _print_scorecard(card)
    return 0


def _hand_in_sealed(args: argparse.Namespace, loaded: Any, answers: Any, trainee: str) -> int:
    """A sealed form has no key to score with: the answers are handed in as a results file."""
    if not args.results or args.json:
        raise UserError(
            f"{args.scenario}: a sealed exam form is graded by the instructor, not here; "
            "hand the answers in with --results OUT (and without --json)",
            status=2,
        )
    _write_results(args, loaded, answers, trainee)
    print("Handed in. This exam is sealed: your instructor grades it with the exam's key.")
    return 0


def _write_results(args: argparse.Namespace, loaded: Any, answers: Any, trainee: str) -> None:
    import sys

    from recsim.session.answers_results import results_from_answers

    out = Path(args.results)
    if out.suffix.lower() != ".json" and out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file; --results names a .json file or a folder", status=2)
    try:
        _, written = results_from_answers(loaded, answers, trainee, out, source=args.answers)
    except FileExistsError:
        raise UserError(f"{out}: already exists; recsim never overwrites a results file") from None
    except OSError as error:
        raise UserError(f"{out}: cannot write ({error.strerror or error})") from None
    print(f"wrote {written}", file=sys.stderr)


def _print_scorecard(card: Any) -> None:
    verdict = "PASSED" if card.passed else "NOT PASSED"
    print(f"Overall {card.overall:.1f}% (pass mark {card.passing_score:g}%): {verdict}")
    for name, score in card.categories.items():
        print(f"  {name:<9} {score.percent:5.1f}%  ({score.earned:g} of {score.possible:g} points)")
    print(f"  answered {card.items_answered} of {card.items_total} items")
    for finding in card.findings:
        mark = {"correct": "+", "partial": "~"}.get(finding.outcome, "-")
        print(f"{mark} {finding.item} [{finding.outcome}] {finding.feedback} ({finding.rule})")
