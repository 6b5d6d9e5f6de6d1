"""``recsim codes group`` and ICD-10-PCS codes in ``recsim codes check`` (issue 17, parts 1-2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from recsim.cli import main
from recsim.coding import grouper
from tests.conftest import ROOT

ON = ["--discharged", "2026-03-01"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_group_json_has_the_drg_its_severity_and_table5_figures(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(
        capsys, "codes", "group", "J18.9", "J96.01", "--poa", "J18.9=Y", "J96.01=Y", *ON, "--json"
    )
    assert status == 0, err
    data = json.loads(out)
    assert (data["version"], data["drg"], data["mdc"], data["type"]) == ("v43", 193, 4, "medical")
    assert (data["severity"], data["weight"], data["gmlos"]) == ("MCC", 1.3144, 3.9)
    assert data["figures_source"] == "CMS, FY 2026 IPPS Final Rule, Table 5"
    assert data["secondary"] == [
        {
            "code": "J96.01",
            "poa": "Y",
            "level": "MCC",
            "excluded": False,
            "changed_drg": True,
            "hospital_acquired": [],
        }
    ]
    assert data["stay"] == {"discharged": "2026-03-01", "age": 65, "sex": None, "disposition": "01"}


def test_group_prints_the_drg_weight_and_each_secondary_diagnosis_role(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "codes", "group", "A41.9", "R65.20", "J18.9", *ON)
    assert status == 0, err
    assert "MS-DRG v43 (FY2026)" in out
    assert "DRG 871  Septicemia or Severe Sepsis without MV >96 Hours with MCC" in out
    assert "Relative weight 1.9425; geometric mean length of stay 4.8 days" in out
    assert "R65.20  POA -  MCC, excluded with this principal diagnosis" in out
    assert "J18.9   POA -  MCC, set the DRG's severity" in out


def test_group_shows_the_drg_a_hospital_acquired_condition_would_have_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["codes", "group", "J18.9", "L89.153", "--poa", "J18.9=Y", "L89.153=N", *ON]
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    assert "DRG 195" in out and "would be 193 with it counted; it is 195 without" in out
    status, out, _ = run(capsys, *argv, "--json")
    data = json.loads(out)
    assert (data["initial_drg"], data["drg"], data["hac_changed_drg"]) == (193, 195, True)


def test_group_takes_procedures_and_names_the_one_that_set_the_drg(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(
        capsys, "codes", "group", "K35.80", "--procedure", "0DTJ4ZZ", *ON, "--json"
    )
    assert status == 0, err
    data = json.loads(out)
    assert (data["drg"], data["type"]) == (399, "surgical")
    assert data["procedures"] == [{"code": "0DTJ4ZZ", "changed_drg": True}]


def test_a_discharge_outside_fy2026_is_grouped_without_fy2026_weights(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "codes", "group", "J18.9", "--discharged", "2026-11-02")
    assert status == 0, err
    assert "MS-DRG v44 (FY2027)" in out and "DRG 195" in out
    assert "Relative weight: not shown" in out
    assert "give a discharge date in FY2026 (2025-10-01 to 2026-09-30) with --discharged" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--poa", "J96.01=Y", "J18.9", "J96.01", *ON],
        [*ON, "--poa", "J96.01=Y", "--", "J18.9", "J96.01"],
        ["J18.9", "J96.01", "--poa", "J96.01=Y", *ON],
    ],
    ids=["options-first", "after-dashes", "codes-first"],
)
def test_codes_may_follow_the_options(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    # The usage line puts options first; argparse hands the codes to --poa, which gives them back.
    status, out, err = run(capsys, "codes", "group", *argv)
    assert status == 0, err
    assert "DRG 193" in out and "J96.01  POA Y  MCC" in out


def test_a_diagnosis_after_procedures_is_a_diagnosis(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "codes", "group", *ON, "--procedure", "0DTJ4ZZ", "K35.80")
    assert status == 0, err
    assert "DRG 399" in out


@pytest.mark.parametrize(
    ("argv", "status", "names"),
    [
        (["J18.9", "--poa", "X=Q"], 2, "--poa: X=Q is not an indicator"),
        (["J18.9", "--poa", "J18.9=Q"], 2, "--poa"),
        (["J18.9", "--poa", "J18.9"], 2, "--poa J18.9"),
        (["J18.9", "--poa", "E87.1=Y"], 2, "--poa: E87.1=Y names a code not among"),
        (["J18.9", "--poa", "J18.9=Y", "--poa", "j189=N"], 2, "twice"),
        (["J18.9", "--discharged", "2026-02-30"], 2, "--discharged 2026-02-30"),
        (["J18.9", "--discharged", "yesterday"], 2, "--discharged"),
        (["J18.9", "--discharged", "2019-01-01"], 2, "--discharged"),
        (["J18.9", "--age", "130", *ON], 2, "--age"),
        (["J18.9", "--age", "old", *ON], 2, "--age old"),
        (["J18.9", "--sex", "X", *ON], 2, "--sex X"),
        (["J18.9", "--disposition", "99", *ON], 2, "--disposition"),
        (["J18.9", "--procedure", "0SR9O19", *ON], 2, "--procedure"),
        ([",", *ON], 2, "PDX"),
        (["18.9", *ON], 2, "PDX"),
        (["J18", *ON], 1, "J18 (PDX)"),
        (["J18.9", "Z99.999", *ON], 1, "Z99.999 (SDX)"),
        (["J18.9", "--procedure", "0SR9ZZZ", *ON], 1, "0SR9ZZZ (--procedure)"),
    ],
)
def test_bad_input_is_one_line_naming_the_argument(
    capsys: pytest.CaptureFixture[str], argv: list[str], status: int, names: str
) -> None:
    got, out, err = run(capsys, "codes", "group", *argv)
    assert (got, out) == (status, "")
    assert err.startswith("recsim: ") and err.count("\n") == 1
    assert names in err


def test_without_msdrg_group_says_so_in_one_line_and_the_rest_works(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "msdrg", None)  # import msdrg now raises ImportError
    monkeypatch.setattr(grouper, "_open", [])
    status, out, err = run(capsys, "codes", "group", "J18.9", *ON)
    assert (status, out) == (1, "")
    assert err.startswith("recsim: MS-DRG grouping needs the msdrg package")
    assert err.count("\n") == 1
    status, out, err = run(capsys, "codes", "check", "0DTJ4ZZ")
    last = err.splitlines()[-1]  # the first check of a session may build the index first
    assert status == 1 and last.startswith("recsim: checking ICD-10-PCS codes needs the msdrg")
    status, out, _ = run(capsys, "codes", "check", "E11.22", "N18.4")
    assert status == 0 and "No edits" in out


def test_a_fresh_process_groups_and_exits_without_warnings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recsim", "codes", "group", "I11.0", "I50.23", *ON],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "DRG 291  Heart Failure and Shock with MCC" in result.stdout


# -- ICD-10-PCS codes in `recsim codes check` --------------------------------------------------


def test_check_flags_an_invalid_pcs_code_as_invalid_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "codes", "check", "0SR9ZZZ", *ON, "--json")
    assert status == 0, err
    data = json.loads(out)
    assert (data["codes"], data["procedures"]) == ([], ["0SR9ZZZ"])
    [edit] = data["edits"]
    assert (edit["edit"], edit["codes"]) == ("invalid_code", ["0SR9ZZZ"])
    assert "ICD-10-PCS" in edit["message"] and "A9" in edit["source"]


def test_check_accepts_a_valid_pcs_code_beside_the_diagnoses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Before issue 17 a valid PCS code was read as ICD-10-CM and reported invalid.
    status, out, err = run(capsys, "codes", "check", "K35.80", "0DTJ4ZZ", "0SR9019")
    assert status == 0, err
    assert "Procedures (ICD-10-PCS): 0DTJ4ZZ, 0SR9019" in out
    assert "No edits" in out


def test_pcs_validity_depends_on_the_discharge_date(capsys: pytest.CaptureFixture[str]) -> None:
    # XW033FB entered ICD-10-PCS with FY2026 (1 October 2025).
    status, out, _ = run(capsys, "codes", "check", "XW033FB", "--discharged", "2025-09-30")
    assert status == 0 and "invalid_code (XW033FB)" in out
    status, out, _ = run(capsys, "codes", "check", "XW033FB", "--discharged", "2025-10-01")
    assert status == 0 and "No edits" in out


def test_a_diagnosis_typed_without_its_dot_stays_a_diagnosis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "codes", "check", "--json", "S72001A", "S72001Z")
    data = json.loads(out)
    assert status == 0 and data["procedures"] == []
    assert data["codes"][0] == "S72.001A"
    assert [e["edit"] for e in data["edits"]] == ["invalid_seventh_character"]


def test_check_refuses_a_date_without_a_pcs_code_set(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "codes", "check", "0DTJ4ZZ", "--discharged", "2014-01-01")
    assert (status, out) == (2, "")
    assert err.startswith("recsim: --discharged") and err.count("\n") == 1


def test_check_refuses_an_impossible_discharge_date_even_without_pcs_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, "codes", "check", "I10", "--discharged", "2026-13-01")
    assert (status, out) == (2, "")
    assert err.startswith("recsim: --discharged 2026-13-01") and err.count("\n") == 1
