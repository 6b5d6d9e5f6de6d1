"""Sealed exams: a form file per trainee that holds only what they see, and a key file.

``recsim seal`` turns an exam into one *form file* per rostered trainee and one
*key file* for the instructor. A form file holds the scenario's briefing (its frame:
title, description, objectives, time limit, weights, pass mark) and the items as
the trainee sees them, in their order, and nothing else: no answer key, no seed,
nothing a generator could be run again from. A trainee who opens their form file in
an editor learns only what the exam shows them anyway.

The key file holds the scenario's own text, its content hash, the sitting's seed (drawn
at random when sealing, so that even the scenario file does not rebuild a form), and for
each form its trainee, the seed of their variant and the SHA-256 of the form file's bytes. A
results file names the form it was played on by that hash; ``recsim grade --key``
rebuilds the trainee's variant from the scenario text and grades the answers exactly
as an unsealed attempt is graded.

Both files are JSON, written by recsim; the first key of each names its format so a
command given one where it expects a scenario can say what it is.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import AwareDatetime, Field, ValidationError

from recsim.core.files import FileRefused, read_bytes
from recsim.core.model import Model
from recsim.core.results import Digest

FORM_FORMAT = "recsim_sealed_form"
KEY_FORMAT = "recsim_sealed_key"
M = TypeVar("M", bound=Model)
FORM_SUFFIX = ".form.json"
KEY_SUFFIX = ".key.json"
MAX_FORM_BYTES = 64 * 1024 * 1024
"""Largest form or key file read (a 2,000-chart audit exam is about 20 MB)."""


class SealedItem(Model):
    """One item as the trainee sees it."""

    id: str = Field(max_length=200)
    kind: str = Field(max_length=40)
    title: str = Field(max_length=1000)
    objectives: list[str] = Field(default_factory=list, max_length=50)
    chart: str | None = Field(default=None, max_length=40)
    view: dict[str, Any]
    """The item's view, as its kind's view model dumps it."""


class SealedScenario(Model):
    """The scenario a form was sealed from (its identity, not its content)."""

    id: str = Field(max_length=200)
    title: str = Field(max_length=1000)
    content_hash: Digest
    """SHA-256 of the scenario file the form was made from."""


class SealedForm(Model):
    """A form file: one trainee's exam, without its key."""

    recsim_sealed_form: Literal[1]
    form: str = Field(pattern=r"^[0-9a-f]{32}$")
    """A random id of this form (not derived from the seed)."""
    trainee: str = Field(max_length=200)
    """Who the form was sealed for."""
    sealed_at: AwareDatetime
    scenario: SealedScenario
    frame: dict[str, Any]
    """The scenario's briefing and rules of play, without its tasks, traps and seed."""
    items: list[SealedItem] = Field(min_length=1, max_length=100_000)


class KeyScenario(SealedScenario):
    """The scenario itself, so the key grades without the original file."""

    path: str = Field(max_length=4096)
    """Where the scenario file was when it was sealed (library files are found beside it)."""
    text: str
    """The scenario file's text, exactly."""


class KeyForm(Model):
    """One sealed form, as the key knows it."""

    form: str = Field(pattern=r"^[0-9a-f]{32}$")
    trainee: str = Field(max_length=200)
    seed: int
    """The seed of the trainee's variant."""
    file: str = Field(max_length=4096)
    """The form file's name."""
    form_hash: Digest
    """SHA-256 of the form file's bytes: a results file names its form by it."""


class SealedKey(Model):
    """The instructor's key to a set of sealed forms."""

    recsim_sealed_key: Literal[1]
    sealed_at: AwareDatetime
    sitting_seed: int = Field(ge=0, le=2**63 - 1)
    """The seed the forms were made from in place of the scenario's own (drawn at random
    for each sealing unless the instructor chose one), so that a trainee who has the
    scenario file still cannot make their form, and its key, again."""
    scenario: KeyScenario
    forms: list[KeyForm] = Field(min_length=1)

    def form_with_hash(self, digest: str) -> KeyForm | None:
        """The form whose file has this SHA-256, if the key has it."""
        return next((form for form in self.forms if form.form_hash == digest), None)


class Withheld(Model):
    """An item's key in a sealed form: not there (the instructor's key file holds it)."""


class SealedFileError(Exception):
    """A form or key file that cannot be used; the message is one line naming the file."""


def file_format(data: bytes) -> str | None:
    """``recsim_sealed_form`` or ``recsim_sealed_key`` when the bytes are such a file."""
    found = re.match(rb'\s*\{\s*"(recsim_sealed_form|recsim_sealed_key)"', data[:64])
    return found.group(1).decode() if found else None


def is_sealed_form(path: Path) -> bool:
    """Whether ``path`` is a form file (judged by its first bytes; unreadable files are not)."""
    if not path.is_file():  # never open a pipe or a device here: opening one can block
        return False
    try:
        with path.open("rb") as file:
            return file_format(file.read(64)) == FORM_FORMAT
    except OSError:
        return False


def dump(document: Model) -> bytes:
    """A form or key file's bytes: JSON with the format key first, one field per line."""
    data = document.model_dump(mode="json")
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()


def sha256(data: bytes) -> str:
    """The SHA-256 of bytes, in lower-case hex."""
    return hashlib.sha256(data).hexdigest()


def read_form(path: Path) -> tuple[SealedForm, bytes]:
    """A form file and its bytes, or :class:`SealedFileError`."""
    data = _read(path, "form file")
    return _parse(path, data, SealedForm, FORM_FORMAT, "a sealed exam form"), data


def read_key(path: Path) -> SealedKey:
    """A key file, or :class:`SealedFileError`."""
    data = _read(path, "key file")
    return _parse(path, data, SealedKey, KEY_FORMAT, "a sealed exam's key file")


def _read(path: Path, what: str) -> bytes:
    try:
        return read_bytes(path, MAX_FORM_BYTES, what=what)
    except FileRefused as refused:
        raise SealedFileError(str(refused)) from None


def _parse(path: Path, data: bytes, model: type[M], name: str, what: str) -> M:
    if file_format(data) != name:
        raise SealedFileError(f"{path}: not {what} (recsim seal writes them)")
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(step) for step in first["loc"]) or "the file"
        raise SealedFileError(f"{path}: {where}: {first['msg']} (was it edited?)") from None


def now() -> datetime:
    """The time a seal is made (UTC, to the second)."""
    return datetime.now(UTC).replace(microsecond=0)
