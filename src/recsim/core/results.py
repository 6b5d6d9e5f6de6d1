"""The results file a finished attempt writes (DESIGN.md, "Data and state").

It holds the scenario's identity and content hash, the seed and trainee, the
raw answers, the access audit trail, the event chain with timestamps, the
scorecard (never trusted by ``recsim grade``: it re-scores) and a digest over
all of it. :class:`ResultsDocument` is its one model: :func:`write_results`
writes its fields and :mod:`recsim.core.grading.document` reads them back.

The file is streamed: its long lists (answers, events, findings) are written
piece by piece, so a 100,000-item exam never has the whole document in memory.
The bytes are exactly those of :func:`recsim.core.events.canonical_pretty` over
the whole document, so the digest and every earlier file still agree.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, Field, StringConstraints, field_validator

from recsim.core.model import Model
from recsim.core.seeds import trainee_name
from recsim.core.timelimit import BEFORE_CLOCKS, ClockMode
from recsim.core.trail import RecordOpen

RESULTS_FORMAT = 1

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
"""A SHA-256 digest in lower-case hex."""


class ResultsEvent(Model):
    """One event of the attempt's hash chain."""

    seq: int = Field(ge=1)
    """Position in the chain, from 1."""
    at: AwareDatetime
    """When the action happened (wall clock of the trainee's machine)."""
    type: str = Field(max_length=40)
    """start, open_item, open_record, draft, answer, flag, resume or submit."""
    item: str | None = Field(max_length=200)
    """The item the action concerned, if any."""
    data: dict[str, Any]
    """What the action recorded; ``elapsed`` is the working time in seconds."""
    digest: Digest
    """SHA-256 of this event chained onto the one before."""


class ResultsScenario(Model):
    """The scenario version the attempt was played on."""

    id: str = Field(max_length=200)
    title: str = Field(max_length=1000)
    path: str = Field(max_length=4096)
    """Where the scenario file was when the attempt started."""
    content_hash: Digest
    """SHA-256 of the scenario file's bytes."""


def _timed(entry: RecordOpen) -> RecordOpen:
    if entry.at is None:
        raise ValueError("has no time 'at' (a results file records when each chart was opened)")
    return entry


class ResultsDocument(Model):
    """A results file: what :func:`write_results` writes and ``recsim grade`` reads."""

    recsim_results: Literal[1]
    """Format version."""
    recsim_version: str = Field(max_length=40)
    """The recsim that wrote the file."""
    attempt: str = Field(pattern=r"^[0-9a-f]{8,64}$")
    """Attempt id."""
    scenario: ResultsScenario
    trainee: str
    seed: int
    """Effective seed of the trainee's variant."""
    mode: Literal["practice", "exam"]
    time_limit_seconds: int | None = Field(ge=1)
    clock: ClockMode = BEFORE_CLOCKS
    """What the time limit ran on (``wall`` or ``working``); files written before recsim
    recorded it were all timed on working time."""
    started_at: AwareDatetime
    submitted_at: AwareDatetime | None
    elapsed_seconds: float = Field(ge=0, allow_inf_nan=False)
    """Working time (time while recsim was closed does not count)."""
    answers: dict[str, dict[str, Any]]
    """Item id -> the raw answer (regraded; never the stored scorecard)."""
    opened: list[Annotated[RecordOpen, AfterValidator(_timed)]]
    """The access audit trail, in order."""
    events: list[ResultsEvent] = Field(max_length=2_000_000)
    scorecard: dict[str, Any]
    """The scorecard written at submission: compared with the regrade, never trusted."""
    digest: Digest

    @field_validator("trainee")
    @classmethod
    def _one_name_policy(cls, value: str) -> str:
        # The name policy of entry (recsim.core.seeds.trainee_name): the same length limit, so
        # no name recsim accepts at play is refused here. Control characters are masked, not
        # refused (an older recsim let them in); whatever shows the name uses plain_text.
        trainee_name(value, mask=True)
        return value  # as written: the digest covers the file's own text


Entries = Callable[[], Iterable[Any]]
"""A list written element by element (called once, when its turn comes)."""
Pairs = Callable[[], Iterable[tuple[str, Any]]]
"""An object written key by key; the keys must come in sorted order."""


@dataclass(frozen=True)
class Streamed:
    """A long list or object of a document, produced while the file is written."""

    produce: Entries | Pairs
    is_object: bool = False


