"""What ``recsim validate`` says of a DRG validation block beyond its format."""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.cli import main
from recsim.tasks.stays import all_cases

DELIVERIES = sum("delivery" in c.tags for c in all_cases())


def _validate(tmp_path: Path, block: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "drg.yaml"
    path.write_text(
        "recsim: 1\nid: drg-checks\ntitle: DRG checks\nsetting: insurer\nas_of: 2026-06-30\n"
        f"tasks:\n  - drg_validation: {block}\n",
        encoding="utf-8",
    )
    status = main(["validate", str(path)])
    return status, capsys.readouterr().out


def test_more_claims_than_stays_is_warned_with_how_often_each_comes_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = DELIVERIES * 6 + 1
    status, out = _validate(tmp_path, f"{{claims: {claims}, tags: [delivery]}}", capsys)
    assert status == 0 and out.count("warning:") == 1, out
    assert ":7:" in out and "drg_validation.claims" in out
    assert f"asks for {claims} claims but only {DELIVERIES} stays match the tags" in out
    assert "some up to 7 times" in out and f"at most {DELIVERIES} claims" in out


def test_as_many_claims_as_stays_is_not_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _validate(tmp_path, f"{{claims: {DELIVERIES}, tags: [delivery]}}", capsys)
    assert status == 0 and "warning" not in out, out


def test_listed_stays_are_counted_as_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    block = "{claims: 3, cases: [ip-core-nstemi-pci, ip-core-cauti-hac]}"
    status, out = _validate(tmp_path, block, capsys)
    assert status == 0 and "only 2 stays are listed" in out and "list more stays" in out, out
