"""Loading a scenario file: safe YAML, validation, and located, friendly errors."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.models import Scenario
from recsim.core.scenario.yamlsafe import Located, load_yaml, read_text

SemanticCheck = Callable[[Scenario, Path], Iterable[tuple[tuple[str | int, ...], str, str]]]
"""A check run on a valid scenario: yields (document path, message, "error" or "warning")."""


@dataclass(frozen=True)
class LoadedScenario:
    """A valid scenario with where it came from."""

    scenario: Scenario
    path: Path
    content_hash: str
    """SHA-256 of the file's bytes: a results file names the exact version it was played on."""
    warnings: list[Problem] = field(default_factory=list)


def load_scenario(
    path: Path, model: type[Scenario], checks: Sequence[SemanticCheck] = ()
) -> LoadedScenario:
    """Load and validate a scenario; :class:`InvalidFile` lists every problem found.

    ``model`` is the scenario format with its task kinds (``recsim.session.scenarios``
    derives it from the kind registry).
    """
    text = read_text(path, what="scenario file")
    return parse_scenario(text, str(path), model, checks, base=path)


def parse_scenario(
    text: str,
    file: str,
    model: type[Scenario],
    checks: Sequence[SemanticCheck] = (),
    *,
    base: Path | None = None,
) -> LoadedScenario:
    """Validate scenario text (``file`` names it in messages) against ``model``."""
    data, located = load_yaml(text, file)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
        raise InvalidFile(
            [
                Problem(
                    file,
                    1,
                    1,
                    "",
                    f"a scenario must be a mapping of keys (recsim: 1, id: ..., title: ...), not {kind}",
                )
            ]
        )
    try:
        scenario = model.model_validate(data)
    except ValidationError as error:
        raise InvalidFile(
            _most_specific([_problem(file, e, data, located, model) for e in error.errors()])
        ) from None
    problems: list[Problem] = []
    for check in checks:
        for where, message, severity in check(scenario, base or Path(file)):
            line, column = _nearest(located, where)
            problems.append(Problem(file, line, column, _dotted(where), message, severity))  # type: ignore[arg-type]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InvalidFile(errors)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return LoadedScenario(
        scenario, base or Path(file), digest, [p for p in problems if p.severity == "warning"]
    )


def _most_specific(problems: list[Problem]) -> list[Problem]:
    """Drop an error when another one points inside it (a union reports each branch)."""
    kept = []
    for problem in problems:
        inner = any(
            other.where.startswith((problem.where + ".", problem.where + "["))
            for other in problems
            if other is not problem and problem.where and other.where != problem.where
        )
        if not inner and problem not in kept:
            kept.append(problem)
    return sorted(kept, key=lambda p: (p.line, p.column, p.message))


def _problem(file: str, error: Any, data: Any, located: Located, model: type[Scenario]) -> Problem:
    where = _data_path(error["loc"], data, model.task_models)
    line, column = _nearest(located, where)
    return Problem(file, line, column, _dotted(where), _message(error, where, model))


def _data_path(
    loc: Sequence[str | int], data: Any, task_models: Mapping[str, type[BaseModel]]
) -> tuple[str | int, ...]:
    """The error's location in the document (pydantic adds union tags that aren't in the file)."""
    path: list[str | int] = []
    node = data
    for position, step in enumerate(loc):
        if (
            len(path) == 2
            and path[0] == "tasks"
            and step in task_models
            and loc[position + 1 : position + 2] == (step,)
        ):
            continue  # the union tag pydantic puts before a task entry's own key
        if _has(node, step):
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and step not in task_models:
            path.append(step)  # a missing key: name it, then stop
            break
        else:
            continue
        path.append(step)
    return tuple(path)


def _has(node: Any, step: str | int) -> bool:
    """True when ``node[step]`` is in the document: a key of a mapping or an index of a list."""
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)


def _nearest(located: Located, where: Sequence[str | int]) -> tuple[int, int]:
    path = tuple(where)
    while path not in located and path:
        path = path[:-1]
    return located.get(path, (1, 1))


def _dotted(where: Sequence[str | int]) -> str:
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return text.lstrip(".")


def _message(error: Any, where: tuple[str | int, ...], model: type[Scenario]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = str(where[-1]) if where and isinstance(where[-1], str) else "value"
    if kind == "missing":
        return f"missing required key '{error['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'{_suggest(name, _allowed_keys(error['loc'][:-1], model))}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", ctx.get("expected", ""))
        options = [a or b for a, b in choices]
        shown = ", ".join(options)
        return f"{value!r} is not allowed here; expected one of: {shown}{_suggest(str(value), options)}"
    if kind == "task_kind":
        keys = list(value) if isinstance(value, dict) else []
        kinds = list(model.task_models)
        if len(keys) == 1:
            return (
                f"unknown task '{keys[0]}'{_suggest(str(keys[0]), kinds)}; "
                f"tasks are: {', '.join(kinds)}"
            )
        return "each task must be a mapping with exactly one key: " + ", ".join(kinds)
    limits = {
        "greater_than_equal": f"must be at least {ctx.get('ge')}",
        "greater_than": f"must be more than {ctx.get('gt')}",
        "less_than_equal": f"must be at most {ctx.get('le'):,}"
        if isinstance(ctx.get("le"), int)
        else f"must be at most {ctx.get('le')}",
        "less_than": f"must be less than {ctx.get('lt')}",
        "too_short": f"needs at least {ctx.get('min_length')} entr{'y' if ctx.get('min_length') == 1 else 'ies'}",
        "too_long": f"has too many entries (at most {ctx.get('max_length')})",
        "string_too_short": "must not be empty",
        "string_too_long": f"is too long (at most {ctx.get('max_length'):,} characters)"
        if ctx.get("max_length")
        else "is too long",
        "string_pattern_mismatch": _pattern_hint(name),
        "int_parsing": "must be a whole number",
        "int_type": "must be a whole number",
        "int_from_float": "must be a whole number",
        "float_parsing": "must be a number",
        "float_type": "must be a number",
        "bool_parsing": "must be true or false",
        "bool_type": "must be true or false",
        "string_type": "must be text",
        "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
        "date_parsing": "must be a date written YYYY-MM-DD",
        "date_type": "must be a date written YYYY-MM-DD",
        "dict_type": "must be a mapping of keys",
        "model_type": "must be a mapping of keys",
        "model_attributes_type": "must be a mapping of keys",
        "list_type": "must be a list",
        "tuple_type": "must be a list of two numbers",
    }
    if kind in limits:
        return f"{limits[kind]} (got {_show(value)})"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']} (got {_show(value)})"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _pattern_hint(name: str) -> str:
    if name == "id":
        return "must be a short id: lower-case letters, digits, '-' (and '_' for objectives)"
    return "is not in the expected form"


def _suggest(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _allowed_keys(loc: Sequence[str | int], scenario: type[Scenario]) -> list[str]:
    """Field names of the model at ``loc`` (walking the scenario model tree)."""
    task_models = scenario.task_models
    model: type[BaseModel] | None = scenario
    previous: str | int | None = None
    for step in loc:
        if model is None:
            return []
        if isinstance(step, int) or (step == previous and step in task_models):
            continue  # a list position, or the tag pydantic repeats for a task entry
        previous = step
        if step in task_models and step not in model.model_fields:
            model = task_models[step]
        info = model.model_fields.get(step)
        model = _model_in(info.annotation) if info else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
