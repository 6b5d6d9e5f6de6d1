"""Regrading and tamper evidence: a class of real attempts, and copies edited as a trainee might."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.core.grading import (
    GradebookRow,
    GradedAttempt,
    gradebook_csv,
    gradebook_rows,
    read_results,
)
from recsim.core.grading.evidence import duration_text, item_order
from recsim.core.grading.gradebook import plain_text, spreadsheet_safe
from recsim.session.checks import load_checked
from recsim.session.regrade import ScenarioFinder, grade_files, regrade
from tests.conftest import SCENARIOS
from tests.core.classroom import (
    TRAINEES,
    Classroom,
    key_answer,
    make_class,
    play,
    read,
    reseal,
    write,
)

TUTORIAL = load_checked(SCENARIOS / "tutorial.yaml")


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


@pytest.fixture
def classroom(tmp_path: Path) -> Classroom:
    """A class of its own that a test may edit (its results name its own scenario file)."""
    return make_class(tmp_path)


def _regrade(path: Path, finder: ScenarioFinder | None = None) -> GradedAttempt:
    return regrade(read_results(path), finder or ScenarioFinder())


def _codes(path: Path, finder: ScenarioFinder | None = None) -> set[str]:
    return {flag.code for flag in _regrade(path, finder).flags}


# the class -------------------------------------------------------------------------


def test_the_class_gradebook_scores_each_trainee_and_flags_exactly_the_edited_and_late(
    played: Classroom,
) -> None:
    graded, unreadable = grade_files(sorted(played.results.iterdir()), ScenarioFinder())
    rows = {row.trainee: row for row in gradebook_rows(graded)}
    assert unreadable == [] and len(rows) == 5
    perfect, empty, typical = (
        rows[TRAINEES["perfect"]],
        rows[TRAINEES["empty"]],
        rows[TRAINEES["typical"]],
    )
    late, edited = rows[TRAINEES["late"]], rows[TRAINEES["edited"]]
    assert (perfect.overall, perfect.passed, perfect.items_answered) == (100.0, True, 8)
    assert (empty.overall, empty.passed, empty.items_answered) == (0.0, False, 0)
    assert typical.overall == read(played.files["typical"])["scorecard"]["overall"]
    assert 0 < typical.overall < 100 and typical.passed is False
    assert {name: row.flags for name, row in rows.items() if row.flags} == {
        TRAINEES["late"]: ("late",),
        TRAINEES["edited"]: ("digest", "answers_edited", "scorecard"),
    }
    assert "after the 20m00s time limit" in late.flag_messages[0]
    assert edited.overall == 100.0  # graded on the answers in the file, and flagged
    assert all(row.status == "graded" and row.accuracy == row.overall for row in rows.values())
    assert all(
        row.scenario == "class-exam" and row.time_limit_seconds == 1200 for row in rows.values()
    )


def test_the_regrade_ignores_the_stored_score(classroom: Classroom) -> None:
    path = classroom.files["typical"]
    document = read(path)
    honest = document["scorecard"]["overall"]
    document["scorecard"]["overall"] = 99.0
    write(path, reseal(document, chain=False))
    graded = _regrade(path)
    assert graded.card is not None and graded.card.overall == honest
    assert [flag.code for flag in graded.flags] == ["scorecard"]
    assert "says 99.0%" in graded.flags[0].message


# tampering, one edit at a time -------------------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def _first(document: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(event for event in document["events"] if event["type"] == kind)


def _answer_to_key(document: dict[str, Any]) -> None:
    """The typical trainee's first answered item, made perfect (in the answers only)."""
    event = _first(document, "answer")
    answer = event["data"]["answer"]
    missing = {"location": "patient.name.family", "kind": "name_mismatch", "correction": None}
    document["answers"][event["item"]] = {"flags": [*answer["flags"], missing]}


def _answer_and_event(document: dict[str, Any]) -> None:
    _answer_to_key(document)
    event = _first(document, "answer")
    event["data"]["answer"] = document["answers"][event["item"]]


def _drop_open_item(document: dict[str, Any]) -> None:
    document["events"].remove(_first(document, "open_item"))


def _swap_two_events(document: dict[str, Any]) -> None:
    events = document["events"]
    events[1], events[2] = events[2], events[1]
    # Only the chain is under test: keep the working time in order. It is real time (the
    # classroom's fake clock dates the events, not the time worked), so on a slow machine
    # the two events could be more than its tolerance apart and the swap would also be
    # flagged, rightly, as working time going backwards.
    first, second = events[1]["data"], events[2]["data"]
    if "elapsed" in first and "elapsed" in second:
        first["elapsed"], second["elapsed"] = second["elapsed"], first["elapsed"]


def _less_time(document: dict[str, Any]) -> None:
    document["elapsed_seconds"] = 60.0


def _after_submission(document: dict[str, Any]) -> None:
    _first(document, "answer")["at"] = "2026-03-02T11:00:00+00:00"


def _before_start(document: dict[str, Any]) -> None:
    _first(document, "answer")["at"] = "2026-03-01T09:00:00+00:00"


