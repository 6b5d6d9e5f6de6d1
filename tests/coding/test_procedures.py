"""Instructor-supplied procedure code sets: good files load, bad ones are refused with the place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recsim.coding.procedures import MAX_BYTES, load_procedure_codes, parse_procedure_codes
from recsim.core.scenario.errors import InvalidFile
from tests.conftest import DATA

BAD = sorted((DATA / "procedure_codes").glob("*.csv"))


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "pcs.csv"
    path.write_text(
        "\ufeffcode,description\n"
        '0DTJ4ZZ,"Resection of Appendix, Percutaneous Endoscopic Approach"\n'
        "\n0dt j0zz,Resection of Appendix Open\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidFile):  # a space inside a code is refused
        load_procedure_codes(path)
    path.write_text(
        'code,description\n0DTJ4ZZ,"Resection of Appendix, Percutaneous Endoscopic Approach"\n'
        "0dtj0zz,  Resection of   Appendix  Open  \n",
        encoding="utf-8",
    )
    codes = load_procedure_codes(path)
    assert len(codes) == 2
    assert codes.get("0dtj4zz") is not None
    assert codes.get("0DTJ0ZZ").description == "Resection of Appendix Open"  # type: ignore[union-attr]
    assert [c.code for c in codes.search("appendix open")] == ["0DTJ0ZZ"]
    assert [c.code for c in codes.search("0DTJ4")] == ["0DTJ4ZZ"]


def test_there_is_a_bad_file_for_each_kind_of_mistake() -> None:
    assert len(BAD) >= 12


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_every_bad_file_is_refused_naming_file_line_and_column(path: Path) -> None:
    with pytest.raises(InvalidFile) as refused:
        load_procedure_codes(path)
    for problem in refused.value.problems:
        text = str(problem)
        assert text.startswith(str(path))
        if problem.line:
            assert re.match(re.escape(str(path)) + r":\d+:\d+: ", text), text
        assert problem.message[0].islower() or problem.message[0] in "'\"0123456789"


def test_a_file_over_the_size_bound_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as out:
        out.truncate(MAX_BYTES + 1)
    with pytest.raises(InvalidFile, match="at most"):
        load_procedure_codes(path)


def test_a_missing_file_is_a_located_problem(tmp_path: Path) -> None:
    with pytest.raises(InvalidFile, match="no such file"):
        load_procedure_codes(tmp_path / "absent.csv")


def test_problems_stop_after_twenty(tmp_path: Path) -> None:
    text = "code,description\n" + "".join(f"bad code {i},x\n" for i in range(100))
    with pytest.raises(InvalidFile) as refused:
        parse_procedure_codes(text, "many.csv")
    assert len(refused.value.problems) == 20
