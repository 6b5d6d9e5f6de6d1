"""The inpatient stay case library shared by the inpatient coding and DRG validation kinds.

Not a task kind: kinds import it, it imports no kind. The cases are the YAML
files in ``cases/`` (see :mod:`recsim.tasks.stays.models` for their format);
:func:`render_stay` fills one in for a trainee and
:meth:`RenderedStay.grouper_stay` turns a key into the MS-DRG grouper's input.
"""

from __future__ import annotations

from recsim.tasks.stays.library import all_cases, case_by_id, pick_cases
from recsim.tasks.stays.models import KeyedDiagnosis, StayCase, StayDocument, StayKey
from recsim.tasks.stays.render import RenderedStay, render_stay

__all__ = [
    "KeyedDiagnosis",
    "RenderedStay",
    "StayCase",
    "StayDocument",
    "StayKey",
    "all_cases",
    "case_by_id",
    "pick_cases",
    "render_stay",
]
