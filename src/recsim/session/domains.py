"""Exam content domains: which part of the CCA and RHIT exams each finding topic belongs to.

The mapping is data (``domains.yaml`` beside this module, citing the published outlines);
this module reads it and answers "which domains is this topic of this kind in?".
"""

from __future__ import annotations

from functools import cache

from pydantic import Field, model_validator

from recsim.core.content import load_content
from recsim.core.model import ContentModel


class Exam(ContentModel):
    """One certification exam."""

    title: str = Field(min_length=1)
    outline: str = Field(min_length=1)
    """The published content outline the domain names come from (title and year)."""


class Domain(ContentModel):
    """One content domain of an exam outline."""

    exam: str
    title: str = Field(min_length=1)


class KindDomains(ContentModel):
    """Where one task kind's topics fall."""

    default: list[str] = Field(min_length=1)
    """Domains of every topic of the kind not listed below."""
    topics: dict[str, list[str]] = Field(default_factory=dict)
    """Domains of a single topic."""
    prefixes: dict[str, list[str]] = Field(default_factory=dict)
    """Domains of every topic starting with the prefix."""


class DomainsFile(ContentModel):
    """``domains.yaml``."""

    exams: dict[str, Exam]
    domains: dict[str, Domain]
    kinds: dict[str, KindDomains]

    @model_validator(mode="after")
    def _known_names(self) -> DomainsFile:
        for name, domain in self.domains.items():
            if domain.exam not in self.exams:
                raise ValueError(f"domain {name}: no exam named {domain.exam!r}")
        for kind, entry in self.kinds.items():
            lists = [entry.default, *entry.topics.values(), *entry.prefixes.values()]
            for names in lists:
                unknown = [name for name in names if name not in self.domains]
                if unknown or not names:
                    raise ValueError(f"kind {kind}: unknown or no domains {unknown}")
        return self


@cache
def domains_file() -> DomainsFile:
    """The shipped mapping (read once)."""
    return load_content("recsim.session", "domains.yaml", DomainsFile)


def topic_domains(kind: str, topic: str) -> tuple[str, ...]:
    """The domains (ids) a topic of a kind belongs to; none for a kind the file does not map."""
    entry = domains_file().kinds.get(kind)
    if entry is None:
        return ()
    if topic in entry.topics:
        return tuple(entry.topics[topic])
    for prefix, names in entry.prefixes.items():
        if topic.startswith(prefix):
            return tuple(names)
    return tuple(entry.default)


def domain_title(domain: str) -> str:
    """``RHIT: Revenue cycle management``."""
    found = domains_file()
    entry = found.domains[domain]
    return f"{found.exams[entry.exam].title}: {entry.title}"


def kind_of_item(item_id: str) -> str:
    """The kind of an item from its id (``audit-3`` -> ``audit``)."""
    return item_id.rpartition("-")[0] or item_id
