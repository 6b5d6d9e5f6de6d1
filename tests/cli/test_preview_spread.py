"""``recsim preview SCENARIO --roster FILE``: the spread of a class's forms, at 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.commands.spread import spread_lines
from recsim.core.form import Item
from recsim.session.scenarios import parse_scenario
from recsim.session.spread import ClassSpread, FormSpread, class_spread
from recsim.tasks.audit.task import AuditTask
from tests.conftest import DATA

CLASS = DATA / "classes" / "thirty.csv"


def test_the_spread_shows_min_mean_max_and_each_form_within_80_columns(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["preview", "hospital-records-audit", "--roster", str(CLASS), "--spread"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Spread of 30 forms of hospital-records-audit"
    assert lines[1].startswith("possible points: min 65, mean 65, max 65")
    assert all(len(line) <= 80 for line in lines)
    ana = next(line for line in lines if line.startswith("Ana Ruiz "))
    assert ana.split() == ["Ana", "Ruiz", "65", "safety", "6,", "identity", "4,", "claims", "6"]
    assert "Every form is within the limit and tests every objective." in out
    assert "  kinds of identity: dob_transposed, invalid_mrn, name_mismatch," in out


def test_the_spread_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["preview", "tutorial", "--roster", str(CLASS), "--spread", "--json"]
    assert main(args) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["scenario"] == "tutorial" and len(document["forms"]) == 30
    assert document["possible"] == {"min": 11, "mean": 11, "max": 11, "widest_from_mean": 0}
    assert document["fair"] is True and document["objectives"] == ["identity", "safety"]
    first = document["forms"][0]
    assert first["trainee"] == "Ana Ruiz" and first["missing"] == []
    assert set(first["kinds"]) == {"identity", "safety"}


def test_the_forms_come_first_then_the_spread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.txt"
    roster.write_text("Ana Ruiz\nBen Okafor\n", encoding="utf-8")
    assert main(["preview", "tutorial", "--roster", str(roster)]) == 0
    forms, spread = capsys.readouterr().out.split("-" * 78)
    assert "for Ana Ruiz" in forms and "for Ben Okafor" in forms
    assert spread.strip().startswith("Spread of 2 forms of tutorial")


def test_spread_without_a_roster_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview", "tutorial", "--spread"]) == 2
    assert capsys.readouterr().err == (
        "recsim: --spread needs --roster FILE: the spread is over a class's forms\n"
    )


def test_a_csv_roster_with_a_bad_line_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("name,email\nAna Ruiz,ana@example.edu\n,ben@example.edu\n", encoding="utf-8")
    assert main(["preview", "tutorial", "--roster", str(roster), "--spread"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"recsim: {roster}:3") and "Traceback" not in err


def test_a_form_that_tests_nothing_of_an_objective_is_flagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "recsim: 1\nid: lopsided\ntitle: Lopsided\nsetting: hospital\nseed: 3\n"
        "objectives:\n  - {id: ids, text: Identity}\n  - {id: rare, text: Rare}\n"
        "tasks:\n"
        "  - audit: {records: 2, errors_per_record: [1, 1], error_kinds: [name_mismatch],"
        " objective: ids}\n"
        "  - audit: {records: 1, errors_per_record: [1, 1], error_kinds: [invalid_npi],"
        " objective: rare}\n"
    )
    loaded = parse_scenario(text, "lopsided.yaml", base=Path("lopsided.yaml"))
    real = AuditTask.item_kinds
    calls: list[str] = []

    def first_form_lacks_rare(self: AuditTask, item: Item) -> tuple[str, ...]:
        calls.append(item.id)
        # audit-3 is the chart of the objective "rare": the first form's tests nothing
        return () if calls.count("audit-3") == 1 and item.id == "audit-3" else real(self, item)

    monkeypatch.setattr(AuditTask, "item_kinds", first_form_lacks_rare)
    spread = class_spread(loaded, ["Ana", "Ben"])
    assert [(f.trainee, f.missing) for f in spread.forms] == [("Ana", ("rare",)), ("Ben", ())]
    assert not spread.fair
    lines = spread_lines(spread)
    assert any(line.startswith("Ana") and line.endswith("rare 0 (none!)") for line in lines)
    assert "! 1 form(s) test nothing of an objective: Ana (rare)" in lines


def test_forms_far_from_the_mean_are_named() -> None:
    forms = tuple(
        FormSpread(name, points, {"ids": ("name_mismatch",)}, ())
        for name, points in (("Ana", 10.0), ("Ben", 10.0), ("Cy", 16.0))
    )
    spread = ClassSpread("uneven", forms, ("ids",))
    # mean 12: Cy is 4 points (33%) above it, Ana and Ben 2 points (17%) below
    assert not spread.fair and spread.widest == pytest.approx(1 / 3)
    assert "! 3 form(s) more than 10% from the mean: Ana (10), Ben (10), Cy (16)" in (
        spread_lines(spread)
    )
