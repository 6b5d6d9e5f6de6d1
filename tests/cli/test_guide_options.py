"""``recsim play --guide / --no-guide``: what they ask of the terminal UI, and misuse refused."""

from __future__ import annotations

import pytest

from recsim.cli import build_parser, main
from recsim.session.terminal import TerminalRequest


def request(*argv: str) -> TerminalRequest:
    args = build_parser().parse_args(["play", "tutorial", "--trainee", "Ana", *argv])
    made = args.run(args)
    assert isinstance(made, TerminalRequest)
    return made


def test_the_tour_is_asked_for_left_out_or_left_to_recsim() -> None:
    assert request("--guide").guide is True
    assert request("--no-guide").guide is False
    assert request().guide is None  # offered once per trainee, in the tutorial


def test_guide_and_no_guide_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["play", "tutorial", "--guide", "--no-guide"])
    assert exit_.value.code == 2
    assert "--no-guide: not allowed with argument --guide" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["--guide", "--no-guide"])
def test_a_tour_option_with_answers_is_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: object, flag: str
) -> None:
    status = main(["play", "tutorial", flag, "--answers", "answers.json"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip().splitlines() == [
        f"recsim: {flag} is for the terminal UI; --answers scores without it"
    ]
