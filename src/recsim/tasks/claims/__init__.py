"""Claim review on the insurer's side (task kind ``claims``)."""

from recsim.tasks.claims.task import TASK, ClaimsTask

__all__ = ["TASK", "ClaimsTask"]
