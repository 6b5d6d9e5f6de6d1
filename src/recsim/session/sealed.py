"""Sealing an exam, playing a sealed form and grading it with the key.

See :mod:`recsim.core.sealed` for what the two files hold. Here: ``seal`` writes
them from a scenario and a roster; ``load_form`` turns a form file into something
the ordinary play path can run (a :class:`LoadedScenario` whose ``sealed`` holds the
items); ``key_scenario`` rebuilds, from a key, the scenario a results file is graded
against.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError, create_model

from recsim.core.form import Item
from recsim.core.model import Model
from recsim.core.scenario import InvalidFile, LoadedScenario
from recsim.core.scenario.errors import Problem
from recsim.core.scenario.models import Scenario
from recsim.core.sealed import (
    FORM_SUFFIX,
    KEY_SUFFIX,
    KeyForm,
    KeyScenario,
    SealedFileError,
    SealedForm,
    SealedItem,
    SealedKey,
    SealedScenario,
    dump,
    now,
    read_form,
    sha256,
)
from recsim.core.seeds import normalize_trainee
from recsim.session.forms import make_variant
from recsim.session.kinds import task_kind
from recsim.session.scenarios import parse_scenario

FRAME = (
    "recsim",
    "id",
    "title",
    "setting",
    "mode",
    "time_limit",
    "clock",
    "due",
    "as_of",
    "description",
    "objectives",
    "passing_score",
    "weights",
)
"""The scenario fields a form file keeps: what the briefing and the rules of play need.
Left out: ``seed`` and ``population`` (a generator could be run again from them),
``tasks`` and ``traps`` (they may hold written keys), ``queue`` (the form's order is final)."""


class SealRefused(Exception):
    """The scenario cannot be sealed as asked; the message is one line for the instructor."""


@dataclass(frozen=True)
class Sealed:
    """What ``seal`` wrote."""

    forms: list[tuple[str, Path]]
    """Each trainee and their form file."""
    key: Path


def seal(
    loaded: LoadedScenario, trainees: Sequence[str], out: Path, *, seed: int | None = None
) -> Sealed:
    """Write one form file per trainee and the key file into ``out`` (created if missing).

    The forms are made from ``seed`` in place of the scenario's seed (by default one drawn
    at random, kept only in the key). Existing files are never replaced.
    """
    scenario = loaded.scenario
    text = _sealable(loaded)
    names = _file_names(trainees)
    targets = [out / name for name in names] + [out / f"{scenario.id}{KEY_SUFFIX}"]
    existing = [path for path in targets if path.exists()]
    if existing:
        raise SealRefused(
            f"{existing[0]}: already exists; seal into an empty folder (--out) so no earlier "
            "form or key is lost"
        )
    at = now()
    sitting = secrets.randbits(63) if seed is None else seed
    frame = _frame(scenario)
    written: list[tuple[str, Path]] = []
    keyed: list[KeyForm] = []
    for trainee, name in zip(trainees, names, strict=True):
        variant = make_variant(loaded, trainee, seed=sitting)
        form = SealedForm(
            recsim_sealed_form=1,
            form=secrets.token_hex(16),
            trainee=trainee,
            sealed_at=at,
            scenario=SealedScenario(
                id=scenario.id, title=scenario.title, content_hash=loaded.content_hash
            ),
            frame=frame,
            items=[_sealed_item(item) for item in variant.form.items()],
        )
        data = dump(form)
        _write(out / name, data)
        written.append((trainee, out / name))
        keyed.append(KeyForm(form=form.form, trainee=trainee, seed=variant.seed, file=name,
                             form_hash=sha256(data)))  # fmt: skip
    key = SealedKey(
        recsim_sealed_key=1,
        sealed_at=at,
        sitting_seed=sitting,
        scenario=KeyScenario(
            id=scenario.id,
            title=scenario.title,
            content_hash=loaded.content_hash,
            path=str(loaded.path.resolve()),
            text=text.decode("utf-8"),
        ),
        forms=keyed,
    )
    _write(targets[-1], dump(key), mode=0o600)
    return Sealed(written, targets[-1])


def _sealable(loaded: LoadedScenario) -> bytes:
    """The scenario file's bytes, once it is known that it can be sealed."""
    scenario = loaded.scenario
    if scenario.mode != "exam":
        raise SealRefused(
            f"{loaded.path}: only an exam can be sealed (a practice scenario shows the key as "
            "feedback); set 'mode: exam'"
        )
    kinds = {kind for kind, _ in scenario.blocks()} | ({"trap"} if scenario.traps else set())
    # A trap's follow-up (leads_to) is an item of its own kind, sealed like any other.
    kinds |= {kind for entry in scenario.traps if (kind := task_kind("trap").follow_up_kind(entry))}
    for kind in sorted(kinds):
        if task_kind(kind).view_model is None:
            raise SealRefused(f"{loaded.path}: the {kind} task kind cannot be sealed yet")
    text = loaded.path.read_bytes()
    if sha256(text) != loaded.content_hash:
        raise SealRefused(f"{loaded.path}: the file changed while it was being sealed; run again")
    return text


def _frame(scenario: Scenario) -> dict[str, Any]:
    frame = scenario.model_dump(mode="json", include=set(FRAME))
    frame["mode"] = "exam"
    return frame


def _sealed_item(item: Item) -> SealedItem:
    return SealedItem(
        id=item.id,
        kind=item.kind,
        title=item.title,
        objectives=list(item.objectives),
        chart=item.chart,
        view=item.view.model_dump(mode="json"),
    )


def _file_names(trainees: Sequence[str]) -> list[str]:
    """A form file name per trainee: their name made safe for any file system, kept unique."""
    names: list[str] = []
    taken: set[str] = set()
    for trainee in trainees:
        stem = (
            re.sub(r"[^a-z0-9]+", "-", normalize_trainee(trainee).lower()).strip("-") or "trainee"
        )
        name, number = f"{stem}{FORM_SUFFIX}", 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}{FORM_SUFFIX}"
        taken.add(name)
        names.append(name)
    return names


