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

from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from tests.conftest import ROOT, SCENARIOS
from tests.tasks.test_release_task import SCENARIO as EVERY_RELEASE_ARCHETYPE

SCENARIO_OF_KIND = {
    "analysis": "public-health-statistics.yaml",
    "claims": "insurer-claim-review.yaml",
    "deficiency": "hospital-chart-completion.yaml",
    "drg_validation": "insurer-drg-validation.yaml",
    "duplicates": "hospital-mpi-cleanup.yaml",
    "release": None,  # every request archetype once, more than a bundled scenario holds
    "rights": "privacy-office-rights.yaml",
    "breach": "privacy-office-breach.yaml",
}


def _scenario(kind: str, folder: Path) -> Path:
    bundled = SCENARIO_OF_KIND[kind]
    if bundled is not None:
        return SCENARIOS / bundled
    path = folder / "release-everything.yaml"
    path.write_text(EVERY_RELEASE_ARCHETYPE)
    return path


PREVIEWS = """
import contextlib, io, json, sys
from recsim.cli import main
for path in sys.argv[1:]:
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        main(["preview", path, "--trainee", "Ana Ruiz", "--json"])
    print(json.dumps(json.loads(shown.getvalue())["items"]))
"""
"""Every scenario's preview in one fresh process (one interpreter start, not one a kind)."""


def test_a_trainee_gets_the_same_form_in_another_process(tmp_path: Path) -> None:
    paths = [_scenario(kind, tmp_path) for kind in SCENARIO_OF_KIND]
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", PREVIEWS, *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    there = result.stdout.splitlines()
    assert len(there) == len(paths)
    for kind, path, line in zip(SCENARIO_OF_KIND, paths, there, strict=True):
        here = make_variant(load_checked(path), "Ana Ruiz")
        assert {item.kind for item in here.form.items()} >= {kind}
        here_items = [item.to_json() for item in here.form.items()]
        assert json.loads(line) == json.loads(json.dumps(here_items, default=str)), kind
