"""The coding task: encounters to code with ICD-10-CM FY2026 (task kind ``coding``).

Cases come from the built-in library (``recsim/tasks/coding_cases/*.yaml``),
drawn for the scenario's setting and tags, and from cases written in the
scenario itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.coding.block import CodingBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.coding.task import TASK as TASK
    from recsim.tasks.coding.task import CodingTask as CodingTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "CodingTask"])

__all__ = ["BLOCK", "TASK", "CodingTask"]
