"""Without a terminal (a pipe, cron, CI) the UI commands say what to run instead (item 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import ROOT

LINE = (
    "recsim: the terminal UI needs a terminal, and input or output is redirected here; "
    "to score without one, run: recsim play SCENARIO --answers FILE --json\n"
)


def run(arguments: list[str], tmp_path: Path, stdin: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recsim", "--store", str(tmp_path / "store.sqlite3"), *arguments],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=20,  # the old behaviour: escape codes into the pipe, then waiting for keys
        check=False,
    )


@pytest.mark.parametrize(
    "arguments", [[], ["play", "tutorial"], ["play", "tutorial", "--trainee", "Ana"]]
)
def test_with_nothing_attached_the_ui_commands_exit_two_with_one_line(
    arguments: list[str], tmp_path: Path
) -> None:
    result = run(arguments, tmp_path, subprocess.DEVNULL)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", LINE)


def test_a_terminal_for_input_but_output_into_a_pipe_is_still_no_terminal(
    tmp_path: Path,
) -> None:
    keyboard, terminal = os.openpty()
    try:
        result = run(["play", "tutorial", "--trainee", "Ana"], tmp_path, terminal)
    finally:
        os.close(keyboard)
        os.close(terminal)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", LINE)


def test_scoring_an_answers_file_needs_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"recsim_answers": 1, "scenario": "tutorial", "answers": {}}')
    assert main(["play", "tutorial", "--answers", str(answers), "--json"]) == 0
    assert capsys.readouterr().out.startswith("{")
