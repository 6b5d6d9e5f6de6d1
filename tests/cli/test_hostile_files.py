"""Hostile files in every place recsim reads one: one line, fast, small, non-zero (issue 19).

A device that never ends (/dev/zero), a named pipe nobody writes to, a sparse
1 GiB file and a YAML alias bomb, each given as a scenario, an answers file, a
roster, ``grade --scenario``, a results file and put in the picker's folder.
Each runs in a child process capped at 2 GiB of address space (so a regression
fails there instead of filling the machine) that reports the processor time and
peak memory of the command; a hang (which takes no processor time) is caught by
the wall-clock timeout. Processor time rather than wall time, so that a machine
busy with other work does not make the test flaky.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

BOMB = DATA / "scenarios" / "bad" / "alias-bomb-title.yaml"
"""424 bytes whose title, expanded, is 387 million strings."""
RESULTS = DATA / "results" / "empty.json"

CHILD = """
import resource, sys, time
cap = 2 * 2**30
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
mode, *argv = sys.argv[1:]
started = time.process_time()
if mode == "picker":
    from pathlib import Path
    from recsim.tui.catalog import check, glance, scenario_files
    status = 0
    for path in scenario_files([], [Path(argv[0])]):
        glance(path)
        entry = check(path)
        if entry.error is not None:
            print(entry.error)
            status = 1
else:
    from recsim.cli import main
    status = main(argv)
elapsed = time.process_time() - started
# VmHWM is this process's own peak; getrusage's ru_maxrss carries over the parent's
# figure from before exec, which is the test runner's.
status_lines = open("/proc/self/status").read().splitlines()
peak = next(int(l.split()[1]) for l in status_lines if l.startswith("VmHWM:")) / 1024
sys.stderr.write(f"@@ {elapsed:.3f} {peak:.0f}\\n")
sys.exit(status)
"""

ROLES = {
    "scenario": ["validate", "{}"],
    "answers file": ["play", "tutorial", "--answers", "{}", "--json"],
    "roster": ["preview", "tutorial", "--roster", "{}"],
    "grade --scenario": ["grade", "--scenario", "{}", str(RESULTS)],
    "results file": ["grade", "{}"],
    "picker folder": None,
}

EXPECTED = {
    "zero": "not a regular file",
    "fifo": "not a regular file",
    "sparse": "1,073,741,824 bytes",
    "bomb": "",  # what is wrong differs by role (aliases, not JSON, not a name): any one line
}


@dataclass(frozen=True)
class Outcome:
    status: int
    output: str
    """Everything the command printed (stdout, then stderr)."""
    seconds: float
    """Processor time."""
    megabytes: float
    """Peak resident memory."""


def hostile(kind: str, folder: Path) -> Path:
    """A hostile file of ``kind``, alone in ``folder`` (the picker lists the folder)."""
    folder.mkdir()
    path = folder / f"{kind}.yaml"
    if kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "sparse":
        with path.open("wb") as out:
            out.truncate(2**30)
    else:
        shutil.copy(BOMB, path)
    return path


def run_bounded(mode: str, argv: list[str]) -> Outcome:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, *argv],
        capture_output=True,
        text=True,
        timeout=20,
        cwd=ROOT,
        check=False,
    )
    said, finished, figures = (result.stdout + result.stderr).rpartition("@@ ")
    assert finished, f"the command did not finish: {result.stderr[-2000:]}"
    seconds, megabytes = (float(part) for part in figures.split())
    return Outcome(result.returncode, said, seconds, megabytes)


@pytest.mark.parametrize("kind", sorted(EXPECTED))
@pytest.mark.parametrize("role", list(ROLES))
def test_a_hostile_file_gets_one_line_fast_with_little_memory(
    role: str, kind: str, tmp_path: Path
) -> None:
    path = hostile(kind, tmp_path / "folder")
    pattern = ROLES[role]
    if pattern is None:
        outcome = run_bounded("picker", [str(path.parent)])
    else:
        outcome = run_bounded("cli", [part.format(path) for part in pattern])
    assert outcome.status != 0
    assert "Traceback" not in outcome.output
    naming = [line for line in outcome.output.splitlines() if str(path) in line]
    assert len(naming) == 1 and EXPECTED[kind] in naming[0], outcome.output
    assert outcome.seconds < 2
    assert outcome.megabytes < 200
