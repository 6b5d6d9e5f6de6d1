"""Reading the content files recsim ships: YAML beside the code that uses it, through a model.

Every rule file, catalog and template file is read by :func:`load_content` into
its model, so a typo in a file fails its test (tests/core/test_content_files.py)
with the same located message a scenario file gives (``path:line:col: message``,
with "did you mean" for an unknown key), not a trainee's session.

A model is a pydantic model, or a TypedDict (``typing_extensions.TypedDict``)
where importing pydantic would cost more than reading the file: the code set
(recsim.coding) is ready in a quarter of a second without it. A TypedDict is
checked by the tests, not on every start.

Loading is fast because start-up depends on it: the C YAML parser and the
model first; only when either fails is the file read again with the located
reader (recsim.core.scenario.yamlsafe) to say where. ``strict=True`` always
uses the located reader, which also refuses a key given twice (the fast parser
keeps the last silently): the tests load every shipped file that way. Unlike a
user's file, a content file may use anchors, aliases and merge keys (<<).
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import yaml

if TYPE_CHECKING:
    from collections.abc import Callable

Content = TypeVar("Content")
Shape = TypeVar("Shape", bound=type)

CLOSED: Final = {"extra": "forbid", "use_attribute_docstrings": True}
"""pydantic's settings for a TypedDict model: the same as recsim.core.model.Model's."""

# The C parser when PyYAML was built with libyaml (several times faster), else the Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_content(package: str, name: str, model: type[Content], *, strict: bool = False) -> Content:
    """The content file ``name`` of ``package`` (e.g. ``recsim.tasks.audit``) read as ``model``.

    Raises :class:`recsim.core.scenario.errors.InvalidFile` naming the file, line and
    column of each problem. Callers cache what they build from the result.
    """
    resource = resources.files(package).joinpath(name)
    return read_content(resource.read_text("utf-8"), str(resource), model, strict=strict)


def read_content(text: str, file: str, model: type[Content], *, strict: bool = False) -> Content:
    """Content text (``file`` names it in messages) read as ``model``: fast, located on failure."""
    if not strict:
        try:
            data = yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            data = None  # the located reader below says where
        if isinstance(data, dict):
            validate: Callable[[Any], Content] | None = getattr(model, "model_validate", None)
            if validate is None:
                return cast(Content, data)  # a TypedDict: its shape is checked by the tests
            try:
                return validate(data)
            except ValueError:
                pass  # pydantic's ValidationError: read it again below, keeping locations
    return parse_content(text, file, model)


def closed(shape: Shape) -> Shape:
    """Mark a TypedDict model as refusing unknown keys, like every recsim model (a decorator)."""
    # Set after the class statement: a TypedDict's body holds only its keys.
    setattr(shape, "__pydantic_config__", CLOSED)  # noqa: B010
    return shape


def parse_content(text: str, file: str, model: type[Content]) -> Content:
    """Content text (``file`` names it in messages) read as ``model`` with the located reader."""
    # Imported here, not above: recsim.coding reads its content without importing pydantic.
    from pydantic import TypeAdapter, ValidationError

    from recsim.core.scenario.errors import InvalidFile, Problem
    from recsim.core.scenario.load import located_problems
    from recsim.core.scenario.yamlsafe import load_yaml

    data, located = load_yaml(text, file, aliases=True)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise InvalidFile(
            [Problem(file, 1, 1, "", f"a content file is a mapping of keys, not {kind}")]
        )
    try:
        validate = getattr(model, "model_validate", None)
        if validate is not None:
            return cast(Content, validate(data))
        return TypeAdapter(model).validate_python(data)
    except ValidationError as error:
        raise InvalidFile(located_problems(error, data, located, file, model)) from None
