"""The names and titles of the ICD-10-CM index parts, without what builds them.

Reading the built cache (:mod:`recsim.coding.alphabetic`) needs only these;
building (:mod:`recsim.coding.release.cm_index`) adds the XML reader.
"""

from __future__ import annotations

CM_PARTS: tuple[tuple[str, str], ...] = (
    ("icd10cm-index", "ICD-10-CM Alphabetic Index"),
    ("icd10cm-eindex", "ICD-10-CM External Cause of Injuries Index"),
    ("icd10cm-neoplasm", "ICD-10-CM Table of Neoplasms"),
    ("icd10cm-drug", "ICD-10-CM Table of Drugs and Chemicals"),
)
"""(cache name, title) of each part, in the order a coder consults them."""
