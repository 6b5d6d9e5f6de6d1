"""Searching the Alphabetic Index the way a coder reads it: main term, subterms, cross-references.

A query's words (and synonyms, as in :mod:`recsim.coding.search`) are matched
against the path of titles and nonessential modifiers from a main term down
to each entry; the main term must hold one of them, as a coder always starts
from the main term (Guidelines I.A, I.B.1). A "see" reference whose own title
names part of the query is followed (Guidelines I.A.16), and a step such as
"by type" or "by site" takes the subterm the query's other words name
("type 2"); from the entry reached,
subterms the query still names are followed down. When no single entry names
every word but two do, and the tabular list tells the coder to report one with
the other ("use additional code", "code first", e.g. I12.9 with N18.30 for
hypertensive chronic kidney disease stage 3, Guidelines I.C.9.a.2), both are
returned together, the one to sequence first leading.

Ranking: more query words named first; then entries under a main term the
query names by its first word; then fewer title words the query does not name
(the tightest entry); then the shallower entry. "no" in a query reads as the
index's "without".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from recsim.coding.alphabetic import AlphabeticIndex, trail
from recsim.coding.release.index_cache import Part
from recsim.coding.search import Term, prefix_range, word_terms
from recsim.coding.words import tokens, vocabulary

MAX_SCANNED = 6_000
"""Entries looked at per query at most, likeliest main terms first (the largest main terms
have a few thousand entries)."""
MAX_MAINS = 24
"""Main terms scanned per part at most, likeliest first (a query names one or two)."""
RANKED = 150
"""Entries ranked in full at most (path read, words counted): the strongest, in index order."""
PAIRED = 20
"""The best entries tried in pairs (a "use additional code" pair is two strong entries)."""
_NEGATIONS = {"no": "without"}
"""Query words read as the index's own word ("no abnormal findings": "without ...")."""
_CODE = re.compile(
    r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:-([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?))?"
)

_PLAIN = str.maketrans(
    dict.fromkeys('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t', " ") | {"'": None, "\u2019": None}
)
"""Punctuation to spaces and apostrophes out, so a plain title reads as its folded words."""

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
    """Titles from the main term (filled in for the entries returned), then a table column."""
    loose: int
    main: bool
    """Whether the query names the main term's first word (the coder's main term)."""
    depth: int
    order: tuple[int, int]


Seen = list[tuple[int, int, int, str, str]]
"""(mask, part, entry, table code, table heading) of every entry that leads to a code (the
entry's own code is read only for the entries ranked)."""


def search_index(
    index: AlphabeticIndex, query: str, notes: Notes, limit: int = 20
) -> list[IndexHit]:
    """The codes the index leads to for ``query``, best first (pairs as two hits in a row)."""
    # Each word as " word": a word start in a hay of words padded with spaces.
    terms = [_negated(t) for t in word_terms(query)][:12]
    if not terms or limit <= 0:
        return []
    seen: Seen = []
    budget = MAX_SCANNED
    words = _Words(terms)
    for part in range(len(index.parts)):
        for main in _mains(index, part, terms):
            if budget <= 0:
                break
            budget -= _scan(index, part, main, terms, words, seen)
    ranked = _ranked(index, terms, seen, max(limit * 3, 60))
    full = (1 << len(terms)) - 1
    hits = _paired(ranked, full, notes, len(terms))
    for item in ranked:
        if len(hits) >= limit:
            break
        if all(h.code != item.code and h.also != item.code for h in hits):
            hits.append(IndexHit(item.code, trail(item.path), _count(item.mask), len(terms)))
    return hits[:limit]


def _ranked(index: AlphabeticIndex, terms: list[Term], seen: Seen, most: int) -> list[_Found]:
    """The best entry for each code, best first; only the strongest are ranked in full."""
    seen.sort(key=lambda s: (-_count(s[0]), s[1], s[2]))
    best = _count(seen[0][0]) if seen else 0
    named = tuple({w[1:] for t in terms for a in t for w in a})
    stop = vocabulary().stop_words
    found: dict[str, _Found] = {}
    for position, (mask, part, i, code, heading) in enumerate(seen):
        if position >= most and (_count(mask) < best or position >= RANKED):
            break
        data = index.parts[part][1]
        lineage = index.lineage(part, i)
        words = [w for j in lineage for w in _title_words(data.title[j]) if w not in stop]
        loose = sum(1 for w in words if not w.startswith(named))
        main = bool(words) and words[0].startswith(named)
        code = (code or data.code[i]).rstrip("-")
        item = _Found(
            mask, code, [heading] if heading else [], loose, main, len(lineage), (part, i)
        )
        known = found.get(item.code)
        if known is None or _rank(item) < _rank(known):
            found[item.code] = item
    ranked = sorted(found.values(), key=_rank)
    for item in ranked[:most]:
        part, i = item.order
        item.path[:0] = [index.parts[part][1].title[j] for j in index.lineage(part, i)]
    return ranked[:most]


