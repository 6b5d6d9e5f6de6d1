"""Confidentiality traps: moments that test the trainee's privacy judgment (an interruption, not a queue item)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.traps.block import Trap as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.traps.task import TASK as TASK
    from recsim.tasks.traps.task import TrapTask as TrapTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "TrapTask"])

__all__ = ["BLOCK", "TASK", "TrapTask"]
