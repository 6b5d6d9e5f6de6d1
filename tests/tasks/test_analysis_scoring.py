"""Statistics questions: the key comes from the data the trainee sees; tolerance, partial, ties."""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from recsim.core.form import Item
from recsim.core.scenario import InvalidFile
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.analysis import TASK
from recsim.tasks.analysis.batch import batch_csv, diagnoses
from recsim.tasks.analysis.births import delivery_diagnoses, newborn_diagnoses
from recsim.tasks.analysis.block import BIRTH_QUESTIONS
from recsim.tasks.analysis.models import (
    QUESTIONS,
    AnalysisAnswer,
    AnalysisKey,
    EncounterBatch,
    InpatientStay,
)
from recsim.tasks.analysis.task import answer_key, questions
from recsim.tasks.base import Trail

WITH_BIRTHS = "{encounters: 150, beds: 40, births: 15}"
"""A block whose ``all`` asks every question of the catalog, births included."""


def items(seed: int = 5, block: str = WITH_BIRTHS) -> dict[str, Item]:
    text = (
        "recsim: 1\nid: stats-test\ntitle: Statistics test\nsetting: public_health\n"
        f"seed: {seed}\ntasks:\n  - analysis: {block}\n"
    )
    loaded = parse_scenario(text, "s.yaml", checks=(task_checks,), base=Path("s.yaml"))
    return {item.view.question: item for item in make_variant(loaded).form.items()}  # type: ignore[attr-defined]


def check(item: Item, answer: AnalysisAnswer | None) -> tuple[str, float, str]:
    (finding,) = TASK.check(item, answer, Trail())
    return finding.outcome, finding.earned, finding.feedback


def test_key_answers_score_full_marks_and_empty_answers_nothing() -> None:
    for item in items().values():
        outcome, earned, _ = check(item, TASK.key_answer(item))
        assert outcome == "correct" and earned == 2
        assert check(item, None)[:2] == ("missed", 0)
        assert check(item, AnalysisAnswer())[:2] == ("missed", 0)


def test_every_question_is_asked_once_and_shares_one_batch() -> None:
    asked = items()
    assert set(asked) == set(QUESTIONS)
    batches = {id(item.view.batch) for item in asked.values()}  # type: ignore[attr-defined]
    assert len(batches) == 1


def test_a_value_within_the_stated_tolerance_is_accepted() -> None:
    item = items()["average_length_of_stay"]
    key: AnalysisKey = item.key  # type: ignore[assignment]
    assert key.value is not None
    assert check(item, AnalysisAnswer(value=key.value + 0.1))[0] == "correct"
    assert check(item, AnalysisAnswer(value=key.value - 0.1))[0] == "correct"
    outcome, earned, feedback = check(item, AnalysisAnswer(value=key.value + 0.15))
    assert (outcome, earned) == ("missed", 0)
    assert "total length of stay of discharges / discharges" in feedback
    assert f"{key.numerator:g} / {key.denominator:g}" in feedback


def test_right_counts_with_a_slipped_division_earn_half() -> None:
    item = items()["readmission_rate"]
    key: AnalysisKey = item.key  # type: ignore[assignment]
    answer = AnalysisAnswer(
        value=(key.value or 0) / 100, numerator=key.numerator, denominator=key.denominator
    )
    outcome, earned, feedback = check(item, answer)
    assert (outcome, earned) == ("partial", 1.0) and "x 100" in feedback


def test_a_wrong_denominator_is_named_in_the_feedback() -> None:
    item = items()["readmission_rate"]
    key: AnalysisKey = item.key  # type: ignore[assignment]
    assert key.denominator is not None and key.numerator is not None
    wrong = key.denominator + sum(
        key.excluded.get(k, 0) for k in ("died", "transferred to another acute-care hospital")
    )
    if wrong == key.denominator:
        wrong += 1
    outcome, _, feedback = check(
        item,
        AnalysisAnswer(
            value=100 * key.numerator / wrong, numerator=key.numerator, denominator=wrong
        ),
    )
    assert outcome == "missed" and "Your denominator differs" in feedback and "died" in feedback


