"""Loading a scenario file: safe YAML, validation, and located, friendly errors."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_origin, get_type_hints

from pydantic import BaseModel, ValidationError
from typing_extensions import is_typeddict

from recsim.core.scenario.errors import InvalidFile, Problem
from recsim.core.scenario.models import Scenario
from recsim.core.scenario.yamlsafe import Located, load_yaml, read_text

if TYPE_CHECKING:
    from recsim.core.form import Item
    from recsim.core.sealed import SealedForm

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
    sealed: SealedForm | None = None
    """For a sealed exam's form file (``recsim seal``): the form; ``scenario`` is its frame."""
    sealed_items: tuple[Item, ...] = ()
    """A sealed form's items, as the trainee sees them (their keys withheld)."""


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
                    "a scenario must be a mapping of keys (recsim: 1, id: ..., title: ...), "
                    f"not {kind}",
                )
            ]
        )
    try:
        scenario = model.model_validate(data)
    except ValidationError as error:
        raise InvalidFile(located_problems(error, data, located, file, model)) from None
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


def located_problems(
    error: ValidationError,
    data: Any,
    located: Located,
    file: str,
    root: Any = Scenario,
) -> list[Problem]:
    """Each of a validation's errors as a located, plain-words problem in ``file``.

    ``root`` is the model ``data`` was validated against: a scenario, or a content
    file's model or TypedDict (recsim.core.content), for the "did you mean" of unknown keys.
    """
    problems = [_problem(file, e, data, located, root) for e in error.errors()]
    return _most_specific(_without_explained_missing(problems))


def _without_explained_missing(problems: list[Problem]) -> list[Problem]:
    """Drop a missing key when a misspelt key beside it says "did you mean" that key."""
    explained = {
        (p.where.rpartition(".")[0], p.message.rpartition("did you mean '")[2].rstrip("'?)"))
        for p in problems
        if p.message.startswith("unknown key") and "did you mean '" in p.message
    }
    return [
        p
        for p in problems
        if not (
            p.message.startswith("missing required key")
            and (p.where.rpartition(".")[0], p.where.rpartition(".")[2]) in explained
        )
    ]


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


def _task_tags(root: Any) -> Mapping[str, type[BaseModel]]:
    """A scenario model's task kinds -> their entry models (none for any other model)."""
    is_scenario = isinstance(root, type) and issubclass(root, Scenario)
    return root.task_models if is_scenario else {}


def _problem(file: str, error: Any, data: Any, located: Located, root: Any = Scenario) -> Problem:
    tags = _task_tags(root)
    where = _data_path(error["loc"], data, tags)
    line, column = _nearest(located, where)
    return Problem(file, line, column, _dotted(where), _message(error, where, data, root))


def _data_path(
    loc: Sequence[str | int], data: Any, tags: Mapping[str, object]
) -> tuple[str | int, ...]:
    """The error's location in the document (pydantic adds union tags that aren't in the file)."""
    path: list[str | int] = []
    node = data
    for position, step in enumerate(loc):
        if (
            tags
            and len(path) == 2
            and path[0] == "tasks"
            and step in tags
            and loc[position + 1 : position + 2] == (step,)
        ):
            continue  # the union tag pydantic puts before a task entry's own key
        if _has(node, step):
            node = node[step]
        elif isinstance(node, dict) and isinstance(step, str) and step not in tags:
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


def _message(error: Any, where: tuple[str | int, ...], data: Any, root: Any = Scenario) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = str(where[-1]) if where and isinstance(where[-1], str) else "value"
    if kind == "missing":
        return f"missing required key '{error['loc'][-1]}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'{_suggest(name, _allowed_keys(error['loc'][:-1], root))}"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'|(\d+)", ctx.get("expected", ""))
        options = [a or b for a, b in choices]
        shown = ", ".join(options)
        suggestion = _suggest(str(value), options)
        return f"{value!r} is not allowed here; expected one of: {shown}{suggestion}"
    if kind == "task_kind":
        keys = list(value) if isinstance(value, dict) else []
        kinds = list(_task_tags(root))
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
        "too_short": f"needs at least {ctx.get('min_length')} "
        f"entr{'y' if ctx.get('min_length') == 1 else 'ies'}",
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


def _allowed_keys(loc: Sequence[str | int], root: Any = Scenario) -> list[str]:
    """Field names of the model at ``loc`` (walking the model tree from ``root``)."""
    tags = _task_tags(root)
    fields: dict[str, Any] | None = _fields(root)
    previous: str | int | None = None
    keys = 0  # steps still to come that are keys of a mapping of models, not field names
    for step in loc:
        if fields is None:
            return []
        if isinstance(step, int) or (step == previous and step in tags):
            continue  # a list position, or the tag pydantic repeats for a task entry
        if keys:
            keys -= 1
            continue
        previous = step
        if step in tags and step not in fields:
            fields = _fields(tags[step])
        annotation = fields.get(step) if fields is not None else None
        fields = _fields(_model_in(annotation)) if annotation is not None else None
        keys = _mapping_depth(annotation) if annotation is not None else 0
    return list(fields) if fields else []


def _fields(model: Any) -> dict[str, Any] | None:
    """Field name -> annotation of a pydantic model or a TypedDict (None for anything else)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return {info.alias or name: info.annotation for name, info in model.model_fields.items()}
    if is_typeddict(model):
        return get_type_hints(model)
    return None


def _mapping_depth(annotation: Any) -> int:
    """How many mapping keys stand between a field and the model it holds (dict[str, X]: 1)."""
    if get_origin(annotation) is dict:
        return 1 + _mapping_depth(annotation.__args__[-1])
    for arg in getattr(annotation, "__args__", ()):
        depth = _mapping_depth(arg)
        if depth:
            return depth
    return 0


def _model_in(annotation: Any) -> Any:
    """The first model (pydantic or TypedDict) in an annotation such as ``dict[str, Model]``."""
    if _fields(annotation) is not None:
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
