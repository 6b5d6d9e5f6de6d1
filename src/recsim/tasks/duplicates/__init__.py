"""The master patient index: duplicates, look-alikes and overlays (task kind ``duplicates``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.duplicates.block import DuplicatesBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.duplicates.task import TASK as TASK
    from recsim.tasks.duplicates.task import DuplicatesTask as DuplicatesTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "DuplicatesTask"])

__all__ = ["BLOCK", "TASK", "DuplicatesTask"]
