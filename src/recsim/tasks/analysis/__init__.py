"""Record statistics from a batch of inpatient encounters (task kind ``analysis``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.analysis.block import AnalysisBlock as BLOCK
from recsim.tasks.base import lazy_exports

if TYPE_CHECKING:
    from recsim.tasks.analysis.task import TASK as TASK
    from recsim.tasks.analysis.task import AnalysisTask as AnalysisTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "AnalysisTask"])

__all__ = ["BLOCK", "TASK", "AnalysisTask"]
