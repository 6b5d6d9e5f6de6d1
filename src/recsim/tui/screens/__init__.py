"""One screen per file. Workspaces (one per task kind) are found through :func:`workspace_for`."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recsim.tui.screens.workspace import Workspace

WORKSPACES = {
    "audit": "recsim.tui.screens.audit:AuditScreen",
    "coding": "recsim.tui.screens.coding:CodingScreen",
    "release": "recsim.tui.screens.release:ReleaseScreen",
    "deidentify": "recsim.tui.screens.deidentify:DeidentifyScreen",
    "duplicates": "recsim.tui.screens.duplicates:DuplicatesScreen",
    "deficiency": "recsim.tui.screens.deficiency:DeficiencyScreen",
    "claims": "recsim.tui.screens.claims:ClaimsScreen",
    "analysis": "recsim.tui.screens.analysis:AnalysisScreen",
}
"""Task kind -> the screen its items are worked in (imported when first needed)."""

WORK_CSS = Path(__file__).resolve().parent.parent / "work.tcss"
"""Styles of the screens met once an attempt has begun: each of them names it as its
``CSS_PATH``, and Textual loads it (once) with the first to open."""


def workspace_for(kind: str) -> type[Workspace] | None:
    """The workspace screen class for a task kind, or None if this version has none."""
    target = WORKSPACES.get(kind)
    if target is None:
        return None
    module, name = target.split(":")
    screen: type[Workspace] = getattr(import_module(module), name)
    return screen