def _negated(term: Term) -> Term:
    return tuple(tuple(" " + _NEGATIONS.get(w, w) for w in alternative) for alternative in term)


def _rank(item: _Found) -> tuple[int, bool, int, int, tuple[int, int]]:
    return (-_count(item.mask), not item.main, item.loose, item.depth, item.order)


def _count(mask: int) -> int:
    return mask.bit_count()


def _mains(index: AlphabeticIndex, part: int, terms: list[Term]) -> list[int]:
    """Main terms holding a word of the query (three letters or more), likeliest first.

    A main term that holds a rare word of the query ("cellulitis") is likelier the coder's
    main term than one that holds a common one ("left"): each term counts one over the
    number of main terms that hold it.
    """
    data = index.parts[part][1]
    mains: dict[int, float] = {}
    for term in terms:
        hit: set[int] = set()
        for alternative in term:
            for needle in alternative:
                word = needle[1:]
                if len(word) < 3:
                    continue
                low, high = prefix_range(data.vocabulary, word)
                hit.update(data.postings[data.postings_at[low] : data.postings_at[high]])
        for main in hit:
            mains[main] = mains.get(main, 0.0) + 1 / len(hit)
    return sorted(mains, key=lambda m: (-mains[m], m))[:MAX_MAINS]


def _title_words(title: str) -> list[str]:
    """A title's words as search sees them (folded; stop words kept)."""
    return title.translate(_PLAIN).lower().split() if title.isascii() else tokens(title)


def _hay(data: Part, i: int, title: str | None = None) -> str:
    """The words of entry ``i``'s title (``title`` when already read) and nonessential
    modifiers, padded with spaces."""
    title = data.title[i] if title is None else title
    text = title.translate(_PLAIN).lower() if title.isascii() else " ".join(tokens(title))
    if data.nemod.has(i):
        nemod = data.nemod[i]
        text += " " + (
            nemod.translate(_PLAIN).lower() if nemod.isascii() else " ".join(tokens(nemod))
        )
    return f" {text} "


def _matches(hay: str, terms: list[Term], mask: int) -> int:
    """``mask`` with the terms ``hay`` (padded with spaces) holds added."""
    for position, term in enumerate(terms):
        bit = 1 << position
        if mask & bit:
            continue
        for alternative in term:
            if alternative[0] in hay and all(w in hay for w in alternative[1:]):
                mask |= bit
                break
    return mask


class _Words:
    """The query's words as bits, so an entry's words are tested once, not its whole path.

    An entry's word bits are its parent's plus the words its own title and modifiers hold; a
    term is named when every word of one of its alternatives is among the bits.
    """

    def __init__(self, terms: list[Term]) -> None:
        self.needles = sorted({w for term in terms for alternative in term for w in alternative})
        bit = {w: 1 << n for n, w in enumerate(self.needles)}
        self.terms = [[sum(bit[w] for w in alt) for alt in term] for term in terms]
        self._named: dict[int, int] = {0: 0}
        self.anywhere = re.compile("|".join(re.escape(w) for w in self.needles))
        """Finds whether a hay holds any query word at all (most hold none)."""
        starts = "|".join(re.escape(w[1:]) for w in self.needles)
        self.in_text = re.compile(f"(?<![a-z0-9])(?:{starts})")
        """The same test on lower-case text before its punctuation is turned to spaces."""

    def own(self, hay: str, have: int) -> int:
        """``have`` plus the words ``hay`` (padded with spaces) holds."""
        for n, needle in enumerate(self.needles):
            if not have >> n & 1 and needle in hay:
                have |= 1 << n
        return have

    def named(self, words: int) -> int:
        """The terms the word bits name, as term bits."""
        found = self._named.get(words)
        if found is None:
            found = 0
            for position, alternatives in enumerate(self.terms):
                if any(alt & words == alt for alt in alternatives):
                    found |= 1 << position
            self._named[words] = found
        return found


