"""Release of information: requests decided by the HIPAA Privacy Rule (task kind ``release``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.release.block import ReleaseBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.release.task import TASK as TASK
    from recsim.tasks.release.task import ReleaseTask as ReleaseTask

__getattr__ = lazy_exports(__name__, "task", ["TASK", "ReleaseTask"])

__all__ = ["BLOCK", "TASK", "ReleaseTask"]
