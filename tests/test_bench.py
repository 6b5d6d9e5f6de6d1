"""The benchmark scripts run (at their tiniest sizes); their timings are never asserted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_every_benchmark_script_runs_and_reports_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--tiny", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert "FAILED" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr  # 1 only means a tiny run missed a budget
    figures = json.loads(out.read_text())
    scripts = {p.stem.removeprefix("bench_") for p in (ROOT / "bench").glob("bench_*.py")}
    assert {f["figure"].split(":")[0] for f in figures} == scripts
    for figure in figures:
        assert figure["budget"] and figure["measured"]
