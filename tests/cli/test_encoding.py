"""Bytes that are not UTF-8 on the command line, and a terminal that cannot show a name."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def run(*arguments: str | bytes, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recsim", *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        check=False,
    )


def test_a_trainee_name_in_another_encoding_is_one_line_naming_its_byte() -> None:
    result = run("preview", "tutorial", "--trainee", b"Ana Mu\xf1oz")  # Latin-1, not UTF-8
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        "recsim: argument 4 (Ana Mu\\xf1oz) is not UTF-8 text (byte 0xF1); set the terminal "
        "to UTF-8 (a file with such a name needs renaming)\n"
    )


def test_a_file_name_in_another_encoding_is_refused_before_anything_prints_it() -> None:
    result = run("validate", b"caf\xe9.yaml")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "byte 0xE9" in result.stderr


def test_a_terminal_that_cannot_show_a_name_gets_one_line_not_a_traceback() -> None:
    result = run("preview", "tutorial", "--trainee", "Zoë", PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert result.stderr.endswith(
        "recsim: this terminal's encoding (ascii) cannot show the character U+00EB; "
        "use a UTF-8 terminal (or set PYTHONIOENCODING=utf-8)\n"
    )
    assert "Traceback" not in result.stderr
