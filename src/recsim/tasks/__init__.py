"""Task kinds: one module per kind of work, each satisfying :class:`TaskKind`.

Kinds are imported on first use so that starting recsim does not pay for all of them.
"""

from __future__ import annotations

from importlib import import_module

from recsim.tasks.base import BuildContext, RecordOpen, TaskKind, Trail

MODULES = {
    "audit": "recsim.tasks.audit",
    "coding": "recsim.tasks.coding",
    "release": "recsim.tasks.release",
    "deidentify": "recsim.tasks.deidentify",
    "duplicates": "recsim.tasks.duplicates",
    "deficiency": "recsim.tasks.deficiency",
    "claims": "recsim.tasks.claims",
    "analysis": "recsim.tasks.analysis",
    "trap": "recsim.tasks.traps",
}


def available(kind: str) -> bool:
    """Whether this build of recsim implements a task kind."""
    try:
        task_kind(kind)
    except KeyError:
        return False
    return True


def task_kind(kind: str) -> TaskKind:
    """The implementation of a task kind (``KeyError`` if it does not exist yet)."""
    try:
        module = import_module(MODULES[kind])
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith(MODULES.get(kind, "?")):
            raise KeyError(kind) from None
        raise
    task: TaskKind = module.TASK
    return task


__all__ = ["BuildContext", "RecordOpen", "TaskKind", "Trail", "available", "task_kind"]
