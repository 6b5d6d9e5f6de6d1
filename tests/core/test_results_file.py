"""The results file streamed to disk: the same bytes and digest as the whole document, and a
scorecard scored item by item that equals the one scored at once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recsim.core.events import canonical_pretty, content_digest
from recsim.core.results import ResultsDocument, Spool, Streamed, write_results
from recsim.core.scoring import Tally
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.kinds import task_kind
from recsim.tasks.base import RecordOpen, Trail
from tests.conftest import SCENARIOS


def _document() -> dict[str, Any]:
    return {
        "recsim_results": 1,
        "recsim_version": "0.1.0",
        "attempt": "ab" * 16,
        "scenario": {
            "id": "s",
            "title": "Ünïcode “title”",
            "path": "s.yaml",
            "content_hash": "0" * 64,
        },
        "trainee": "Zoë O'Brien",
        "seed": 7,
        "mode": "exam",
        "time_limit_seconds": None,
        "started_at": "2026-03-02T09:00:00+00:00",
        "submitted_at": "2026-03-02T09:30:00+00:00",
        "elapsed_seconds": 12.5,
        "answers": {"audit-10": {"flags": []}, "audit-2": {"flags": [{"a": 1.5, "b": None}]}},
        "opened": [],
        "events": [{"seq": 1, "data": {"nested": {"deep": [1, {"x": "y\nz"}]}, "e": {}}}],
        "scorecard": {
            "categories": {"accuracy": {"earned": 1.0, "possible": 2.0, "percent": 50.0}},
            "findings": [{"item": "audit-2", "feedback": "tab\tand “quotes”"}, {"item": "x"}],
            "overall": 50.0,
            "passed": False,
        },
    }


def test_a_streamed_results_file_has_the_bytes_of_the_whole_document(tmp_path: Path) -> None:
    whole = _document()
    whole["digest"] = content_digest(whole)
    fields = {k: v for k, v in _document().items() if k != "digest"}
    answers = fields["answers"]
    fields["answers"] = Streamed(lambda: sorted(answers.items()), is_object=True)
    events = fields["events"]
    fields["events"] = Streamed(lambda: iter(events))
    fields["opened"] = Streamed(lambda: iter(()))
    card = fields["scorecard"]
    with Spool(level=2) as findings:
        for finding in card["findings"]:
            findings.add(finding)
        fields["scorecard"] = Streamed(
            lambda: sorted({**card, "findings": findings}.items()), is_object=True
        )
        write_results(tmp_path / "r.json", fields)
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == canonical_pretty(whole)
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left


def test_a_document_missing_a_field_is_not_written(tmp_path: Path) -> None:
    fields = {k: v for k, v in _document().items() if k != "seed"}
    with pytest.raises(ValueError, match="needs seed"):
        write_results(tmp_path / "r.json", fields)
    assert list(tmp_path.iterdir()) == []


def test_a_results_file_without_the_time_of_a_chart_opening_is_refused() -> None:
    document = _document()
    document["opened"] = [{"mrn": "RS1", "reason": "", "item": None}]
    document["digest"] = content_digest(document)
    with pytest.raises(ValueError, match="has no time 'at'"):
        ResultsDocument.model_validate(document)


@pytest.mark.parametrize("name", ["tutorial", "hospital-roi-exam", "insurer-claim-review"])
def test_scoring_item_by_item_gives_the_scorecard_of_scoring_at_once(name: str) -> None:
    variant = make_variant(load_checked(SCENARIOS / f"{name}.yaml"), "Ana Ruiz")
    answers = {}
    for number, item in enumerate(variant.form.items()):
        key = task_kind(item.kind).key_answer(item)
        if key is not None and number % 3:  # some answered right, some left for missed
            answers[item.id] = key
    trail = Trail((RecordOpen(mrn="RS00000000", reason="looking around"),))
    whole = variant.score(answers, trail)
    tally = Tally()
    listed = []
    for batch in variant.findings_by_item(answers, trail):
        tally.add(batch)
        listed.extend(batch)
    streamed = variant.card(tally, listed, answers)
    assert json.dumps(streamed.model_dump(mode="json")) == json.dumps(whole.model_dump(mode="json"))
