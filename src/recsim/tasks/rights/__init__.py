"""Patient-rights requests at the privacy office (task kind ``rights``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.rights.block import ARCHETYPES as TOPICS
from recsim.tasks.rights.block import RightsBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.rights.task import TASK as TASK
    from recsim.tasks.rights.task import RightsTask as RightsTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "RightsTask"])

__all__ = ["BLOCK", "TASK", "TOPICS", "RightsTask"]
