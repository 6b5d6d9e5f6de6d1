"""Breach response: the key, the deadlines, the thresholds and the citations of every step."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.form import Item
from recsim.core.scoring import Finding
from recsim.core.store import Store
from recsim.session import attempts
from recsim.session.checks import load_checked, task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.session.submit import submit
from recsim.tasks.base import Trail
from recsim.tasks.breach.content import breach_content
from recsim.tasks.breach.models import BreachAnswer, BreachKey, BreachView, Hold, StateCount
from recsim.tasks.breach.rules import key_for
from recsim.tasks.breach.task import TASK
from tests.conftest import ROOT, SCENARIOS
from tests.tasks.public_sources import cites_public_source
from tests.tasks.test_bundled_scoring import TWENTY

SCENARIO = SCENARIOS / "privacy-office-breach.yaml"
CITATION = re.compile(r"(45 CFR 164\.\d{3}|42 CFR 2\.\d+)(\([a-z0-9]+\)|,? \(?definition of)")
"""A paragraph of 45 CFR 164 or 42 CFR Part 2 (164.402's definitions have no paragraph number,
so a definition is cited by name)."""


def _view(**changes: object) -> BreachView:
    view = BreachView(
        as_of=date(2026, 4, 15),
        reference="INC-2026-0001",
        organization="Test Regional Health",
        role="covered_entity",
        title="test",
        report="test",
        occurred=date(2026, 3, 1),
        discovered=date(2026, 3, 3),
        discovered_by="A. Coworker, a coworker",
        reported=date(2026, 3, 9),
        safeguard="none",
        phi=["name"],
        investigation={"nature": "n", "recipient": "r", "acquired": "a", "mitigated": "m"},
        affected=[StateCount(state="OH", name="Ohio", count=40)],
        missing_contact=0,
    )
    return view.model_copy(update=changes)


def _key(archetype: str, **changes: object) -> BreachKey:
    return key_for(archetype, breach_content().archetypes[archetype], _view(**changes))


def _item(archetype: str, **changes: object) -> Item:
    view = _view(**changes)
    key = key_for(archetype, breach_content().archetypes[archetype], view)
    return Item(id="breach-1", kind="breach", title="test", view=view, key=key)


def _earned(findings: list[Finding]) -> float:
    return sum(f.earned for f in findings)


def test_there_are_at_least_twenty_archetypes_and_a_part_2_one_citing_2_16() -> None:
    archetypes = breach_content().archetypes
    assert len(archetypes) >= 20
    part2 = [a for a in archetypes.values() if a.part2]
    assert part2 and all("42 CFR 2.16(b)" in a.rule for a in part2)
    for name, entry in archetypes.items():
        assert CITATION.search(entry.rule), name
        assert CITATION.search(entry.explain), name


@pytest.mark.parametrize("trainee", TWENTY)
def test_key_answers_score_full_marks_for_twenty_trainees(trainee: str) -> None:
    variant = make_variant(load_checked(SCENARIO), trainee)
    answers = {item.id: TASK.key_answer(item) for item in variant.form.items()}
    card = variant.score(answers, Trail())
    assert card.items_total == 10
    assert card.overall == 100.0, [f for f in card.findings if f.outcome != "correct"]


@pytest.mark.parametrize("archetype", sorted(breach_content().archetypes))
def test_every_feedback_line_cites_a_paragraph(archetype: str) -> None:
    item = _item(archetype)
    said_yes = BreachAnswer(
        unsecured_breach=True,
        exception="none",
        risk="presumed_breach",
        notices={"individuals": date(2026, 12, 1), "media": date(2026, 5, 1)},
        media_states=["PA"],
        substitute="website_or_media",
        letter=["full_ssn"],
        hold_until=date(2026, 1, 1),
    )
    said_no = BreachAnswer(unsecured_breach=False)
    for answer in (TASK.key_answer(item), said_yes, said_no, None):
        for finding in TASK.check(item, answer, Trail()):
            assert CITATION.search(finding.rule) and cites_public_source(finding.rule), finding
            assert CITATION.search(finding.feedback), finding


def test_moving_the_discovery_date_moves_every_deadline() -> None:
    changes = {
        "affected": [StateCount(state="OH", name="Ohio", count=501)],
        "missing_contact": 12,
        "discovered": date(2026, 3, 3),
    }
    before = _key("statements_wrong_envelopes", **changes)
    assert before.notices == {
        "individuals": date(2026, 5, 2),
        "media": date(2026, 5, 2),
        "secretary_now": date(2026, 5, 2),
    }
    changes["discovered"] = date(2026, 3, 13)
    after = _key("statements_wrong_envelopes", **changes)
    assert set(after.notices) == set(before.notices)
    for recipient, due in before.notices.items():
        assert after.notices[recipient] == due + timedelta(days=10), recipient
    small = _key("snooping_neighbor", discovered=date(2026, 12, 20))
    assert small.notices == {
        "individuals": date(2027, 2, 18),
        "secretary_annual_log": date(2027, 3, 1),
    }
    next_year = _key("snooping_neighbor", discovered=date(2027, 1, 2))
    assert next_year.notices["secretary_annual_log"] == date(2028, 2, 29)  # a leap year
    associate = _key("ba_ransomware", discovered=date(2026, 3, 3))
    moved = _key("ba_ransomware", discovered=date(2026, 3, 20))
    assert associate.notices == {"covered_entity": date(2026, 5, 2)}
    assert moved.notices == {"covered_entity": date(2026, 5, 19)}


@pytest.mark.parametrize(
    ("counts", "media", "secretary"),
    [
        ({"OH": 500}, [], "secretary_now"),
        ({"OH": 501}, ["OH"], "secretary_now"),
        ({"OH": 499}, [], "secretary_annual_log"),
        ({"OH": 450, "PA": 60}, [], "secretary_now"),
        ({"OH": 700, "PA": 501, "IN": 20}, ["OH", "PA"], "secretary_now"),
    ],
)
def test_media_need_more_than_500_in_a_state_and_hhs_500_in_all(
    counts: dict[str, int], media: list[str], secretary: str
) -> None:
    affected = [StateCount(state=s, name=s, count=n) for s, n in counts.items()]
    key = _key("laptop_unencrypted_stolen", affected=affected)
    assert key.media_states == media
    assert ("media" in key.notices) == bool(media)
    assert secretary in key.notices


@pytest.mark.parametrize(
    ("missing", "substitute"),
    [(0, "none"), (1, "other_written_or_phone"), (9, "other_written_or_phone"),
     (10, "website_or_media")],
)  # fmt: skip
def test_substitute_notice_follows_the_count_without_contact_details(
    missing: int, substitute: str
) -> None:
    assert _key("paper_records_dumpster", missing_contact=missing).substitute == substitute


def test_a_law_enforcement_hold_postpones_the_notices() -> None:
    official = "Detective Roe"
    oral = Hold(form="oral", on=date(2026, 4, 20), official=official)
    key = _key("phishing_email_account", law_enforcement=oral)
    assert key.hold_until == date(2026, 5, 20)
    assert key.notices["individuals"] == date(2026, 5, 20)  # after day 60 (2026-05-02)
    short = Hold(form="written", on=date(2026, 3, 5), until=date(2026, 3, 20), official=official)
    key = _key("phishing_email_account", law_enforcement=short)
    assert key.hold_until == date(2026, 3, 20)
    assert key.notices["individuals"] == date(2026, 5, 2)  # the 60 days still bind


@pytest.mark.parametrize(
    "archetype", ["phone_encrypted_lost", "wrong_chart_good_faith", "fax_wrong_clinic_attested"]
)
def test_an_unneeded_notice_costs_less_than_an_unreported_breach(archetype: str) -> None:
    quiet = _item(archetype)
    perfect = _earned(TASK.check(quiet, TASK.key_answer(quiet), Trail()))
    escalated = TASK.key_answer(_item("snooping_neighbor")).model_copy(
        update={"unsecured_breach": TASK.key_answer(quiet).unsecured_breach}
    )
    over = perfect - _earned(TASK.check(quiet, escalated, Trail()))
    breach = _item("snooping_neighbor")
    silent = TASK.key_answer(breach).model_copy(
        update={"notices": {}, "substitute": "none", "letter": []}
    )
    full = _earned(TASK.check(breach, TASK.key_answer(breach), Trail()))
    under = full - _earned(TASK.check(breach, silent, Trail()))
    assert 0 < over < under


def test_a_wrong_deadline_earns_half_and_a_missing_notice_nothing() -> None:
    item = _item("snooping_neighbor")
    key = TASK.key_answer(item)
    late = key.model_copy(update={"notices": {**key.notices, "individuals": date(2026, 6, 1)}})
    (finding,) = [
        f for f in TASK.check(item, late, Trail()) if f.topic == "breach_individual_notice"
    ]
    assert finding.outcome == "partial" and finding.earned == finding.possible / 2
    assert finding.expected == "notify the individuals by 2026-05-02"


DOCS = Path(__file__).parents[2] / "docs"


def test_the_authoring_guide_s_breach_example_validates_and_its_key_scores_full() -> None:
    guide = (DOCS / "authoring.md").read_text("utf-8")
    start = guide.index("- breach:\n    incidents: 4")
    block = guide[start : guide.index("```", start)]
    body = "\n".join(f"  {line}" if line else line for line in block.splitlines())
    text = f"recsim: 1\nid: guide\ntitle: g\nsetting: hospital\nas_of: 2026-04-15\ntasks:\n{body}\n"
    loaded = parse_scenario(text, "guide.yaml", (task_checks,))
    assert not loaded.warnings, [w.message for w in loaded.warnings]
    items = list(make_variant(loaded).form.items())
    assert len(items) == 5
    for item in items:
        findings = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.outcome == "correct" for f in findings), findings


def test_the_privacy_guide_lists_every_archetype() -> None:
    guide = (DOCS / "privacy.md").read_text("utf-8")
    assert [n for n in breach_content().archetypes if f"| `{n}` |" not in guide] == []


def test_a_trainee_gets_the_same_incidents_in_another_process() -> None:
    here = make_variant(load_checked(SCENARIO), "Ana Ruiz")
    items = [item.to_json() for item in here.form.items()]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recsim",
            "preview",
            str(SCENARIO),
            "--trainee",
            "Ana Ruiz",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        check=True,
    )
    assert json.loads(result.stdout)["items"] == json.loads(json.dumps(items, default=str))


def test_a_class_is_graded_and_the_report_names_each_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = load_checked(SCENARIO)
    store = Store(tmp_path / "store.sqlite")
    results = tmp_path / "results"
    results.mkdir()
    for trainee in ("Ana", "Ben"):
        attempt = attempts.begin(store, loaded, trainee)
        for item in attempt.grader.form.items():
            answer = TASK.key_answer(item).model_dump(mode="json")
            if trainee == "Ben":  # calls everything a breach and tells no one
                answer = {"unsecured_breach": True, "exception": "none", "risk": "presumed_breach"}
            attempt.answer(item.id, answer)
        submit(store, attempt, results_folder=results)
    store.close()
    assert main(["grade", str(results), "--json"]) == 0
    rows = {row["trainee"]: row for row in json.loads(capsys.readouterr().out)["rows"]}
    assert rows["Ana"]["overall"] == 100 and rows["Ben"]["overall"] < 75
    assert main(["report", str(results)]) == 0
    report = capsys.readouterr().out
    for topic in ("breach_unsecured", "breach_exception", "breach_risk", "breach_no_notice"):
        assert topic in report


def test_media_told_in_the_wrong_state_earn_half_and_say_so() -> None:
    affected = [StateCount(state="OH", name="Ohio", count=620)]
    item = _item("statements_wrong_envelopes", affected=affected)
    wrong = TASK.key_answer(item).model_copy(update={"media_states": ["PA"]})
    (finding,) = [f for f in TASK.check(item, wrong, Trail()) if f.topic == "breach_media_notice"]
    assert finding.outcome == "partial" and finding.earned == finding.possible / 2
    assert finding.feedback.startswith("Right to notify prominent media outlets, but the states")
    assert finding.expected == "notify prominent media outlets by 2026-05-02 (OH)"
    assert finding.given == "notify prominent media outlets by 2026-05-02 (PA)"


EVERY_ARCHETYPE_TWICE = """\
recsim: 1
id: every-incident
title: Every incident
setting: hospital
as_of: 2026-12-20
tasks:
  - breach: {incidents: 46}
"""


@pytest.mark.parametrize("seed", range(5))
def test_every_archetype_s_key_scores_full_marks_whatever_the_seed(seed: int) -> None:
    loaded = parse_scenario(EVERY_ARCHETYPE_TWICE, "every.yaml", (task_checks,))
    variant = make_variant(loaded, "", seed=seed)
    items = list(variant.form.items())
    assert {item.key.archetype for item in items} == set(breach_content().archetypes)  # type: ignore[attr-defined]
    for item in items:
        view = item.view
        assert isinstance(view, BreachView)
        assert view.occurred <= view.discovered <= view.reported <= view.as_of
        assert 0 <= view.missing_contact <= view.total
        found = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.earned == f.possible > 0 for f in found), found
