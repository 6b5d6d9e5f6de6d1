"""The master patient index: possible duplicates, look-alikes and overlays (task kind ``duplicates``)."""

from recsim.tasks.duplicates.task import TASK, DuplicatesTask

__all__ = ["TASK", "DuplicatesTask"]
