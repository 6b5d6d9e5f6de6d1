"""The attempt store: SQLite in WAL mode, one transaction per trainee action.

Every answer, flag and chart opening is committed before the screen
acknowledges it, so a killed terminal loses nothing. The schema is versioned
with ``PRAGMA user_version`` and migrated forward in place.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE attempts (
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
    );
    CREATE INDEX attempts_by_trainee ON attempts (scenario_id, trainee_key, status);
    CREATE TABLE events (
        attempt_id TEXT NOT NULL REFERENCES attempts (id),
        seq        INTEGER NOT NULL,
        at         TEXT NOT NULL,
        type       TEXT NOT NULL,
        item       TEXT,
        data       TEXT NOT NULL,
        digest     TEXT NOT NULL,
        PRIMARY KEY (attempt_id, seq)
    );
    """,
}


class StoreError(Exception):
    """The store file can't be used (damaged, not a recsim store, from a newer recsim)."""


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of an attempt's event chain."""

    seq: int
    at: str
    type: str
    item: str | None
    data: dict[str, Any]
    digest: str


class Store:
    """A connection to the attempt store file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: not a recsim attempt store, or damaged ({error})") from None
        except OSError as error:
            raise StoreError(f"{path}: cannot open the attempt store ({error.strerror})") from None

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer recsim (store version {version}); upgrade recsim to open it"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():  # executescript would commit early: run statement by statement
                for statement in _MIGRATIONS[target].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {target}")

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` commits on success, rolls back on error."""
        return _Transaction(self._db)

    def close(self) -> None:
        self._db.close()

    # attempts ------------------------------------------------------------------

    def create_attempt(self, row: dict[str, Any]) -> None:
        columns = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        with self.transaction():
            self._db.execute(f"INSERT INTO attempts ({columns}) VALUES ({marks})", row)

    def attempt(self, attempt_id: str) -> dict[str, Any] | None:
        found = self._db.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
        return dict(found) if found else None

    def open_attempt(self, scenario_id: str, trainee_key: str) -> dict[str, Any] | None:
        """The newest unfinished attempt of a trainee at a scenario, if any."""
        found = self._db.execute(
            "SELECT * FROM attempts WHERE scenario_id = ? AND trainee_key = ? AND status = 'in_progress'"
            " ORDER BY started_at DESC LIMIT 1",
            (scenario_id, trainee_key),
        ).fetchone()
        return dict(found) if found else None

    def attempts(self) -> list[dict[str, Any]]:
        """Every attempt, newest first."""
        return [
            dict(r) for r in self._db.execute("SELECT * FROM attempts ORDER BY started_at DESC")
        ]

    def summaries(self) -> list[dict[str, Any]]:
        """Every attempt without its results document, newest first, with the score it was saved with.

        ``overall`` and ``passed`` come from the stored scorecard (None while in
        progress); ``recsim grade`` re-scores rather than trusting them.
        """
        stored = "CASE WHEN json_valid(results_json) THEN json_extract(results_json, '$.scorecard.{}') END"
        rows = self._db.execute(
            "SELECT id, scenario_id, scenario_title, trainee, mode, status, started_at, submitted_at,"
            " elapsed, time_limit, results_path,"
            f" {stored.format('overall')} AS overall, {stored.format('passed')} AS passed"
            " FROM attempts ORDER BY started_at DESC, id"
        )
        return [dict(r) for r in rows]

    def attempts_starting(self, prefix: str) -> list[dict[str, Any]]:
        """Attempts whose id starts with ``prefix`` (people type the first few characters)."""
        found = self._db.execute(
            "SELECT * FROM attempts WHERE substr(id, 1, ?) = ? ORDER BY started_at DESC, id",
            (len(prefix), prefix),
        )
        return [dict(r) for r in found]

    def update_attempt(self, attempt_id: str, **values: Any) -> None:
        sets = ", ".join(f"{name} = :{name}" for name in values)
        with self.transaction():
            self._db.execute(
                f"UPDATE attempts SET {sets} WHERE id = :id", {**values, "id": attempt_id}
            )

    # events --------------------------------------------------------------------

    def append_event(self, attempt_id: str, event: StoredEvent, **attempt_values: Any) -> None:
        """Append one event (and update the attempt row) in a single transaction."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO events (attempt_id, seq, at, type, item, data, digest)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    event.seq,
                    event.at,
                    event.type,
                    event.item,
                    json.dumps(event.data, sort_keys=True, ensure_ascii=False),
                    event.digest,
                ),
            )
            if attempt_values:
                sets = ", ".join(f"{name} = :{name}" for name in attempt_values)
                self._db.execute(
                    f"UPDATE attempts SET {sets} WHERE id = :id",
                    {**attempt_values, "id": attempt_id},
                )

    def events(self, attempt_id: str) -> Iterator[StoredEvent]:
        rows = self._db.execute(
            "SELECT seq, at, type, item, data, digest FROM events WHERE attempt_id = ? ORDER BY seq",
            (attempt_id,),
        )
        for row in rows:
            yield StoredEvent(
                row["seq"],
                row["at"],
                row["type"],
                row["item"],
                json.loads(row["data"]),
                row["digest"],
            )


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")
