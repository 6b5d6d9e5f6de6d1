"""What a command asks the terminal UI to open.

The commands never import the UI (nor the UI the commands): a command that plays in the
terminal returns a :class:`TerminalRequest`, and ``recsim.cli`` hands it to the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TerminalRequest:
    """Open the picker (no ``scenario_path``) or one scenario's briefing."""

    store: str | None
    """The ``--store`` option, if given."""
    scenario_path: Path | None = None
    """A scenario checked while its briefing shows; its first problem ends recsim."""
    trainee: str = ""
    folders: list[Path] = field(default_factory=list)
    """More folders for the picker to list (``--dir``)."""
    guide: bool | None = None
    """The guided tour: ``--guide`` (True), ``--no-guide`` (False), or offered once (None)."""
