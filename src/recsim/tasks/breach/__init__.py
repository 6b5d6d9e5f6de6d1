"""Breach response: is an incident a breach of unsecured PHI, who is told, by when (``breach``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.breach.block import BREACH_TOPICS as TOPICS
from recsim.tasks.breach.block import BreachBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.breach.task import TASK as TASK
    from recsim.tasks.breach.task import BreachTask as BreachTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "BreachTask"])

__all__ = ["BLOCK", "TASK", "TOPICS", "BreachTask"]