def _time_backwards(document: dict[str, Any]) -> None:
    events = document["events"]
    events[3]["at"], events[4]["at"] = events[4]["at"], events[3]["at"]
    events[3]["at"] = "2026-03-02T09:00:30+00:00"


def _hide_a_chart_opening(document: dict[str, Any]) -> None:
    document["opened"].pop()


def _rename_trainee(document: dict[str, Any]) -> None:
    document["trainee"] = "Someone Else"


def _no_submission_time(document: dict[str, Any]) -> None:
    document["submitted_at"] = None


def _not_submitted(document: dict[str, Any]) -> None:
    document["events"].pop()


TAMPERING: dict[str, tuple[Edit, str, set[str]]] = {
    # name: (edit, what is recomputed afterwards, expected flags)
    "answer edited by hand": (_answer_to_key, "nothing", {"digest", "answers_edited", "scorecard"}),
    "answer edited, digest recomputed": (_answer_to_key, "digest", {"answers_edited", "scorecard"}),
    "answer and its event edited, digest recomputed": (
        _answer_and_event,
        "digest",
        {"chain", "scorecard"},
    ),
    "an event removed": (_drop_open_item, "digest", {"chain"}),
    "two events swapped": (_swap_two_events, "digest", {"chain"}),
    "an event removed, chain recomputed": (_drop_open_item, "chain", {"chain"}),
    "time taken lowered": (_less_time, "digest", {"timestamps"}),
    # The class exam runs on the wall clock (an exam's default): an answer dated two hours
    # after the start is also past its 20-minute limit.
    "an event dated after the submission": (_after_submission, "chain", {"timestamps", "late"}),
    "an event dated before the start": (_before_start, "chain", {"timestamps"}),
    "events out of time order": (_time_backwards, "chain", {"timestamps"}),
    "a chart opening hidden": (_hide_a_chart_opening, "digest", {"trail_edited"}),
    "trainee renamed": (_rename_trainee, "digest", {"identity"}),
    "submission time removed": (_no_submission_time, "digest", {"timestamps"}),
    "submission removed": (_not_submitted, "chain", {"chain"}),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_each_kind_of_edit_is_flagged(classroom: Classroom, name: str) -> None:
    edit, recompute, expected = TAMPERING[name]
    path = classroom.files["typical"]
    document = read(path)
    edit(document)
    if recompute != "nothing":
        reseal(document, chain=recompute == "chain")
    write(path, document)
    codes = _codes(path)
    if name == "trainee renamed":  # another name is another form: its score may differ too
        codes.discard("scorecard")
    assert codes == expected


def test_a_trainee_who_recomputes_everything_is_not_caught(classroom: Classroom) -> None:
    """The documented limit (docs/instructors.md): with the source, a forger can reseal a file."""
    path = classroom.files["typical"]
    document = read(path)
    _answer_and_event(document)
    document["scorecard"] = _regrade_document(classroom, document)
    write(path, reseal(document))
    assert _codes(path) == set()


def _regrade_document(classroom: Classroom, document: dict[str, Any]) -> dict[str, Any]:
    scratch = classroom.root / "scratch.json"
    write(scratch, reseal(document))
    card = _regrade(scratch).card
    assert card is not None
    return card.model_dump(mode="json")


def test_a_malformed_stored_scorecard_is_flagged_not_fatal(classroom: Classroom) -> None:
    path = classroom.files["perfect"]
    document = read(path)
    document["scorecard"] = {"overall": "lots"}
    write(path, reseal(document, chain=False))
    graded = _regrade(path)
    assert graded.card is not None and graded.card.overall == 100.0
    assert [flag.code for flag in graded.flags] == ["scorecard"]


def test_answers_that_do_not_fit_the_form_are_reported_not_graded(classroom: Classroom) -> None:
    path = classroom.files["perfect"]
    document = read(path)
    document["answers"]["audit-99"] = {"flags": []}
    write(path, reseal(document, chain=False))
    graded = _regrade(path)
    assert graded.card is None
    assert "answers_unfit" in {flag.code for flag in graded.flags}
    assert "audit-99" in graded.flags[-1].message


# finding the scenario ------------------------------------------------------------------


def test_a_changed_scenario_is_detected_and_not_graded(classroom: Classroom) -> None:
    original = classroom.root / "as-played.yaml"
    shutil.copy(classroom.scenario, original)
    classroom.scenario.write_text(
        classroom.scenario.read_text().replace("passing_score: 70", "passing_score: 50")
    )
    graded = _regrade(classroom.files["perfect"])
    assert graded.card is None and [f.code for f in graded.flags] == ["scenario_changed"]
    assert "another version of scenario 'class-exam'" in graded.flags[0].message
    assert gradebook_rows([graded])[0].status == "not_graded"

    accepted = _regrade(classroom.files["perfect"], ScenarioFinder(accept_changed=True))
    assert accepted.card is not None and accepted.card.passing_score == 50
    assert [f.code for f in accepted.flags] == ["scenario_changed"]

    exact = _regrade(classroom.files["perfect"], ScenarioFinder(override=load_checked(original)))
    assert exact.card is not None and exact.flags == []


def test_a_missing_scenario_is_reported_with_what_to_do(classroom: Classroom) -> None:
    classroom.scenario.unlink()
    graded = _regrade(classroom.files["perfect"], ScenarioFinder(bundled=SCENARIOS))
    assert graded.card is None and [f.code for f in graded.flags] == ["scenario_missing"]
    assert "--scenario" in graded.flags[0].message


def test_another_scenario_named_with_scenario_is_refused(classroom: Classroom) -> None:
    finder = ScenarioFinder(override=load_checked(SCENARIOS / "tutorial.yaml"))
    graded = _regrade(classroom.files["perfect"], finder)
    assert graded.card is None
    assert "'class-exam', not 'tutorial'" in graded.flags[0].message


def test_a_moved_class_is_found_by_the_scenario_path_relative_to_the_results(
    classroom: Classroom,
) -> None:
    path = classroom.files["perfect"]
    document = read(path)
    document["scenario"]["path"] = "../class-exam.yaml"
    write(path, reseal(document, chain=False))
    assert _codes(path) == set()


def test_a_bundled_scenario_is_found_by_its_id(tmp_path: Path) -> None:
    from recsim.core.store import Store

    store = Store(tmp_path / "attempts.sqlite3")
    copy = tmp_path / "elsewhere" / "tutorial.yaml"
    copy.parent.mkdir()
    shutil.copy(SCENARIOS / "tutorial.yaml", copy)
    path = play(store, load_checked(copy), "Ana Ruiz", key_answer, tmp_path / "results")
    shutil.rmtree(copy.parent)
    graded = _regrade(path, ScenarioFinder(bundled=SCENARIOS))
    assert graded.card is not None and graded.card.overall == 100.0 and graded.flags == []


def test_a_scenario_path_naming_a_device_is_never_opened(classroom: Classroom) -> None:
    path = classroom.files["perfect"]
    document = read(path)
    document["scenario"]["path"] = "/dev/zero"
    write(path, reseal(document, chain=False))
    classroom.scenario.unlink()
    assert _codes(path) == {"scenario_missing"}


def test_an_attempt_handed_in_twice_counts_once(classroom: Classroom) -> None:
    copy = classroom.root / "copy-of-perfect.json"
    shutil.copy(classroom.files["perfect"], copy)
    graded, _ = grade_files(
        [classroom.files["perfect"], copy, classroom.files["perfect"]], ScenarioFinder()
    )
    assert len(graded) == 2
    assert [f.code for f in graded[1].flags] == ["duplicate"]


# small helpers -------------------------------------------------------------------------


def test_items_sort_by_number_and_durations_read_as_minutes() -> None:
    assert sorted(["audit-10", "audit-2", "trap-1", "audit-1"], key=item_order) == [
        "audit-1",
        "audit-2",
        "audit-10",
        "trap-1",
    ]
    assert (duration_text(0), duration_text(65.4), duration_text(1200), duration_text(3725)) == (
        "0m00s",
        "1m05s",
        "20m00s",
        "1h02m",
    )


# properties ------------------------------------------------------------------------------

NAMES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def _accepted(name: str) -> bool:
    """Whether recsim takes this name at entry (--trainee, the name box, answers files)."""
    from recsim.core.seeds import BadTraineeName, trainee_name

    try:
        return trainee_name(name) == name
    except BadTraineeName:
        return False


ENTRY_NAMES = NAMES.filter(_accepted)


@settings(max_examples=12, deadline=None)
@given(trainee=ENTRY_NAMES)
def test_any_trainee_who_plays_the_key_grades_100_with_no_flags(trainee: str) -> None:
    from recsim.core.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "attempts.sqlite3")
        path = play(store, TUTORIAL, trainee, key_answer, Path(folder) / "results")
        store.close()
        graded = _regrade(path)
    assert graded.flags == [] and graded.card is not None and graded.card.overall == 100.0


@settings(max_examples=200, deadline=None)
@given(trainee=NAMES, title=NAMES)
def test_every_csv_cell_reads_back_as_the_text_shown(trainee: str, title: str) -> None:
    row = GradebookRow(
        file="a.json",
        attempt="0" * 32,
        trainee=trainee,
        scenario="s",
        scenario_title=title,
        content_hash="0" * 64,
        status="graded",
        accuracy=12.5,
        coding=None,
        privacy=None,
        overall=12.5,
        passing_score=70.0,
        passed=False,
        items_answered=1,
        items_total=2,
        time_taken_seconds=3.25,
        time_limit_seconds=None,
        started_at="2026-03-02T09:00:00+00:00",
        submitted_at=None,
        flags=("late",),
        flag_messages=(f"about {trainee}",),
    )
    (read_back,) = csv.DictReader(io.StringIO(gradebook_csv([row]), newline=""))
    assert read_back["trainee"] == spreadsheet_safe(plain_text(trainee))
    assert read_back["scenario_title"] == spreadsheet_safe(plain_text(title))
    assert (
        read_back["overall"] == "12.5"
        and read_back["coding"] == ""
        and read_back["passed"] == "false"
    )