def test_top_diagnoses_earn_a_share_per_right_code_and_accept_typing_variants() -> None:
    item = items()["top_diagnoses"]
    key: AnalysisKey = item.key  # type: ignore[assignment]
    typed = [code.replace(".", "").lower() for code in key.codes]
    assert check(item, AnalysisAnswer(codes=typed))[:2] == ("correct", 2.0)
    outcome, earned, _ = check(
        item, AnalysisAnswer(codes=[*key.codes[:2], "Z00.00", "Z00.01", "R99"])
    )
    assert outcome == "partial" and earned == pytest.approx(2 * 2 / 5)
    # listing more codes than asked does not help: only the first five count
    padded = ["R99", "Z00.00", "Z00.01", "R69", "R68.89", *key.codes]
    assert check(item, AnalysisAnswer(codes=padded))[:2] == ("missed", 0)


def test_codes_tied_for_the_last_place_are_all_accepted() -> None:
    stays = []
    day = date(2026, 1, 5)
    for number, code in enumerate(["A41.9"] * 3 + ["J18.9"] * 2 + ["I50.9", "N39.0"]):
        stays.append(
            InpatientStay(
                account=f"A{number}",
                mrn=f"P{number}",
                age=50,
                sex="M",
                admitted=day,
                discharged=day + timedelta(days=2),
                disposition="home",
                planned=False,
                principal_dx=code,
                principal_description="(test)",
            )
        )
    batch = EncounterBatch(
        facility="T",
        beds=5,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 1, 31),
        as_of=date(2026, 3, 2),
        stays=stays,
    )
    key = answer_key(replace(questions()["top_diagnoses"], count=3), batch)
    assert key.codes == ["A41.9", "J18.9", "I50.9"] and key.accepted == [
        "A41.9",
        "J18.9",
        "I50.9",
        "N39.0",
    ]
    item = items()["top_diagnoses"]
    view = item.view.model_copy(update={"count": 3, "batch": batch})  # type: ignore[attr-defined]
    tied = Item(id=item.id, kind=item.kind, title=item.title, view=view, key=key)
    assert check(tied, AnalysisAnswer(codes=["A41.9", "J18.9", "N39.0"]))[0] == "correct"
    assert check(tied, AnalysisAnswer(codes=["A41.9", "J18.9", "I50.9"]))[0] == "correct"
    assert "tied for the last place" in check(tied, AnalysisAnswer(codes=["A41.9"]))[2]


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**62))
def test_the_key_is_what_the_exported_csv_gives(seed: int) -> None:
    asked = items(seed)
    batch: EncounterBatch = next(iter(asked.values())).view.batch  # type: ignore[attr-defined]
    rows = list(csv.DictReader(io.StringIO(batch_csv(batch))))
    rebuilt = batch.model_copy(
        update={
            "stays": [
                InpatientStay(
                    account=r["account"],
                    mrn=r["mrn"],
                    age=int(r["age"]),
                    sex=r["sex"],  # type: ignore[arg-type]
                    admitted=date.fromisoformat(r["admitted"]),
                    discharged=date.fromisoformat(r["discharged"]),
                    disposition=r["disposition"],
                    planned=r["planned"] == "yes",  # type: ignore[arg-type]
                    principal_dx=r["principal_dx"],
                    principal_description=r["principal_description"],
                    chart_completed=date.fromisoformat(r["chart_completed"])
                    if r["chart_completed"]
                    else None,
                    drg=int(r["drg"]),
                    drg_weight=float(r["drg_weight"]),
                    death_hours=int(r["death_hours"]) if r["death_hours"] else None,
                    autopsy=r["autopsy"] == "yes",
                    infection=r["infection"] == "yes",
                    delivery=r["delivery"] or None,  # type: ignore[arg-type]
                    newborn=r["newborn"] == "yes",
                    mother=r["mother"] or None,
                )
                for r in rows
            ]
        }
    )
    for name, item in asked.items():
        assert answer_key(questions()[name], rebuilt) == item.key


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**62),
    encounters=st.integers(min_value=10, max_value=400),
    beds=st.integers(min_value=5, max_value=300),
)
def test_generated_batches_are_possible(seed: int, encounters: int, beds: int) -> None:
    block = f"{{encounters: {encounters}, beds: {beds}}}"
    try:
        asked = items(seed, block)
    except InvalidFile:
        return  # more stays than the beds can hold in a year: refused at load
    item = next(iter(asked.values()))
    batch: EncounterBatch = item.view.batch  # type: ignore[attr-defined]
    # "all" without births keeps the batch scenarios always had: no deliveries, no newborns
    assert len(batch.stays) == encounters
    assert not any(s.delivery or s.newborn for s in batch.stays)
    assert 7 <= batch.period_days <= 366
    assert batch.period_end + timedelta(days=30) < batch.as_of
    codes = {d.code: d.description for d in (*diagnoses(), *delivery_diagnoses())}
    codes |= {n.code: n.description for n in newborn_diagnoses()}
    by_patient: dict[str, list[InpatientStay]] = {}
    for stay in batch.stays:
        assert stay.admitted <= stay.discharged < batch.as_of
        assert stay.chart_completed is None or stay.discharged < stay.chart_completed < batch.as_of
        assert codes[stay.principal_dx] == stay.principal_description
        assert stay.discharged >= batch.period_start  # every stay touches the period or follows it
        by_patient.setdefault(stay.mrn, []).append(stay)
    for stays in by_patient.values():
        stays.sort(key=lambda s: s.admitted)
        for before, after in itertools.pairwise(stays):
            assert before.discharged <= after.admitted and before.disposition != "expired"
    for name in ("readmission_rate", "bed_occupancy", "delinquent_rate"):
        value = asked[name].key.value  # type: ignore[attr-defined]
        assert 0 <= value <= 100 or name == "bed_occupancy"


