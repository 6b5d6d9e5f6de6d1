"""``recsim grade``: the gradebook table, its exports, and one clear line for every bad file."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recsim.cli import main
from recsim.core.grading.gradebook import COLUMNS
from tests.conftest import DATA
from tests.core.classroom import TRAINEES, Classroom, make_class, read, reseal, write

BAD_RESULTS = {
    "answer-not-object.json": ["answers.audit-1", "dictionary"],
    "answers-file.json": ["answers file, not a results file", "recsim play"],
    "bad-digest.json": ["digest", "not in the form"],
    "bad-timestamp.json": ["started_at", "not a time"],
    "deep-nesting.json": ["results file"],
    "empty.json": ["is empty"],
    "events-not-list.json": ["events", "list"],
    "format-as-text.json": ["recsim_results", "must be 1"],
    "infinite-time.json": ["elapsed_seconds", "finite number"],
    "list.json": ["not a recsim results file"],
    "lone-surrogate.json": ["not valid Unicode"],
    "missing-events.json": ["events: is missing"],
    "negative-time.json": ["elapsed_seconds", "greater than or equal to 0"],
    "newer-format.json": ["newer recsim", "format 2"],
    "no-time-zone.json": ["events[0].at", "not a time"],
    "not-a-number.json": ["contains NaN"],
    "not-json.json": ["not valid JSON", "line"],
    "not-results.json": ["no 'recsim_results' key"],
    "not-utf8.json": ["not UTF-8"],
    "seed-not-number.json": ["seed", "integer"],
    "unknown-key.json": ["bonus_points", "not a key"],
}


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _grade(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["grade", *args])
    out, err = capsys.readouterr()
    return status, out, err


# the table -------------------------------------------------------------------------


def test_the_gradebook_table_fits_80_columns_and_names_every_trainee(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _grade(capsys, str(played.results))
    assert status == 1  # two files are flagged
    assert all(len(line) <= 80 for line in out.splitlines()), out
    for name in TRAINEES.values():
        assert name in out
    assert "Exam: chart audit (20 minutes)" in out
    assert "100.0 pass" in out and "0.0 FAIL" in out
    assert (
        "late: an answer was saved" not in out
        and "late: 4 answers were saved after the 20m00s" in out
    )
    assert "answers_edited:" in out and "digest:" in out
    assert out.rstrip().endswith("5 results files: 5 graded (3 passed), 2 flagged.")
    assert "Traceback" not in err


def test_a_clean_class_exits_zero(played: Classroom, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(played.files[role]) for role in ("perfect", "empty", "typical")]
    status, out, _ = _grade(capsys, *files)
    assert status == 0 and "Flags" not in out
    assert out.rstrip().endswith("3 results files: 3 graded (1 passed).")


def test_items_reviews_each_attempt_item_by_item(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _grade(
        capsys, str(played.files["typical"]), str(played.files["empty"]), "--items"
    )
    assert status == 0
    review = out.split("Item by item, re-scored")[1]
    assert review.index(TRAINEES["empty"]) < review.index(TRAINEES["typical"])  # gradebook order
    assert (
        "audit-1 (not answered)" in review and "    missed " in review and "    correct " in review
    )
    assert "expected " in review and "given " in review


def test_a_changed_scenario_is_reported_not_graded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classroom = make_class(tmp_path)
    original = tmp_path / "as-played.yaml"
    shutil.copy(classroom.scenario, original)
    classroom.scenario.write_text(classroom.scenario.read_text() + "# fixed a typo\n")
    status, out, _ = _grade(capsys, str(classroom.files["perfect"]), "--json")
    row = json.loads(out)["rows"][0]
    assert status == 1 and row["status"] == "not_graded" and row["overall"] is None
    assert row["flags"] == ["scenario_changed"] and "--accept-changed" in row["flag_messages"][0]
    status, out, _ = _grade(
        capsys, str(classroom.files["perfect"]), "--scenario", str(original), "--json"
    )
    assert status == 0 and json.loads(out)["rows"][0]["overall"] == 100.0
    status, out, _ = _grade(capsys, str(classroom.files["perfect"]), "--accept-changed")
    assert status == 1 and "100.0 pass" in out and "scenario_changed" in out


def test_names_from_a_trainees_file_cannot_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classroom = make_class(tmp_path)
    path = classroom.files["perfect"]
    document = read(path)
    document["trainee"] = "Evil\x1b[2J\x07 Eve"
    write(path, reseal(document, chain=False))
    _, out, _ = _grade(capsys, str(path))
    assert "\x1b" not in out and "\x07" not in out and "Evil?[2J? Eve" in out


# exports ---------------------------------------------------------------------------


def _typed(cell: str, like: Any) -> Any:
    """A CSV cell read back as the JSON value's type."""
    if like is None:
        return None if cell == "" else cell
    if isinstance(like, bool):
        return cell == "true"
    if isinstance(like, int | float):
        return type(like)(cell)
    if isinstance(like, list):
        return [part for part in cell.split(" | " if like and " " in like[0] else ";") if part]
    return cell


