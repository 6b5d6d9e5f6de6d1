"""The coding engine is pure domain code: using it never imports the terminal UI."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_using_the_coding_engine_loads_no_textual_or_rich() -> None:
    code = (
        "import sys; from recsim.coding import codeset;"
        "from recsim.coding.edits import check_codes;"
        "from recsim.coding.procedures import parse_procedure_codes;"
        "c = codeset(); c.search('diab kid'); check_codes(['N18.4', 'E11.22'], codeset=c);"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'));"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_seven_character_diagnosis_is_dotted_not_taken_for_a_procedure() -> None:
    from recsim.coding.code_shapes import dotted, is_procedure

    # Injury, external cause and obstetric codes have 7 characters too; no PCS section
    # starts with S, T, W or O, so written without the dot they are still diagnoses.
    for code, written in (
        ("S72142A", "S72.142A"),
        ("T83511A", "T83.511A"),
        ("W010XXA", "W01.0XXA"),
    ):
        assert not is_procedure(code) and dotted(code) == written
    for code in ("0DTJ4ZZ", "BW03ZZZ", "XW033E5"):
        assert is_procedure(code) and dotted(code) == code
