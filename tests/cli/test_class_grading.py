"""A class of 30 graded end to end: roster, LMS gradebooks, overrides, feedback sheets.

Thirty students on the roster, each with an id, an email and a section. 29
hand in (the last never does); Ben Okafor hands in twice (an attempt that
missed things, then a perfect one); a name not on the roster hands in too;
one override gives Em Empty full credit on one item. Students take turns
answering with the key, missing each chart's first error, or answering nothing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.scenario import LoadedScenario
from recsim.core.store import Store
from recsim.session import attempts as session
from recsim.session.checks import load_checked
from recsim.session.regrade import ScenarioFinder, grade_files
from recsim.session.submit import submit
from tests.core.classroom import Answerer, Clock, exam_copy, key_answer, play, typical_answer

TITLE = "Exam: chart audit (20 minutes)"
NAMES = [
    "Ana Ruiz",
    "Ben Okafor",
    "Chen Wei",
    "Dara Flynn",
    "Em Empty",
    "Ike <i>Italic</i> Ito",
    *[f"Student {n:02d}" for n in range(7, 30)],
    "Nia Missing",
]
STRAY = "Stray Sam"
OVERRIDE_ITEM = "audit-1"


@dataclass
class PlayedClass:
    root: Path
    results: Path
    roster: Path
    overrides: Path
    ben_first: Path
    ben_second: Path


def _role(name: str) -> str:
    if name == "Em Empty":
        return "empty"
    return ("key", "typical", "empty")[NAMES.index(name) % 3] if name in NAMES else "typical"


def _play_next_day(
    store: Store, loaded: LoadedScenario, trainee: str, answer: Answerer, results: Path
) -> Path:
    """An attempt like classroom.play's, a day later (so it is the latest)."""
    clock = Clock()
    clock.now += timedelta(days=1)
    attempt = session.begin(store, loaded, trainee, clock=clock)
    for slot in attempt.grader.form.slots:
        raw = answer(attempt.open_item(slot.id))
        if raw is not None:
            attempt.answer(slot.id, raw)
    return submit(store, attempt, results_folder=results)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> PlayedClass:
    root = tmp_path_factory.mktemp("class30")
    loaded = load_checked(exam_copy(root))
    store = Store(root / "attempts.sqlite3")
    results = root / "results"
    answerers = {"key": key_answer, "typical": typical_answer, "empty": lambda item: None}
    for name in [*NAMES[:-1], STRAY]:
        if name != "Ben Okafor":
            play(store, loaded, name, answerers[_role(name)], results)
    ben_first = play(store, loaded, "Ben Okafor", typical_answer, results)
    ben_second = _play_next_day(store, loaded, "ben  okafor", key_answer, results)
    store.close()
    roster = root / "class.csv"
    lines = ["name,student id,email,section"] + [
        f"{name},S{n:03d},s{n:03d}@example.edu,{'AB'[n % 2]}" for n, name in enumerate(NAMES, 1)
    ]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    overrides = root / "overrides.yaml"
    overrides.write_text(
        f"- trainee: Em Empty\n  item: {OVERRIDE_ITEM}\n  decision: accept\n"
        "  reason: Her paper answer sheet was complete.\n  instructor: R. Patel\n",
        encoding="utf-8",
    )
    return PlayedClass(root, results, roster, overrides, ben_first, ben_second)


@pytest.fixture(autouse=True)
def _eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


