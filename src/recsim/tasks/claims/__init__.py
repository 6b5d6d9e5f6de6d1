"""Claim review on the insurer's side (task kind ``claims``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.claims.block import ClaimsBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.claims.task import TASK as TASK
    from recsim.tasks.claims.task import ClaimsTask as ClaimsTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "ClaimsTask"])

__all__ = ["BLOCK", "TASK", "ClaimsTask"]