def write_results(path: Path, fields: Mapping[str, Any]) -> None:
    """Write a results document atomically and durably, computing its ``digest`` on the way.

    ``fields`` are the document's top-level fields except ``digest``; a value may be
    :class:`Streamed`. A reader never sees half a file: it is written to a temporary
    file in the same folder, flushed to disk, then renamed over ``path``.
    """
    # A field with a default (``clock``) may be left out, as files before it were.
    needed = {name for name, info in ResultsDocument.model_fields.items() if info.is_required()}
    missing = needed - set(fields) - {"digest"}
    if missing:
        raise ValueError(f"a results document needs {', '.join(sorted(missing))}")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("wb") as file:
            _Writer(file).document(fields)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders can't be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename itself has happened
    finally:
        os.close(descriptor)


_PLACEHOLDER = "0" * 64


class _Writer:
    """Writes ``canonical_pretty`` text piece by piece and hashes the ``canonical`` text."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self._hash = hashlib.sha256()
        self._hash_started = False

    def _out(self, text: str) -> None:
        self._file.write(text.encode("utf-8"))

    def _digested(self, text: str) -> None:
        self._hash.update(text.encode("utf-8"))

    def document(self, fields: Mapping[str, Any]) -> None:
        self._out("{")
        self._digested("{")
        digest_at = -1
        for number, key in enumerate(sorted([*fields, "digest"])):
            self._out(("\n" if number == 0 else ",\n") + f"  {_key(key)}: ")
            if key == "digest":  # not digested itself: filled in once the rest is known
                digest_at = self._file.tell() + 1  # after the opening quote
                self._out(json.dumps(_PLACEHOLDER))
                continue
            self._digested(("," if self._hash_started else "") + f"{_key(key)}:")
            self._hash_started = True
            self._value(fields[key], 1)
        self._out("\n}\n")
        self._digested("}")
        end = self._file.tell()
        self._file.seek(digest_at)
        self._out(self._hash.hexdigest())
        self._file.seek(end)

    def _value(self, value: Any, level: int) -> None:
        if isinstance(value, Streamed):
            self._streamed(value, level)
        elif isinstance(value, Spool):
            self._spooled(value, level)
        else:
            indent = "\n" + "  " * level
            self._out(
                json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2).replace(
                    "\n", indent
                )
            )
            self._digested(
                json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            )

    def _streamed(self, value: Streamed, level: int) -> None:
        opening, closing = ("{", "}") if value.is_object else ("[", "]")
        inner = "\n" + "  " * (level + 1)
        self._digested(opening)
        count = 0
        for entry in value.produce():
            self._out((opening if count == 0 else ",") + inner)
            if count:
                self._digested(",")
            if value.is_object:
                key, entry = entry
                self._out(f"{_key(key)}: ")
                self._digested(f"{_key(key)}:")
            self._value(entry, level + 1)
            count += 1
        self._out(("\n" + "  " * level + closing) if count else opening + closing)
        self._digested(closing)

    def _spooled(self, spool: Spool, level: int) -> None:
        if spool.level != level:
            raise ValueError(f"a list spooled for level {spool.level} written at level {level}")
        if not spool.count:
            self._out("[]")
            self._digested("[]")
            return
        self._out("[")
        self._digested("[")
        spool.copy_to(self._file, self._hash)
        self._out("\n" + "  " * level + "]")
        self._digested("]")


class Spool:
    """A list rendered ahead of its place in the document, into temporary files.

    For a list that can only be made together with something written before it (a
    scorecard's findings come after its totals, which need every finding): each element
    is rendered as it is made, and nothing of it is kept in memory.
    """

    def __init__(self, level: int) -> None:
        self.level = level
        """Nesting level the list is written at (1 for a top-level field's value)."""
        self.count = 0
        # Closed by close() (the spool is a context manager), not by a with block here.
        self._pretty: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._canonical: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115

    def add(self, value: Any) -> None:
        """Render one element."""
        comma = "," if self.count else ""
        inner = "\n" + "  " * (self.level + 1)
        pretty = json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2)
        self._pretty.write((comma + inner + pretty.replace("\n", inner)).encode("utf-8"))
        compact = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        self._canonical.write((comma + compact).encode("utf-8"))
        self.count += 1

    def copy_to(self, file: IO[bytes], digest: Any) -> None:
        """Copy the rendered elements into the document and its digest."""
        for source, sink in ((self._pretty, file.write), (self._canonical, digest.update)):
            source.seek(0)
            while chunk := source.read(1 << 20):
                sink(chunk)

    def close(self) -> None:
        self._pretty.close()
        self._canonical.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def results_name(attempt_id: str, scenario_id: str, trainee: str) -> str:
    """File name of an attempt's results: scenario, trainee and a short attempt id."""
    name = "".join(c if c.isalnum() else "-" for c in trainee.lower()).strip("-") or "anonymous"
    return f"{scenario_id}--{name[:40]}--{attempt_id[:8]}.json"


def write_atomically(path: Path, text: str) -> None:
    """Write a file so that a reader never sees half of it, and it survives a power cut."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with temporary.open("wb") as file:  # bytes: no newline translation anywhere
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
