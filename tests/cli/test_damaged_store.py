"""A damaged attempt store: one line and a non-zero exit everywhere, never overwritten, and
``results export`` saves what can still be read (issue 19, item 4)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.kinds import task_kind
from recsim.session.submit import submit
from tests.conftest import SCENARIOS

SUBMITTED = 8


def _clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _class_store(path: Path, results: Path) -> list[str]:
    """A store of submitted tutorial attempts; their ids in order."""
    loaded = load_checked(SCENARIOS / "tutorial.yaml")
    store = Store(path)
    ids = []
    for number in range(SUBMITTED):
        attempt = session.begin(store, loaded, f"Trainee {number}", clock=_clock)
        for slot in attempt.grader.form.slots:
            item = attempt.open_item(slot.id)
            key = task_kind(item.kind).key_answer(item)
            if key is not None:
                attempt.answer(slot.id, key.model_dump(mode="json"))
        submit(store, attempt, results_folder=results)
        ids.append(attempt.id)
    store.close()  # the last connection: the write-ahead log goes into the file
    return ids


def _damage(path: Path, tree: str, *, which: int = 0) -> None:
    """Overwrite one leaf page of a table or index with bytes SQLite cannot read."""
    db = sqlite3.connect(path)
    try:
        pages = [
            row[0]
            for row in db.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                (tree,),
            )
        ]
        size = db.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find a page with")
    finally:
        db.close()
    assert len(pages) > which, f"{tree} has only {len(pages)} leaf pages"
    with path.open("r+b") as file:
        file.seek((pages[which] - 1) * size)
        file.write(b"\xff" * size)


@pytest.fixture
def damaged(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "attempts.sqlite3"
    ids = _class_store(path, tmp_path / "results")
    _damage(path, "attempts")
    return path, ids


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_listing_a_store_damaged_inside_is_one_line(
    damaged: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = damaged
    before = path.read_bytes()
    for action in (["list"], ["list", "--json"]):
        status, out, err = _run(capsys, "--store", str(path), "results", *action)
        assert status == 1 and out == "" and err.count("\n") == 1
        assert err.startswith(f"recsim: {path}: not a recsim attempt store, or damaged (")
    assert path.read_bytes() == before  # never rewritten


def test_export_from_a_damaged_store_saves_every_attempt_still_readable(
    damaged: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = damaged
    out_folder = tmp_path / "out"
    status, _, err = _run(
        capsys, "--store", str(path), "results", "export", "--to", str(out_folder)
    )
    assert status == 1 and "Traceback" not in err
    assert "exporting what can still be read" in err
    saved = sorted(out_folder.glob("*.json"))
    assert 0 < len(saved) < len(ids)
    for exported in saved:  # each exactly the file written at submission
        assert exported.read_bytes() == (tmp_path / "results" / exported.name).read_bytes()


def test_show_on_a_damaged_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "attempts.sqlite3"
    ids = _class_store(path, tmp_path / "results")
    _damage(path, "events")
    status, _, err = _run(capsys, "--store", str(path), "results", "show", ids[0][:8])
    assert status == 1 and err.count("\n") == 1 and "damaged" in err
