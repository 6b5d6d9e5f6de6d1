"""DRG validation of inpatient claims on the payer's side (task kind ``drg_validation``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.drg_validation.block import DRG_TOPICS as TOPICS
from recsim.tasks.drg_validation.block import DrgValidationBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.drg_validation.task import TASK as TASK
    from recsim.tasks.drg_validation.task import DrgValidationTask as DrgValidationTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "DrgValidationTask"])

__all__ = ["BLOCK", "TASK", "TOPICS", "DrgValidationTask"]
