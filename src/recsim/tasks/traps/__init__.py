"""Confidentiality traps: interruptions, not queue items, that test privacy judgment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.traps.block import Trap as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.traps.task import TASK as TASK
    from recsim.tasks.traps.task import TrapTask as TrapTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "TrapTask"])

__all__ = ["BLOCK", "TASK", "TrapTask"]
