"""Coding feedback names the Alphabetic Index path to the right code once the index is added."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.tasks.base import Trail
from recsim.tasks.coding import TASK
from recsim.tasks.coding.models import CodingAnswer
from tests.coding import cms_cm_layout as layout
from tests.tasks.test_coding_library import item_for

DM_CKD = "clinic-dm2-ckd-insulin"  # E11.22, N18.31, Z79.4


def _feedback(*codes: str) -> list[str]:
    findings = TASK.check(item_for(DM_CKD), CodingAnswer(diagnoses=list(codes)), Trail())
    return [f.feedback for f in findings]


def test_a_missed_code_names_its_index_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    layout.build_all()
    (missed,) = [f for f in _feedback("N18.31", "Z79.4") if f.startswith("Missing code: E11.22")]
    assert "Index: Diabetes, type 2, with chronic kidney disease -> E11.22" in missed
    assert "Guidelines I.B.1" in missed


def test_a_wrong_code_names_the_path_to_the_right_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    layout.build_all()
    said = " ".join(_feedback("E11.22", "N18.30", "Z79.4"))
    assert "Index: Disease, kidney, chronic, stage 3, stage 3a -> N18.31" in said


def test_without_the_index_feedback_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECSIM_CACHE_DIR", str(tmp_path))
    before = _feedback("N18.31", "Z79.4")
    assert not any("Index:" in f for f in before)
