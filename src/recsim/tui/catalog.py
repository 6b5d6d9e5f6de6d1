"""What the scenario picker lists: the bundled pack and any ``--dir`` folders.

Each file is first *glanced at* (its title, setting and mode read straight from
the YAML, which takes a millisecond) so the picker appears at once, then
*checked* in full by the scenario loader in the background; a file that fails
the check stays in the list with its one-line error instead of disappearing.
No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from recsim.core.scenario import LoadedScenario

GLANCE_LIMIT = 256 * 1024
"""Files larger than this are not glanced at (the full check still reads them)."""


@dataclass(frozen=True)
class ScenarioEntry:
    """One file of the picker, before or after its full check."""

    path: Path
    title: str
    setting: str = ""
    mode: str = ""
    time_limit: str | None = None
    time_limit_seconds: int | None = None
    """Known once checked."""
    objectives: tuple[str, ...] = ()
    description: str = ""
    """The briefing text (Markdown)."""
    kinds: tuple[str, ...] = ()
    """The task kinds of its ``tasks`` entries, in file order (what kind of work it is)."""
    passing_score: float | None = None
    items: int | None = None
    """Items the scenario generates (known once checked)."""
    checked: bool = False
    error: str | None = None
    """The first problem found, as ``file:line:col: message``; None when the file is valid."""
    more_errors: int = 0
    sealed_for: str = ""
    """Whose form a sealed exam's form file is: recsim plays it under that name, unasked."""
    loaded: LoadedScenario | None = field(default=None, repr=False, compare=False)

    @property
    def playable(self) -> bool:
        return self.checked and self.error is None and self.loaded is not None


def scenario_files(bundled: Iterable[Path], folders: Iterable[Path]) -> list[Path]:
    """The bundled files (the tutorial first), then each folder's ``*.yaml``/``*.yml`` by name."""
    found: dict[Path, None] = dict.fromkeys(
        sorted(bundled, key=lambda p: (p.stem != "tutorial", p.name))
    )
    for folder in folders:
        for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
            found.setdefault(path, None)
    return list(found)


def glance(path: Path) -> ScenarioEntry:
    """Title, setting, mode and objectives read without validating (never raises).

    Read with the bounded reader (regular files only) and with YAML aliases and tags refused
    before anything is built, as ``recsim validate`` refuses them, so that no file in a folder
    can hang the picker or fill its memory; the C parser keeps the picker's first frame quick.
    """
    import yaml

    from recsim.core.files import FileRefused, read_bytes
    from recsim.core.scenario.yamlsafe import glance_yaml

    entry = ScenarioEntry(path=path, title=path.name)
    try:
        text = read_bytes(path, GLANCE_LIMIT, what="scenario file").decode("utf-8-sig")
        data = glance_yaml(text)
    except (FileRefused, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return entry  # whatever is wrong, the full check says it properly
    if isinstance(data, dict) and "recsim_sealed_form" in data:
        entry = replace(entry, sealed_for=_sealed_for(data.get("trainee")))
        data = data.get("frame")  # a sealed exam's form: its briefing is its frame
    if not isinstance(data, dict):
        return entry
    objectives = data.get("objectives")
    texts = (
        tuple(str(o.get("text", "")) for o in objectives if isinstance(o, dict))
        if isinstance(objectives, list)
        else ()
    )
    tasks = data.get("tasks")
    kinds = (
        tuple(str(kind) for task in tasks if isinstance(task, dict) for kind in task)
        if isinstance(tasks, list)
        else ()
    )
    return replace(
        entry,
        title=str(data.get("title") or path.name),
        setting=str(data.get("setting") or ""),
        mode=str(data.get("mode") or "practice"),
        time_limit=str(data["time_limit"]) if data.get("time_limit") else None,
        objectives=texts,
        description=str(data.get("description") or ""),
        kinds=kinds,
        passing_score=float(score)
        if isinstance(score := data.get("passing_score"), int | float)
        else None,
    )


def _sealed_for(written: object) -> str:
    """The trainee a sealed form names, if the name is one recsim accepts (else asked)."""
    from recsim.core.seeds import BadTraineeName, trainee_name

    try:
        return trainee_name(written) if isinstance(written, str) else ""
    except BadTraineeName:
        return ""


_WARM: dict[tuple[str, int, int], ScenarioEntry] = {}
"""Entries checked ahead by :func:`warm`, by file and its size and time (a browser session's
process is forked from one that has checked them: recsim.tui.forkserver)."""


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return (str(path.resolve()), found.st_mtime_ns, found.st_size)


def warm(paths: Iterable[Path]) -> None:
    """Check these files now, so that :func:`check` answers at once for as long as each file
    is unchanged (a changed file is checked again)."""
    for path in paths:
        stamp = _stamp(path)
        if stamp is not None:
            _WARM[stamp] = check(path)


def check(path: Path) -> ScenarioEntry:
    """The full check (the same as ``recsim validate``): a playable entry, or one with its error."""
    stamp = _stamp(path) if _WARM else None
    if stamp is not None and stamp in _WARM:
        return _WARM[stamp]
    from recsim.core.scenario import InvalidFile
    from recsim.session.checks import load_playable

    try:
        loaded = load_playable(path)
    except InvalidFile as invalid:
        return replace(
            glance(path),
            checked=True,
            error=str(invalid.problems[0]),
            more_errors=len(invalid.problems) - 1,
        )
    return entry_of(loaded)


def entry_of(loaded: LoadedScenario) -> ScenarioEntry:
    """The entry of a scenario already loaded and checked."""
    from recsim.core.scenario.models import count_items
    from recsim.session.kinds import interrupting

    scenario = loaded.scenario
    sealed = loaded.sealed_items
    kinds = tuple(dict.fromkeys(i.kind for i in sealed if not interrupting(i.kind)))
    return ScenarioEntry(
        path=loaded.path,
        title=scenario.title,
        setting=scenario.setting,
        mode=scenario.mode,
        time_limit=scenario.time_limit,
        time_limit_seconds=scenario.time_limit_seconds,
        objectives=tuple(o.text for o in scenario.objectives),
        description=scenario.description,
        kinds=kinds or tuple(kind for kind, _ in scenario.blocks()),
        passing_score=scenario.passing_score,
        items=len(sealed) or sum(count_items(task) for task in scenario.tasks),
        checked=True,
        sealed_for=loaded.sealed.trainee if loaded.sealed is not None else "",
        loaded=loaded,
    )
