"""Generated documents for de-identification practice, with their identifier spans.

A document is drawn from the templates in deid_documents.yaml and filled with
a synthetic cast (patient, relative, household member, employer). Every
identifying value becomes a :class:`Span` of the answer key: where it is in the
text, its Safe Harbor type, and whether it must be removed or may be
generalized. The function is pure: the same seed gives the same document.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from recsim.privacy.deid import Action, IdentifierType, generalized
from recsim.privacy.deid_cast import Value, make_cast
from recsim.privacy.deid_templates import Options, Table, templates

RARE_TYPES: tuple[IdentifierType, ...] = (
    "fax",
    "certificate_license",
    "vehicle",
    "device",
    "url",
    "ip_address",
    "biometric",
    "photograph",
    "other_unique",
)
"""Identifier types a document carries only some of (in its "Other information" part)."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True, slots=True)
class Span:
    """One identifier in a document: the answer key's unit."""

    start: int
    end: int
    type: str
    action: Action
    text: str
    kept: str
    """What a de-identified copy keeps when the action is generalize ("" for remove)."""
    whose: str
    note: str


@dataclass(frozen=True, slots=True)
class Document:
    """A generated document and every identifier in it."""

    kind: str
    title: str
    text: str
    spans: tuple[Span, ...]


def document_kinds() -> tuple[str, ...]:
    """The kinds of document the generator writes."""
    return tuple(templates().kinds)


class _Writer:
    """Builds text while recording where each identifying value lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def put(self, value: Value) -> None:
        if value.type is not None:
            kept = generalized(value.type, value.text) if value.action == "generalize" else None
            self.spans.append(
                Span(
                    self.length,
                    self.length + len(value.text),
                    value.type,
                    value.action,
                    value.text,
                    kept or "",
                    value.whose,
                    value.note,
                )
            )
        self.write(value.text)

    def render(self, template: str, cast: Mapping[str, Value]) -> None:
        at = 0
        for match in _PLACEHOLDER.finditer(template):
            self.write(template[at : match.start()])
            self.put(cast[match.group(1)])
            at = match.end()
        self.write(template[at:])

    def text(self) -> str:
        return "".join(self.parts)


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses."""
    return _PLACEHOLDER.findall(template)


def generate_document(
    seed: int,
    *,
    as_of: date,
    rare: Sequence[str],
    elderly: bool,
    kind: str | None = None,
    locale: str = "en_US",
) -> Document:
    """A document for de-identification practice.

    ``rare`` names which of :data:`RARE_TYPES` it carries; ``elderly`` makes the
    patient 90 or older (so the age and birth date fall under the over-89 rule).
    """
    rng = random.Random(seed)
    data = templates()
    kind = kind or rng.choice(document_kinds())
    spec = data.kinds[kind]
    profile = "elderly" if elderly else "working"
    cast = make_cast(rng, as_of=as_of, elderly=elderly, locale=locale)
    writer = _Writer()
    for number, block in enumerate(spec.blocks):
        if number:
            writer.write("\n")
        if block.text is not None:
            writer.render(_choose(rng, block.text, profile), cast)
        elif block.extras is not None:
            _extras(writer, rng, block.extras, rare, profile, cast)
        elif block.table is not None:
            _table(writer, data.tables[block.table], cast)
    text = writer.text().rstrip("\n") + "\n"
    title = _PLACEHOLDER.sub(lambda m: cast[m.group(1)].text, spec.title)
    return Document(kind, title, text, tuple(writer.spans))


def _choose(rng: random.Random, options: Options, profile: str) -> str:
    if isinstance(options, str):
        return options
    fitting = [o for o in options if isinstance(o, str) or o.when in (None, profile)]
    chosen = rng.choice(fitting)
    return chosen if isinstance(chosen, str) else chosen.text


def _extras(
    writer: _Writer,
    rng: random.Random,
    heading: str,
    rare: Sequence[str],
    profile: str,
    cast: Mapping[str, Value],
) -> None:
    sentences = [
        _choose(rng, templates().extras[kind], profile) for kind in RARE_TYPES if kind in rare
    ]
    if not sentences:
        return
    writer.write(heading + "\n")
    for number, sentence in enumerate(sentences):
        writer.write(" " if number else "")
        writer.render(sentence, cast)
    writer.write("\n")


def _table(writer: _Writer, spec: Table, cast: Mapping[str, Value]) -> None:
    rows: list[list[_Writer]] = []
    for row in spec.rows:
        cells = []
        for template in row:
            cell = _Writer()
            cell.render(template, cast)
            cells.append(cell)
        rows.append(cells)
    headers = list(spec.columns)
    widths = [max(len(h), *(cells[n].length for cells in rows)) for n, h in enumerate(headers)]
    writer.write(spec.heading + "\n")
    writer.write(
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n"
    )
    writer.write("  ".join("-" * w for w in widths) + "\n")
    for cells in rows:
        for number, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            offset = writer.length
            writer.parts.append(cell.text())
            writer.length += cell.length
            writer.spans.extend(
                Span(
                    s.start + offset,
                    s.end + offset,
                    s.type,
                    s.action,
                    s.text,
                    s.kept,
                    s.whose,
                    s.note,
                )
                for s in cell.spans
            )
            if number < len(cells) - 1:
                writer.write(" " * (width - cell.length + 2))
        writer.write("\n")
