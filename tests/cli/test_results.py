"""``recsim results list|show|export``: the attempt store, its path options and old store files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.store import SCHEMA_VERSION, AttemptRow, Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from tests.core.classroom import TRAINEES, Classroom, make_class


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


@pytest.fixture
def classroom(played: Classroom, tmp_path: Path) -> Classroom:
    """The class's store copied, so a test may add to it."""
    shutil.copy(played.store, tmp_path / "attempts.sqlite3")
    return Classroom(
        played.root, played.scenario, tmp_path / "attempts.sqlite3", played.results, played.files
    )


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _ids(store: Path) -> dict[str, str]:
    """Trainee -> attempt id."""
    return {row.trainee: row.id for row in Store(store).attempts()}


# list ------------------------------------------------------------------------------


def test_list_shows_every_attempt_with_its_saved_score(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "--store", str(played.store), "results", "list")
    assert status == 0 and all(len(line) <= 80 for line in out.splitlines())
    for name in TRAINEES.values():
        assert name in out
    assert out.count("submitted") == 5 and "100.0 pass" in out and "0.0 FAIL" in out
    assert "Scores are as saved at submission" in " ".join(out.split())


def test_the_store_can_be_chosen_by_environment_variable(
    played: Classroom, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RECSIM_STORE", str(played.store))
    status, out, _ = _run(capsys, "results", "list", "--json")
    rows = json.loads(out)
    assert status == 0 and sorted(r["trainee"] for r in rows) == sorted(TRAINEES.values())
    perfect = next(r for r in rows if r["trainee"] == TRAINEES["perfect"])
    assert (perfect["overall"], perfect["passed"], perfect["status"]) == (100.0, True, "submitted")
    assert "results_json" not in perfect


def test_the_store_option_may_follow_the_command(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _run(capsys, "results", "list", "--store", str(played.store), "--json")
    assert status == 0 and len(json.loads(out)) == len(TRAINEES)
    other = tmp_path / "other.sqlite3"  # after the command, it wins over the one before
    _, out, _ = _run(capsys, "--store", str(played.store), "results", "list", "--store", str(other))
    assert out == f"No attempts yet: there is no attempt store at {other}.\n"


def test_play_takes_the_store_option_too() -> None:
    from recsim.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["play", "tutorial", "--store", "a.sqlite3"]).store == "a.sqlite3"
    assert parser.parse_args(["--store", "b.sqlite3", "play", "tutorial"]).store == "b.sqlite3"
    assert parser.parse_args(["play", "tutorial"]).store is None


def test_list_filters_by_trainee_and_scenario(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(played.store), "results", "list"]
    _, out, _ = _run(capsys, *store, "--trainee", "  perfect   PAT ", "--json")
    assert [r["trainee"] for r in json.loads(out)] == [TRAINEES["perfect"]]
    _, out, _ = _run(capsys, *store, "--scenario", "class-exam", "--json")
    assert len(json.loads(out)) == 5
    _, out, _ = _run(capsys, *store, "--scenario", "tutorial")
    assert out == f"No attempts in {played.store} match.\n"


def test_a_store_that_does_not_exist_is_not_created_by_looking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "nothing-yet.sqlite3"
    status, out, _ = _run(capsys, "--store", str(store), "results", "list")
    assert status == 0 and "no attempt store at" in out and not store.exists()
    status, _, err = _run(capsys, "--store", str(store), "results", "show", "abc")
    assert status == 1 and err.count("\n") == 1 and "no attempt store there yet" in err


# show ------------------------------------------------------------------------------


def test_show_rescores_an_attempt_item_by_item(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = _ids(played.store)[TRAINEES["typical"]]
    status, out, _ = _run(capsys, "--store", str(played.store), "results", "show", attempt[:6])
    assert status == 0
    assert f"Attempt {attempt}" in out and TRAINEES["typical"] in out
    assert "re-scored from the answers" in out and "Item by item" in out
    assert "missed" in out and "correct" in out and "audit-1" in out


def test_show_flags_what_grade_would_flag(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = _ids(played.store)[TRAINEES["late"]]
    status, out, _ = _run(capsys, "--store", str(played.store), "results", "show", attempt)
    assert status == 1 and "flag late:" in out


def test_show_json_holds_the_results_and_the_regrade(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = _ids(played.store)[TRAINEES["perfect"]]
    _, out, _ = _run(capsys, "--store", str(played.store), "results", "show", attempt[:8], "--json")
    shown = json.loads(out)
    assert shown["attempt"]["id"] == attempt and "results_json" not in shown["attempt"]
    assert shown["results"]["attempt"] == attempt and shown["scorecard"]["overall"] == 100.0
    assert (
        shown["flags"] == []
        and shown["items_answered"] == 8
        and shown["event_counts"]["submit"] == 1
    )


def test_show_an_attempt_in_progress(
    classroom: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    attempt = session.begin(
        Store(classroom.store), load_checked(classroom.scenario), "Still Working"
    )
    status, out, _ = _run(capsys, "--store", str(classroom.store), "results", "show", attempt.id)
    assert status == 0 and "in progress" in out and "Still in progress" in out


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("zz-top", "is not an attempt id: ids are hexadecimal"),
        ("fffffffffffe", "has an id starting 'fffffffffffe'"),
        ("abc", "'abc' matches 2 attempts"),
    ],
)
def test_an_attempt_id_that_names_no_single_attempt_is_one_line(
    classroom: Classroom, capsys: pytest.CaptureFixture[str], typed: str, message: str
) -> None:
    store = Store(classroom.store)
    for suffix in ("1", "2"):
        store.create_attempt(_row(f"abc{suffix}" + "0" * 29))
    status, _, err = _run(capsys, "--store", str(classroom.store), "results", "show", typed)
    assert status == 1 and err.count("\n") == 1 and message in err


def _row(attempt_id: str) -> AttemptRow:
    return AttemptRow(
        id=attempt_id,
        scenario_id="class-exam",
        scenario_title="Exam",
        scenario_path="x.yaml",
        content_hash="0" * 64,
        trainee="Twin",
        trainee_key="twin",
        seed=1,
        mode="exam",
        time_limit=None,
        started_at="2026-03-02T09:00:00+00:00",
    )


# export ----------------------------------------------------------------------------


def test_export_copies_results_files_exactly_and_they_grade(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hand-in"
    status, _, err = _run(
        capsys, "--store", str(played.store), "results", "export", "--to", str(folder)
    )
    assert status == 0 and err == f"exported 5 results files to {folder}\n"
    for path in played.files.values():
        if path != played.files["edited"]:  # edited by hand after it was written
            assert (folder / path.name).read_bytes() == path.read_bytes()
    status, out, _ = _run(capsys, "grade", str(folder), "--json")
    rows = json.loads(out)["rows"]
    assert [row["flags"] for row in rows if row["flags"]] == [["late"]]
    status, _, err = _run(
        capsys, "--store", str(played.store), "results", "export", "--to", str(folder)
    )
    assert status == 0 and err == f"exported 0 results files to {folder} (5 already there)\n"


def test_export_never_overwrites_a_different_file(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hand-in"
    folder.mkdir()
    clash = folder / played.files["perfect"].name
    clash.write_text("my own notes\n")
    status, _, err = _run(
        capsys, "--store", str(played.store), "results", "export", "--to", str(folder)
    )
    assert status == 1 and clash.read_text() == "my own notes\n"
    assert (
        f"recsim: {clash}: already exists with other content; not overwritten" in err.splitlines()
    )


def test_export_does_not_wait_on_a_named_pipe_where_a_results_file_would_go(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hand-in"
    folder.mkdir()
    pipe = folder / played.files["perfect"].name
    os.mkfifo(pipe)  # reading it to compare would wait for a writer forever
    status, _, err = _run(
        capsys, "--store", str(played.store), "results", "export", "--to", str(folder)
    )
    assert status == 1
    assert f"recsim: {pipe}: already exists with other content; not overwritten" in err


def test_export_chosen_attempts_as_json(
    classroom: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _ids(classroom.store)
    status, out, _ = _run(
        capsys,
        "--store",
        str(classroom.store),
        "results",
        "export",
        ids[TRAINEES["perfect"]][:8],
        ids[TRAINEES["empty"]][:8],
        "--json",
    )
    assert status == 0 and [d["trainee"] for d in json.loads(out)] == [
        TRAINEES["perfect"],
        TRAINEES["empty"],
    ]
    working = session.begin(
        Store(classroom.store), load_checked(classroom.scenario), "Still Working"
    )
    status, out, err = _run(
        capsys, "--store", str(classroom.store), "results", "export", working.id, "--json"
    )
    assert status == 1 and json.loads(out) == [] and "is still in progress" in err
    status, _, err = _run(capsys, "--store", str(classroom.store), "results", "export")
    assert status == 2 and "--to FOLDER, or --json" in err


# the store file ------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE attempts (
    id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL,
    scenario_path TEXT NOT NULL, content_hash TEXT NOT NULL, trainee TEXT NOT NULL,
    trainee_key TEXT NOT NULL, seed INTEGER NOT NULL, mode TEXT NOT NULL, time_limit INTEGER,
    started_at TEXT NOT NULL, elapsed REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'in_progress', current_item TEXT, submitted_at TEXT,
    results_path TEXT, results_json TEXT
);
CREATE INDEX attempts_by_trainee ON attempts (scenario_id, trainee_key, status);
CREATE TABLE events (
    attempt_id TEXT NOT NULL REFERENCES attempts (id), seq INTEGER NOT NULL, at TEXT NOT NULL,
    type TEXT NOT NULL, item TEXT, data TEXT NOT NULL, digest TEXT NOT NULL,
    PRIMARY KEY (attempt_id, seq)
);
PRAGMA user_version = 1;
"""
"""The first store schema, frozen here as recsim 0.1 wrote it: later recsims must still open it."""


def _v1_store(path: Path, played: Classroom) -> str:
    """A store file written without recsim's code, holding the perfect trainee's attempt."""
    source = sqlite3.connect(played.store)
    source.row_factory = sqlite3.Row
    attempt = dict(
        source.execute(
            "SELECT * FROM attempts WHERE trainee = ?", (TRAINEES["perfect"],)
        ).fetchone()
    )
    for added_later in ("writer", "writer_seen"):  # columns of store version 2
        del attempt[added_later]
    events = [
        tuple(r)
        for r in source.execute("SELECT * FROM events WHERE attempt_id = ?", (attempt["id"],))
    ]
    source.close()
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute(
        f"INSERT INTO attempts ({', '.join(attempt)}) VALUES ({', '.join('?' * len(attempt))})",
        tuple(attempt.values()),
    )
    db.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
    db.commit()
    db.close()
    return str(attempt["id"])


def test_a_version_1_store_opens_and_keeps_its_attempts(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.sqlite3"
    attempt = _v1_store(path, played)
    status, out, _ = _run(capsys, "--store", str(path), "results", "list", "--json")
    assert status == 0 and [(r["id"], r["overall"]) for r in json.loads(out)] == [(attempt, 100.0)]
    folder = tmp_path / "out"
    assert _run(capsys, "--store", str(path), "results", "export", "--to", str(folder))[0] == 0
    assert (folder / played.files["perfect"].name).read_bytes() == played.files[
        "perfect"
    ].read_bytes()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_an_empty_store_file_is_named_and_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.sqlite3"
    sqlite3.connect(path).close()
    for action in (["list"], ["export", "--json"], ["show", "abc"]):
        status, out, err = _run(capsys, "--store", str(path), "results", *action)
        assert status == 1 and out == "" and err.count("\n") == 1
        assert err.startswith(f"recsim: {path}: the attempt store is empty (0 bytes)")
    assert path.stat().st_size == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a database" * 100, "not a recsim attempt store"),
        (None, "is not a file"),
    ],
)
def test_a_bad_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    path = tmp_path / "store.sqlite3"
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    status, _, err = _run(capsys, "--store", str(path), "results", "list")
    assert status == 1 and err.count("\n") == 1 and message in err
