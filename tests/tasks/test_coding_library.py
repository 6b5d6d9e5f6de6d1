"""The coding case library: each case is valid FY2026 coding, fits its patients, keys to 100%."""

from __future__ import annotations

import random
import re
import shutil
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.coding import codeset
from recsim.coding.code_shapes import is_procedure
from recsim.coding.edits import check_codes
from recsim.core.clock import age_on
from recsim.core.form import Item
from recsim.core.scenario import InvalidFile
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK
from recsim.tasks.coding.library import (
    PLACEHOLDERS,
    LibraryCase,
    cases_for,
    library,
    load_cases,
    parse_cases,
)
from recsim.tasks.coding.models import CodingAnswer
from recsim.tasks.coding.task import vary
from tests.conftest import DATA

SETTINGS = ("hospital", "clinic", "insurer", "public_health")
CASES = library()
CODE = re.compile(r"(?<![A-Za-z0-9])([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(-?)")
GENDERED = re.compile(
    r"\b(he|she|his|her|him|hers|man|woman|boy|girl|male|female|mr|mrs|ms)\b", re.IGNORECASE
)
BAD_CASE_FILES = DATA / "coding" / "bad_cases"


def scenario_text(setting: str, cases: int, extra: str = "") -> str:
    """A one-task coding scenario for a setting."""
    return (
        f"recsim: 1\nid: coding-{setting.replace('_', '-')}\ntitle: Coding\nsetting: {setting}\n"
        f"tasks:\n  - coding:\n      cases: {cases}\n{extra}"
    )


@cache
def library_items(setting: str, seed: int | None = None) -> dict[str, Item]:
    """One item for every library case of a setting, by case id."""
    loaded = parse_scenario(
        scenario_text(setting, len(cases_for(setting))), "library.yaml", (task_checks,)
    )
    return {item.key.case: item for item in make_variant(loaded, seed=seed).form.items()}  # type: ignore[attr-defined]


def item_for(case_id: str) -> Item:
    """An item built from one library case."""
    case = next(c for c in CASES if c.id == case_id)
    return library_items(case.settings[0])[case_id]


def test_the_library_has_at_least_40_cases_in_every_setting_and_encounter() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)
    for setting in SETTINGS:
        assert len(cases_for(setting)) >= 15, setting
    assert {c.encounter for c in CASES} == {"inpatient", "outpatient", "emergency"}


def test_the_library_teaches_every_trap_the_issue_lists() -> None:
    tags = {t for c in CASES for t in c.tags}
    assert {
        "uncertain_diagnosis",
        "integral_symptoms",
        "combination_code",
        "diabetes",
        "hypertension",
        "ckd",
        "laterality",
        "seventh_character",
        "placeholder",
        "excludes1",
        "etiology_manifestation",
        "external_cause",
        "z_codes",
        "sequela",
        "injury",
        "pregnancy",
        "respiratory",
        "mental_health",
    } <= tags
    uncertain = [c for c in CASES if "uncertain_diagnosis" in c.tags]
    assert {c.encounter for c in uncertain} >= {"inpatient", "outpatient"}
    assert any({"I12.9", "N18.2"} <= set(c.expect.diagnoses) for c in CASES)
    sevenths = {c.expect.diagnoses[0][-1] for c in CASES if "seventh_character" in c.tags}
    assert {"A", "D", "S"} <= {
        code[-1] for c in CASES for code in c.expect.diagnoses if len(code) == 8
    } | sevenths


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_codes_are_billable_fy2026_and_trigger_no_edit_for_any_allowed_patient(
    case: LibraryCase,
) -> None:
    codes = codeset()
    for code in case.expect.diagnoses:
        info = codes.get(code)
        assert info is not None and info.billable, code
    for code in case.expect.optional:
        info = codes.get(code)
        # A prefix such as Y92 would accept Y92.9, which I.C.20.b forbids when the place is known.
        assert info is not None and info.billable, f"optional {code} must be a complete code"
    # No CPT ever: the only procedure codes the library ships are ICD-10-PCS codes of
    # inpatient stays (their validity: tests/tasks/test_coding_pcs.py).
    assert not case.expect.procedures or (
        case.encounter == "inpatient" and all(is_procedure(c) for c in case.expect.procedures)
    ), "library procedure codes are ICD-10-PCS codes of inpatient stays"
    low, high = case.patient.age
    for sex in case.patient.sexes:
        for age in {low, (low + high) // 2, high}:
            result = check_codes(case.expect.diagnoses, sex=sex, age=age, setting=case.encounter)
            assert result.edits == [], (sex, age, [e.message for e in result.edits])
            for first in case.expect.first_listed:
                order = [first, *(c for c in case.expect.diagnoses if c != first)]
                edits = check_codes(order, sex=sex, age=age, setting=case.encounter).edits
                assert edits == [], (first, [e.message for e in edits])
            assert (
                check_codes(
                    [*case.expect.diagnoses, *case.expect.optional],
                    sex=sex,
                    age=age,
                    setting=case.encounter,
                ).edits
                == []
            )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_codes_written_in_notes_are_billable_and_explanations_name_real_entries(
    case: LibraryCase,
) -> None:
    codes = codeset()
    for code, _ in CODE.findall(case.note):
        info = codes.get(code)
        assert info is not None and info.billable, f"note mentions {code}"
    for code, _ in CODE.findall(case.explain):
        assert codes.get(code) is not None, f"explanation mentions {code}"


@pytest.mark.parametrize("case", [c for c in CASES if c.patient.sex == "any"], ids=lambda c: c.id)
def test_a_note_whose_patient_may_be_either_sex_uses_placeholders_for_every_gendered_word(
    case: LibraryCase,
) -> None:
    text = re.sub(r"\{[A-Za-z_]+\}", "", case.note)
    assert not GENDERED.findall(text)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_case_age_range_lies_inside_every_age_rule_of_its_codes(case: LibraryCase) -> None:
    low, high = case.patient.age
    for code in case.expect.diagnoses:
        rule = codeset().get(code).age  # type: ignore[union-attr]
        if rule is not None:
            assert rule.low <= low <= high <= rule.high, (
                f"{code} is a {rule.name} code; ages {low}-{high}"
            )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_case_scores_full_marks_with_its_key_and_zero_when_empty(case: LibraryCase) -> None:
    item = item_for(case.id)
    findings = TASK.check(item, TASK.key_answer(item), Trail())
    assert all(f.outcome == "correct" for f in findings), [
        f.feedback for f in findings if f.outcome != "correct"
    ]
    assert sum(f.earned for f in findings) == sum(f.possible for f in findings) > 0
    empty = TASK.check(item, CodingAnswer(), Trail())
    assert sum(f.earned for f in empty) == 0
    assert all(f.rule for f in empty + findings)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**62),
    which=st.integers(min_value=0, max_value=len(CASES) - 1),
)
def test_variations_stay_inside_the_case_so_its_key_stays_valid(seed: int, which: int) -> None:
    case = CASES[which]
    as_of = date(2026, 3, 2)
    variation = vary(
        random.Random(seed),
        sexes=case.patient.sexes,
        ages=case.patient.age,
        inpatient=case.encounter == "inpatient",
        stay=case.stay,
        as_of=as_of,
        locale="en_US",
    )
    assert variation.sex in case.patient.sexes
    assert case.patient.age[0] <= variation.age <= case.patient.age[1]
    assert age_on(variation.date_of_birth, variation.service_date) == variation.age
    assert variation.service_date < as_of
    if variation.admit_date is not None:
        assert variation.date_of_birth <= variation.admit_date < variation.service_date
    result = check_codes(
        case.expect.diagnoses, sex=variation.sex, age=variation.age, setting=case.encounter
    )
    assert result.edits == []
    filled = variation.values()
    assert set(filled) == set(PLACEHOLDERS)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**62), setting=st.sampled_from(SETTINGS))
