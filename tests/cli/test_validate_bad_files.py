"""Every broken or hostile scenario file gets one located, readable error and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recsim.cli import main
from tests.conftest import DATA

BAD = DATA / "scenarios" / "bad"

EXPECTED: dict[str, list[str]] = {
    "alias-bomb-title.yaml": [":5:", "aliases", "not allowed"],
    "allergy-kinds-share-a-chart.yaml": [
        ":6:",
        "errors_per_record",
        "at most 1 of these kinds fits in one chart",
        "allergy_conflict and allergy_missing never share a chart",
    ],
    "allergy-kinds-crowd-the-charts.yaml": [
        ":9:",
        "error_kinds",
        "cannot give every chart 2 errors",
        "allergy_conflict and allergy_missing never share a chart",
    ],
    "discharge-error-in-a-clinic.yaml": [":6:", "error_kinds", "needs a hospital stay"],
    "sex-conflict-among-children.yaml": [
        ":7:",
        "error_kinds",
        "sex_conflict needs a patient aged 18 or over",
        "ages are 0-12",
    ],
    "ages-reversed.yaml": [":5:", "population.ages", "youngest"],
    "bad-date.yaml": [":5:", "2026-02-30", "not a valid date"],
    "bad-id.yaml": [":2:", "id:", "lower-case"],
    "bad-requester-role.yaml": [":8:", "requester.role", "did you mean 'patient'"],
    "bad-time-limit.yaml": [":5:", "time_limit", "45m"],
    "billion-laughs.yaml": [":3:", "aliases", "not allowed"],
    "control-character.yaml": [":5:21:", "control character U+0007", "YAML forbids"],
    "binary.yaml": ["not UTF-8"],
    "custom-tag.yaml": [":5:", "'!secret'", "not allowed"],
    "deep-nesting.yaml": [":5:", "nested too deeply"],
    "due-without-time-zone.yaml": [":5:", "due", "no time zone", "2026-03-09T17:00-05:00"],
    "unknown-clock.yaml": [":6:", "clock", "'sundial'", "wall, working"],
    "duplicate-objective-id.yaml": [":7:", "objectives[1].id", "two objectives share the id"],
    "duplicate-id-across-blocks.yaml": [
        ":13:",
        "tasks[1].release.items[0].id",
        "the id 'r1' is also used by item 1 of task 1 (release)",
    ],
    "duplicate-key.yaml": [":5:", "duplicate key 'title'", "line 3"],
    "empty-tasks.yaml": [":5:", "tasks", "at least 1"],
    "empty.yaml": ["is empty"],
    "errors-more-than-kinds.yaml": [":6:", "errors_per_record", "only 1 error kind"],
    "errors-range-reversed.yaml": [":6:", "errors_per_record", "fewest"],
    "list-not-mapping.yaml": [":1:1:", "mapping", "not a list"],
    "missing-tasks.yaml": ["missing required key 'tasks'"],
    "missing-title.yaml": ["missing required key 'title'"],
    "misspelt-setting.yaml": [":4:10:", "did you mean 'clinic'"],
    "negative-records.yaml": [":6:", "tasks[0].audit.records", "at least 1", "-3"],
    "non-string-key.yaml": [":5:1:", "keys must be plain words"],
    "not-utf8.yaml": [":5:", "not UTF-8", "0xe9"],
    "nul-byte.yaml": [":3:18:", "NUL byte"],
    "only-comments.yaml": ["no YAML document"],
    "practice-no-items.yaml": [":7:", "practice.items", "at least 1"],
    "practice-unknown-item.yaml": [":10:", "practice.items[1]", "no item 'audit-7'"],
    "passing-score-over-100.yaml": [":5:", "passing_score", "at most 100"],
    "python-tag.yaml": [":5:", "!!python/object/apply:os.system", "not allowed"],
    "scalar-not-mapping.yaml": [":1:1:", "mapping"],
    "tab-indent.yaml": [":6:", "YAML syntax error"],
    "task-not-mapping.yaml": [":6:", "tasks[0]", "exactly one key"],
    "too-many-items.yaml": ["120,000 items", "at most 100,000"],
    "too-many-patients.yaml": [":5:", "population.patients", "at most 100,000"],
    "two-keys-in-task.yaml": [":6:", "exactly one key"],
    "unknown-error-kind.yaml": [":8:", "error_kinds[1]", "did you mean 'allergy_conflict'"],
    "unknown-key.yaml": [":5:", "unknown key 'pasing_score'", "did you mean 'passing_score'"],
    "unknown-objective.yaml": [":8:", "no objective 'identiy'", "did you mean 'identity'"],
    "unknown-task.yaml": [":6:", "unknown task 'audti'", "did you mean 'audit'"],
    "weights-not-numbers.yaml": [":5:", "weights.accuracy", "must be a number"],
    "wrong-version.yaml": [":1:", "recsim", "expected one of: 1"],
    "yaml-syntax.yaml": [":7:", "YAML syntax error"],
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_scenario_is_rejected_with_a_located_message(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    status = main(["validate", str(BAD / name)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err
    assert out.startswith(str(BAD / name) + ":"), out
    for word in EXPECTED[name]:
        assert word in out, f"{word!r} not in {out!r}"
    assert time.perf_counter() - started < 5  # a hang guard, not a benchmark


def test_python_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    scenario = tmp_path / "evil.yaml"
    scenario.write_text(
        "recsim: 1\nid: evil\ntitle: x\nsetting: clinic\n"
        f"description: !!python/object/apply:os.system ['touch {marker}']\n"
        "tasks:\n  - audit: {records: 1}\n"
    )
    assert main(["validate", str(scenario)]) == 1
    assert not marker.exists()


def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("recsim: 1\n" + "# padding\n" * 120_000)
    assert main(["validate", str(big)]) == 1
    assert "at most 1 MiB" in capsys.readouterr().out


def test_missing_file_and_folder_and_symlink_loop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 1
    assert "no such file" in capsys.readouterr().out
    assert main(["validate", str(loop)]) == 1
    assert "points back to itself" in capsys.readouterr().out
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    assert main(["validate", str(empty_folder)]) == 1
    assert "no scenario files" in capsys.readouterr().err


def test_all_errors_of_a_file_are_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "many.yaml"
    scenario.write_text(
        "recsim: 1\nid: many\ntitle: x\nsetting: clnic\nmode: practise\n"
        "tasks:\n  - audit: {records: -1}\n"
    )
    assert main(["validate", str(scenario)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    assert [line.split(":")[1] for line in lines] == ["4", "5", "7"]


def test_folder_with_good_and_bad_files_exits_one(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(
        "recsim: 1\nid: good\ntitle: x\nsetting: clinic\ntasks:\n  - audit: {records: 1}\n"
    )
    (tmp_path / "bad.yaml").write_text("recsim: 1\n")
    assert main(["validate", str(tmp_path)]) == 1
    (tmp_path / "bad.yaml").unlink()
    assert main(["validate", str(tmp_path)]) == 0


def test_usage_error_exits_two() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "validate"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_nul_byte_is_located_and_exits_one_from_the_command_line() -> None:
    path = BAD / "nul-byte.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{path}:3:18: contains a NUL byte, which a text file never holds; "
        "delete it, or save the file as UTF-8 text"
    ]
