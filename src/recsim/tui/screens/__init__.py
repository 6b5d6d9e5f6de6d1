"""One screen per file.

A task kind's workspace is the module of its name, found by :func:`workspace_for`.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recsim.tui.screens.workspace import Workspace

WORK_CSS = Path(__file__).resolve().parent.parent / "work.tcss"
"""Styles of the screens met once an attempt has begun: each of them names it as its
``CSS_PATH``, and Textual loads it (once) with the first to open."""


def workspace_for(kind: str) -> type[Workspace] | None:
    """The workspace screen class for a task kind, or None if this version has none.

    A kind's screen is the module of its name in this package, exporting ``WORKSPACE``
    (imported when first needed).
    """
    try:
        module = import_module(f"{__name__}.{kind}")
    except ModuleNotFoundError as missing:
        if missing.name == f"{__name__}.{kind}":
            return None
        raise
    screen: type[Workspace] | None = getattr(module, "WORKSPACE", None)
    return screen
