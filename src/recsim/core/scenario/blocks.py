"""What every task block of a scenario file shares.

Each task kind defines its own block (``recsim.tasks.<kind>.block``); the names a
block may use (error kinds, request archetypes, trap kinds, ...) are read from the
kind's own content file (:mod:`recsim.core.scenario.catalog`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

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


class BankBlock(TaskBlock):
    """A block with items the instructor writes, which may serve as a question bank."""

    pick: int | None = Field(default=None, ge=1, le=500)
    """Give each trainee this many of the written ``items``, drawn for them (default: all)."""
    shuffle: bool = False
    """Show the written items in an order drawn for each trainee (with ``pick`` they always are)."""

    if TYPE_CHECKING:
        items: Sequence[Model]
        """The written items (each bank block declares their model)."""

    def authored_total(self) -> int:
        """How many items the instructor wrote (the bank's size)."""
        return len(self.items)

    def authored_count(self) -> int:
        """How many written items each trainee gets."""
        total = self.authored_total()
        return total if self.pick is None else min(self.pick, total)

    def authored_order(self, rng: random.Random) -> list[int]:
        """Positions in ``items`` of the written items a trainee gets, in their order.

        Without ``pick`` or ``shuffle`` this is the file's order and ``rng`` is not used,
        so scenarios that do not ask for a bank build the forms they always built.
        """
        total = self.authored_total()
        if self.pick is None and not self.shuffle:
            return list(range(total))
        if self.pick is None:
            order = list(range(total))
            rng.shuffle(order)
            return order
        return rng.sample(range(total), self.authored_count())

    def bank_problems(self) -> list[tuple[tuple[str | int, ...], str, str]]:
        """A ``pick`` larger than the bank (it would silently give fewer items)."""
        total = self.authored_total()
        if self.pick is None or self.pick <= total:
            return []
        held = f"only {total} written item" + ("" if total == 1 else "s")
        return [
            (
                ("pick",),
                f"pick is {self.pick} but the block has {held} to draw from; "
                "lower pick or write more items",
                "error",
            )
        ]
