"""The glossary of health information management terms shown on screen (glossary.yaml).

Each entry says what an abbreviation stands for, what the term means in plain words,
and where it is defined, so a student can look it up at the source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pydantic import Field

from recsim.core.content import load_content
from recsim.core.model import ContentModel


class TermEntry(ContentModel):
    """One term of the glossary."""

    stands_for: str | None = None
    """What the abbreviation stands for (none for a term that is not one)."""
    means: str = Field(min_length=1)
    """A short plain definition, in recsim's own words."""
    source: str = Field(min_length=1)
    """Where the term is defined: a regulation's paragraph, a guideline's section, a manual."""


class GlossaryFile(ContentModel):
    """glossary.yaml: term as the screen writes it -> its entry."""

    terms: dict[str, TermEntry] = Field(min_length=1)


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry as the screens show it (text on one line each)."""

    term: str
    stands_for: str
    means: str
    source: str

    def matches(self, query: str) -> bool:
        """Whether every word of ``query`` appears in the term, its expansion or its meaning."""
        text = f"{self.term} {self.stands_for} {self.means}".casefold()
        return all(word in text for word in query.casefold().split())


@cache
def glossary() -> tuple[Term, ...]:
    """Every term, in alphabetical order (case ignored)."""
    entries = load_content(__package__ or "recsim.core", "glossary.yaml", GlossaryFile).terms
    terms = (
        Term(
            name,
            " ".join((entry.stands_for or "").split()),
            " ".join(entry.means.split()),
            " ".join(entry.source.split()),
        )
        for name, entry in entries.items()
    )
    return tuple(sorted(terms, key=lambda t: t.term.casefold()))


def search(query: str) -> list[Term]:
    """The terms matching ``query``, best first.

    The term named by the query, then the one it spells out, then terms whose name or
    expansion holds it, then those that only mention it in their meaning.
    """
    wanted = " ".join(query.split()).casefold()

    def rank(term: Term) -> tuple[bool, bool, bool]:
        name, expansion = term.term.casefold(), term.stands_for.casefold()
        return (name != wanted, expansion != wanted, wanted not in f"{name} {expansion}")

    return sorted((term for term in glossary() if term.matches(query)), key=rank)
