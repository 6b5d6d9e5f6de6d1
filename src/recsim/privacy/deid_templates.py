"""The model of deid_documents.yaml: the templates de-identification documents are written from.

recsim.privacy.deid_documents fills them with a synthetic cast; every identifying
placeholder becomes a span of the answer key.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel
from recsim.privacy.deid import IdentifierType


class TextOption(ContentModel):
    """One alternative of a text block, for one kind of patient or any."""

    text: str = Field(min_length=1)
    """The template; {placeholders} are filled from the cast."""
    when: Literal["working", "elderly"] | None = None
    """working (aged 19-64, with an employer) or elderly (90 or older); any patient if not given."""


Options = str | list[str | TextOption]
"""A template, or alternatives one of which is drawn."""


class Block(ContentModel):
    """One block of a document: text, the rarer identifiers' sentences, or a table."""

    text: Options | None = None
    """A template or its alternatives."""
    extras: str | None = None
    """The heading over one sentence for each rarer identifier type the document carries."""
    table: str | None = None
    """The name of a table in ``tables``."""

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        given = [name for name in ("text", "extras", "table") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("a block has exactly one of text, extras or table")
        return self


class DocumentKind(ContentModel):
    """A kind of document: its title and blocks, rendered in order."""

    title: str = Field(min_length=1)
    """The document's title (a template)."""
    blocks: list[Block] = Field(min_length=1)


class Table(ContentModel):
    """A small table a document may hold."""

    heading: str = Field(min_length=1)
    columns: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)
    """Cell templates, one list per row, as many as there are columns."""

    @model_validator(mode="after")
    def _full_rows(self) -> Table:
        if any(len(row) != len(self.columns) for row in self.rows):
            raise ValueError(f"every row needs {len(self.columns)} cells, one per column")
        return self


class Condition(ContentModel):
    """A reportable condition a document is about (everything clinical a copy keeps)."""

    name: str = Field(min_length=1)
    in_text: str = Field(min_length=1)
    """How a sentence names it."""
    code: str = Field(pattern=r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
    """A billable ICD-10-CM FY2026 code."""
    symptoms: str = Field(min_length=1)
    test: str = Field(min_length=1)
    result: str = Field(min_length=1)
    reference: str = Field(min_length=1)
    """The test's normal result."""
    treatment: str = Field(min_length=1)
    dose: str = Field(min_length=1)
    exposure: str = Field(min_length=1)
    """How the patient was exposed, as a sentence's predicate."""


class DocumentsFile(ContentModel):
    """deid_documents.yaml: conditions, casts' details, document kinds, tables and extras."""

    conditions: list[Condition] = Field(min_length=1)
    occupations: list[str] = Field(min_length=1)
    tattoos: list[str] = Field(min_length=1)
    """Descriptions of a distinguishing mark (an "other unique" identifier)."""
    kinds: dict[str, DocumentKind] = Field(min_length=1)
    """Document kind -> its template."""
    tables: dict[str, Table]
    """Table name -> the table."""
    extras: dict[IdentifierType, list[str | TextOption]]
    """Rarer identifier type -> the sentences that can carry it."""

    @model_validator(mode="after")
    def _known_tables(self) -> DocumentsFile:
        for name, kind in self.kinds.items():
            for block in kind.blocks:
                if block.table is not None and block.table not in self.tables:
                    raise ValueError(f"{name} uses the table {block.table!r}, not one of tables")
        return self


@cache
def templates() -> DocumentsFile:
    """The document templates (deid_documents.yaml)."""
    return load_content(__package__, "deid_documents.yaml", DocumentsFile)
