"""An unhandled error in the UI: terminal restored, a crash report, one line, exit 1 (item 8)."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from recsim.tui.app import RecsimApp
from recsim.tui.screens.briefing import BriefingScreen
from tests.conftest import ROOT
from tests.tui.drive import settle


def failing_step() -> None:
    answer = "SECRET-ANSWER-I10"  # a local: Textual's own traceback would print it
    raise RuntimeError(f"injected failure after {len(answer)} characters")


async def test_an_error_inside_the_app_goes_to_a_report_without_locals_or_the_name(
    make_app: Callable[..., RecsimApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECSIM_LOG_DIR", str(tmp_path / "logs"))
    app = make_app("tutorial", trainee="Ana Ruiz")
    with pytest.raises(RuntimeError, match="injected failure"):
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, BriefingScreen)
            app.call_later(failing_step)
            await settle(pilot)
    assert app.return_code == 1
    assert app.crash is not None and app.crash.report is not None
    assert app.crash.report.parent == tmp_path / "logs"
    report = app.crash.report.read_text(encoding="utf-8")
    assert "Traceback" in report and "RuntimeError: injected failure after 17" in report
    assert "scenario: tutorial" in report and "BriefingScreen" in report
    assert "SECRET-ANSWER" not in report and "Ana Ruiz" not in report
    assert str(app.crash.report) in app.crash.line()


CHILD = """
import sys
from recsim.tui.app import RecsimApp

def on_mount(self):
    answer = "SECRET-ANSWER-I10"
    raise RuntimeError("injected failure")

RecsimApp.on_mount = on_mount
from recsim.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_in_terminal(arguments: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run recsim with a pseudo-terminal as its terminal; its exit status and all it wrote."""
    keyboard, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, *arguments],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
        env=env,
    )
    os.close(terminal)
    written = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if select.select([keyboard], [], [], 0.5)[0]:
                try:
                    chunk = os.read(keyboard, 65536)
                except OSError:  # the child has gone and closed the terminal
                    break
                if not chunk:
                    break
                written += chunk
        status = child.wait(timeout=10)
    finally:
        child.kill()
        os.close(keyboard)
    return status, written.decode("utf-8", "replace")


def test_recsim_play_restores_the_terminal_and_prints_one_line_naming_the_report(
    tmp_path: Path,
) -> None:
    logs = tmp_path / "logs"
    env = {**os.environ, "TERM": "xterm-256color", "RECSIM_LOG_DIR": str(logs)}
    store = str(tmp_path / "store.sqlite3")
    status, written = run_in_terminal(
        ["--store", store, "play", "tutorial", "--trainee", "Ana Ruiz"], env
    )
    assert status == 1
    assert "\x1b[?1049h" in written  # the UI took the screen...
    assert written.rfind("\x1b[?1049l") > written.rfind("\x1b[?1049h")  # ...and gave it back
    after = written[written.rfind("\x1b[?1049l") :]
    text = re.sub(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x07]*\x07|.)", "", after).strip()
    reports = sorted(logs.glob("crash-*.txt"))
    assert len(reports) == 1
    assert text == (
        f"recsim: stopped on an internal error (RuntimeError); the details are in {reports[0]} "
        "(please pass that file on). Run the same command again to carry on"
    )
    assert "Traceback" not in written and "injected failure" not in written
    report = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: injected failure" in report and "SECRET-ANSWER" not in report


def test_an_error_escaping_textual_itself_is_reported_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import recsim.tui.launch as tui_command
    from recsim.cli import main

    def broken_driver(self: RecsimApp) -> None:
        raise OSError("the terminal went away")

    monkeypatch.setenv("RECSIM_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(tui_command, "has_terminal", lambda: True)
    monkeypatch.setattr(RecsimApp, "run", broken_driver)
    store = str(tmp_path / "store.sqlite3")
    assert main(["--store", store, "play", "tutorial", "--trainee", "Ana"]) == 1
    err = capsys.readouterr().err
    (report,) = (tmp_path / "logs").glob("crash-*.txt")
    assert err == (
        f"recsim: stopped on an internal error (OSError); the details are in {report} "
        "(please pass that file on). Run the same command again to carry on\n"
    )
    assert "OSError: the terminal went away" in report.read_text(encoding="utf-8")
