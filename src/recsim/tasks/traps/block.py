"""The trap kind's scenario entry: one confidentiality trap in the scenario's ``traps``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from recsim.core.scenario.blocks import MAX_ITEMS, InterruptionBlock
from recsim.core.scenario.catalog import CatalogName

TRAP_KINDS = CatalogName("recsim.tasks.traps", "traps.yaml", "kinds")
"""What a trap can be: the keys of traps.yaml's kinds."""
TrapKind = Annotated[str, TRAP_KINDS]


class Trap(InterruptionBlock):
    """A confidentiality trap planted in the attempt."""

    kind: TrapKind
    """What happens, e.g. famous_patient, coworker_lookup, relative_record or shared_printer."""
    after: int = Field(default=0, ge=0, le=MAX_ITEMS)
    """Spring the trap after this many items are done (0: recsim chooses)."""
    leads_to: Literal["breach"] | None = None
    """Follow the trap with an item of this kind about the same people: ``breach`` puts, right
    after a ``coworker_lookup`` trap, the privacy office's incident report on the colleague's
    request (docs/privacy.md, "A trap that leads to a breach report"). Only trap kinds with a
    follow-up accept it."""
