"""ICD-10-CM FY2026 for recsim: the code set, a coder's search, claim edits, procedure code sets.

Pure domain code (no terminal UI). Start with :func:`codeset`::

    from recsim.coding import codeset, normalize
    codes = codeset()
    codes.get("e1122").description
    codes.search("diab kid")

and :func:`recsim.coding.edits.check_codes` for the edits a claim meets.
"""

from recsim.coding.codeset import CodeSet, CodeSetUnavailable, codeset
from recsim.coding.model import AgeRule, CodeInfo, CodeRange, Kind, Note, SexRule, normalize

__all__ = [
    "AgeRule",
    "CodeInfo",
    "CodeRange",
    "CodeSet",
    "CodeSetUnavailable",
    "Kind",
    "Note",
    "SexRule",
    "codeset",
    "normalize",
]
