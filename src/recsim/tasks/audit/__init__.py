"""The accuracy audit: charts with deliberately planted errors (task kind ``audit``)."""

from recsim.tasks.audit.task import TASK, AuditTask, amended

__all__ = ["TASK", "AuditTask", "amended"]
