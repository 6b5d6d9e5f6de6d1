"""A killed terminal loses nothing: the next start resumes every answer, draft and the timer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from recsim.core.store import Store
from recsim.tui.app import RecsimApp
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.briefing import BriefingScreen
from recsim.tui.screens.queue import QueueScreen
from tests.conftest import ROOT, SCENARIOS
from tests.tui.drive import settle


def _run_until_ready(store_path: Path) -> tuple[subprocess.Popen[str], str]:
    # The checkout's own src first, so a worktree tests its code, not an installed copy.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.tui.killed_attempt",
            str(store_path),
            str(SCENARIOS / "tutorial.yaml"),
            "Ana",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY"):
        process.kill()
        raise AssertionError(
            f"the attempt did not start: {line!r} {process.stderr.read() if process.stderr else ''}"
        )
    return process, line.split()[1]


async def test_an_attempt_killed_mid_item_resumes_with_every_answer_and_draft(
    tmp_path: Path,
    make_app: Callable[..., RecsimApp],
) -> None:
    store_path = tmp_path / "attempts.sqlite3"
    process, attempt_id = _run_until_ready(store_path)
    process.send_signal(
        signal.SIGKILL
    )  # no clean exit: nothing gets a chance to save on the way out
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    store = Store(store_path)
    saved = store.attempt(attempt_id)
    assert saved is not None and saved.status == "in_progress"
    from recsim.tui.app import create_app
    from tests.tui.conftest import fixed_clock, scenario

    app = create_app(
        store=store,
        scenario=scenario("tutorial"),
        trainee="ana",
        clock=fixed_clock,
        results_folder=tmp_path / "results",
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        briefing = app.screen
        assert isinstance(briefing, BriefingScreen) and briefing.resume is not None
        assert briefing.resume.id == attempt_id
        await pilot.press("enter")  # Resume
        await settle(pilot)
        attempt = app.attempt
        assert attempt is not None and attempt.id == attempt_id
        first, second = (slot.id for slot in attempt.grader.form.slots[:2])
        assert set(attempt.answers) == {first}
        assert attempt.drafts[second]["flags"][0]["location"] == "patient.date_of_birth"
        # exactly where it stopped: the unfinished chart is open again with its flag
        workspace = app.screen
        assert isinstance(workspace, AuditScreen) and workspace.item.id == second
        assert workspace.flags["patient.date_of_birth"].correction == "1990-01-02"
        assert attempt.elapsed() >= saved.elapsed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert attempt.status(first) == "done" and attempt.status(second) == "in_progress"
    store.close()
