"""The benchmark scripts run (at their tiniest sizes); their timings are never asserted.

One test a script, so the test workers run them side by side; ``bench/run.py`` (which
runs them all in turn and reports the table) is checked with its cheapest script.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPTS = sorted((ROOT / "bench").glob("bench_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem.removeprefix("bench_"))
def test_the_benchmark_script_runs_and_reports_figures(script: Path, tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(script), "--tiny", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 only means a tiny run missed a budget
    figures = json.loads(out.read_text())
    assert figures
    for figure in figures:
        assert figure["figure"] and figure["budget"] and figure["measured"]


def test_the_runner_collects_every_figure_of_the_scripts_it_runs(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--tiny", "--only", "scoring",
         "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )  # fmt: skip
    assert "FAILED" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    figures = json.loads(out.read_text())
    assert figures and {f["figure"].split(":")[0] for f in figures} == {"scoring"}
