"""A coder's search over the whole code set: words in any order, prefixes, codes, synonyms.

A query is split into terms. A term that looks like the start of a code
("S52.5", "e11.2") narrows by code; every other word must match the start of a
word in the entry's title, its inclusion terms, or (for codes that take one)
the meaning of a 7th character. Synonym phrases from ``search_terms.yaml``
give a term alternatives ("heart attack" or "myocardial infarction").

Ranking: complete codes before headings; then entries whose title holds every
term as a whole word, then as a word start, then through an inclusion term;
then the static rank computed when the index was built (shorter titles, so
the tightest match, first; then tabular order). Candidates come from the
posting list of the rarest term and are filtered by plain substring tests,
so a query touches only the entries that can match.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from recsim.coding import index_file
from recsim.coding.model import normalize
from recsim.coding.words import fold, vocabulary

if TYPE_CHECKING:
    from recsim.coding.codeset import CodeSet

_CODE_LIKE = re.compile(r"^[A-Z][0-9][0-9A-Z]?(?:\.[0-9A-Z]{0,4})?$")
_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY = 500
"""Characters of a query that are read; the rest is ignored (a query is a few words)."""
MAX_TERMS = 12
MAX_PHRASES = 32

Alternative = tuple[str, ...]
Term = tuple[Alternative, ...]


@dataclass(frozen=True)
class Hit:
    """One search result before it becomes a :class:`CodeInfo`: entry and optional 7th character."""

    entry: int
    seventh: str | None = None


def search(codes: CodeSet, query: str, limit: int) -> list[Hit]:
    """The best ``limit`` hits for ``query``, best first."""
    if limit <= 0:
        return []
    prefixes, terms = _parse(codes, query[:MAX_QUERY])
    if not terms:
        return _by_code(codes, prefixes[0], limit) if prefixes else []
    return _by_words(codes, prefixes, terms[:MAX_TERMS], limit)


def _parse(codes: CodeSet, query: str) -> tuple[list[str], list[Term]]:
    prefixes: list[str] = []
    plain: list[str] = []
    for token in query.split():
        code = normalize(token)
        if _CODE_LIKE.match(code) and (codes.has_prefix(code) or codes.locate(code) is not None):
            prefixes.append(code)
        else:
            plain.append(token)
    return prefixes, word_terms(" ".join(plain))


def word_terms(text: str) -> list[Term]:
    """The search terms of plain words: folded, stop words out, synonym phrases grouped."""
    stop = vocabulary().stop_words
    return _terms([w for w in _WORD.findall(fold(text)) if w not in stop])


def _terms(query: list[str]) -> list[Term]:
    """Group query words into terms, replacing synonym phrases (longest first) by alternatives."""
    known = vocabulary()
    terms: list[Term] = []
    position = 0
    while position < len(query):
        for size in range(min(known.longest, len(query) - position), 0, -1):
            phrase = tuple(query[position : position + size])
            if phrase in known.synonyms:
                terms.append(known.synonyms[phrase])
                position += size
                break
        else:
            terms.append(((query[position],),))
            position += 1
    return terms


def _by_code(codes: CodeSet, prefix: str, limit: int) -> list[Hit]:
    """Entries whose code starts with ``prefix``: the code, its 7th characters, then by depth."""
    index = codes.index
    exact = codes.locate(prefix)
    hits: list[Hit] = []
    if exact is not None:
        entry, seventh = exact
        hits.append(Hit(entry, seventh))
        if seventh is None:
            hits.extend(Hit(entry, c) for c in index.sevenths[entry])
    rest = (i for i in codes.with_prefix(prefix) if exact is None or i != exact[0])
    hits.extend(
        Hit(i)
        for i in heapq.nsmallest(limit, rest, key=lambda i: (len(index.codes[i]), index.codes[i]))
    )
    return hits[:limit]


def _by_words(codes: CodeSet, prefixes: list[str], terms: list[Term], limit: int) -> list[Hit]:
    index = codes.index
    candidates = _candidates(codes, terms)
    if prefixes:
        candidates = [i for i in candidates if all(index.codes[i].startswith(p) for p in prefixes)]
    candidates.sort(key=index.rank.__getitem__)
    named = [
        f"|{' '.join(words)}|"
        for words in itertools.islice((sum(c, ()) for c in itertools.product(*terms)), MAX_PHRASES)
    ]
    buckets: dict[tuple[int, int], list[Hit]] = {}
    # Codes the classification names for exactly what was typed rank first; they are
    # collected before the scan so that stopping early can never miss one.
    exact = {i for i in candidates if any(p in index.phrases[i] for p in named)} if named else set()
    for i in candidates:
        if i in exact and _level(index.hay[i], index.extra[i], "", terms) is not None:
            group = 0 if index.flags[i] & (index_file.LEAF | index_file.NEEDS_SEVENTH) else 1
            buckets.setdefault((group, -1), []).append(Hit(i))
    headings_start = False
    for i in candidates:
        if i in exact:
            continue
        group = 0 if index.flags[i] & (index_file.LEAF | index_file.NEEDS_SEVENTH) else 1
        if group and not headings_start:
            headings_start = True
            if sum(len(v) for k, v in buckets.items() if k[0] == 0) >= limit:
                break
        level = _level(index.hay[i], index.extra[i], index.seventh_words[i], terms)
        if level is None:
            continue
        if level == 3:
            hits = list(_with_sevenths(codes, i, terms))
            if hits:
                buckets.setdefault((group, 1), []).extend(hits)
            continue
        buckets.setdefault((group, level), []).append(Hit(i))
        if group == 0 and len(buckets.get((0, -1), ())) + len(buckets.get((0, 0), ())) >= limit:
            break
    ordered: list[Hit] = []
    for key in sorted(buckets):
        ordered.extend(buckets[key])
        if len(ordered) >= limit:
            break
    return ordered[:limit]


def _candidates(codes: CodeSet, terms: list[Term]) -> list[int]:
    """Entries that hold the rarest term: union over its alternatives of their rarest word."""

    def cost(alternative: Alternative) -> int:
        return min(codes.postings_size(w) for w in alternative)

    rarest = min(terms, key=lambda term: sum(cost(a) for a in term))
    found: set[int] = set()
    for alternative in rarest:
        word = min(alternative, key=codes.postings_size)
        found.update(codes.postings(word))
    return list(found)


def _level(title: str, extra: str, sevenths: str, terms: list[Term]) -> int | None:
    """How well an entry matches: 0 whole words in the title, 1 word starts in the title,
    2 through an inclusion term, 3 only with a 7th character's meaning; None: no match."""
    title, extra, sevenths = f" {title} ", f" {extra} ", f" {sevenths} "
    worst = 0
    for term in terms:
        best: int | None = None
        for alternative in term:
            level = 0
            for word in alternative:
                if f" {word} " in title:
                    continue
                if f" {word}" in title:
                    level = max(level, 1)
                elif f" {word}" in extra:
                    level = max(level, 2)
                elif f" {word}" in sevenths:
                    level = 3
                else:
                    break
            else:
                best = level if best is None else min(best, level)
        if best is None:
            return None
        worst = max(worst, best)
    return worst


def _with_sevenths(codes: CodeSet, entry: int, terms: list[Term]) -> Iterator[Hit]:
    """The extended codes of ``entry`` whose 7th character's meaning supplies the missing words."""
    index = codes.index
    meanings = codes.seventh_words(entry)
    for char in index.sevenths[entry]:
        meaning = meanings.get(char, "")
        if _level(index.hay[entry] + " " + meaning, index.extra[entry], "", terms) is not None:
            yield Hit(entry, char)


def prefix_range(sorted_words: Sequence[str], prefix: str) -> tuple[int, int]:
    """The slice of ``sorted_words`` that starts with ``prefix``."""
    low = bisect_left(sorted_words, prefix)
    high = bisect_left(sorted_words, prefix + "\U0010ffff", low)
    return low, high
