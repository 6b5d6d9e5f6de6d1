"""Chart deficiency analysis of discharged inpatient charts (task kind ``deficiency``)."""

from recsim.tasks.deficiency.task import TASK, DeficiencyTask

__all__ = ["TASK", "DeficiencyTask"]
