"""What every task block of a scenario file shares.

Each task kind defines its own block (``recsim.tasks.<kind>.block``); the names a
block may use (error kinds, request archetypes, trap kinds, ...) are read from the
kind's own content file (:mod:`recsim.core.scenario.catalog`).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from recsim.core.model import Model

MAX_ITEMS = 100_000
"""Most items one scenario may generate (all tasks together)."""


class TaskBlock(Model):
    """What every task block may say."""

    interrupts: ClassVar[bool] = False
    """Whether the block's items interrupt the work instead of being listed in the queue
    (confidentiality traps): such blocks are the entries of the scenario's ``traps``."""

    objective: str | None = None
    """Objective id every item of this task is tagged with (one of the scenario's objectives)."""

    def item_count(self) -> int:
        """How many items the block generates (a block that is one item says 1)."""
        return 1


class InterruptionBlock(TaskBlock):
    """A block whose one item interrupts the work at a point in the queue (a trap)."""

    interrupts: ClassVar[bool] = True

    after: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """Interrupt after this many items are done (0: recsim chooses)."""
