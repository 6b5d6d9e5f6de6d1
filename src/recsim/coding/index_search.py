"""Searching the Alphabetic Index the way a coder reads it: main term, subterms, cross-references.

A query's words (and synonyms, as in :mod:`recsim.coding.search`) are matched
against the path of titles and nonessential modifiers from a main term down
to each entry; the main term must hold one of them, as a coder always starts
from the main term (Guidelines I.A, I.B.1). A "see" reference is followed
(Guidelines I.A.16) and an instruction such as "by type" or "by site" takes
the subterm the query's other words name ("type 2"); from the entry reached,
subterms the query still names are followed down. When no single entry names
every word but two do, and the tabular list tells the coder to report one with
the other ("use additional code", "code first", e.g. I12.9 with N18.30 for
hypertensive chronic kidney disease stage 3, Guidelines I.C.9.a.2), both are
returned together, the one to sequence first leading.

Ranking: more query words named first; then fewer title words the query does
not name (the tightest entry); then the shallower entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from recsim.coding.alphabetic import AlphabeticIndex, tokens, trail
from recsim.coding.search import Term, prefix_range, word_terms

MAX_SCANNED = 40_000
"""Entries looked at per query at most (the largest main terms have a few thousand)."""
_NEGATIONS = {"no": "without", "negative": "without"}
_CODE = re.compile(
    r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:-([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?))?"
)

Notes = Callable[[str], tuple[list[str], list[str]]]
"""A code's tabular notes: (use additional / code also texts, code first texts)."""


@dataclass(frozen=True)
class IndexHit:
    """A code the index leads to, the path that leads there and what it names of the query."""

    code: str
    path: str
    named: int
    """How many of the query's terms the path names."""
    terms: int
    also: str = ""
    """A second code reported with this one (the pair of a "use additional code" note)."""


@dataclass
class _Found:
    mask: int
    code: str
    path: list[str]
    loose: int
    depth: int
    order: tuple[int, int]


def search_index(
    index: AlphabeticIndex, query: str, notes: Notes, limit: int = 20
) -> list[IndexHit]:
    """The codes the index leads to for ``query``, best first (pairs as two hits in a row)."""
    terms = [_negated(t) for t in word_terms(query)][:12]
    if not terms or limit <= 0:
        return []
    found: dict[str, _Found] = {}
    budget = MAX_SCANNED
    for part in range(len(index.parts)):
        for main in _mains(index, part, terms):
            budget -= _scan(index, part, main, terms, found)
            if budget <= 0:
                break
    ranked = sorted(found.values(), key=_rank)
    full = (1 << len(terms)) - 1
    hits = _paired(ranked, full, notes, len(terms))
    for item in ranked:
        if len(hits) >= limit:
            break
        if all(h.code != item.code and h.also != item.code for h in hits):
            hits.append(IndexHit(item.code, trail(item.path), _count(item.mask), len(terms)))
    return hits[:limit]


def _negated(term: Term) -> Term:
    return tuple(tuple(_NEGATIONS.get(w, w) for w in alternative) for alternative in term)


def _rank(item: _Found) -> tuple[int, int, int, tuple[int, int]]:
    return (-_count(item.mask), item.loose, item.depth, item.order)


def _count(mask: int) -> int:
    return bin(mask).count("1")


def _mains(index: AlphabeticIndex, part: int, terms: list[Term]) -> list[int]:
    """Main terms holding a word of the query (words of three letters or more)."""
    data = index.parts[part][1]
    mains: dict[int, int] = {}
    for term in terms:
        hit: set[int] = set()
        for alternative in term:
            for word in alternative:
                if len(word) < 3:
                    continue
                low, high = prefix_range(data.vocabulary, word)
                hit.update(data.postings[data.postings_at[low] : data.postings_at[high]])
        for main in hit:
            mains[main] = mains.get(main, 0) + 1
    return sorted(mains, key=lambda m: (-mains[m], m))


def _matches(hay: str, terms: list[Term], mask: int) -> int:
    """``mask`` with the terms ``hay`` (padded with spaces) holds added."""
    for position, term in enumerate(terms):
        bit = 1 << position
        if mask & bit:
            continue
        for alternative in term:
            if all(f" {w}" in hay for w in alternative):
                mask |= bit
                break
    return mask


def _scan(
    index: AlphabeticIndex, part: int, main: int, terms: list[Term], found: dict[str, _Found]
) -> int:
    """Score every entry under ``main``; returns how many were looked at."""
    data = index.parts[part][1]
    hays: dict[int, str] = {}
    masks: dict[int, int] = {-1: 0}
    stop = data.end[main]
    for i in range(main, stop):
        parent = data.parent[i] if i != main else -1
        hay = f"{hays.get(parent, ' ')}{data.hay[i]} "
        hays[i] = hay
        masks[i] = mask = _matches(hay, terms, masks[parent])
        if data.see[i]:
            _follow(index, part, i, terms, mask, found)
        elif data.code[i]:
            _keep(index, part, i, mask, terms, found)
        if data.columns and data.cells[i]:
            _cells(index, part, i, terms, mask, found)
    return stop - main


