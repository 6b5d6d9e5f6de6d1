"""The attempt store: SQLite in WAL mode, one transaction per trainee action.

Every answer, flag and chart opening is committed (and, with ``synchronous=FULL``,
flushed to the disk) before the screen acknowledges it, so neither a killed
terminal nor a power cut loses it. The schema is versioned with
``PRAGMA user_version`` and migrated forward in place. Many processes may share
one store on one machine (a class on a lab server): each waits its turn for the
write lock, and each attempt has one writing window at a time (:meth:`Store.claim`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from recsim.core.storage import (
    BUSY_SECONDS,
    SCHEMA_VERSION,
    AttemptRow,
    AttemptTakenOver,
    StoredEvent,
    StoreError,
    damage,
    migrate,
)

__all__ = [
    "BUSY_SECONDS",
    "SCHEMA_VERSION",
    "AttemptRow",
    "AttemptTakenOver",
    "Store",
    "StoreError",
    "StoredEvent",
]

_COLUMNS = tuple(f.name for f in fields(AttemptRow))


class Store:
    """A connection to the attempt store file.

    ``create=False`` opens only a store that exists and has been set up (the
    ``results`` commands read a store; they never make one).
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        self.was_empty = False
        """True when the file was an old empty (0-byte) file and has been set up as a new
        store: the caller says so, since a store may have been emptied by accident."""
        try:
            info = path.stat() if path.exists() else None
            if info is None and not create:
                raise StoreError(f"{path}: no attempt store there")
            # A file created a moment ago by another recsim setting up the same store is
            # empty too, but new: only an empty file older than a few seconds is worth a word.
            stale_empty = info is not None and info.st_size == 0 and time.time() - info.st_mtime > 5
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = _connect(path, create=create)
        except sqlite3.DatabaseError as error:
            raise StoreError(damage(path, error)) from None
        except OSError as error:
            raise StoreError(
                f"{path}: cannot open the attempt store ({error.strerror or error})"
            ) from None
        try:
            created = migrate(self._db, path, create=create)
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(damage(path, error)) from None
        except StoreError:
            self._db.close()
            raise
        self.was_empty = created and stale_empty

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` commits on success, rolls back on error."""
        return _Transaction(self._db, self.path)

    def close(self) -> None:
        self._db.close()

    def read(self, sql: str, parameters: Any = ()) -> list[sqlite3.Row]:
        """Rows of a query on a table other code owns (recsim.core.schedule)."""
        return self._rows(sql, parameters)

    def write(self, statements: list[tuple[str, Any]]) -> None:
        """Run statements on a table other code owns, in one transaction."""
        with self.transaction():
            for sql, parameters in statements:
                self._db.execute(sql, parameters)

    def _rows(self, sql: str, parameters: Any = ()) -> list[sqlite3.Row]:
        try:
            return list(self._db.execute(sql, parameters))
        except sqlite3.DatabaseError as error:
            raise StoreError(damage(self.path, error)) from None

    # attempts ------------------------------------------------------------------

    def create_attempt(self, row: AttemptRow) -> None:
        """Save a new attempt's row."""
        values = {name: getattr(row, name) for name in _COLUMNS}
        if row.writer is not None:  # its window is there now
            values["writer_seen"] = time.time()
        marks = ", ".join(f":{name}" for name in _COLUMNS)
        with self.transaction():
            self._db.execute(
                f"INSERT INTO attempts ({', '.join(_COLUMNS)}) VALUES ({marks})", values
            )

    def attempt(self, attempt_id: str) -> AttemptRow | None:
        """One attempt's row, or None."""
        found = self._rows("SELECT * FROM attempts WHERE id = ?", (attempt_id,))
        return _row(found[0]) if found else None

    def open_attempt(self, scenario_id: str, trainee_key: str) -> AttemptRow | None:
        """The newest unfinished (or half-submitted) attempt of a trainee at a scenario."""
        found = self._rows(
            "SELECT * FROM attempts WHERE scenario_id = ? AND trainee_key = ?"
            " AND status IN ('in_progress', 'submitting') ORDER BY started_at DESC LIMIT 1",
            (scenario_id, trainee_key),
        )
        return _row(found[0]) if found else None

    def attempts(self) -> list[AttemptRow]:
        """Every attempt, newest first."""
        return [_row(r) for r in self._rows("SELECT * FROM attempts ORDER BY started_at DESC, id")]

    def summaries(self) -> list[dict[str, Any]]:
        """Every attempt without its results, newest first, with the score it was saved with.

        ``overall`` and ``passed`` come from the stored scorecard (None while in
        progress); ``recsim grade`` re-scores rather than trusting them.
        """
        text = "CAST(results_json AS TEXT)"  # a results file is saved as a blob (save_results)
        stored = f"CASE WHEN json_valid({text}) THEN json_extract({text}, '$.scorecard.{{}}') END"
        rows = self._rows(
            "SELECT id, scenario_id, scenario_title, trainee, mode, status, started_at,"
            " submitted_at, elapsed, time_limit, results_path,"
            f" {stored.format('overall')} AS overall, {stored.format('passed')} AS passed"
            " FROM attempts ORDER BY started_at DESC, id"
        )
        return [dict(r) for r in rows]

    def attempts_starting(self, prefix: str) -> list[AttemptRow]:
        """Attempts whose id starts with ``prefix`` (people type the first few characters)."""
        found = self._rows(
            "SELECT * FROM attempts WHERE substr(id, 1, ?) = ? ORDER BY started_at DESC, id",
            (len(prefix), prefix),
        )
        return [_row(r) for r in found]

    def salvage(self) -> Iterator[AttemptRow]:
        """Every attempt row that can still be read from a damaged store, one at a time."""
        try:
            highest = self._db.execute("SELECT max(rowid) FROM attempts").fetchone()[0] or 0
        except sqlite3.DatabaseError:
            highest = 100_000  # the table's index is damaged too: try rowids one by one
        for rowid in range(1, highest + 1):
            try:
                found = self._db.execute(
                    "SELECT * FROM attempts WHERE rowid = ?", (rowid,)
                ).fetchone()
            except sqlite3.DatabaseError:
                continue
            if found is not None:
                yield _row(found)

    def update_attempt(self, attempt_id: str, **values: Any) -> None:
        """Change columns of one attempt's row."""
        sets = ", ".join(f"{name} = :{name}" for name in values)
        with self.transaction():
            self._db.execute(
                f"UPDATE attempts SET {sets} WHERE id = :id", {**values, "id": attempt_id}
            )

    def save_results(self, attempt_id: str, path: Path, *, writer: str | None = None) -> None:
        """Mark the attempt submitted, keeping a copy of its results file (read in pieces,
        never whole, so a large exam's results do not have to fit in memory twice)."""
        size = path.stat().st_size
        with self.transaction():
            if writer is not None:
                self._check_writer(attempt_id, writer)
            # writer and writer_seen, the only columns after results_json, are set NULL: with
            # nothing but NULLs after it, SQLite writes the zero-filled blob page by page
            # instead of building the whole row in memory (2 MiB, not 2x the file, at 3,000 items).
            self._db.execute(
                "UPDATE attempts SET status = 'submitted', results_path = ?,"
                " results_json = zeroblob(?), writer = NULL, writer_seen = NULL WHERE id = ?",
                (str(path), size, attempt_id),
            )
            rowid = self._db.execute(
                "SELECT rowid FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()[0]
            with (
                self._db.blobopen("attempts", "results_json", rowid) as blob,
                path.open("rb") as file,
            ):
                while chunk := file.read(1 << 20):
                    blob.write(chunk)

    # one writing window per attempt ----------------------------------------------

    def claim(
        self, attempt_id: str, writer: str, *, take_over: bool, alive: Callable[[str], bool]
    ) -> str | None:
        """Make ``writer`` the attempt's one writer and return None; or, without ``take_over``,
        return the writer that already holds it if that one is still there: ``alive`` says
        so for it, and it has written in the last :data:`LIVE_SECONDS`."""
        now = time.time()
        with self.transaction():
            found = self._db.execute(
                "SELECT writer, writer_seen FROM attempts WHERE id = ?", (attempt_id,)
            ).fetchone()
            if found is None:
                raise KeyError(attempt_id)
            holder, seen = found["writer"], found["writer_seen"]
            recent = seen is not None and now - float(seen) < LIVE_SECONDS
            if holder and holder != writer and recent and alive(holder) and not take_over:
                return str(holder)
            self._db.execute(
                "UPDATE attempts SET writer = ?, writer_seen = ? WHERE id = ?",
                (writer, now, attempt_id),
            )
        return None

    def heartbeat(self, attempt_id: str, writer: str | None, *, elapsed: float) -> None:
        """Save the timer, and show that ``writer`` is still there (nothing if it has lost
        the attempt to another window)."""
        with self.transaction():
            if writer is not None:
                self._check_writer(attempt_id, writer)
            self._db.execute(
                "UPDATE attempts SET elapsed = ?, writer_seen = ? WHERE id = ?",
                (elapsed, time.time() if writer else None, attempt_id),
            )

    # events --------------------------------------------------------------------

    def append_event(
        self, attempt_id: str, event: StoredEvent, *, writer: str | None = None, **values: Any
    ) -> None:
        """Append one event (and update the attempt row) in a single transaction.

        With ``writer``, refuse (:class:`AttemptTakenOver`) if another window has
        taken the attempt over since; the event is then not saved.
        """
        with self.transaction():
            if writer is not None:
                self._check_writer(attempt_id, writer)
                values["writer_seen"] = time.time()
            try:
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
            except sqlite3.IntegrityError:
                raise AttemptTakenOver(self._taken_over()) from None
            if values:
                sets = ", ".join(f"{name} = :{name}" for name in values)
                self._db.execute(
                    f"UPDATE attempts SET {sets} WHERE id = :id", {**values, "id": attempt_id}
                )

    def _check_writer(self, attempt_id: str, writer: str) -> None:
        found = self._db.execute(
            "SELECT writer FROM attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        if found is None or (found["writer"] is not None and found["writer"] != writer):
            raise AttemptTakenOver(self._taken_over())

    def _taken_over(self) -> str:
        return (
            "this attempt was opened in another window, which carries on with it; the "
            "last change here was not saved (continue in that window)"
        )

    def drop_last_event(self, attempt_id: str, seq: int, **values: Any) -> None:
        """Take back the last event (a submit that could not finish) and restore the row."""
        with self.transaction():
            self._db.execute(
                "DELETE FROM events WHERE attempt_id = ? AND seq = ?", (attempt_id, seq)
            )
            if values:
                sets = ", ".join(f"{name} = :{name}" for name in values)
                self._db.execute(
                    f"UPDATE attempts SET {sets} WHERE id = :id", {**values, "id": attempt_id}
                )

    def events(self, attempt_id: str) -> Iterator[StoredEvent]:
        """An attempt's events in order, read as they are used (never all at once)."""
        try:
            rows = self._db.execute(
                "SELECT seq, at, type, item, data, digest FROM events"
                " WHERE attempt_id = ? ORDER BY seq",
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
        except sqlite3.DatabaseError as error:
            raise StoreError(damage(self.path, error)) from None


LIVE_SECONDS = 30.0
"""A writer not heard from for this long is taken to be gone (its window was closed
or killed): the UI saves the timer every 5 seconds, so a live window is always newer."""


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    target = str(path) if create else f"{path.resolve().as_uri()}?mode=rw"
    db = sqlite3.connect(
        target, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False, uri=not create
    )
    db.row_factory = sqlite3.Row
    if not db.execute("PRAGMA user_version").fetchone()[0] and (
        not create or db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    ):
        return db  # not a store (yet): leave the file untouched; migrate() says what it is
    # Switching to WAL takes a lock the busy timeout does not always wait for (a store being
    # created by several processes at once): try again for as long as the timeout allows.
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    db.execute("PRAGMA synchronous=FULL")  # each answer's commit reaches the disk
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _row(found: sqlite3.Row) -> AttemptRow:
    keys = found.keys()
    values = {name: found[name] for name in _COLUMNS if name in keys}
    if isinstance(values.get("results_json"), bytes):  # saved as a blob (save_results)
        values["results_json"] = values["results_json"].decode("utf-8", errors="replace")
    return AttemptRow(**values)


class _Transaction:
    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self._db = db
        self._path = path

    def __enter__(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            raise StoreError(damage(self._path, error)) from None

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is not None:
            self._db.execute("ROLLBACK")
            if isinstance(value, sqlite3.DatabaseError) and not isinstance(
                value, sqlite3.IntegrityError
            ):
                raise StoreError(damage(self._path, value)) from None
            return
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            raise StoreError(damage(self._path, error)) from None
