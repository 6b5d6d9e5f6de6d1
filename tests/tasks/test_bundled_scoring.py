"""For every bundled scenario and many trainees: the key scores 100%, nothing scores 0."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recsim.core.scenario import LoadedScenario
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.kinds import task_kind
from recsim.session.scenarios import load_scenario
from recsim.tasks.audit.models import AuditAnswer, Flag
from recsim.tasks.base import RecordOpen, Trail
from tests.conftest import SCENARIOS
from tests.tasks.desk_screens import SCREENS

BUNDLED = sorted(SCENARIOS.glob("*.yaml"))
TRAINEES = ["", "Ana Ruiz", "Ben Okafor", "Chen Wei"]
TWENTY = (
    "Dara Nolan", "Eli Brooks", "Fay Moss", "Gus Patel", "Hana Sato", "Ivan Petrov", "Jade Kim",
    "Kofi Mensah", "Lena Fischer", "Mo Haddad", "Nia Brown", "Omar Aziz", "Pia Rossi",
    "Quinn Lee", "Rosa Diaz", "Sam Cohen", "Tara Singh", "Uma Reyes", "Vic Adler", "Wen Zhou",
)  # fmt: skip
"""Twenty more names: every bundled key must replay for any trainee, not just the first few."""


@cache
def _load(path: Path) -> LoadedScenario:
    """Each scenario loaded (with every check) once per worker: the tests here only make
    forms of it, and loading builds items for the weight check (about 0.15 s a time)."""
    return load_checked(path)


def _key_answers(variant):  # type: ignore[no-untyped-def]
    answers = {}
    for item in variant.form.items():
        answer = task_kind(item.kind).key_answer(item)
        if answer is not None:
            answers[item.id] = answer
    return answers


def _job_trail(variant) -> Trail:  # type: ignore[no-untyped-def]
    return Trail(
        tuple(
            RecordOpen(mrn=item.chart, reason=f"work queue item {item.id}", item=item.id)
            for item in variant.form.items()
            if item.chart
        )
    )


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
@pytest.mark.parametrize("trainee", TRAINEES)
def test_key_answers_score_full_marks_with_no_false_alarms(path: Path, trainee: str) -> None:
    variant = make_variant(_load(path), trainee)
    card = variant.score(_key_answers(variant), _job_trail(variant))
    assert card.overall == 100.0, [f for f in card.findings if f.outcome != "correct"]
    assert card.passed
    assert not [f for f in card.findings if f.outcome in ("false_alarm", "violation")]


def _with_other_kinds(path: Path) -> bool:
    """Whether a scenario has items besides the desks' (test_desks_replay covers those).

    Read for collection, so without the checks that build items (every test here loads
    its scenario with them): the kinds are in the file's format alone.
    """
    loaded = load_scenario(path)
    kinds = {kind for kind, _block in loaded.scenario.blocks()}
    return bool(kinds - set(SCREENS)) or bool(loaded.scenario.traps)


@pytest.mark.parametrize("path", [p for p in BUNDLED if _with_other_kinds(p)], ids=lambda p: p.stem)
def test_every_key_scores_full_marks_for_twenty_more_trainees(path: Path) -> None:
    loaded = _load(path)
    for trainee in TWENTY:
        variant = make_variant(loaded, trainee)
        trail = _job_trail(variant)
        for item in variant.form.items():
            if item.kind in SCREENS:
                continue
            task = task_kind(item.kind)
            found = task.check(item, task.key_answer(item), trail)
            assert all(f.earned == f.possible for f in found), (trainee, item.id, found)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_empty_answers_score_zero_and_fail(path: Path) -> None:
    variant = make_variant(_load(path), "Ana Ruiz")
    card = variant.score({})
    assert card.overall == 0.0
    assert not card.passed
    assert all(score.earned == 0 for score in card.categories.values())


@pytest.mark.parametrize(
    "path", [p for p in BUNDLED if "audit" in p.read_text()], ids=lambda p: p.stem
)
def test_flagging_every_location_cannot_pass(path: Path) -> None:
    variant = make_variant(_load(path), "Gamer")
    answers = {}
    for item in variant.form.items():
        if item.kind != "audit":
            answers[item.id] = task_kind(item.kind).key_answer(item)
            continue
        key_kinds = {e.kind for e in item.key.errors} or {"name_mismatch"}  # type: ignore[attr-defined]
        answers[item.id] = AuditAnswer(
            flags=[
                Flag(location=path_, kind=kind)
                for path_, _ in item.view.record.fields()  # type: ignore[attr-defined]
                for kind in sorted(key_kinds)
            ][:500]
        )
    card = variant.score(answers, _job_trail(variant))
    assert card.categories["accuracy"].percent < variant.scenario.passing_score


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**62))
def test_key_scores_full_marks_for_any_seed(seed: int) -> None:
    loaded = _load(SCENARIOS / "hospital-audit-exam.yaml")
    variant = make_variant(loaded, "", seed=seed)
    assert variant.score(_key_answers(variant), _job_trail(variant)).overall == 100.0


def test_scoring_is_a_pure_function_of_the_answers() -> None:
    variant = make_variant(_load(SCENARIOS / "hospital-records-audit.yaml"), "Ana Ruiz")
    answers = _key_answers(variant)
    first = variant.score(answers).model_dump_json()
    assert variant.score(dict(reversed(list(answers.items())))).model_dump_json() == first


def test_trainees_get_different_but_equivalent_forms() -> None:
    loaded = _load(SCENARIOS / "hospital-audit-exam.yaml")
    ana, ben = make_variant(loaded, "Ana Ruiz"), make_variant(loaded, "Ben Okafor")
    assert len(ana.form) == len(ben.form)
    assert [i.view.record.patient.mrn for i in ana.form.items()] != [  # type: ignore[attr-defined]
        i.view.record.patient.mrn for i in ben.form.items()
    ]  # type: ignore[attr-defined]
    assert make_variant(loaded, "  ana   RUIZ ").seed == ana.seed


_INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z_]+|\[\d+\]|->")
"""A snake_case id (name_mismatch), a record path (patient.first_name, notes[3]) or an arrow."""


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_expected_and_given_lines_read_as_plain_words(path: Path) -> None:
    variant = make_variant(_load(path), "Ana Ruiz")
    for card in (
        variant.score({}),
        variant.score(_key_answers(variant), trail=_job_trail(variant)),
    ):
        for finding in card.findings:
            for line in (finding.expected, finding.given):
                # What the trainee typed or the document says is quoted, and may hold anything.
                words = re.sub(r"'[^']*'", "''", line or "")
                assert not _INTERNAL.search(words), f"{finding.item}: {line}"
