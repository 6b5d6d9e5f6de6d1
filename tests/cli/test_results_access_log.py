"""``recsim results show`` prints the access log as an auditor reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.lookup import PatientIndex
from recsim.session.submit import submit
from tests.conftest import SCENARIOS


@pytest.fixture
def snooped(tmp_path: Path) -> tuple[Path, str, str]:
    """A submitted tutorial attempt that opened one chart for its item and one for no one's."""
    path = tmp_path / "attempts.sqlite3"
    store = Store(path)
    attempt = session.begin(store, load_checked(SCENARIOS / "tutorial.yaml"), "Ana Ruiz")
    stranger = next(e for e in PatientIndex(attempt.grader).entries() if e.item is None)  # type: ignore[arg-type]
    attempt.open_item("audit-1")
    attempt.open_record(stranger.patient.mrn, reason="curious")
    submit(store, attempt, results_folder=tmp_path / "results")
    store.close()
    return path, attempt.id, stranger.patient.mrn


def test_show_lists_every_open_with_whether_work_justified_it(
    snooped: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, attempt, stranger = snooped
    assert main(["--store", str(store), "results", "show", attempt[:8]]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Access log" in out
    assert "work:" in out and "from audit-1" in out
    assert "NO JOB REASON:" in out and stranger in out and "reason 'curious'" in out
    assert "access-log violation access_without_job_reason (-5/5)" in out  # item by item
    assert "access-log (not answered)" not in out and "164.502(b)" in out


def test_show_json_carries_the_access_log(
    snooped: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    store, attempt, stranger = snooped
    assert main(["--store", str(store), "results", "show", attempt[:8], "--json"]) == 0
    log = json.loads(capsys.readouterr().out)["access_log"]
    assert [(entry["justified"], entry["item"]) for entry in log] == [
        (True, "audit-1"),
        (False, None),
    ]
    assert log[1]["who"] == "Ana Ruiz" and stranger in log[1]["patient"]
