"""``recsim seal``: an exam as one form file per trainee and one key for the instructor."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from recsim.commands.classlist import read_roster_option
from recsim.commands.common import UserError, load, seed_argument

if TYPE_CHECKING:
    from recsim.core.scenario import LoadedScenario
    from recsim.core.sealed import SealedKey

WHAT_IT_PROTECTS = (
    "A form file holds what its trainee sees and nothing else: no answer key, no seed. "
    "It does not stop trainees from sharing what they saw; see docs/instructors.md."
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    seal = commands.add_parser(
        "seal",
        help="write an exam as one form file per trainee and a key file (no key for trainees)",
        description="Seal an exam for a class: each trainee on the roster gets a form file "
        "holding only what they see (no answer key, no seed), to play with 'recsim play "
        "FORM'; the key file grades their results with 'recsim grade --key KEY'.",
        epilog=WHAT_IT_PROTECTS,
    )
    seal.add_argument("scenario", metavar="EXAM", help="the exam's scenario file (mode: exam)")
    seal.add_argument(
        "--roster",
        metavar="FILE",
        required=True,
        help="the class list (one name per line, or a CSV with a name column)",
    )
    seal.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        help="folder to write the forms and the key into (new or empty of earlier seals)",
    )
    seal.add_argument(
        "--seed",
        type=seed_argument,
        metavar="N",
        help="make the forms from this seed instead of a random one (then 'recsim preview "
        "EXAM --seed N --trainee NAME' shows a trainee's form and key; so can anyone with "
        "the exam file and N)",
    )
    seal.set_defaults(run=run_seal)


def run_seal(args: argparse.Namespace) -> int:
    from recsim.session.sealed import SealRefused, seal

    roster = read_roster_option(args)
    assert roster is not None  # --roster is required
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out}: is a file; --out names a folder", status=2)
    loaded = load(args.scenario)
    try:
        sealed = seal(loaded, [s.name for s in roster.students], out, seed=args.seed)
    except SealRefused as refused:
        raise UserError(str(refused)) from None
    except OSError as error:
        raise UserError(f"{out}: cannot write ({error.strerror or error})") from None
    for trainee, path in sealed.forms:
        print(f"{trainee}: {path}")
    forms = f"{len(sealed.forms)} form" + ("" if len(sealed.forms) == 1 else "s")
    print(
        f"Sealed {forms} of '{loaded.scenario.title}'. Give each trainee "
        f"their own form file; keep the key, {sealed.key}, to yourself: it grades them "
        f"(recsim grade RESULTS --key {sealed.key})."
    )
    return 0


def add_key_argument(parser: argparse.ArgumentParser) -> None:
    """``--key`` for the commands that regrade results files (``grade``, ``report``)."""
    parser.add_argument(
        "--key",
        metavar="KEYFILE",
        action="append",
        default=[],
        help="grade results played on sealed forms with this key file (from 'recsim seal'); "
        "repeat it for several sittings",
    )


def read_key_option(path: Path) -> tuple[SealedKey, LoadedScenario, Path]:
    """A ``--key`` file, and the scenario it holds, or a one-line :class:`UserError`."""
    from recsim.core.sealed import SealedFileError, read_key
    from recsim.session.sealed import key_scenario

    try:
        key = read_key(path)
        return key, key_scenario(key, path), path
    except SealedFileError as error:
        raise UserError(str(error)) from None
