"""The access audit trail through headless play: opens recorded in an answers file are scored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from recsim.cli import main
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.session.kinds import task_kind
from tests.conftest import ROOT, SCENARIOS

SCENARIO = SCENARIOS / "public-health-deidentify.yaml"
TRAINEE = "Ana Ruiz"


@pytest.fixture(scope="module")
def variant() -> Variant:
    return make_variant(load_checked(SCENARIO), TRAINEE)


def _key_answers(variant: Variant) -> dict[str, Any]:
    return {
        item.id: task_kind(item.kind).key_answer(item).model_dump(mode="json")  # type: ignore[union-attr]
        for item in variant.form.items()
    }


def _trap(variant: Variant, kind: str) -> Any:
    return next(i for i in variant.form.items() if i.kind == "trap" and i.key.kind == kind)  # type: ignore[attr-defined]


def _play(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    answers: dict[str, Any],
    opened: list[dict[str, Any]],
) -> dict[str, Any]:
    path = tmp_path / "answers.json"
    path.write_text(
        json.dumps(
            {
                "recsim_answers": 1,
                "scenario": "public-health-deidentify",
                "trainee": TRAINEE,
                "answers": answers,
                "opened": opened,
            }
        )
    )
    assert main(["play", str(SCENARIO), "--answers", str(path), "--json"]) == 0
    card: dict[str, Any] = json.loads(capsys.readouterr().out)
    return card


def _findings(card: dict[str, Any], item_id: str) -> list[dict[str, Any]]:
    return [f for f in card["findings"] if f["item"] == item_id]


def test_key_answers_with_a_clean_trail_score_full_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    card = _play(tmp_path, capsys, _key_answers(variant), [])
    assert card["overall"] == 100.0 and card["passed"]
    assert not [f for f in card["findings"] if f["outcome"] == "violation"]


@pytest.mark.parametrize("kind", ["famous_patient", "relative_record", "coworker_lookup"])
def test_opening_a_trap_chart_from_a_search_is_a_violation_though_the_answer_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant, kind: str
) -> None:
    trap = _trap(variant, kind)
    card = _play(
        tmp_path,
        capsys,
        _key_answers(variant),
        [{"mrn": trap.key.chart, "reason": "", "item": None}],
    )
    findings = _findings(card, trap.id)
    assert [f["outcome"] for f in findings] == ["correct", "violation"]
    violation = findings[1]
    assert violation["topic"] == "access_without_job_reason" and violation["severity"] == 4
    assert "164.502(b)" in violation["rule"] and trap.key.chart in violation["feedback"]
    assert card["overall"] < 100.0
    others = [f for f in card["findings"] if f["item"] != trap.id]
    assert all(f["outcome"] == "correct" for f in others)


def test_a_reason_with_no_assignment_behind_it_is_still_a_violation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    trap = _trap(variant, "famous_patient")
    opened = [
        {"mrn": trap.key.chart, "reason": "verifying the address"},
        {"mrn": trap.key.chart, "reason": "work queue item deidentify-1", "item": "deidentify-1"},
    ]
    findings = _findings(_play(tmp_path, capsys, _key_answers(variant), opened), trap.id)
    violation = findings[-1]
    assert violation["outcome"] == "violation" and violation["given"].endswith("2 time(s)")
    assert (
        "'verifying the address'" in violation["feedback"]
        and "deidentify-1" in violation["feedback"]
    )


def test_complying_is_a_violation_with_negative_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    answers = _key_answers(variant)
    trap = _trap(variant, "personal_email")
    answers[trap.id] = {"response": "send_records"}
    (finding,) = _findings(_play(tmp_path, capsys, answers, []), trap.id)
    assert finding["outcome"] == "violation" and finding["earned"] < 0
    assert "164.530(c)" in finding["rule"] and "personal e-mail" in finding["feedback"]


def test_refusing_without_reporting_is_acceptable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    answers = _key_answers(variant)
    trap = _trap(variant, "coworker_lookup")
    answers[trap.id] = {"response": "refuse"}
    (finding,) = _findings(_play(tmp_path, capsys, answers, []), trap.id)
    assert finding["outcome"] == "partial" and 0 < finding["earned"] < finding["possible"]


def test_opening_charts_no_trap_owns_does_not_touch_the_traps(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    card = _play(
        tmp_path, capsys, _key_answers(variant), [{"mrn": "RS00000017", "reason": "", "item": None}]
    )
    traps = [f for f in card["findings"] if f["item"].startswith("trap-")]
    assert traps and all(f["outcome"] == "correct" for f in traps)
    # The open is the access log's to score (recsim.session.access_log), not a trap's.
    (logged,) = _findings(card, "access-log")
    assert logged["outcome"] == "violation" and "RS00000017" in logged["given"]


def test_headless_play_scores_the_trail_the_same_in_a_fresh_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], variant: Variant
) -> None:
    trap = _trap(variant, "relative_record")
    opened = [{"mrn": trap.key.chart, "reason": "", "item": None}]
    in_process = _play(tmp_path, capsys, _key_answers(variant), opened)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "recsim",
            "play",
            str(SCENARIO),
            "--answers",
            str(tmp_path / "answers.json"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert json.loads(result.stdout) == in_process
