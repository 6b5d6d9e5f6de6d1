"""Safe YAML reading that remembers where every value came from.

Only the YAML safe loader's standard scalar types are accepted. Anchors and
aliases are refused outright (no "billion laughs"), so are duplicate keys,
non-string keys and any tag outside the YAML core schema (``!!python/...``).
Files over :data:`MAX_BYTES` are refused before they are parsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from recsim.core.files import FileRefused, read_bytes
from recsim.core.scenario.errors import InvalidFile, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Located = dict[tuple[str | int, ...], tuple[int, int]]
"""Document path -> (line, column), both 1-based."""


class _Composer(yaml.SafeLoader):
    """Composes nodes but refuses aliases before they can multiply anything."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            # types-PyYAML leaves Parser.peek_event unannotated.
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                event.start_mark,
                "aliases (*name) are not allowed in recsim files; write the value out in full",
            )
        return super().compose_node(parent, index)


class _SharingComposer(yaml.SafeLoader):
    """Composes nodes with aliases and merge keys (<<): for the content files recsim ships only.

    They are recsim's own, so a shared value cannot be an attack; a user's file never
    gets this composer.
    """


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def read_text(path: Path, *, what: str = "file", allow_empty: bool = False) -> str:
    """The file's text, or :class:`InvalidFile` saying why it can't be read.

    Read through :func:`recsim.core.files.read_bytes`: regular files of at most
    :data:`MAX_BYTES` only, so a device, a pipe or a huge file is refused, not read.
    An empty file is refused as missing its required keys unless ``allow_empty`` (a
    file that is not YAML, such as a roster, says in its own words what it lacks).
    """
    name = str(path)
    try:
        data = read_bytes(path, MAX_BYTES, what=what)
    except FileRefused as refused:
        raise _whole(name, refused.reason) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidFile(
            [
                Problem(
                    name,
                    line,
                    1,
                    "",
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
                    "save it as UTF-8",
                )
            ]
        ) from None
    if not text.strip() and not allow_empty:
        raise _whole(name, f"is empty; this {what} needs at least its required keys")
    return text


def load_yaml(text: str, file: str, *, aliases: bool = False) -> tuple[Any, Located]:
    """Parse YAML text into plain Python data and the location of every value.

    ``aliases`` allows anchors, aliases and merge keys, for recsim's own content files.
    """
    try:
        # The reader refuses control characters as it starts.
        loader: yaml.SafeLoader = _SharingComposer(text) if aliases else _Composer(text)
    except ReaderError as error:
        raise InvalidFile([_unprintable(text, file, error)]) from None
    try:
        root = loader.get_single_node()
        if root is None:
            raise _whole(file, "holds no YAML document")
        located: Located = {}
        data = _convert(root, (), loader, file, located)
    except _Refused as refused:
        raise InvalidFile([_at(file, refused.mark, refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "unreadable YAML"
        raise InvalidFile([_at(file, mark, f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as error:
        raise _whole(file, f"YAML syntax error: {error}") from None
    except RecursionError:
        raise _whole(file, f"is nested too deeply (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    return data, located


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SHARING_TOKENS = (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)


def glance_yaml(text: str) -> Any:
    """Plain data from YAML text, fast, for a glance at a file (the picker's list).

    Anchors, aliases and tags are refused as :func:`load_yaml` refuses them (``ValueError``),
    found by the C scanner before anything is built, so an alias bomb costs nothing; a file
    that fails here is shown as broken and its full check says where (``yaml.YAMLError``).
    """
    for token in yaml.scan(text, Loader=_FAST_LOADER):
        if isinstance(token, _SHARING_TOKENS):
            raise ValueError("YAML anchors, aliases and tags are not used in scenario files")
    return yaml.load(text, Loader=_FAST_LOADER)


def _convert(
    node: Node, path: tuple[str | int, ...], loader: yaml.SafeLoader, file: str, located: Located
) -> Any:
    if len(path) > MAX_DEPTH:
        raise _Refused(node.start_mark, f"nested too deeply (more than {MAX_DEPTH} levels)")
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace(_CORE, "!!")
        raise _Refused(
            node.start_mark, f"the tag {tag!r} is not allowed; recsim reads plain YAML values only"
        )
    located[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        if isinstance(loader, _SharingComposer):
            result = _merged(node, path, loader, file, located)
        explicit: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge" and isinstance(loader, _SharingComposer):
                continue  # merged above, before the mapping's own keys (as PyYAML does)
            if not isinstance(key_node, ScalarNode) or key_node.tag != _CORE + "str":
                raise _Refused(
                    key_node.start_mark,
                    "keys must be plain words (text), not numbers, lists or mappings",
                )
            key = key_node.value
            if key in explicit:
                first = located.get((*path, key), (0, 0))[0]
                raise _Refused(
                    key_node.start_mark, f"duplicate key {key!r} (first given on line {first})"
                )
            explicit.add(key)
            result[key] = _convert(value_node, (*path, key), loader, file, located)
        return result
    if isinstance(node, SequenceNode):
        return [
            _convert(child, (*path, n), loader, file, located) for n, child in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as error:
        what = "date" if node.tag.endswith("timestamp") else "value"
        raise _Refused(node.start_mark, f"{node.value!r} is not a valid {what} ({error})") from None


def _merged(
    node: MappingNode,
    path: tuple[str | int, ...],
    loader: yaml.SafeLoader,
    file: str,
    located: Located,
) -> dict[str, Any]:
    """The keys a mapping takes from its merge keys (``<<: *name``); the first source wins."""
    merged: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag != _CORE + "merge":
            continue
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                raise _Refused(
                    source.start_mark, "a merge key (<<) takes a mapping or a list of them"
                )
            for key, value in _convert(source, path, loader, file, located).items():
                merged.setdefault(key, value)
    return merged


def _at(file: str, mark: Any, message: str) -> Problem:
    if mark is None:
        return Problem(file, 0, 0, "", message)
    return Problem(file, mark.line + 1, mark.column + 1, "", message)


def _unprintable(text: str, file: str, error: ReaderError) -> Problem:
    """Where the reader met a character YAML forbids (a NUL byte, most control characters)."""
    position = error.position if isinstance(error.position, int) else 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    if error.character == 0:
        message = "contains a NUL byte, which a text file never holds"
    else:
        message = f"contains the control character U+{error.character:04X}, which YAML forbids"
    return Problem(file, line, column, "", f"{message}; delete it, or save the file as UTF-8 text")


def _whole(file: str, message: str) -> InvalidFile:
    return InvalidFile([Problem(file, 0, 0, "", message)])
