"""The sources the inpatient kind's findings cite, and the discharge statuses they speak of."""

from __future__ import annotations

from recsim.coding.pcs_axes import GUIDELINES as PCS_GUIDELINES

CM_GUIDELINES = "ICD-10-CM Official Guidelines for Coding and Reporting FY2026"
PRINCIPAL_RULE = f"UHDDS principal diagnosis definition, as in the {CM_GUIDELINES}, Section II"
SECONDARY_RULE = f"UHDDS other diagnoses, as in the {CM_GUIDELINES}, Section III"
POA_RULE = f"{CM_GUIDELINES}, Appendix I (Present on Admission Reporting Guidelines)"
PROCEDURE_RULE = f"UHDDS principal procedure definition (50 FR 31038, 1985); {PCS_GUIDELINES}"
DISPOSITION_RULE = "NUBC UB-04 form locator 17, patient discharge status"
TRANSFER_RULE = "42 CFR 412.4 (transfers and the post-acute care transfer policy)"
DRG_TOPIC = "drg"
"""The topic of the MS-DRG comparison: worth no points, so not counted among the right ones."""
HAC_RULE = "Social Security Act section 1886(d)(4)(D) (hospital-acquired conditions)"

DISPOSITION_WORDS = {
    1: "home or self care",
    2: "short-term general hospital",
    3: "skilled nursing facility",
    4: "intermediate care facility",
    5: "cancer center or children's hospital",
    6: "home under a home health organization",
    7: "left against medical advice",
    9: "admitted as an inpatient to this hospital",
    20: "expired",
    21: "court or law enforcement",
    30: "still a patient",
    43: "federal health care facility",
    50: "hospice, home",
    51: "hospice, medical facility",
    61: "swing bed in this hospital",
    62: "inpatient rehabilitation facility",
    63: "long-term care hospital",
    64: "nursing facility certified under Medicaid only",
    65: "psychiatric hospital or unit",
    66: "critical access hospital",
    70: "another type of health care institution",
}
"""UB-04 patient discharge status codes in words (those without planned readmission)."""
COMMON_DISPOSITIONS = (1, 2, 3, 6, 7, 20, 50, 51, 62, 63, 65)
"""The statuses the workspace offers first."""
ACUTE_TRANSFER = frozenset({2, 82})
"""Discharged to another IPPS hospital: a transfer under 42 CFR 412.4(b)."""
POST_ACUTE = frozenset({3, 5, 6, 62, 63, 65, 83, 85, 86, 90, 91, 93})
"""Discharged to a skilled nursing facility, home health care, or a hospital or unit
excluded from the IPPS (rehabilitation, long-term care, psychiatric, cancer, children's),
with or without a planned readmission: post-acute care under 42 CFR 412.4(c)."""


def status(code: int) -> str:
    """``03 skilled nursing facility``: a discharge status with its words."""
    words = DISPOSITION_WORDS.get(code)
    if words is None and code >= 81:
        words = "with a planned acute care readmission"
    return f"{code:02d} {words}" if words else f"{code:02d}"