def _keep(
    index: AlphabeticIndex,
    part: int,
    i: int,
    mask: int,
    terms: list[Term],
    found: dict[str, _Found],
    code: str | None = None,
    extra: list[str] | None = None,
) -> None:
    data = index.parts[part][1]
    lineage = index.lineage(part, i)
    path = [data.title[j] for j in lineage] + (extra or [])
    code = (code or data.code[i]).rstrip("-")
    words = [w for title in path for w in tokens(title) if w not in ("with", "without", "and")]
    named = {w for t in terms for a in t for w in a}
    loose = sum(1 for w in words if not any(w.startswith(n) for n in named))
    item = _Found(mask, code, path, loose, len(lineage), (part, i))
    known = found.get(code)
    if known is None or _rank(item) < _rank(known):
        found[code] = item


def _cells(
    index: AlphabeticIndex,
    part: int,
    i: int,
    terms: list[Term],
    mask: int,
    found: dict[str, _Found],
) -> None:
    """A table row: each filled column is a hit, its heading's words named too."""
    data = index.parts[part][1]
    for heading, value in zip(data.columns, data.cells[i].split("\t"), strict=False):
        if value:
            heading_hay = " " + " ".join(tokens(heading)) + " "
            _keep(
                index, part, i, _matches(heading_hay, terms, mask), terms, found, value, [heading]
            )


def _follow(
    index: AlphabeticIndex,
    part: int,
    i: int,
    terms: list[Term],
    mask: int,
    found: dict[str, _Found],
) -> None:
    """Follow a "see" reference; "by type"/"by site" steps take what the query names."""
    data = index.parts[part][1]
    steps = [tokens(s) for s in data.see[i].split(",")]
    steps = [s for s in steps if s]
    if not steps:
        return
    mains = index.mains_named(part, steps[0])
    if not mains:
        return
    at = mains[0]
    hay = f" {data.hay[at]} "
    for step in steps[1:]:
        if step[0] == "by":
            choice = _named_child(index, part, at, terms, _matches(hay, terms, mask), hay)
            if choice is None:
                return
            at = choice
        else:
            reached = index.descend(part, at, step)
            if reached is None:
                return
            at = reached
        hay += f"{data.hay[at]} "
    mask = _matches(hay, terms, mask)
    while (choice := _named_child(index, part, at, terms, mask, hay)) is not None:
        at = choice
        hay += f"{data.hay[at]} "
        mask = _matches(hay, terms, mask)
    if data.code[at]:
        _keep(index, part, at, mask, terms, found)


def _named_child(
    index: AlphabeticIndex, part: int, at: int, terms: list[Term], mask: int, hay: str
) -> int | None:
    """The subterm that names more of the query, read with the path above it (``hay``)."""
    data = index.parts[part][1]
    best: tuple[int, int] | None = None
    for child in index.children(part, at):
        gained = _matches(f"{hay}{data.hay[child]} ", terms, mask) & ~mask
        if gained and (best is None or _count(gained) > best[1]):
            best = (child, _count(gained))
    return best[0] if best else None


def _paired(ranked: list[_Found], full: int, notes: Notes, terms: int) -> list[IndexHit]:
    """The best entry alone, or with a second the tabular tells the coder to report with it."""
    if not ranked or ranked[0].mask == full:
        return []
    best_mask = ranked[0].mask
    top = ranked[:40]
    for first in top:
        for second in top:
            union = first.mask | second.mask
            if second is first or _count(union) <= _count(best_mask):
                continue
            if _reported_with(first.code, second.code, notes):
                return [
                    IndexHit(first.code, trail(first.path), _count(union), terms, second.code),
                    IndexHit(second.code, trail(second.path), _count(union), terms),
                ]
    return []


def _reported_with(first: str, second: str, notes: Notes) -> bool:
    """Whether the tabular says to add ``second`` to ``first`` (or to code ``first`` first)."""
    additional, _ = notes(first)
    _, code_first = notes(second)
    return any(_names(text, second) for text in additional) or any(
        _names(text, first) for text in code_first
    )


def _names(text: str, code: str) -> bool:
    for low, high in _CODE.findall(text):
        if not high:
            if code.startswith(low.rstrip(".")):
                return True
        elif low <= code[: len(low)] and code[: len(high)] <= high:
            return True
    return False
