"""Who is online on a class server, and how far they are: ``recsim serve status``.

The server rewrites its status file (:func:`recsim.session.access.status_path`) when a
session opens or closes and every few seconds; progress is read from the attempt
store, where every answer is saved as it is given.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from recsim.core.seeds import normalize_trainee
from recsim.core.store import Store
from recsim.session.access import write_private


@dataclass
class OnlineSession:
    """One browser session the server is running."""

    trainee: str
    """The trainee's name ('' until a trainee without a link has typed one)."""
    since: str
    """When the session opened (UTC, ISO 8601)."""
    last_key: str
    """When the trainee last pressed a key or clicked."""


@dataclass
class ServerStatus:
    """What the status file holds."""

    pid: int
    url: str
    updated: str
    max_sessions: int
    sessions: list[OnlineSession] = field(default_factory=list)
    warm: bool = False
    """Whether sessions start forked from a process that has recsim loaded (quick)."""


def now() -> str:
    """The time now, as the status file writes it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def write_status(path: Path, status: ServerStatus) -> None:
    """Write the status file (owner-only: it names trainees)."""
    write_private(path, json.dumps(asdict(status), indent=2, ensure_ascii=False) + "\n")


def read_status(path: Path) -> ServerStatus | None:
    """The status file, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sessions = [OnlineSession(**s) for s in data.pop("sessions")]
        return ServerStatus(**data, sessions=sessions)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def running(status: ServerStatus) -> bool:
    """Whether the process that wrote the status file is still running."""
    try:
        os.kill(status.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # running, under another user
        return True
    return True


def progress(store: Store, trainee: str) -> str:
    """The trainee's newest attempt in words: its scenario, how many items are answered."""
    key = normalize_trainee(trainee)
    rows = [row for row in store.attempts() if row.trainee_key == key]
    if not rows:
        return "no attempt yet"
    row = rows[0]  # newest first
    answered = {e.item for e in store.events(row.id) if e.type == "answer" and e.item}
    state = "submitted" if row.status == "submitted" else "in progress"
    return f"{row.scenario_title}: {len(answered)} answered, {state}"
