"""Names a scenario may use that are defined by a task kind's own content file.

The audit error kinds, the release archetypes, the trap kinds and the like are keys
of a section of the kind's YAML content. A block field typed
``Annotated[str, CatalogName(package, file, section)]`` accepts exactly those keys:
the content file is the one list, and the JSON Schema's ``enum`` is read from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema


@cache
def _section(package: str, file: str, section: str) -> dict[str, Any]:
    text = resources.files(package).joinpath(file).read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    entries: dict[str, Any] = data[section]
    return entries


def catalog_names(package: str, file: str, section: str) -> tuple[str, ...]:
    """The keys of ``section`` in a content file shipped in ``package``, in file order."""
    return tuple(_section(package, file, section))


@dataclass(frozen=True)
class CatalogName:
    """A text field whose value must be one of a content file's names."""

    package: str
    file: str
    section: str

    @property
    def names(self) -> tuple[str, ...]:
        return catalog_names(self.package, self.file, self.section)

    def title(self, name: str) -> str | None:
        """The entry's ``title`` in the content file (its name in the trainee's words), if any."""
        entry = _section(self.package, self.file, self.section).get(name)
        title = entry.get("title") if isinstance(entry, dict) else None
        return str(title) if title else None

    def _check(self, value: str) -> str:
        names = self.names
        if value not in names:
            # The same error a Literal gives, so the located message and its "did you mean"
            # (recsim.core.scenario.load) read exactly as before.
            expected = ", ".join(f"'{name}'" for name in names)
            raise PydanticCustomError(
                "literal_error",
                "Input should be {expected}",
                {"expected": expected},
            )
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"enum": list(self.names), "type": "string"}
