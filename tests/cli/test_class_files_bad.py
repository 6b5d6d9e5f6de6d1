"""Bad roster and overrides files: one located line on stderr, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.grading.roster import parse_roster
from tests.conftest import DATA

ROSTERS = DATA / "roster"
OVERRIDES = DATA / "overrides"

BAD_ROSTERS = {
    "bad-email.csv": (3, "'ben at example.edu' is not an email address"),
    "comma-in-list.txt": (2, "a comma or tab in a one-name-per-line roster"),
    "control-character.txt": (2, "control or invisible character"),
    "duplicate-id.csv": (3, "student id 'S001' is already on line 2"),
    "duplicate-name.txt": (3, "'ana  ruiz' is already on line 1"),
    "empty.txt": (0, "lists no one; write one name per line"),
    "no-name.csv": (3, "no name on this line"),
    "not-utf8.csv": (3, "is not UTF-8 text"),
    "only-comments.txt": (0, "lists no one"),
    "too-many-cells.csv": (3, "3 cells, but the header names 2 columns"),
    "two-name-columns.csv": (1, "two columns give the name"),
    "unknown-column.csv": (1, "unknown column 'phone'"),
}
BAD_OVERRIDES = {
    "decision-and-points.yaml": (1, "exactly one of 'decision: accept'"),
    "entry-not-mapping.yaml": (1, "entry 1 is not a mapping"),
    "negative-points.yaml": (3, "points -2 must be a number, 0 or more"),
    "no-reason.yaml": (1, "entry 1 needs 'reason'"),
    "not-a-list.yaml": (1, "is a list of entries"),
    "not-yaml.yaml": (3, "YAML syntax error"),
    "points-not-number.yaml": (3, "points 'lots' must be a number"),
    "unknown-decision.yaml": (3, "decision 'maybe' must be accept or reject"),
    "unknown-key.yaml": (6, "unknown key 'bonus'"),
}


def test_every_bad_file_has_an_expectation() -> None:
    assert {p.name for p in ROSTERS.iterdir()} == set(BAD_ROSTERS)
    assert {p.name for p in OVERRIDES.iterdir()} == set(BAD_OVERRIDES)


def _one_line_error(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    status = main(args)
    out, err = capsys.readouterr()
    assert status != 0 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.mark.parametrize("name", sorted(BAD_ROSTERS))
def test_a_bad_roster_is_one_located_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    line, what = BAD_ROSTERS[name]
    path = ROSTERS / name
    for command in ("grade", "report"):
        err = _one_line_error(capsys, [command, "no-results-here", "--roster", str(path)])
        where = f"{path}:{line}:" if line else f"{path}:"
        assert err.startswith(f"recsim: {where}") and what in err, err


def test_sealing_for_an_empty_roster_says_it_lists_no_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # An empty roster used to be refused as "needs at least its required keys", words
    # for a YAML file that mean nothing to an instructor with a class list.
    path = ROSTERS / "empty.txt"
    args = ["seal", "hospital-roi-exam", "--roster", str(path), "--out", str(tmp_path / "out")]
    err = _one_line_error(capsys, args)
    assert (
        err == f"recsim: {path}: lists no one; write one name per line, or a CSV with a name column"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", sorted(BAD_OVERRIDES))
def test_a_bad_overrides_file_is_one_located_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    line, what = BAD_OVERRIDES[name]
    path = OVERRIDES / name
    err = _one_line_error(capsys, ["grade", "no-results-here", "--overrides", str(path)])
    assert err.startswith(f"recsim: {path}:{line}:") and what in err, err


def test_names_match_ignoring_case_and_spacing() -> None:
    roster = parse_roster("name,student id\nAna Ruiz,S001\nBen Okafor,S002\n", Path("c.csv"))
    found = roster.find("  ANA   ruiz ")
    assert found is not None and found.student_id == "S001"
    assert roster.find("Anna Ruiz") is None


def test_a_near_duplicate_is_a_warning_and_a_hint_not_a_match() -> None:
    roster = parse_roster("Jon Smith\nJohn Smith\nAna Ruiz\n", Path("c.txt"))
    assert (
        len(roster.warnings) == 1
        and "'John Smith' (line 2) is close to 'Jon Smith'" in (roster.warnings[0])
    )
    near = roster.near("Ana Ruis")
    assert near is not None and near.name == "Ana Ruiz"
    assert roster.find("Ana Ruis") is None


def test_a_csv_roster_may_use_an_lms_export_header() -> None:
    roster = parse_roster(
        "\ufeffStudent Name,SIS User ID,Email Address,Section,SIS Login ID\n"
        "Ana Ruiz,S001,ana@example.edu,A,aruiz\n",
        Path("c.csv"),
    )
    (ana,) = roster.students
    assert (ana.student_id, ana.email, ana.section, ana.login) == (
        "S001",
        "ana@example.edu",
        "A",
        "aruiz",
    )
