"""Words as search sees them: folded to plain lower-case ASCII, without stop words.

The same function turns the tabular list's text into index words (when the
index is built) and a coder's query into search words, so "Sjögren's" typed as
"sjogren" or "sjögrens" finds the same entries. The vocabulary (stop words and
synonyms) is data: ``data/search_terms.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from recsim.coding.content import SearchTermsFile
from recsim.core.content import load_content

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped, apostrophes closed up (alzheimer's -> alzheimers)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("'", "").replace("\u2019", "")


def tokens(text: str) -> list[str]:
    """Every word of ``text``, folded, stop words kept (for matching index titles)."""
    return _WORD.findall(fold(text))


def words(text: str) -> list[str]:
    """The searchable words of ``text``, in order, stop words left out."""
    stop = vocabulary().stop_words
    return [w for w in _WORD.findall(fold(text)) if w not in stop]


@dataclass(frozen=True)
class Vocabulary:
    """Stop words and synonym groups from ``search_terms.yaml``."""

    stop_words: frozenset[str]
    synonyms: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
    """A phrase (as words) -> every phrase of its groups, itself included."""
    longest: int
    """The most words in one synonym phrase."""


@cache
def vocabulary() -> Vocabulary:
    """The search vocabulary shipped with recsim (read once)."""
    data = load_content("recsim.coding", "data/search_terms.yaml", SearchTermsFile)
    stop = frozenset(data["stop_words"])
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for group in data["synonyms"]:
        phrases = [tuple(w for w in _WORD.findall(fold(p)) if w not in stop) for p in group]
        for phrase in phrases:
            known = groups.setdefault(phrase, [])
            known.extend(p for p in phrases if p not in known)
    synonyms = {phrase: tuple(alternatives) for phrase, alternatives in groups.items()}
    return Vocabulary(stop, synonyms, max(len(p) for p in synonyms))
