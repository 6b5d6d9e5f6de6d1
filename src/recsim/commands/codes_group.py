"""``recsim codes group``: the MS-DRG of an inpatient stay, and what decided it.

Exit status: 0 when the stay was grouped (DRG 998/999 included: the grouper
said why), 1 for codes not valid on the discharge date or where the grouper
is not available on this platform, 2 for usage errors (a malformed option).
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from typing import TYPE_CHECKING

from recsim.commands.common import UserError, print_json

if TYPE_CHECKING:
    from recsim.coding.grouper import Stay
    from recsim.coding.grouper_result import Grouping

_SPLIT = re.compile(r"[,\s]+")
_DIAGNOSIS = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4}|[0-9A-Z]{0,4})")


def _is_diagnosis(code: str) -> bool:
    """An ICD-10-CM code by its shape (a value after --procedure that a coder meant as one)."""
    from recsim.coding.code_shapes import is_procedure

    return bool(_DIAGNOSIS.fullmatch(code.upper())) and not is_procedure(code)


def register(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``group`` to the ``recsim codes`` actions."""
    group = actions.add_parser(
        "group",
        help="the MS-DRG of an inpatient stay",
        description="Group an inpatient stay into its MS-DRG for the grouper version in force "
        "on the discharge date: MDC, severity, which secondary diagnoses acted as CC or MCC, "
        "hospital-acquired conditions, and the FY2026 relative weight and geometric mean "
        "length of stay (CMS, FY 2026 IPPS Final Rule, Table 5).",
    )
    # "*", not "+": codes written after --poa or --procedure land in those lists and are moved
    # back here (stay_from), so "--poa J96.01=Y J18.9 J96.01" reads as a coder means it.
    group.add_argument(
        "codes", nargs="*", metavar="CODE", help="principal diagnosis, then secondary diagnoses"
    )
    group.add_argument("--age", metavar="YEARS", help="age in whole years (default 65)")
    group.add_argument("--sex", metavar="F|M", help="the patient's sex (default unknown)")
    group.add_argument(
        "--disposition",
        metavar="CODE",
        help="patient discharge status, e.g. 01 home, 03 skilled nursing, 20 expired (default 01)",
    )
    group.add_argument(
        "--discharged", metavar="DATE", help="discharge date, YYYY-MM-DD (default today)"
    )
    group.add_argument(
        "--poa",
        action="extend",
        nargs="+",
        default=[],
        metavar="CODE=Y|N|U|W|1",
        help="present-on-admission indicator of a diagnosis (repeatable)",
    )
    group.add_argument(
        "--procedure",
        action="extend",
        nargs="+",
        default=[],
        metavar="PCS",
        help="ICD-10-PCS procedure codes, principal procedure first",
    )
    group.add_argument("--json", action="store_true", help="machine-readable output")
    group.set_defaults(run=run_group)


def run_group(args: argparse.Namespace) -> int:
    """Group the stay the arguments describe and print the result."""
    from recsim.coding.grouper import GrouperUnavailable, StayRefused, group

    stay = stay_from(args)
    try:
        result = group(stay)
    except StayRefused as refused:
        raise UserError(f"{refused.argument}: {refused}", status=2) from None
    except GrouperUnavailable as missing:
        raise UserError(str(missing)) from None
    if result.invalid_codes:
        raise UserError(_invalid(result, stay))
    if args.json:
        print_json({**result.to_dict(), "stay": _stay_dict(stay)})
        return 0
    for line in describe(result, stay):
        print(line)
    return 0


def stay_from(args: argparse.Namespace) -> Stay:
    """The :class:`Stay` of the command line; a one-line usage error (exit 2) otherwise."""
    from recsim.coding.grouper import Stay

    codes = [c for text in args.codes for c in _SPLIT.split(text) if c]
    procedures = [c for text in args.procedure for c in _SPLIT.split(text) if c]
    indicators = list(args.poa)
    if not codes:
        # Options first, codes last: argparse gave the codes to the option before them.
        codes = [c for item in indicators if "=" not in item for c in _SPLIT.split(item) if c]
        codes += [c for c in procedures if _is_diagnosis(c)]
        indicators = [item for item in indicators if "=" in item]
        procedures = [c for c in procedures if not _is_diagnosis(c)]
    if not codes:
        raise UserError("PDX: give the principal diagnosis, e.g. recsim codes group J18.9", 2)
    return Stay(
        principal=codes[0],
        secondary=tuple(codes[1:]),
        procedures=tuple(procedures),
        poa=_poa(indicators),
        age=_whole("--age", args.age, 65),
        sex=_sex(args.sex),
        disposition=_whole("--disposition", args.disposition, 1),
        discharged=discharge_date(args.discharged),
    )


