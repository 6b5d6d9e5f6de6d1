"""Coding cases written in a scenario, procedure code sets, and ``recsim validate``'s checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.scenario import InvalidFile
from recsim.session.checks import load_checked, task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK
from recsim.tasks.coding.models import CodingAnswer
from tests.conftest import DATA

CODING = DATA / "coding"
BAD_SCENARIOS = sorted((CODING / "scenarios").glob("*.yaml"))


def _items():  # type: ignore[no-untyped-def]
    variant = make_variant(load_checked(CODING / "authored.yaml"), "Ana Ruiz")
    return {item.key.case: item for item in variant.form.items()}  # type: ignore[attr-defined]


def test_authored_cases_become_items_alongside_library_cases() -> None:
    items = _items()
    assert len(items) == 4
    assert {"appendix", "items[1]"} <= set(items)
    assert sum(1 for item in items.values() if item.key.source == "library") == 2  # type: ignore[attr-defined]
    assert all(item.objectives == ("sequencing",) for item in items.values())


def test_an_authored_case_keeps_its_patient_normalizes_its_codes_and_fills_its_note() -> None:
    item = _items()["appendix"]
    view, key = item.view, item.key
    assert (view.patient.sex, view.patient.age) == ("F", 34)  # type: ignore[attr-defined]
    assert key.diagnoses == ["K35.30"] and key.procedures == ["0DTJ4ZZ"]  # type: ignore[attr-defined]
    assert view.patient.name in view.note and "{" not in view.note  # type: ignore[attr-defined]
    assert key.descriptions["0DTJ4ZZ"].startswith("Resection of Appendix")  # type: ignore[attr-defined]
    assert view.procedure_codes == "procedures.csv"  # type: ignore[attr-defined]


def test_authored_keys_score_full_marks_and_an_empty_answer_nothing() -> None:
    for item in _items().values():
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.outcome == "correct" for f in findings), [f.feedback for f in findings]
        assert sum(f.earned for f in TASK.check(item, CodingAnswer(), Trail())) == 0


def test_a_procedure_outside_the_code_set_is_an_extra_that_says_so() -> None:
    item = _items()["appendix"]
    # 0SRB0JA is far from the key's 0DTJ4ZZ (another table): no near miss, an extra code.
    findings = TASK.check(item, CodingAnswer(diagnoses=["K35.30"], procedures=["0SRB0JA"]), Trail())
    missed = next(f for f in findings if f.topic == "procedure")
    extra = next(f for f in findings if f.topic == "extra_procedure")
    assert missed.outcome == "missed" and "0DTJ4ZZ" in missed.feedback
    assert extra.earned < 0 and "not in this scenario's procedure code set" in extra.feedback
    assert "45 CFR 162.1002" in extra.rule


def test_a_procedure_in_the_set_but_not_done_is_an_unsupported_extra() -> None:
    item = _items()["appendix"]
    findings = TASK.check(
        item, CodingAnswer(diagnoses=["K35.30"], procedures=["0DTJ4ZZ", "10E0XZZ"]), Trail()
    )
    extra = next(f for f in findings if f.topic == "extra_procedure")
    assert "not supported by the documentation" in extra.feedback


def test_describe_shows_the_note_the_key_with_descriptions_and_the_explanation() -> None:
    item = _items()["appendix"]
    lines = list(TASK.describe(item))
    assert any(
        line.startswith("key: K35.30 Acute appendicitis with localized peritonitis")
        and "(principal)" in line
        for line in lines
    )
    assert any("procedure 0DTJ4ZZ Resection of Appendix" in line for line in lines)
    assert any(line.startswith("why: Acute appendicitis") for line in lines)
    assert TASK.key_answer(item) == CodingAnswer(diagnoses=["K35.30"], procedures=["0DTJ4ZZ"])


@pytest.mark.parametrize("path", BAD_SCENARIOS, ids=lambda p: p.stem)
def test_a_bad_coding_block_is_refused_with_a_located_reason(path: Path) -> None:
    expected = path.read_text("utf-8").splitlines()[0].removeprefix("# expect:").strip()
    with pytest.raises(InvalidFile) as error:
        load_checked(path)
    (problem,) = error.value.problems
    assert (
        problem.file == str(path)
        and problem.line > 0
        and problem.where.startswith("tasks[0].coding.")
    )
    assert expected in problem.message, problem.message


def test_expected_codes_that_trigger_a_claim_edit_are_a_warning() -> None:
    text = (
        "recsim: 1\nid: warn\ntitle: w\nsetting: clinic\ntasks:\n  - coding:\n      items:\n"
        "        - encounter: outpatient\n          patient: {sex: M, age: 80}\n"
        "          note: Dementia.\n"
        "          expect: {diagnoses: [F02.B0, G30.1]}\n"
    )
    loaded = parse_scenario(text, "warn.yaml", (task_checks,))
    assert {w.severity for w in loaded.warnings} == {"warning"}
    assert any("manifestation_as_principal" in w.message for w in loaded.warnings)
    item = next(iter(make_variant(loaded).form.items()))
    findings = TASK.check(item, TASK.key_answer(item), Trail())
    assert not [f for f in findings if f.outcome == "violation"]


def test_tags_with_no_library_cases_drawn_are_a_warning() -> None:
    text = (
        "recsim: 1\nid: warn\ntitle: w\nsetting: clinic\ntasks:\n"
        "  - coding:\n      tags: [diabetes]\n"
        "      items:\n        - encounter: outpatient\n          patient: {sex: M, age: 80}\n"
        "          note: Diabetes.\n          expect: {diagnoses: [E11.9]}\n"
    )
    (warning,) = parse_scenario(text, "warn.yaml", (task_checks,)).warnings
    assert "'cases' is 0" in warning.message


def test_library_draws_respect_tags_and_never_repeat_a_case() -> None:
    text = (
        "recsim: 1\nid: tagged\ntitle: t\nsetting: clinic\n"
        "tasks:\n  - coding: {cases: 5, tags: [diabetes]}\n"
    )
    items = list(
        make_variant(parse_scenario(text, "tagged.yaml", (task_checks,)), "Ben").form.items()
    )
    cases = [item.key.case for item in items]  # type: ignore[attr-defined]
    assert len(set(cases)) == 5
    from recsim.tasks.coding.library import library

    tags = {c.id: c.tags for c in library()}
    assert all("diabetes" in tags[case] for case in cases)


def _delivery(expect: str, cite: str = "") -> str:
    return (
        "recsim: 1\nid: birth\ntitle: b\nsetting: hospital\ntasks:\n  - coding:\n      items:\n"
        "        - encounter: inpatient\n          patient: {sex: F, age: 34}\n"
        "          note: Admitted in labor at 39 weeks; spontaneous vaginal delivery of a boy.\n"
        f"          expect: {expect}\n{cite}"
    )


def test_a_delivery_key_without_weeks_of_gestation_is_warned_with_the_note() -> None:
    loaded = parse_scenario(_delivery("{diagnoses: [O80, Z37.0]}"), "b.yaml", (task_checks,))
    (warning,) = loaded.warnings
    assert warning.severity == "warning" and "Z3A" in warning.message
    assert "use additional code" in warning.message and "I.B.7" in warning.message
    assert warning.where.endswith("expect.diagnoses[0]")


def test_a_delivery_key_without_its_outcome_is_warned() -> None:
    loaded = parse_scenario(_delivery("{diagnoses: [O80, Z3A.39]}"), "b.yaml", (task_checks,))
    assert [w for w in loaded.warnings if "Z37.0" in w.message]


def test_an_optional_weeks_code_silences_the_warning_and_is_accepted_when_coded() -> None:
    text = _delivery(
        "{diagnoses: [O80, Z37.0], optional: [Z3A.39]}",
        "          cite: [I.C.15.b.5, ICD-10-CM tabular note at O80]\n",
    )
    loaded = parse_scenario(text, "b.yaml", (task_checks,))
    assert not loaded.warnings
    item = next(iter(make_variant(loaded).form.items()))
    findings = TASK.check(item, CodingAnswer(diagnoses=["O80", "Z37.0", "Z3A.39"]), Trail())
    assert all(f.earned >= 0 for f in findings)
    assert sum(f.earned for f in findings) == sum(f.possible for f in findings)
    assert all("I.C.15.b.5" in f.rule for f in findings if f.topic == "code")
    assert any("tabular note at O80" in f.rule for f in findings)


def test_an_also_accepted_code_in_an_authored_key_earns_full_credit() -> None:
    text = (
        "recsim: 1\nid: copd\ntitle: c\nsetting: clinic\ntasks:\n  - coding:\n      items:\n"
        "        - encounter: outpatient\n          patient: {sex: M, age: 66}\n"
        "          note: COPD review. Smoked cigarettes for 30 years, nicotine dependence, in\n"
        "            remission since quitting 8 years ago.\n"
        "          expect: {diagnoses: [J44.9, F17.211], also_accepted: {F17.211: [Z87.891]}}\n"
    )
    item = next(iter(make_variant(parse_scenario(text, "c.yaml", (task_checks,))).form.items()))
    findings = TASK.check(item, CodingAnswer(diagnoses=["J44.9", "Z87.891"]), Trail())
    assert sum(f.earned for f in findings) == sum(f.possible for f in findings)
    assert any("accepted in place of F17.211" in f.feedback for f in findings)


def test_an_optional_code_that_trips_a_claim_edit_with_the_key_is_warned() -> None:
    text = _delivery("{diagnoses: [O80, Z37.0, Z3A.39], optional: [Z34.83]}")
    loaded = parse_scenario(text, "b.yaml", (task_checks,))
    assert any("Z34.83" in w.message and "excludes1_conflict" in w.message for w in loaded.warnings)


def test_the_authoring_guide_s_coding_example_validates_cleanly_and_its_keys_score_full() -> None:
    guide = (Path(__file__).parents[2] / "docs" / "authoring.md").read_text("utf-8")
    start = guide.index("- coding:\n    cases: 6")
    block = guide[start : guide.index("```", start)]
    body = "\n".join(f"  {line}" if line else line for line in block.splitlines())
    body = body.replace("procedure_codes: my-codes.csv", "").replace("cases: 6", "cases: 0")
    body = body.replace("    tags: [diabetes, injury]", "")
    text = f"recsim: 1\nid: guide\ntitle: g\nsetting: hospital\ntasks:\n{body}\n"
    loaded = parse_scenario(text, "guide.yaml", (task_checks,))
    assert not loaded.warnings, [w.message for w in loaded.warnings]
    items = list(make_variant(loaded).form.items())
    assert {item.key.case for item in items} == {"delivery-1", "wrist-1"}  # type: ignore[attr-defined]
    for item in items:
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert sum(f.earned for f in findings) == sum(f.possible for f in findings)