def test_csv_and_json_exports_round_trip(
    played: Classroom, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "gradebook.csv"
    status, out, err = _grade(capsys, str(played.results), "--json", "--csv", str(target))
    assert status == 1 and f"wrote {target}" in err
    book = json.loads(out)
    assert book["recsim_gradebook"] == 1 and book["unreadable"] == []
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(book["rows"]) == 5
    for row, record in zip(rows, book["rows"], strict=True):
        assert set(record) == set(COLUMNS)
        assert {key: _typed(row[key], value) for key, value in record.items()} == record


def test_csv_cells_a_spreadsheet_would_run_are_defused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classroom = make_class(tmp_path)
    path = classroom.files["perfect"]
    document = read(path)
    document["trainee"] = '=HYPERLINK("http://example.com")'
    write(path, reseal(document, chain=False))
    target = tmp_path / "book.csv"
    _grade(capsys, str(path), "--csv", str(target))
    (row,) = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))
    assert row["trainee"] == '\'=HYPERLINK("http://example.com")'


def test_csv_must_name_a_csv_file_so_a_results_file_is_never_overwritten(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    victim = played.files["perfect"]
    before = victim.read_bytes()
    status, out, err = _grade(capsys, str(played.results), "--csv", str(victim))
    assert status == 2 and out == "" and "must end in .csv" in err
    assert victim.read_bytes() == before


# bad files -------------------------------------------------------------------------


def test_every_bad_results_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (DATA / "results").iterdir()) == sorted(BAD_RESULTS)


@pytest.mark.parametrize("name", sorted(BAD_RESULTS))
def test_a_bad_results_file_gets_one_clear_line_and_exit_one(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / "results" / name
    status, out, err = _grade(capsys, str(path))
    assert status == 1
    assert err.count("\n") == 1 and err.startswith(f"recsim: {path}: "), err
    for words in BAD_RESULTS[name]:
        assert words in err, err
    assert out.strip() == "1 results file: 0 graded (0 passed), 1 unreadable."


def test_a_folder_of_bad_files_gives_one_line_each_and_json_lists_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _grade(capsys, str(DATA / "results"), "--json")
    assert status == 1
    assert len(err.splitlines()) == len(BAD_RESULTS)
    assert sorted(Path(u["file"]).name for u in json.loads(out)["unreadable"]) == sorted(
        BAD_RESULTS
    )


def test_missing_and_empty_inputs_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _grade(capsys, str(tmp_path))
    assert status == 1 and err == f"recsim: no results files (.json) found in {tmp_path}\n"
    status, _, err = _grade(capsys, str(tmp_path / "nowhere.json"))
    assert status == 1 and err == f"recsim: {tmp_path / 'nowhere.json'}: no such file\n"
    status, _, err = _grade(capsys, str(tmp_path), "--scenario", "no-such-scenario")
    assert status == 1 and err.count("\n") == 1 and "no bundled scenario" in err


def test_a_device_is_refused_without_reading_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _grade(capsys, "/dev/zero")
    assert status == 1 and "not a regular file" in err


def test_grade_runs_as_a_command_without_a_traceback(played: Classroom) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "grade", str(played.results), str(DATA / "results")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "5 graded (3 passed), 2 flagged" in result.stdout
