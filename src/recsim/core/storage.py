"""What the attempt store holds and how its file is set up: rows, events, schema, errors.

:mod:`recsim.core.store` is the connection that reads and writes them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 3
BUSY_SECONDS = 30.0
"""How long a process waits for another's write to finish before giving up."""

_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE attempts (
        id             TEXT PRIMARY KEY,
        scenario_id    TEXT NOT NULL,
        scenario_title TEXT NOT NULL,
        scenario_path  TEXT NOT NULL,
        content_hash   TEXT NOT NULL,
        trainee        TEXT NOT NULL,
        trainee_key    TEXT NOT NULL,
        seed           INTEGER NOT NULL,
        mode           TEXT NOT NULL,
        time_limit     INTEGER,
        started_at     TEXT NOT NULL,
        elapsed        REAL NOT NULL DEFAULT 0,
        status         TEXT NOT NULL DEFAULT 'in_progress',
        current_item   TEXT,
        submitted_at   TEXT,
        results_path   TEXT,
        results_json   TEXT
    )""",
        "CREATE INDEX attempts_by_trainee ON attempts (scenario_id, trainee_key, status)",
        """CREATE TABLE events (
        attempt_id TEXT NOT NULL REFERENCES attempts (id),
        seq        INTEGER NOT NULL,
        at         TEXT NOT NULL,
        type       TEXT NOT NULL,
        item       TEXT,
        data       TEXT NOT NULL,
        digest     TEXT NOT NULL,
        PRIMARY KEY (attempt_id, seq)
    )""",
    ),
    # The one window that writes an attempt, and when it last showed it was alive.
    2: (
        "ALTER TABLE attempts ADD COLUMN writer TEXT",
        "ALTER TABLE attempts ADD COLUMN writer_seen REAL",
    ),
    # The practice schedule: a Leitner box per trainee and topic (recsim.core.schedule), and
    # the submitted attempts already counted in it.
    3: (
        """CREATE TABLE topic_boxes (
        trainee_key TEXT NOT NULL,
        kind        TEXT NOT NULL,
        topic       TEXT NOT NULL,
        box         INTEGER NOT NULL,
        due         TEXT NOT NULL,
        misses      INTEGER NOT NULL DEFAULT 0,
        source      TEXT,
        PRIMARY KEY (trainee_key, kind, topic)
    )""",
        "CREATE TABLE topic_boxes_counted (attempt_id TEXT PRIMARY KEY)",
    ),
}


class StoreError(Exception):
    """The store can't be used (damaged, not a recsim store, busy, from a newer recsim);
    the message is one line naming the file."""


class AttemptTakenOver(StoreError):
    """Another window has taken this attempt over: this one may no longer write it."""


@dataclass(frozen=True, slots=True)
class AttemptRow:
    """One attempt as the store keeps it."""

    id: str
    scenario_id: str
    scenario_title: str
    scenario_path: str
    content_hash: str
    trainee: str
    trainee_key: str
    seed: int
    mode: str
    time_limit: int | None
    started_at: str
    elapsed: float = 0.0
    status: str = "in_progress"
    """in_progress; submitting (its results file is being written); submitted."""
    current_item: str | None = None
    submitted_at: str | None = None
    results_path: str | None = None
    results_json: str | None = None
    writer: str | None = None
    """The window that may write the attempt (None: whichever opens it next)."""
    writer_seen: float | None = None
    """When that window last wrote (seconds since the epoch)."""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of an attempt's event chain."""

    seq: int
    at: str
    type: str
    item: str | None
    data: dict[str, Any]
    digest: str


def damage(path: Path, error: sqlite3.DatabaseError) -> str:
    """One line for an SQLite error on the store file."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return (
            f"{path}: the attempt store stayed busy for {BUSY_SECONDS:.0f} seconds "
            "(another recsim is writing it); try again"
        )
    if "readonly" in text or "read-only" in text:
        return f"{path}: the attempt store cannot be written ({text})"
    if "unable to open" in text:
        return f"{path}: cannot open the attempt store ({text})"
    return (
        f"{path}: not a recsim attempt store, or damaged ({text}); recsim leaves it as it is "
        "('recsim results export' saves what can still be read)"
    )


def migrate(db: sqlite3.Connection, path: Path, *, create: bool) -> bool:
    """Bring the store's schema to :data:`SCHEMA_VERSION`; safe when many processes race.
    Returns True when this call set up a new store in an empty file.

    A file that holds tables of some other program is refused, never written.
    """
    version = _version(db, path)
    if version == SCHEMA_VERSION:
        return False
    if version == 0 and not create:
        _refuse_foreign(db, path)
        raise StoreError(
            f"{path}: the attempt store is empty (0 bytes): nothing has been saved in it, "
            "or it was emptied; recsim leaves it as it is"
        )
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db, path)  # another process may have set it up meanwhile
        if version == 0:
            _refuse_foreign(db, path)
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {target}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return version == 0


def _refuse_foreign(db: sqlite3.Connection, path: Path) -> None:
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise StoreError(
            f"{path}: an SQLite file, but not a recsim attempt store; recsim leaves it as it is"
        )


def _version(db: sqlite3.Connection, path: Path) -> int:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer recsim (store version {version}); upgrade recsim to open it"
        )
    return version
