"""The domain core never imports the terminal UI (DESIGN.md, STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contract_holds() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout


def test_importing_the_core_and_scoring_a_scenario_loads_no_textual() -> None:
    code = (
        "import sys, recsim.core, recsim.core.generate, recsim.core.scenario, recsim.core.scoring,"
        " recsim.core.attempt, recsim.tasks.forms, recsim.tasks.audit, recsim.cli;"
        "from recsim.cli import main; main(['validate', 'scenarios/tutorial.yaml']);"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich') or m.startswith('recsim.tui'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
