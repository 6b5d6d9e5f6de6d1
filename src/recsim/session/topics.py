"""A finding's topic in the trainee's words.

A kind whose topics are entries of its content file (the audit's error kinds, the
deficiency kinds) exports ``TOPICS``, a :class:`~recsim.core.scenario.catalog.CatalogName`
whose entries carry a ``title``; every other topic is read out from its id.
"""

from __future__ import annotations

from importlib import import_module

from recsim.core.scenario.catalog import CatalogName
from recsim.session.kinds import KINDS
from recsim.tasks.words import ABBREVIATIONS

_TERMS = {
    **ABBREVIATIONS,
    "icd": "ICD",
    "deid": "de-identification:",
    "dob": "date of birth",
    "drg": "MS-DRG",
    "poa": "present-on-admission (POA) indicator",
    "pcs": "ICD-10-PCS",
    "phi": "PHI",
    "roi": "release of information",
}


def topic_words(topic: str) -> str:
    """A finding's topic as a trainee reads it: the kind's own title for it where it has one
    (``invalid_mrn`` -> the title the flag dialog lists), else its words."""
    for module in KINDS.values():
        topics: CatalogName | None = getattr(import_module(module), "TOPICS", None)
        title = topics.title(topic) if topics is not None else None
        if title:
            return title
    words = " ".join(_TERMS.get(part, part) for part in topic.split("_"))
    return words[:1].upper() + words[1:]
