"""The de-identification task: items, findings per identifier type, and headless play."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recsim.cli import main
from recsim.core.form import Item
from recsim.core.scoring import Finding
from recsim.privacy.deid import identifier
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.tasks.base import Trail
from recsim.tasks.deidentify import TASK, DeidentifyAnswer, DeidentifyKey, DeidentifyView, Mark
from tests.conftest import DATA, ROOT, SCENARIOS

SCENARIO = SCENARIOS / "public-health-deidentify.yaml"
BAD_ANSWERS = {
    "end-before-start.json": [
        "answers.deidentify-1",
        "end must be greater than its start",
        "marks.0",
    ],
    "empty-span.json": ["answers.deidentify-1", "end must be greater than its start"],
    "negative-start.json": ["marks.0.start", "greater than or equal to 0"],
    "unknown-type.json": ["marks.0.type", "'age_over_89'"],
    "bad-action.json": ["marks.0.action", "'remove' or 'generalize'"],
    "missing-end.json": ["marks.0.end", "field required"],
    "offsets-as-text.json": ["marks.0.start", "integer"],
    "marks-not-list.json": ["answers.deidentify-1", "'marks'", "list"],
    "mark-not-object.json": ["marks.0"],
    "unknown-key.json": ["answers.deidentify-1", "spans"],
    "unknown-trap-response.json": [
        "answers.trap-1",
        "'shrug' is not a trap response",
        "refuse_and_report",
    ],
    "trap-response-missing.json": ["answers.trap-1", "response", "field required"],
    "trap-response-too-long.json": ["answers.trap-1", "at most 40 characters"],
}


def variant_for(
    tmp_path: Path, documents: int = 4, trainee: str = "Ana Ruiz", seed: int = 11
) -> Variant:
    path = tmp_path / "deid.yaml"
    path.write_text(
        f"recsim: 1\nid: deid\ntitle: De-identify\nsetting: public_health\nseed: {seed}\n"
        "objectives: [{id: safe-harbor, text: Remove the 18 identifiers}]\n"
        f"tasks:\n  - deidentify: {{documents: {documents}, objective: safe-harbor}}\n"
    )
    return make_variant(load_checked(path), trainee)


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> list[Item]:
    # In task order (deidentify-1 is document 0), not the shuffled queue order.
    made = variant_for(tmp_path_factory.mktemp("deid")).form.items()
    return sorted(made, key=lambda item: int(item.id.rpartition("-")[2]))


def _key(item: Item) -> DeidentifyKey:
    return item.key  # type: ignore[return-value]


def _text(item: Item) -> str:
    view: DeidentifyView = item.view  # type: ignore[assignment]
    return view.text


def _total(findings: list[Finding]) -> float:
    return max(0.0, sum(f.earned for f in findings))


def _possible(findings: list[Finding]) -> float:
    return sum(f.possible for f in findings)


def _clinical_word(item: Item) -> tuple[int, int]:
    """A word of eight letters or more that identifies no one (e.g. "COMMUNICABLE", "colleague")."""
    taken = {n for s in _key(item).spans for n in range(s.start, s.end)}
    for word in re.finditer(r"[A-Za-z]{8,}", _text(item)):
        if not taken & set(range(word.start(), word.end())):
            return word.start(), word.end()
    raise AssertionError("no clinical word")


def test_the_key_answer_earns_everything_with_only_correct_findings(items: list[Item]) -> None:
    for item in items:
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert findings and all(f.outcome == "correct" and f.earned == f.possible for f in findings)
        assert _possible(findings) == pytest.approx(20.0, abs=0.01)


def test_an_unanswered_document_earns_nothing(items: list[Item]) -> None:
    findings = TASK.check(items[0], None, Trail())
    assert all(f.outcome == "missed" and f.earned == 0 for f in findings)
    assert all(f.feedback.startswith("Not answered") for f in findings)


def test_an_empty_answer_earns_nothing_and_names_each_missed_identifier(items: list[Item]) -> None:
    findings = TASK.check(items[0], DeidentifyAnswer(), Trail())
    assert _total(findings) == 0
    for span in _key(items[0]).spans:
        assert any(f"'{span.text}'" in f.feedback for f in findings)


def test_each_identifier_type_is_a_finding_that_cites_its_paragraph(items: list[Item]) -> None:
    for item in items:
        findings = TASK.check(item, DeidentifyAnswer(), Trail())
        types = {s.type for s in _key(item).spans}
        assert {f.topic for f in findings} == {f"deid_{t}" for t in types}
        for finding in findings:
            kind = finding.topic.removeprefix("deid_")
            assert finding.rule == f"45 CFR 164.514(b)(2)(i)({identifier(kind).letter})"
            assert finding.category == "privacy" and finding.objective == "safe-harbor"


def test_any_two_consecutive_documents_hold_all_eighteen_identifier_types(
    items: list[Item],
) -> None:
    for first, second in itertools.pairwise(items):
        letters = {identifier(s.type).letter for item in (first, second) for s in _key(item).spans}
        assert letters == set("ABCDEFGHIJKLMNOPQR")


def test_patients_over_89_alternate_so_every_pair_teaches_the_age_rule(items: list[Item]) -> None:
    elderly = [any(s.type == "age_over_89" for s in _key(item).spans) for item in items]
    assert all(a != b for a, b in itertools.pairwise(elderly))


def test_missing_an_identifier_costs_far_more_than_over_redacting_a_word(items: list[Item]) -> None:
    item = items[0]
    key = TASK.key_answer(item)
    spans = _key(item).spans
    missed_one = DeidentifyAnswer(marks=[m for m in key.marks if m.start != spans[0].start])
    start, end = _clinical_word(item)
    extra_word = DeidentifyAnswer(marks=[*key.marks, Mark(start=start, end=end, type="name")])
    full = _total(TASK.check(item, key, Trail()))
    missed_cost = full - _total(TASK.check(item, missed_one, Trail()))
    extra = TASK.check(item, extra_word, Trail())
    extra_cost = full - _total(extra)
    assert missed_cost >= 6 * extra_cost > 0
    (alarm,) = [f for f in extra if f.outcome == "false_alarm"]
    assert (
        alarm.topic == "deid_over_redaction_name"
        and alarm.severity == 1
        and "Over-redaction" in alarm.feedback
    )
    assert alarm.rule == "45 CFR 164.514(b)(2)(i)"


def test_marking_the_whole_document_cannot_pass(items: list[Item]) -> None:
    for item in items:
        answer = DeidentifyAnswer(marks=[Mark(start=0, end=len(_text(item)), type="name")])
        findings = TASK.check(item, answer, Trail())
        assert _total(findings) / _possible([f for f in findings if f.possible]) < 0.2


def test_generalizing_a_street_is_a_miss_and_removing_a_date_loses_a_little(
    items: list[Item],
) -> None:
    item = items[1]
    spans = _key(item).spans
    street = next(s for s in spans if s.type == "geographic" and s.action == "remove")
    date = next(s for s in spans if s.type == "date" and s.action == "generalize")
    marks = [Mark(start=s.start, end=s.end, type=s.type, action=s.action) for s in spans]
    for mark in marks:
        if mark.start == street.start:
            mark.action = "generalize"
        if mark.start == date.start:
            mark.action = "remove"
    findings = {f.topic: f for f in TASK.check(item, DeidentifyAnswer(marks=marks), Trail())}
    geographic, dates = findings["deid_geographic"], findings["deid_date"]
    assert geographic.outcome == "partial" and "cannot be generalized" in geographic.feedback
    assert dates.outcome == "partial" and dates.earned > dates.possible * 0.9
    assert "removed where Safe Harbor lets the copy keep part of it" in dates.feedback


def test_a_missed_relative_is_named_with_whose_identifier_it_was(items: list[Item]) -> None:
    item = items[0]
    relative = next(
        s
        for s in _key(item).spans
        if s.type == "name" and "the patient's " in s.whose and "employer" not in s.whose
    )
    marks = [m for m in TASK.key_answer(item).marks if m.start != relative.start]
    (names,) = [
        f
        for f in TASK.check(item, DeidentifyAnswer(marks=marks), Trail())
        if f.topic == "deid_name"
    ]
    assert f"Missed '{relative.text}' ({relative.whose})" in names.feedback


def test_describe_shows_the_document_the_key_and_the_deidentified_copy(items: list[Item]) -> None:
    lines = list(TASK.describe(items[0]))
    assert "identifiers of" in lines[0]
    assert sum(line.startswith("key: ") for line in lines) == len(_key(items[0]).spans)
    copy_at = lines.index("de-identified copy:")
    assert "[name]" in "\n".join(lines[copy_at:])


def test_the_key_answer_survives_the_answers_file_round_trip(items: list[Item]) -> None:
    answer = TASK.key_answer(items[0])
    assert DeidentifyAnswer.model_validate(json.loads(answer.model_dump_json())) == answer


def test_every_bad_answers_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (DATA / "deidentify").iterdir()) == sorted(BAD_ANSWERS)


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_a_bad_answers_file_gets_one_clear_line_and_exit_one(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["play", str(SCENARIO), "--answers", str(DATA / "deidentify" / name), "--json"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("recsim: ") and name in err
    for words in BAD_ANSWERS[name]:
        assert words in err, err


def test_the_bundled_scenarios_key_answers_file_scores_full_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recsim",
            "preview",
            str(SCENARIO),
            "--trainee",
            "Chen Wei",
            "--key-answers",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    path = tmp_path / "key.json"
    path.write_text(result.stdout)
    assert main(["play", str(SCENARIO), "--answers", str(path), "--json"]) == 0
    card: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert card["overall"] == 100.0 and card["passed"]
    assert {f["item"].split("-")[0] for f in card["findings"]} == {"deidentify", "trap"}


def test_the_bundled_scenario_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCENARIO)]) == 0
    assert "ok" in capsys.readouterr().err
