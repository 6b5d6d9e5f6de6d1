"""A trap that leads into a breach report (``leads_to: breach``): the colleague who asked the
trainee to look up a neighbour becomes the privacy office's incident, right after the trap.

The scenario is tests/data/trap_leads/colleague-to-breach.yaml; bad entries are in its
``bad`` folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from recsim.cli import main
from recsim.core.form import Item
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.session.kinds import task_kind
from recsim.session.scenarios import parse_scenario
from recsim.tasks.breach.models import BreachKey, BreachView
from recsim.tasks.traps.catalog import catalog
from recsim.tasks.traps.models import TrapKey, TrapView
from tests.conftest import DATA
from tests.tasks.test_bundled_scoring import TWENTY

FOLDER = DATA / "trap_leads"
SCENARIO = FOLDER / "colleague-to-breach.yaml"
JARGON = ("Value error", "value error", "Traceback", "pydantic")


def _variant(trainee: str, path: Path = SCENARIO) -> Variant:
    return make_variant(load_checked(path), trainee)


def _key_answers(variant: Variant) -> dict[str, Any]:
    answers = {}
    for item in variant.form.items():
        answer = task_kind(item.kind).key_answer(item)
        assert answer is not None
        answers[item.id] = answer
    return answers


def _pair(variant: Variant) -> tuple[Item, Item]:
    """The trap and its follow-up."""
    return variant.form.item("trap-1"), variant.form.item("breach-3")


def _colleague(trap: Item) -> str:
    """The colleague's name, as the trap's title gives it ("Message from NAME")."""
    return trap.title.removeprefix("Message from ")


def test_the_follow_up_comes_right_after_its_trap_and_continues_the_numbering() -> None:
    ids = [slot.id for slot in _variant("Ana").form.slots]
    assert ids == ["breach-1", "trap-1", "breach-3", "breach-2"]


@pytest.mark.parametrize("trainee", TWENTY)
def test_key_answers_score_full_marks(trainee: str) -> None:
    variant = _variant(trainee)
    card = variant.score(_key_answers(variant))
    assert card.overall == 100.0, [f for f in card.findings if f.outcome != "correct"]


@pytest.mark.parametrize("trainee", TWENTY)
def test_the_follow_up_names_the_trap_s_colleague_and_patient_on_the_trap_s_day(
    trainee: str,
) -> None:
    variant = _variant(trainee)
    trap, follow_up = _pair(variant)
    view = follow_up.view
    assert isinstance(view, BreachView) and isinstance(trap.key, TrapKey)
    assert isinstance(trap.view, TrapView)
    colleague, patient = _colleague(trap), trap.key.person
    assert colleague in trap.view.situation and patient in trap.view.situation
    assert (
        view.report.startswith(f"{colleague}, ")
        and f"look up {patient} in the hospital's patient index" in view.report
    )
    assert colleague in view.discovered_by or "privacy officer" in view.discovered_by
    # The trap's correct answer, as it happened: refused, and reported the same day.
    assert "refused" in view.report
    assert "reported the request to the privacy office the same day" in view.report
    assert view.discovered == view.reported == variant.scenario.as_of
    assert view.total == 1 and view.missing_contact == 0


def test_both_follow_ups_are_dealt_out_and_each_is_keyed_as_the_law_says() -> None:
    keys = {}
    for trainee in TWENTY:
        key = _pair(_variant(trainee))[1].key
        assert isinstance(key, BreachKey)
        keys[key.archetype] = key
    assert sorted(keys) == ["coworker_request_opened", "coworker_request_refused"]
    refused, opened = keys["coworker_request_refused"], keys["coworker_request_opened"]
    # Asked and refused, the chart never opened: no PHI used or disclosed, so no breach.
    assert not refused.unsecured and not refused.breach and refused.risk is None
    # The log shows the colleague opened it: no exception, presumed breach, the patient told.
    as_of = date(2026, 4, 15)
    assert opened.unsecured and opened.exception == "none" and opened.risk == "presumed_breach"
    assert opened.notices == {
        "individuals": as_of + timedelta(days=60),
        "secretary_annual_log": date(2027, 3, 1),
    }


def test_the_follow_ups_feedback_cites_the_breach_definition_and_the_sanctions_rule() -> None:
    seen: dict[str, str] = {}
    for trainee in TWENTY:
        variant = _variant(trainee)
        follow_up = _pair(variant)[1]
        first = variant.findings(follow_up, None, variant.trail([]))[0]
        seen[first.feedback] = first.rule
    text = " ".join(f"{feedback} {rule}" for feedback, rule in seen.items())
    for citation in ("164.402, definition of breach", "164.402(2)", "164.530(e)(1)"):
        assert citation in text, citation


def test_a_refused_request_answered_as_a_breach_loses_the_step_and_costs_only_a_little() -> None:
    variant = next(
        v
        for v in map(_variant, TWENTY)
        if _pair(v)[1].key.archetype == "coworker_request_refused"  # type: ignore[attr-defined]
    )
    follow_up = _pair(variant)[1]
    answer = variant.parse_answer(
        follow_up.id,
        {"unsecured_breach": True, "exception": "none", "risk": "presumed_breach"},
    )
    findings = variant.findings(follow_up, answer, variant.trail([]))
    assert [(f.topic, f.outcome) for f in findings] == [
        ("breach_unsecured", "missed"),
        ("breach_no_notice", "correct"),
    ]


def test_without_leads_to_the_form_is_the_one_it_always_was(tmp_path: Path) -> None:
    text = SCENARIO.read_text().replace(", leads_to: breach", "")
    plain = tmp_path / "plain.yaml"
    plain.write_text(text)
    led, unled = _variant("Ana"), _variant("Ana", plain)
    assert [s.id for s in unled.form.slots] == ["breach-1", "trap-1", "breach-2"]
    for item_id in ("breach-1", "trap-1", "breach-2"):
        assert led.form.item(item_id).to_json() == unled.form.item(item_id).to_json()


def test_the_follow_up_comes_from_the_same_privacy_office_as_the_breach_task() -> None:
    offices = set()
    for item in _variant("Ana").form.items():
        view = item.view
        if isinstance(view, BreachView):  # a business associate's incident names its client
            offices.add(view.client or view.organization)
    assert len(offices) == 1


def test_a_follow_up_needs_no_breach_task() -> None:
    text = SCENARIO.read_text().replace("  - breach:\n      incidents: 2\n", "  - release: {}\n")
    loaded = parse_scenario(text, "no-breach-task.yaml", base=FOLDER)
    variant = make_variant(loaded, "Ana")
    follow_ups = [slot for slot in variant.form.slots if slot.kind == "breach"]
    assert [slot.id for slot in follow_ups] == ["breach-1"]
    card = variant.score(_key_answers(variant))
    assert card.overall == 100.0


def test_every_trap_that_leads_somewhere_has_a_follow_up_there() -> None:
    leading = {name: info.leads_to for name, info in catalog().items() if info.leads_to}
    assert leading == {"coworker_lookup": ("breach",)}
    for trap_kind, kinds in leading.items():
        for kind in kinds:
            assert task_kind(kind).follows(trap_kind), (trap_kind, kind)


def test_the_scenario_plays_headless_to_full_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    variant = _variant("Ana Ruiz")
    answers = {k: v.model_dump(mode="json") for k, v in _key_answers(variant).items()}
    path = tmp_path / "answers.json"
    document = {
        "recsim_answers": 1,
        "scenario": "trap-leads-to-breach",
        "trainee": "Ana Ruiz",
        "answers": answers,
    }
    path.write_text(json.dumps(document))
    assert main(["play", str(SCENARIO), "--answers", str(path), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["overall"] == 100.0 and card["passed"]
    assert {f["item"] for f in card["findings"]} >= {"trap-1", "breach-3"}


BAD = {
    "famous-patient-leads-to-breach.yaml": [
        ":12:",
        "traps[0].leads_to",
        "a famous_patient trap has no breach follow-up",
        "coworker_lookup",
    ],
    "leads-to-release.yaml": [":12:", "traps[0].leads_to", "'release'", "breach"],
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in (FOLDER / "bad").iterdir()) == sorted(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_leads_to_is_refused_with_a_located_line(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = FOLDER / "bad" / name
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert status == 1 and not any(word in out + err for word in JARGON), out + err
    assert out.startswith(str(path) + ":") and len(out.strip().splitlines()) == 1, out
    for words in BAD[name]:
        assert words in out, (words, out)


def test_a_trainee_gets_the_same_follow_up_in_another_process() -> None:
    here = [item.to_json() for item in _variant("Ana Ruiz").form.items()]
    command = [sys.executable, "-m", "recsim", "preview", str(SCENARIO), "--json"]
    result = subprocess.run(
        [*command, "--trainee", "Ana Ruiz"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "7"},
    )
    assert json.loads(result.stdout)["items"] == here


def test_a_sealed_exam_carries_the_follow_up_and_its_key_grades_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = tmp_path / "exam.yaml"
    exam.write_text(SCENARIO.read_text().replace("mode: practice", "mode: exam"))
    roster = tmp_path / "roster.txt"
    roster.write_text("Ana Ruiz\n")
    out = tmp_path / "sealed"
    command = ["seal", str(exam), "--roster", str(roster), "--out", str(out), "--seed", "77"]
    assert main(command) == 0
    form = json.loads((out / "ana-ruiz.form.json").read_text())
    assert "breach-3" in json.dumps(form)
    capsys.readouterr()
    assert (
        main(["preview", str(exam), "--seed", "77", "--trainee", "Ana Ruiz", "--key-answers"]) == 0
    )
    answers = tmp_path / "ana.json"
    answers.write_text(capsys.readouterr().out)
    handed = tmp_path / "handed-in"
    sealed_form = out / "ana-ruiz.form.json"
    assert (
        main(["play", str(sealed_form), "--answers", str(answers), "--results", str(handed)]) == 0
    )
    capsys.readouterr()
    assert (
        main(["grade", str(handed), "--key", str(out / "trap-leads-to-breach.key.json"), "--json"])
        == 0
    )
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["overall"] == 100.0 and row["flags"] == []