def test_every_generated_item_fills_its_note_and_keeps_its_key_for_any_seed(
    seed: int, setting: str
) -> None:
    loaded = parse_scenario(
        scenario_text(setting, len(cases_for(setting))), "seeded.yaml", (task_checks,)
    )
    items = list(make_variant(loaded, seed=seed).form.items())
    assert len({i.key.case for i in items}) == len(items)  # type: ignore[attr-defined]
    for item in items:
        view, key = item.view, item.key
        assert not re.search(r"\{(" + "|".join(PLACEHOLDERS) + r")\}", view.note)  # type: ignore[attr-defined]
        assert view.patient.name in view.note or "Baby" in view.note  # type: ignore[attr-defined]
        assert (
            check_codes(key.diagnoses, sex=key.sex, age=key.age, setting=key.encounter).edits == []
        )  # type: ignore[attr-defined]
        assert key.sex == view.patient.sex and key.age == view.patient.age  # type: ignore[attr-defined]


def test_the_same_seed_and_trainee_give_the_same_cases_and_details() -> None:
    loaded = parse_scenario(scenario_text("clinic", 10), "same.yaml", (task_checks,))
    first = [i.to_json() for i in make_variant(loaded, "Ana Ruiz").form.items()]
    again = [i.to_json() for i in make_variant(loaded, "Ana Ruiz").form.items()]
    other = [i.to_json() for i in make_variant(loaded, "Ben Okafor").form.items()]
    assert first == again
    assert first != other


@pytest.mark.parametrize("path", sorted(BAD_CASE_FILES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_bad_case_file_is_refused_with_its_name_and_a_located_reason(path: Path) -> None:
    expected = path.read_text("utf-8").splitlines()[0].removeprefix("# expect:").strip()
    with pytest.raises(InvalidFile) as error:
        parse_cases(path.read_text("utf-8"), path.name)
    text = str(error.value)
    assert text.startswith(path.name) and expected in text, text


def test_a_case_id_used_in_two_files_is_refused(tmp_path: Path) -> None:
    good = min(
        Path(__file__).resolve().parents[2].joinpath("src/recsim/tasks/coding_cases").glob("*.yaml")
    )
    shutil.copy(good, tmp_path / "a.yaml")
    shutil.copy(good, tmp_path / "b.yaml")
    with pytest.raises(InvalidFile, match="also used in"):
        load_cases(tmp_path)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_note_with_a_failed_insulin_pump_keys_the_device_complication_first(
    case: LibraryCase,
) -> None:
    # Guidelines I.C.4.a: underdosing from an insulin pump failure is the pump's mechanical
    # complication (T85.6-) first, then underdosing (T38.3X6-), then the diabetes.
    text = case.note.lower()
    failed = "pump" in text and re.search(r"dislodg|malfunction|fail|kinked|occlu", text)
    if failed and not re.search(r"(working|no) (normally|failure|malfunction)|were checked", text):
        assert case.expect.diagnoses[0].startswith("T85.6"), case.expect.diagnoses
        assert any(c.startswith("T38.3X6") for c in case.expect.diagnoses)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_explanation_makes_influenza_codes_wait_for_a_positive_test(case: LibraryCase) -> None:
    # Guidelines I.C.10.c: confirmation rests on the provider's statement, not on a lab test.
    said = " ".join(case.explain.lower().split())
    assert not re.search(r"(need|requires?)s? a positive (lab |laboratory )?test", said)
