"""Code titles for the claim: ICD-10-CM from the code set, ICD-10-PCS from the PCS tables."""

from __future__ import annotations

from recsim.coding import CodeSetUnavailable, codeset
from recsim.coding.code_shapes import is_procedure


def title_of(code: str) -> str:
    """A code's title, or '' where recsim has none at hand (a PCS code without the tables)."""
    if is_procedure(code):
        return ""
    try:
        info = codeset().get(code)
    except CodeSetUnavailable:  # no code set here: the claim shows its codes alone
        return ""
    return info.description if info is not None else ""
