"""``recsim report --domains``: each student's and the class's mastery per exam domain."""

from __future__ import annotations

import json

import pytest

from recsim.cli import main
from tests.core.classroom import TRAINEES, Classroom, make_class


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Classroom:
    return make_class(tmp_path_factory.mktemp("class"))


def test_json_has_each_student_and_the_class_mean_per_domain(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(played.results), "--domains", "--json"]) == 0
    domains = json.loads(capsys.readouterr().out)["domains"]
    students = {t["trainee"]: t["domains"] for t in domains["trainees"]}
    assert set(students) == set(TRAINEES.values())
    assert set(students[TRAINEES["perfect"]].values()) == {100.0}
    assert set(students[TRAINEES["empty"]].values()) == {0.0}
    assert 0 < students[TRAINEES["typical"]]["cca_records"] < 100
    # The class figure is the students' mean: each counts once.
    records = [s["cca_records"] for s in students.values()]
    assert domains["class"]["cca_records"] == round(sum(records) / len(records), 1)
    assert any("RHIT" in outline for outline in domains["outlines"])


def test_text_fits_eighty_columns_with_a_code_per_domain(
    played: Classroom, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["report", str(played.results), "--domains"]) == 0
    out = capsys.readouterr().out
    assert "Mastery by exam domain" in out and "C3    CCA: Health records and data content" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    row = next(line for line in out.splitlines() if line.startswith(TRAINEES["perfect"]))
    cells = row.split()[2:]  # after the two words of the name
    assert "100" in cells and set(cells) <= {"100", "-"}  # "-": a domain the exam did not reach


def test_without_the_option_the_report_has_no_domains(
    played: Classroom, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(played.results), "--json"]) == 0
    assert "domains" not in json.loads(capsys.readouterr().out)
