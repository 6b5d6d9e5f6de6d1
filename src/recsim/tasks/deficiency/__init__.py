"""Chart deficiency analysis of discharged inpatient charts (task kind ``deficiency``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.deficiency.block import DEFICIENCY_KINDS as TOPICS
from recsim.tasks.deficiency.block import DeficiencyBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.deficiency.task import TASK as TASK
    from recsim.tasks.deficiency.task import DeficiencyTask as DeficiencyTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "DeficiencyTask"])

__all__ = ["BLOCK", "TASK", "TOPICS", "DeficiencyTask"]