def _write(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a file whole or not at all (a temporary file renamed into place).

    ``mode``: forms are for handing out (readable, 0644); the key is the instructor's (0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".sealing-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# playing a form -------------------------------------------------------------------------


@cache
def _frame_model() -> type[Model]:
    """The scenario frame's fields that a form keeps, with their types and checks."""
    fields: dict[str, Any] = {
        name: (info.annotation, info)
        for name, info in Scenario.model_fields.items()
        if name in FRAME
    }
    return create_model("SealedFrame", __base__=Model, **fields)


def load_form(path: Path) -> LoadedScenario:
    """A form file, ready to play: its items rebuilt as their kinds' views.

    Raises :class:`InvalidFile` with one problem naming the file when it is not a form
    recsim wrote (or was edited since).
    """
    try:
        form, data = read_form(path)
    except SealedFileError as error:
        raise _invalid(path, str(error).removeprefix(f"{path}: ")) from None
    try:
        frame = _frame_model().model_validate(form.frame)
    except ValidationError as error:
        raise _invalid(path, f"frame: {error.errors()[0]['msg']} (was it edited?)") from None
    values = {name: getattr(frame, name) for name in FRAME}
    scenario = Scenario.model_construct(**values, seed=None, tasks=[], traps=[])
    items = tuple(_item(path, entry) for entry in form.items)
    return LoadedScenario(scenario, path, sha256(data), sealed=form, sealed_items=items)


def _item(path: Path, entry: SealedItem) -> Item:
    from recsim.core.sealed import Withheld
    from recsim.session.kinds import KINDS

    model = task_kind(entry.kind).view_model if entry.kind in KINDS else None
    if model is None:
        raise _invalid(path, f"item {entry.id}: '{entry.kind}' is not a kind recsim can play")
    try:
        view = model.model_validate(entry.view)
    except ValidationError as error:
        raise _invalid(
            path, f"item {entry.id}: {error.errors()[0]['msg']} (was it edited?)"
        ) from None
    return Item(entry.id, entry.kind, entry.title, view, Withheld(), tuple(entry.objectives),
                entry.chart)  # fmt: skip


def _invalid(path: Path, message: str) -> InvalidFile:
    return InvalidFile([Problem(str(path), 0, 0, "", message)])


# grading with the key ---------------------------------------------------------------------


def key_scenario(key: SealedKey, where: Path) -> LoadedScenario:
    """The scenario a key was made from, as it was sealed (``where``: the key file)."""
    text = key.scenario.text
    if sha256(text.encode("utf-8")) != key.scenario.content_hash:
        raise SealedFileError(f"{where}: the scenario in the key is not the one sealed (edited?)")
    base = Path(key.scenario.path)
    try:
        loaded = parse_scenario(text, key.scenario.path, base=base)
    except InvalidFile as invalid:
        raise SealedFileError(f"{where}: {invalid.problems[0]}") from None
    return LoadedScenario(loaded.scenario, base, key.scenario.content_hash, loaded.warnings)


def played_by_another(form: KeyForm, trainee: str) -> bool:
    """Whether a form was played under a name other than the one it was sealed for."""
    return normalize_trainee(form.trainee) != normalize_trainee(trainee)