def _gradebook(played: PlayedClass, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Overall score per trainee from the per-file gradebook (the oracle for the LMS files).

    Ben's first attempt is left out: his later one counts.
    """
    main(["grade", str(played.results), "--json"])
    rows = json.loads(capsys.readouterr().out)["rows"]
    return {
        " ".join(row["trainee"].split()).casefold(): str(round(row["overall"], 2))
        for row in rows
        if row["file"] != str(played.ben_first)
    }


def _score(scores: dict[str, str], name: str) -> str:
    return scores[name.casefold()]


def _run(played: PlayedClass, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["grade", str(played.results), "--roster", str(played.roster), *args])
    out, _ = capsys.readouterr()
    return status, out


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _em_after_override(played: PlayedClass, capsys: pytest.CaptureFixture[str]) -> str:
    main(["grade", str(played.results), "--json", "--overrides", str(played.overrides)])
    rows = json.loads(capsys.readouterr().out)["rows"]
    (em,) = [row for row in rows if row["trainee"] == "Em Empty"]
    assert em["original_overall"] == 0.0 and em["overall"] > 0
    assert "R. Patel" in em["overrides"][0] and "paper answer sheet" in em["overrides"][0]
    return str(round(em["overall"], 2))


def test_the_canvas_gradebook_matches_cell_by_cell(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = _gradebook(played, capsys)
    em = _em_after_override(played, capsys)
    book = played.root / "canvas.csv"
    status, _ = _run(
        played, capsys, "--lms", "canvas", "--csv", str(book), "--overrides", str(played.overrides)
    )
    assert status == 1  # the stray file is flagged
    expected = [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", TITLE],
        ["Points Possible", "", "", "", "", "100"],
    ]
    for n, name in enumerate(NAMES, start=1):
        score = "" if name == "Nia Missing" else em if name == "Em Empty" else _score(scores, name)
        expected.append([name, "", f"S{n:03d}", f"s{n:03d}@example.edu", "AB"[n % 2], score])
    assert _rows(book) == expected


def test_the_moodle_gradebook_matches_cell_by_cell(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = _gradebook(played, capsys)
    book = played.root / "moodle.csv"
    _run(played, capsys, "--lms", "moodle", "--csv", str(book), "--attempt", "latest")
    expected = [["ID number", "Email address", "Full name", TITLE]]
    for n, name in enumerate(NAMES, start=1):
        score = "" if name == "Nia Missing" else _score(scores, name)
        expected.append([f"S{n:03d}", f"s{n:03d}@example.edu", name, score])
    assert _rows(book) == expected


def test_files_that_do_not_count_are_listed_with_the_reason(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    book = played.root / "generic.csv"
    _run(played, capsys, "--lms", "generic", "--csv", str(book))
    header, *rows = _rows(played.root / "generic-excluded.csv")
    assert header == ["file", "trainee", "scenario", "reason"]
    excluded = {(r[1], r[3].split(":")[0]) for r in rows}
    assert excluded == {
        ("Ben Okafor", "another attempt counts (a later valid one, --attempt latest)"),
        (STRAY, "flagged"),
        ("Nia Missing", "no results file handed in"),
    }


def test_the_best_attempt_can_count_instead_of_the_latest(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    book = played.root / "best.csv"
    _run(played, capsys, "--lms", "generic", "--csv", str(book), "--attempt", "best")
    ben = next(row for row in _rows(book) if row[0] == "Ben Okafor")
    assert ben[4] == "100.0"


def test_the_missing_student_and_the_stray_name_are_listed(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(played, capsys)
    assert status == 1
    assert "Missing submissions (1): Nia Missing (class-exam)" in out
    assert "not_on_roster: 'Stray Sam' is not on the roster" in " ".join(out.split())
    assert all(f"{name} [S" in out for name in NAMES)  # every roster line has a row
    main(["grade", str(played.results), "--roster", str(played.roster), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["class"]["missing"] == [{"name": "Nia Missing", "scenario": "class-exam"}]
    assert len(data["class"]["students"]) == 30


def _piped(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "recsim", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert "Traceback" not in result.stderr
    return result


def test_grade_and_report_fit_80_columns_through_a_pipe(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = _gradebook(played, capsys)
    roster = ["--roster", str(played.roster)]
    graded = _piped("grade", str(played.results), *roster, "--overrides", str(played.overrides))
    reported = _piped("report", str(played.results), *roster)
    for text in (graded.stdout, reported.stdout):
        assert all(len(line) <= 80 for line in text.splitlines()), text
        assert "…" not in text  # long names wrap; nothing is cut short
    assert "discharge_before_admission" in reported.stdout  # the longest topic, whole
    class_list = graded.stdout.split("Class list", 1)[1]
    for n, name in enumerate(NAMES[:-1], start=1):  # every score, unbroken, on the student's line
        line = next(line for line in class_list.splitlines() if f"{name} [S{n:03d}]" in line)
        if name == "Em Empty":
            assert line.endswith("FAIL (overridden; regrade 0.0)"), line
        else:
            assert f"]: {float(_score(scores, name)):.1f} " in line, line
    assert "Reliability (" in reported.stdout
    assert "Missing submissions (1): Nia Missing" in reported.stdout
    data = json.loads(_piped("report", str(played.results), *roster, "--json").stdout)
    assert data["roster"]["missing"] == [{"name": "Nia Missing", "scenario": "class-exam"}]
    statistics = data["scenarios"][0]["statistics"]
    assert statistics["trainees"] == 30 and statistics["units"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_a_feedback_sheet_reads_in_headless_chromium(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    folder = played.root / "feedback"
    _run(played, capsys, "--feedback", str(folder), "--overrides", str(played.overrides))
    sheets = sorted(p.name for p in folder.iterdir())
    assert len(sheets) == 29 and "nia-missing.html" not in sheets  # everyone who handed in
    sheet = folder / "ike-i-italic-i-ito.html"
    assert "<script" not in sheet.read_text(encoding="utf-8")
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", sheet.as_uri()],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout  # fmt: skip
    reader = _Text()
    reader.feed(dom)
    text = " ".join(" ".join(reader.parts).split())
    assert "i" not in reader.tags  # the name's markup stayed text
    assert "Feedback for Ike <i>Italic</i> Ito" in text
    assert "Score 0.0% (pass mark 70%): Not passed" in text  # Ike answered nothing
    (file,) = [
        p
        for p in played.results.iterdir()
        if json.loads(p.read_text(encoding="utf-8"))["trainee"] == "Ike <i>Italic</i> Ito"
    ]
    (attempt,), _ = grade_files([file], ScenarioFinder())
    assert attempt.card is not None
    finding = attempt.card.findings[0]
    assert f"Rule {' '.join(finding.rule.split())}" in text
    assert f"Key {' '.join((finding.expected or '(nothing to find here)').split())}" in text
    em = _Text()
    em.feed((folder / "em-empty.html").read_text(encoding="utf-8"))
    em_text = " ".join(" ".join(em.parts).split())
    assert "before your instructor's review was 0.0%" in em_text and "R. Patel" in em_text


@pytest.mark.parametrize(
    ("entry", "what"),
    [
        ("trainee: Nia Missing\n  item: audit-1\n  decision: accept", "no graded results file"),
        ("trainee: Em Empty\n  item: audit-99\n  decision: accept", "'audit-99' is not an item"),
        ("trainee: Em Empty\n  item: audit-1\n  points: 999", "999 is more than that"),
    ],
)
def test_an_override_that_fits_no_attempt_is_one_located_line(
    played: PlayedClass, capsys: pytest.CaptureFixture[str], entry: str, what: str
) -> None:
    path = played.root / "bad-overrides.yaml"
    path.write_text(
        f"- trainee: Ana Ruiz\n  item: audit-2\n  points: 0\n  reason: r\n  instructor: i\n"
        f"- {entry}\n  reason: r\n  instructor: i\n",
        encoding="utf-8",
    )
    status = main(["grade", str(played.results), "--overrides", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"recsim: {path}:6:") and what in err, err


def test_report_shows_each_override_with_who_and_why(
    played: PlayedClass, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["report", str(played.results), "--overrides", str(played.overrides)])
    text = " ".join(capsys.readouterr().out.split())
    assert "Em Empty: " in text and "override: audit-1 accepted by R. Patel" in text
    assert "Her paper answer sheet was complete." in text
