"""MS-DRG grouping through msdrg (recsim.coding.grouper), checked against FY2026 Table 5.

Every expected DRG below was worked out by hand from the MS-DRG v43 definitions
and confirmed with msdrg; each test also checks the grouper's title against the
title CMS prints in Table 5, so a wrong DRG number cannot pass by accident.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from recsim.coding.drg_weights import SOURCE, table5, table5_row
from recsim.coding.grouper import Stay, StayRefused, dotted, group, is_procedure
from recsim.coding.grouper_versions import DateOutOfRange, fiscal_year, version_for

FY2026 = date(2026, 3, 1)

DONE_WHEN = [
    ("J18.9", (), (), {}, 195),
    ("J18.9", ("J96.01",), (), {}, 193),
    ("A41.9", ("R65.20", "J18.9"), (), {}, 871),
    ("I21.4", (), ("027034Z",), {}, 322),
    ("M16.11", (), ("0SR9019",), {}, 470),
    ("I11.0", ("I50.23",), (), {}, 291),
    ("K35.80", (), ("0DTJ4ZZ",), {}, 399),
]
MORE = [
    ("J18.9", ("E87.1",), (), {}, 194),  # hyponatremia is a CC
    ("A41.9", (), (), {}, 872),
    ("A41.9", ("N17.9",), (), {}, 872),  # sepsis splits on MCC only; acute kidney failure is a CC
    ("A41.9", (), ("5A1955Z",), {}, 870),  # ventilation over 96 hours
    ("I50.23", (), (), {}, 293),
    ("I50.9", ("E87.1",), (), {}, 292),
    ("J44.1", (), (), {}, 192),
    ("J44.1", ("J96.01",), (), {}, 190),
    ("J44.1", ("E87.1",), (), {}, 191),
    ("I63.9", (), (), {}, 66),
    ("I63.9", ("J96.01",), (), {}, 64),
    ("I63.9", ("E87.1",), (), {}, 65),
    ("G45.9", (), (), {}, 69),
    ("K92.2", (), (), {}, 379),
    ("K92.2", ("D62",), (), {}, 378),
    ("K92.2", ("J96.01",), (), {}, 377),
    ("M17.11", (), ("0SRC0J9",), {}, 470),
    ("M16.11", ("J96.01",), ("0SR9019",), {}, 469),
    ("S72.001A", (), ("0SR9019",), {}, 522),  # hip replacement for a hip fracture
    ("K35.80", ("J96.01",), ("0DTJ4ZZ",), {}, 397),
    ("K35.80", (), ("0DTJ0ZZ",), {}, 399),
    ("K80.00", (), ("0FT44ZZ",), {}, 419),
    ("O80", ("Z37.0",), ("10E0XZZ",), {"age": 28, "sex": "F"}, 807),
    ("O82", ("Z37.0",), ("10D00Z1",), {"age": 28, "sex": "F"}, 788),
    ("Z38.00", (), (), {"age": 0}, 795),
    ("N39.0", (), (), {}, 690),
    ("N39.0", ("J96.01",), (), {}, 689),
    ("L03.115", (), (), {}, 603),
    ("L03.115", ("J96.01",), (), {}, 602),
    ("I21.4", ("I50.23",), ("027034Z",), {}, 321),
    ("I21.4", (), (), {}, 282),
    ("I21.4", (), (), {"disposition": 20}, 285),  # died: the AMI DRGs split on it
    ("I48.91", (), (), {}, 310),
    ("E11.65", (), (), {}, 639),
    ("N17.9", (), (), {}, 684),
    ("F10.230", (), (), {}, 897),
    ("F10.230", (), (), {"disposition": 7}, 894),  # left against medical advice
    ("J96.01", (), ("5A1955Z",), {}, 207),
    ("I26.99", (), (), {}, 176),
    ("R07.9", (), (), {}, 313),
    ("J45.901", (), (), {}, 203),
    ("K56.609", (), (), {}, 390),
]


def _stay(pdx: str, sdx: tuple[str, ...], pcs: tuple[str, ...], kw: dict[str, Any]) -> Stay:
    return Stay(pdx, FY2026, sdx, pcs, **kw)


@pytest.mark.parametrize(("pdx", "sdx", "pcs", "kw", "drg"), DONE_WHEN + MORE)
def test_stay_groups_to_the_table5_drg(
    pdx: str, sdx: tuple[str, ...], pcs: tuple[str, ...], kw: dict[str, Any], drg: int
) -> None:
    result = group(_stay(pdx, sdx, pcs, kw))
    row = table5()[drg]
    assert (result.drg, result.version, result.invalid_codes) == (drg, "v43", [])
    assert result.title.lower() == row.title.lower()
    assert result.type == {"SURG": "surgical", "MED": "medical"}[row.type]
    assert (result.weight, result.gmlos, result.figures_source) == (row.weight, row.gmlos, SOURCE)
    assert f"{result.mdc:02d}" == row.mdc


@pytest.mark.parametrize(
    ("discharged", "label"),
    [(date(2025, 11, 1), "v43"), (date(2026, 5, 1), "v43.1"), (date(2026, 11, 1), "v44")],
)
def test_done_when_groupings_hold_in_every_version_since_fy2026(
    discharged: date, label: str
) -> None:
    for pdx, sdx, pcs, kw, drg in DONE_WHEN:
        result = group(Stay(pdx, discharged, sdx, pcs, **kw))
        assert (result.drg, result.version) == (drg, label), pdx


def test_the_version_comes_from_the_discharge_date() -> None:
    # MS-DRG v40 (FY2023) grouped a PCI with a stent to 247; v41 created 321/322.
    stay = Stay("I21.4", date(2023, 1, 15), procedures=("027034Z",))
    result = group(stay)
    assert (result.version, result.fiscal_year, result.drg) == ("v40", 2023, 247)
    assert result.weight is None and result.figures_source is None


def test_fiscal_year_starts_on_1_october_and_the_april_update_on_1_april() -> None:
    assert fiscal_year(date(2025, 9, 30)) == 2025 and fiscal_year(date(2025, 10, 1)) == 2026
    assert version_for(date(2025, 9, 30)).label == "v42.1"
    assert version_for(date(2025, 10, 1)).label == "v43"
    assert version_for(date(2026, 3, 31)).label == "v43"
    assert version_for(date(2026, 4, 1)).label == "v43.1"
    assert version_for(date(2026, 4, 1)).starts == date(2026, 4, 1)
    assert version_for(date(2026, 10, 1)).label == "v44"
    with pytest.raises(DateOutOfRange, match="2022-10-01 to 2027-03-31"):
        version_for(date(2027, 4, 1))


@pytest.mark.parametrize("poa", ["N", "U"])
def test_pressure_ulcer_not_present_on_admission_loses_its_mcc(poa: str) -> None:
    # HAC 04 (stage III/IV pressure ulcer): with POA N or U the MCC is set aside for the final DRG.
    stay = Stay("J18.9", FY2026, ("L89.153",), poa={"J18.9": "Y", "L89.153": poa})
    result = group(stay)
    assert (result.initial_drg, result.drg, result.hac_changed_drg) == (193, 195, True)
    ulcer = result.secondary[0]
    assert ulcer.level == "MCC" and not ulcer.changed_drg
    assert ulcer.hospital_acquired == ["HAC04 Stage III and IV Pressure Ulcers"]


@pytest.mark.parametrize("poa", ["Y", "W"])
def test_pressure_ulcer_present_on_admission_keeps_its_mcc(poa: str) -> None:
    result = group(Stay("J18.9", FY2026, ("L89.153",), poa={"J18.9": "Y", "L89.153": poa}))
    assert (result.initial_drg, result.drg, result.hac_changed_drg) == (193, 193, False)
    assert result.secondary[0].changed_drg and result.severity == "MCC"


def test_catheter_associated_uti_not_present_on_admission_loses_its_cc() -> None:
    stay = Stay(
        "J18.9",
        FY2026,
        ("T83.511A", "N39.0"),
        poa={"J18.9": "Y", "T83.511A": "N", "N39.0": "N"},
    )
    result = group(stay)
    assert (result.initial_drg, result.drg) == (194, 195)
    assert all("HAC06" in s.hospital_acquired[0] for s in result.secondary)


def test_an_mcc_excluded_with_the_principal_diagnosis_does_not_count() -> None:
    result = group(Stay("A41.9", FY2026, ("R65.20", "J18.9")))
    severe_sepsis, pneumonia = result.secondary
    assert (severe_sepsis.code, severe_sepsis.level, severe_sepsis.excluded) == (
        "R65.20",
        "MCC",
        True,
    )
    assert not severe_sepsis.changed_drg
    assert pneumonia.changed_drg and not pneumonia.excluded


def test_a_cc_on_a_drg_that_splits_only_on_mcc_does_not_change_it() -> None:
    result = group(Stay("M16.11", FY2026, ("E87.1",), ("0SR9019",)))
    assert result.drg == 470 and result.severity == "CC"
    assert result.secondary[0].level == "CC" and not result.secondary[0].changed_drg
    assert result.procedures[0].changed_drg


def test_codes_not_valid_on_the_discharge_date_are_listed() -> None:
    result = group(Stay("J18.9", FY2026, ("Z99.999",), ("0SR9ZZZ",)))
    assert result.invalid_codes == ["Z99.999", "0SR9ZZZ"]
    assert "a code is not valid on the discharge date" in result.editor


def test_an_invalid_principal_diagnosis_is_ungroupable_with_the_reason() -> None:
    result = group(Stay("J18", FY2026))
    assert (result.drg, result.grouped, result.invalid_codes) == (999, False, ["J18"])
    assert result.why_not is not None and "principal diagnosis" in result.why_not


def test_poa_1_is_the_exempt_indicator() -> None:
    # Z37.0 is on CMS's POA-exempt list; "1" reaches the grouper as a blank.
    stay = Stay("O80", FY2026, ("Z37.0",), ("10E0XZZ",), {"Z37.0": "1"}, age=28, sex="F")
    assert group(stay).drg == 807


@pytest.mark.parametrize(
    ("stay", "argument"),
    [
        (Stay("J18.9", FY2026, ("E87.1",), poa={"E87.1": "Q"}), "--poa"),
        (Stay("J18.9", FY2026, poa={"X": "Y"}), "--poa"),
        (Stay("J18.9", FY2026, age=125), "--age"),
        (Stay("J18.9", FY2026, age=-1), "--age"),
        (Stay("J18.9", FY2026, sex="X"), "--sex"),
        (Stay("J18.9", FY2026, disposition=8), "--disposition"),
        (Stay("J18.9", date(2022, 9, 30)), "--discharged"),
        (Stay("18.9", FY2026), "PDX"),
        (Stay("J18.9", FY2026, ("hello",)), "SDX"),
        (Stay("J18.9", FY2026, procedures=("0SR9O19",)), "--procedure"),
        (Stay("J18.9", FY2026, ("E87.1",) * 25), "SDX"),
    ],
)
def test_input_no_claim_could_carry_is_refused_naming_it(stay: Stay, argument: str) -> None:
    with pytest.raises(StayRefused) as refused:
        group(stay)
    assert refused.value.argument == argument
    assert "\n" not in str(refused.value)


def test_codes_are_dotted_and_told_apart_by_shape() -> None:
    assert dotted("j189") == "J18.9" and dotted("I10") == "I10" and dotted("0dtj4zz") == "0DTJ4ZZ"
    assert is_procedure("0DTJ4ZZ") and is_procedure("BW28ZZZ")
    assert not is_procedure("S72.001A") and not is_procedure("0DTJ4ZO")


def test_table5_holds_every_v43_drg_with_its_figures() -> None:
    rows = table5()
    assert len(rows) == 772
    assert (rows[470].weight, rows[470].gmlos, rows[470].type) == (1.9289, 1.9, "SURG")
    assert rows[193].post_acute_transfer and rows[193].mdc == "04"
    assert rows[999].weight is None and rows[999].type == "**"
    assert table5_row(193, 2026) is rows[193] and table5_row(193, 2027) is None
