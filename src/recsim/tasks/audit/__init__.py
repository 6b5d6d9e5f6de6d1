"""The accuracy audit: charts with deliberately planted errors (task kind ``audit``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.audit.block import ERROR_KINDS as TOPICS
from recsim.tasks.audit.block import AuditBlock as BLOCK
from recsim.tasks.base import lazy_exports

if TYPE_CHECKING:
    from recsim.tasks.audit.task import TASK as TASK
    from recsim.tasks.audit.task import AuditTask as AuditTask
    from recsim.tasks.audit.task import amended as amended

__getattr__ = lazy_exports(__name__, "task", ["TASK", "AuditTask", "amended"])

__all__ = ["BLOCK", "TASK", "TOPICS", "AuditTask", "amended"]