def _poa(items: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        code, sign, value = item.partition("=")
        if not sign or not code.strip() or not value.strip():
            raise UserError(f"--poa {item}: write CODE=INDICATOR, e.g. --poa L89.153=N", 2)
        key = code.strip().upper().replace(".", "")
        if key in {k.replace(".", "") for k in found}:
            raise UserError(f"--poa {item}: {code.strip()} is given a POA indicator twice", 2)
        found[code.strip().upper()] = value.strip().upper()
    return found


def _whole(option: str, text: str | None, default: int) -> int:
    if text is None:
        return default
    try:
        return int(text.strip())
    except ValueError:
        raise UserError(f"{option} {text}: give a whole number", 2) from None


def _sex(text: str | None) -> str | None:
    if text is None:
        return None
    if text.strip().upper() not in ("F", "M"):
        raise UserError(f"--sex {text}: give F or M", 2)
    return text.strip().upper()


def discharge_date(text: str | None) -> date:
    """A ``--discharged`` argument (default today), or a one-line usage error."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"--discharged {text}: not a date; write it YYYY-MM-DD, e.g. 2026-03-14", 2
        ) from None


def _invalid(result: Grouping, stay: Stay) -> str:
    from recsim.coding.grouper import dotted

    principal = dotted(stay.principal)
    procedures = {c.strip().upper() for c in stay.procedures}
    named = [
        f"{code} ({'PDX' if code == principal else '--procedure' if code in procedures else 'SDX'})"
        for code in result.invalid_codes
    ]
    return (
        f"not valid codes for a discharge on {stay.discharged.isoformat()} "
        f"(MS-DRG {result.version}): {', '.join(named)}; look them up with recsim codes check"
    )


def _stay_dict(stay: Stay) -> dict[str, object]:
    return {
        "discharged": stay.discharged.isoformat(),
        "age": stay.age,
        "sex": stay.sex,
        "disposition": f"{stay.disposition:02d}",
    }


def describe(result: Grouping, stay: Stay) -> list[str]:
    """The grouping as lines a coding student reads."""
    sex = {"F": "female", "M": "male", None: "sex not given"}[stay.sex]
    lines = [
        f"MS-DRG {result.version} (FY{result.fiscal_year}), discharged "
        f"{stay.discharged.isoformat()}; age {stay.age}, {sex}, "
        f"discharge status {stay.disposition:02d}",
        f"DRG {result.drg:03d}  {result.title}",
    ]
    if not result.grouped:
        lines.append(f"  Not grouped: {result.why_not}.")
    mdc = f"MDC {result.mdc:02d} {result.mdc_title}" if result.mdc else "No MDC"
    lines.append(f"  {mdc}; {result.type}; secondary diagnoses give: {result.severity}")
    if result.weight is not None and result.gmlos is not None:
        lines.append(
            f"  Relative weight {result.weight:.4f}; geometric mean length of stay "
            f"{result.gmlos:.1f} days ({result.figures_source})"
        )
    else:
        lines.append(
            "  Relative weight: not shown; recsim ships Table 5 of FY2026 (MS-DRG v43) only: "
            "give a discharge date in FY2026 (2025-10-01 to 2026-09-30) with --discharged"
        )
    if result.hac_changed_drg:
        lines.append(
            f"  Hospital-acquired condition not present on admission: the DRG would be "
            f"{result.initial_drg:03d} with it counted; it is {result.drg:03d} without"
        )
    lines += _secondary_lines(result) + _procedure_lines(result)
    edits = "; ".join(result.editor) if result.editor else "no edits"
    lines.append(f"Medicare Code Editor: {edits}")
    return lines


def _secondary_lines(result: Grouping) -> list[str]:
    if not result.secondary:
        return ["Secondary diagnoses: none"]
    lines = ["Secondary diagnoses:"]
    width = max(len(s.code) for s in result.secondary)
    for dx in result.secondary:
        poa = f"POA {dx.poa}" if dx.poa else "POA -"
        if dx.level == "none":
            role = "not a CC or MCC"
        elif dx.hospital_acquired:
            hacs = "; ".join(dx.hospital_acquired)
            role = f"{dx.level}, not counted: a hospital-acquired condition ({hacs})"
        elif dx.excluded:
            role = f"{dx.level}, excluded with this principal diagnosis (CC exclusion list)"
        elif dx.changed_drg:
            role = f"{dx.level}, set the DRG's severity"
        else:
            role = f"{dx.level}, did not change the DRG"
        lines.append(f"  {dx.code.ljust(width)}  {poa}  {role}")
    return lines


def _procedure_lines(result: Grouping) -> list[str]:
    if not result.procedures:
        return []
    return ["Procedures:"] + [
        f"  {p.code}  {'set the DRG' if p.changed_drg else 'did not change the DRG'}"
        for p in result.procedures
    ]
