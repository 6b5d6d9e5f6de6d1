"""How a code is written: with or without its dot, and whether it is an ICD-10-PCS code."""

from __future__ import annotations

import re

_PROCEDURE = re.compile(r"^[0-9BCDFGHX][0-9A-HJ-NP-Z]{6}$")
"""Seven characters, 0-9 and letters but I and O, the first one of the PCS sections: 0-9
(medical and surgical and its ancillary sections), B imaging, C nuclear medicine, D radiation
therapy, F physical rehabilitation, G mental health, H substance abuse, X new technology
(ICD-10-PCS Official Guidelines A2 for the characters; the sections are the first
character of the tables)."""


def undotted(code: str) -> str:
    """A code as the grouper keys it: upper case, no dot, no spaces."""
    return code.strip().upper().replace(".", "")


def dotted(code: str) -> str:
    """An ICD-10-CM code as a coder writes it (J189 -> J18.9); PCS codes have no dot."""
    code = undotted(code)
    return f"{code[:3]}.{code[3:]}" if len(code) > 3 and not is_procedure(code) else code


def is_procedure(code: str) -> bool:
    """Whether a code has the shape of ICD-10-PCS: 7 characters, 0-9 and letters but I and O.

    An ICD-10-CM code never starts with a digit, and one written without its dot
    that starts with a letter no PCS section uses (S72001A, T83511A, W010XXA) is
    a diagnosis. Only an undotted X code of 7 characters can be either (X000XXA,
    XW033E5), so a caller that also holds the ICD-10-CM code set should look there
    first.
    """
    code = code.strip().upper()
    return "." not in code and bool(_PROCEDURE.match(code))
