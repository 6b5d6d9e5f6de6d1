"""What ``recsim serve`` asks the web server to run.

Like :class:`recsim.session.terminal.TerminalRequest`: the command checks its options and
returns a :class:`ServeRequest`, and ``recsim.cli`` hands it to ``recsim.web``, so the
commands never import the server (nor the server the commands).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TRAINEE_VARIABLE = "RECSIM_SERVE_TRAINEE"
"""How a session's app process learns its trainee (the environment: not on its command line)."""


@dataclass(frozen=True)
class ServeRequest:
    """Serve recsim to browsers."""

    store: Path
    """The attempt store every session writes to."""
    host: str
    port: int
    public_url: str
    """The address trainees open (a reverse proxy's https address, or http://host:port)."""
    access: Path | None
    """The access file of trainees' links; None: no roster, anyone who reaches the port plays."""
    status: Path
    """The file the server keeps of who is online (``recsim serve status`` reads it)."""
    folders: list[Path] = field(default_factory=list)
    """More scenario folders for the picker (``--scenarios``)."""
    max_sessions: int = 40
    idle_minutes: float = 30.0
    """A session with no key press for this long is closed (its work is already saved)."""
