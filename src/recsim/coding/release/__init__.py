"""The CMS code-set release files recsim can add to its cache (see :mod:`.parts`).

:func:`all_parts` is the registry: the parts of each module listed in
:data:`MODULES`, in that order. A module not present in this version of recsim
is skipped, so the command works with whichever parts exist.
"""

from __future__ import annotations

import importlib

from recsim.coding.release.parts import ReleasePart

MODULES = (
    "recsim.coding.release.cm_index",  # ICD-10-CM index, Neoplasm Table, Drugs, External Cause
    "recsim.coding.release.pcs_tables",  # ICD-10-PCS tables (and its index and definitions)
)
"""Modules whose ``PARTS`` (a tuple of :class:`ReleasePart`) ``recsim codes add`` builds."""


def all_parts() -> tuple[ReleasePart, ...]:
    """Every release part recsim can build, from the modules of :data:`MODULES` present."""
    parts: list[ReleasePart] = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name == name:
                continue
            raise
        parts.extend(module.PARTS)
    return tuple(parts)