def _scan(
    index: AlphabeticIndex, part: int, main: int, terms: list[Term], query: _Words, seen: Seen
) -> int:
    """Note every entry under ``main`` that leads to a code; returns how many were looked at."""
    data = index.parts[part][1]
    stop = max(data.end[main], main + 1)
    have: dict[int, int] = {}
    code, parents = data.code, data.parent
    sees, nemods = data.see.ids_in(main, stop), data.nemod.ids_in(main, stop)
    in_text = query.in_text.search
    titles = data.title.ascii_block(main, stop)
    for i in range(main, stop):
        parent = parents[i] if i != main else -1
        words = have.get(parent, 0)
        title = titles[i - main].lower() if titles else None
        # Most entries hold no query word: a quick test on the plain title says so, and the
        # entry's words are read in full only when it fails (apostrophes need the full read).
        named_here = (
            title is None
            or "'" in title
            or in_text(title) is not None
            or (i in nemods and in_text(data.nemod[i].lower()) is not None)
        )
        if named_here:
            hay = _hay(data, i, titles[i - main] if titles else None)
            named_here = query.anywhere.search(hay) is not None
            if named_here:
                words = query.own(hay, words)
        have[i] = words
        mask = query.named(words)
        if i in sees:
            # A reference is followed when its own title names part of the query ("leg" of
            # "Cellulitis, leg, see Cellulitis, lower limb"), as a coder reading for it would.
            if named_here:
                _follow(index, part, i, terms, mask, seen)
        elif mask and code.has(i):
            seen.append((mask, part, i, "", ""))
        if data.columns and data.cells.has(i):
            for heading, value in zip(data.columns, data.cells[i].split("\t"), strict=False):
                if value:
                    named = _matches(" " + " ".join(tokens(heading)) + " ", terms, mask)
                    seen.append((named, part, i, value, heading))
    return stop - main


def _follow(
    index: AlphabeticIndex, part: int, i: int, terms: list[Term], mask: int, seen: Seen
) -> None:
    """Follow a "see" reference; "by type"/"by site" steps take what the query names."""
    data = index.parts[part][1]
    steps = [tokens(s) for s in data.see[i].split(",")]
    steps = [s for s in steps if s]
    mains = index.mains_named(part, steps[0]) if steps else []
    if not mains:
        return
    at = mains[0]
    hay = _hay(data, at)
    for step in steps[1:]:
        if step[0] == "by":
            choice = _named_child(index, part, at, terms, _matches(hay, terms, mask), hay)
        else:
            choice = index.descend(part, at, step)
        if choice is None:
            return
        at = choice
        hay += _hay(data, at)
    mask = _matches(hay, terms, mask)
    while (choice := _named_child(index, part, at, terms, mask, hay)) is not None:
        at = choice
        hay += _hay(data, at)
        mask = _matches(hay, terms, mask)
    if data.code.has(at):
        seen.append((mask, part, at, "", ""))


def _named_child(
    index: AlphabeticIndex, part: int, at: int, terms: list[Term], mask: int, hay: str
) -> int | None:
    """The subterm that names more of the query, read with the path above it (``hay``)."""
    data = index.parts[part][1]
    best: tuple[int, int] | None = None
    for child in index.children(part, at):
        gained = _matches(hay + _hay(data, child), terms, mask) & ~mask
        if gained and (best is None or _count(gained) > best[1]):
            best = (child, _count(gained))
    return best[0] if best else None


def _paired(ranked: list[_Found], full: int, notes: Notes, terms: int) -> list[IndexHit]:
    """The best entry alone, or with a second the tabular tells the coder to report with it."""
    if not ranked or ranked[0].mask == full:
        return []
    best = _count(ranked[0].mask)
    top = ranked[:PAIRED]
    read: dict[str, tuple[list[str], list[str]]] = {}

    def noted(code: str) -> tuple[list[str], list[str]]:
        if code not in read:
            read[code] = notes(code)
        return read[code]

    for first in top:
        for second in top:
            union = first.mask | second.mask
            if second is first or _count(union) <= best:
                continue
            if _reported_with(first.code, second.code, noted):
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
