"""A trainee's form is the same in a fresh process, whatever its hash seed: one scenario per kind.

Python salts str hashes per process, so anything that iterates a set or seeds a
generator from hash() would give the trainee a different form after a restart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from tests.conftest import ROOT, SCENARIOS
from tests.tasks.test_release_task import SCENARIO as EVERY_RELEASE_ARCHETYPE

SCENARIO_OF_KIND = {
    "analysis": "public-health-statistics.yaml",
    "claims": "insurer-claim-review.yaml",
    "deficiency": "hospital-chart-completion.yaml",
    "duplicates": "hospital-mpi-cleanup.yaml",
    "release": None,  # every request archetype once, more than a bundled scenario holds
    "rights": "privacy-office-rights.yaml",
}


def _scenario(kind: str, folder: Path) -> Path:
    bundled = SCENARIO_OF_KIND[kind]
    if bundled is not None:
        return SCENARIOS / bundled
    path = folder / "release-everything.yaml"
    path.write_text(EVERY_RELEASE_ARCHETYPE)
    return path


@pytest.mark.parametrize("kind", list(SCENARIO_OF_KIND))
def test_a_trainee_gets_the_same_form_in_another_process(kind: str, tmp_path: Path) -> None:
    path = _scenario(kind, tmp_path)
    here = make_variant(load_checked(path), "Ana Ruiz")
    assert {item.kind for item in here.form.items()} >= {kind}
    here_items = [item.to_json() for item in here.form.items()]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "preview", str(path), "--trainee", "Ana Ruiz", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert json.loads(result.stdout)["items"] == json.loads(json.dumps(here_items, default=str))
