"""The audit kind's scenario block."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator

from recsim.core.scenario.blocks import MAX_ITEMS, TaskBlock
from recsim.core.scenario.catalog import CatalogName

ERROR_KINDS = CatalogName("recsim.tasks.audit", "errors.yaml", "errors")
"""The error kinds a chart may carry: the keys of errors.yaml."""
ErrorKind = Annotated[str, ERROR_KINDS]


class AuditBlock(TaskBlock):
    """Charts to audit for errors (task kind ``audit``)."""

    entry_description: ClassVar[str] = "Charts to audit for errors."

    records: int = Field(ge=1, le=MAX_ITEMS)
    """How many charts to audit."""
    errors_per_record: tuple[int, int] = (0, 3)
    """Fewest and most errors planted in one chart; 0 allows clean charts."""
    error_kinds: Literal["all"] | list[ErrorKind] = "all"
    """``all``, or the error kinds to plant (see the authoring guide for the catalog)."""

    @field_validator("errors_per_record")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if not 0 <= low <= high <= 6:
            raise ValueError("must be two numbers [fewest, most] with 0 <= fewest <= most <= 6")
        return value

    def item_count(self) -> int:
        return self.records
