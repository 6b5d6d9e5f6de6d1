"""The access audit trail: one entry per chart the trainee opened.

One model serves every place a trail lives: the attempt records it, the results
file and the answers file carry it, and the task kinds score it
(:class:`recsim.tasks.base.Trail`).
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from recsim.core.model import Model


class RecordOpen(Model):
    """A chart the trainee opened, as the EHR's access log would record it."""

    mrn: str = Field(max_length=40)
    """Chart opened."""
    reason: str = Field(default="", max_length=500)
    """Job reason given, if any (e.g. the item being worked)."""
    item: str | None = Field(default=None, max_length=200)
    """Queue item the chart was opened from; none when opened by search."""
    at: AwareDatetime | None = None
    """When (an answers file may leave it out; the attempt and a results file never do)."""
