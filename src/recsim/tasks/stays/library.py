"""Reading the stay case files and picking cases for a block."""

from __future__ import annotations

import random
from collections.abc import Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from recsim.core.content import parse_content, read_content
from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.tasks.stays.models import StayCase, StayFile

CASE_FOLDER = "cases"


def load_cases(folder: Traversable | Path, *, bundled: bool = False) -> tuple[StayCase, ...]:
    """Every case in a folder of ``*.yaml`` files, in file-name and list order.

    Raises :class:`InvalidFile` naming the file, line and field of the first
    problem in each bad file, and any id used twice. The ``bundled`` files are
    read the fast way; any other folder with the located reader, which also
    refuses a key given twice.
    """
    cases: list[StayCase] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".yaml")), key=_name)
    for entry in entries:
        name = str(entry) if isinstance(entry, Path) else f"stays/{CASE_FOLDER}/{entry.name}"
        try:
            found = parse_cases(entry.read_text("utf-8"), name, bundled=bundled)
        except InvalidFile as error:
            problems.extend(error.problems)
            continue
        except UnicodeDecodeError:
            problems.append(Problem(name, 0, 0, "", "is not UTF-8 text; save it as UTF-8"))
            continue
        for case in found:
            if case.id in seen:
                message = f"the case id {case.id!r} is also used in {seen[case.id]}"
                problems.append(Problem(name, 0, 0, "cases", message))
            seen[case.id] = name
            cases.append(case)
    if problems:
        raise InvalidFile(problems)
    return tuple(cases)


def _name(entry: Traversable | Path) -> str:
    return entry.name


def parse_cases(text: str, name: str, *, bundled: bool = False) -> list[StayCase]:
    """The cases of one file's text (``name`` labels messages); :class:`InvalidFile` if bad."""
    if bundled:
        return read_content(text, name, StayFile).cases
    return parse_content(text, name, StayFile).cases


@cache
def all_cases() -> tuple[StayCase, ...]:
    """Every case of every bundled file, in file and list order (read once per process)."""
    folder = resources.files("recsim.tasks.stays").joinpath(CASE_FOLDER)
    return load_cases(folder, bundled=True)


@cache
def _by_id() -> dict[str, StayCase]:
    return {case.id: case for case in all_cases()}


def case_by_id(case_id: str) -> StayCase:
    """The bundled case ``case_id``; KeyError if there is none."""
    return _by_id()[case_id]


def matching(
    *, tags: Sequence[str] = (), mdc: Sequence[int] = (), ids: Sequence[str] = ()
) -> list[StayCase]:
    """The cases a block's filters allow: the ``ids`` listed (in that order), else the cases
    carrying one of ``tags`` (any when none) in one of the ``mdc`` (any when none)."""
    if ids:
        return [case_by_id(i) for i in ids]
    wanted, mdcs = set(tags), set(mdc)
    return [
        case
        for case in all_cases()
        if (not wanted or wanted & set(case.tags)) and (not mdcs or case.mdc in mdcs)
    ]


def pick_cases(
    rng: random.Random,
    count: int,
    *,
    tags: Sequence[str] = (),
    mdc: Sequence[int] = (),
    ids: Sequence[str] = (),
    shuffle: bool = False,
) -> list[StayCase]:
    """``count`` cases for a block, in an order drawn from ``rng``; ids win over tags.

    Listed ids keep their order unless ``shuffle``; filtered cases are always shuffled.
    Past the pool's size the order repeats (a block's validation refuses asking for more
    than it holds).
    Raises ValueError when nothing matches.
    """
    pool = matching(tags=tags, mdc=mdc, ids=ids)
    if not pool:
        raise ValueError("no inpatient case matches the block's tags and MDCs")
    if not ids:
        pool = sorted(pool, key=lambda c: c.id)
    if shuffle or not ids:
        rng.shuffle(pool)
    return [pool[n % len(pool)] for n in range(count)]
