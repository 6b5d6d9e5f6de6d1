"""Record statistics from a batch of inpatient encounters (task kind ``analysis``)."""

from recsim.tasks.analysis.batch import batch_csv
from recsim.tasks.analysis.task import TASK, AnalysisTask

__all__ = ["TASK", "AnalysisTask", "batch_csv"]