def test_the_same_seed_gives_the_same_batch() -> None:
    first = items(9)["bed_occupancy"].view.batch  # type: ignore[attr-defined]
    assert batch_csv(first) == batch_csv(items(9)["bed_occupancy"].view.batch)  # type: ignore[attr-defined]
    assert batch_csv(first) != batch_csv(items(10)["bed_occupancy"].view.batch)  # type: ignore[attr-defined]


def test_a_given_period_is_used_as_is() -> None:
    batch = items(block="{encounters: 400, beds: 80, period_days: 30}")["top_diagnoses"].view.batch  # type: ignore[attr-defined]
    assert batch.period_days == 30


def test_all_asks_about_births_only_when_the_block_has_births() -> None:
    plain = items(block="{encounters: 100}")
    assert not set(plain) & set(BIRTH_QUESTIONS)
    with_births = items(block="{encounters: 100, births: 12}")
    assert set(with_births) == set(plain) | set(BIRTH_QUESTIONS)
    batch = with_births["caesarean_rate"].view.batch  # type: ignore[attr-defined]
    assert len([s for s in batch.stays if s.delivery]) == 12


def test_questions_can_be_chosen_and_are_counted() -> None:
    asked = items(block="{questions: [bed_occupancy, top_diagnoses]}")
    assert set(asked) == {"bed_occupancy", "top_diagnoses"}


def test_impossible_occupancy_is_refused_at_load() -> None:
    with pytest.raises(InvalidFile, match="give more beds or a longer period"):
        items(block="{encounters: 5000, beds: 10, period_days: 30}")
    with pytest.raises(InvalidFile, match="even over a year"):
        items(block="{encounters: 100000, beds: 20}")


def test_answers_are_bounded_numbers_and_codes() -> None:
    for bad in (
        {"value": "a lot"},
        {"value": -1},
        {"value": float("nan")},
        {"value": 1e12},
        {"codes": ["A" * 40]},
        {"codes": ["J18.9"] * 21},
        {"median": 3},
    ):
        with pytest.raises(ValidationError):
            AnalysisAnswer.model_validate(bad)


def test_describe_shows_the_question_and_the_arithmetic() -> None:
    for item in items().values():
        lines = list(TASK.describe(item))
        assert lines[0] == item.view.prompt  # type: ignore[attr-defined]
        assert any(line.startswith("key: ") for line in lines)


def test_the_key_is_shown_to_as_many_places_as_the_question_asks() -> None:
    # "rounds to 1.212" read as three places when four were asked for
    item = items()["case_mix_index"]
    key = item.key.model_copy(update={"value": 1.21201, "rounded": 1.212})
    keyed = Item(id=item.id, kind=item.kind, title=item.title, view=item.view, key=key)
    feedback = check(keyed, AnalysisAnswer(value=2.5))[2]
    assert "which rounds to 1.2120." in feedback, feedback
