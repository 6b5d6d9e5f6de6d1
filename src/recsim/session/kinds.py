"""The kind registry: the one place that lists recsim's task kinds.

A kind is a package under :mod:`recsim.tasks` exporting ``TASK`` (a
:class:`~recsim.tasks.base.TaskKind`); this registry names it, and everything that
depends on the set of kinds (the scenario format's ``tasks`` union, item counting,
the JSON Schema, the scenario checks, the terminal UI's workspace lookup and the
topic words) is derived from it. Kinds are imported on first use so that starting
recsim does not pay for all of them.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from recsim.core.scenario.blocks import TaskBlock
from recsim.tasks.base import TaskKind

KINDS: dict[str, str] = {
    "audit": "recsim.tasks.audit",
    "coding": "recsim.tasks.coding",
    "inpatient": "recsim.tasks.inpatient",
    "release": "recsim.tasks.release",
    "deidentify": "recsim.tasks.deidentify",
    "duplicates": "recsim.tasks.duplicates",
    "deficiency": "recsim.tasks.deficiency",
    "claims": "recsim.tasks.claims",
    "drg_validation": "recsim.tasks.drg_validation",
    "analysis": "recsim.tasks.analysis",
    "rights": "recsim.tasks.rights",
    "breach": "recsim.tasks.breach",
    "trap": "recsim.tasks.traps",
}
"""Kind name -> the module that exports its ``TASK``, in the order the format lists them."""

_loaded: dict[str, TaskKind[Any, Any]] = {}


def register(name: str, module: str) -> None:
    """Add a kind (or replace one) by the module that exports its ``TASK``.

    Kinds shipped with recsim are listed in :data:`KINDS`; this is for kinds that
    live elsewhere, such as a test's or an institution's own.
    """
    KINDS[name] = module
    _changed(name)


def unregister(name: str) -> None:
    """Remove a kind added with :func:`register`."""
    KINDS.pop(name, None)
    _changed(name)


def _changed(name: str) -> None:
    _loaded.pop(name, None)
    block_model.cache_clear()


@cache
def block_model(kind: str) -> type[TaskBlock]:
    """The model of a kind's scenario block (its package's ``BLOCK``; light to import)."""
    block: type[TaskBlock] = import_module(KINDS[kind]).BLOCK
    return block


def available(kind: str) -> bool:
    """Whether this build of recsim implements a task kind."""
    return kind in KINDS


def task_kind(kind: str) -> TaskKind[Any, Any]:
    """The implementation of a task kind (``KeyError`` if there is none)."""
    task = _loaded.get(kind)
    if task is None:
        task = _loaded[kind] = import_module(KINDS[kind]).TASK
    return task


def interrupting(kind: str) -> bool:
    """Whether a kind's items interrupt the work rather than wait in the queue (traps)."""
    return block_model(kind).interrupts
