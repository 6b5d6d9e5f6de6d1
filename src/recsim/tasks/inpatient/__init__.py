"""Inpatient coding: code a discharged stay and see the MS-DRG it groups to (kind ``inpatient``).

Stays come from the shared case library (:mod:`recsim.tasks.stays`): the trainee
reads the discharge summary and any operative report, then gives the principal
diagnosis, secondary diagnoses with present-on-admission indicators, ICD-10-PCS
procedures and the discharge disposition. The answer and the key are both grouped
with the FY2026 MS-DRG grouper and compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.inpatient.block import InpatientBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.inpatient.task import TASK as TASK
    from recsim.tasks.inpatient.task import InpatientTask as InpatientTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "InpatientTask"])

__all__ = ["BLOCK", "TASK", "InpatientTask"]
