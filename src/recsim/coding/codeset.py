"""The FY2026 ICD-10-CM code set: look codes up, walk the hierarchy, search.

:func:`codeset` returns the one :class:`CodeSet` of the process. The first
call on a machine builds the index into the cache folder (a few seconds, with
progress messages); every later call loads it in milliseconds. A missing,
stale or damaged index is rebuilt, so deleting the cache is always safe.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recsim.coding import index_file
from recsim.coding.entry_info import entry_info
from recsim.coding.index_file import Index, IndexDamaged
from recsim.coding.model import CodeInfo, normalize
from recsim.coding.search import _CODE_LIKE, prefix_range, search
from recsim.coding.tabular import SourceMissing, find_source
from recsim.coding.words import words
from recsim.core.paths import cache_dir

if TYPE_CHECKING:
    from recsim.coding.index_search import IndexHit

Progress = Callable[[str], None]


class CodeSetUnavailable(Exception):
    """The code set cannot be loaded or built; the message says why and what to do."""


class CodeSet:
    """Every chapter, block and code of ICD-10-CM FY2026, with search."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._ids: dict[str, int] = {}
        for i, code in enumerate(index.codes):
            # A block of one category shares its name (B10): the code wins a lookup.
            if code not in self._ids or index.flags[i] >> index_file.TAG_SHIFT == 2:
                self._ids[code] = i
        self._sorted_codes: list[str] | None = None
        self._details: dict[int, dict[str, Any]] = {}
        self._infos: dict[str, CodeInfo] = {}
        self._folded: dict[int, dict[str, str]] = {}
        self._lock = threading.Lock()

    @property
    def billable_count(self) -> int:
        """How many codes can go on a claim (74,736 in the April 2026 release)."""
        return int(self.index.header.get("billable", 0))

    @property
    def source(self) -> str:
        """Which release the index was built from (package version and data file sizes)."""
        return str(self.index.header.get("source", ""))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.locate(normalize(code)) is not None

    def get(self, code: str) -> CodeInfo | None:
        """The entry for ``code`` (typed any way: "e1122", "E11.22 "), or None if there is none."""
        normal = normalize(code)
        known = self._infos.get(normal)
        if known is not None:
            return known
        place = self.locate(normal)
        if place is None:
            return None
        info = self._info(*place)
        with self._lock:
            self._infos[normal] = info
        return info

    def search(self, query: str, limit: int = 20) -> list[CodeInfo]:
        """A coder's search: words in any order, word starts, code starts, synonyms; best first.

        With the Alphabetic Index added (``recsim codes add``), the codes the index leads
        to for every word of the query come first, then the tabular titles' matches.
        """
        limit = max(0, min(int(limit), 10_000))
        hits = search(self, str(query), limit)
        found = [self._info(hit.entry, hit.seventh) for hit in hits]
        led = self.index_search(query, limit)
        if not led:
            return found
        first = [info for hit in led if hit.named == hit.terms for info in self._hit_info(hit)]
        rest = [info for hit in led if hit.named < hit.terms for info in self._hit_info(hit)]
        merged: dict[str, CodeInfo] = {}
        for info in [*first, *found, *rest]:
            merged.setdefault(info.code, info)
        return list(merged.values())[:limit]

    def index_search(self, query: str, limit: int = 20) -> list[IndexHit]:
        """The codes the Alphabetic Index leads to for a query of words (none without it)."""
        from recsim.coding.alphabetic import alphabetic_index, guarded
        from recsim.coding.index_search import search_index

        index = alphabetic_index().index
        if index is None or any(
            _CODE_LIKE.match(normalize(t)) and self.has_prefix(normalize(t)) for t in query.split()
        ):
            return []
        return guarded(lambda: search_index(index, str(query)[:500], self._notes, limit), [])

    def _hit_info(self, hit: IndexHit) -> list[CodeInfo]:
        infos = [self.get(code) for code in (hit.code, hit.also) if code]
        return [info for info in infos if info is not None]

    def _notes(self, code: str) -> tuple[list[str], list[str]]:
        info = self.get(code)
        if info is None:
            return [], []
        additional = [n.text for n in (*info.use_additional, *info.code_also)]
        return additional, [n.text for n in info.code_first]

    def ancestors(self, code: str) -> list[CodeInfo]:
        """The chapter, block, category ... down to the entry's parent (empty if unknown)."""
        place = self.locate(normalize(code))
        if place is None:
            return []
        entry, seventh = place
        chain = [self._info(entry, None)] if seventh is not None else []
        i = self.index.parent[entry]
        while i >= 0 and len(chain) < 12:
            chain.append(self._info(i, None))
            i = self.index.parent[i]
        return chain[::-1]

    def children(self, code: str) -> list[CodeInfo]:
        """The entries one level below, in tabular order (7th-character codes for S52.501)."""
        place = self.locate(normalize(code))
        if place is None or place[1] is not None:
            return []
        entry = place[0]
        if self.index.sevenths[entry]:
            return [self._info(entry, c) for c in self.index.sevenths[entry]]
        below = []
        # Entries are in pre-order: the subtree ends at the first entry whose parent lies above it.
        for i in range(entry + 1, len(self.index.codes)):
            parent = self.index.parent[i]
            if parent < entry:
                break
            if parent == entry:
                below.append(self._info(i, None))
        return below

    def complete_codes_under(self, code: str, limit: int = 3) -> list[CodeInfo]:
        """The first ``limit`` complete (billable) codes below a heading, in tabular order.

        A code that needs a 7th character counts once, with its first 7th
        character (S52.501A), so the examples show different codes rather than
        one code's encounter types.
        """
        place = self.locate(normalize(code))
        if place is None or place[1] is not None or limit <= 0:
            return []
        entry = place[0]
        index = self.index
        found: list[CodeInfo] = []
        # Entries are in pre-order: the subtree ends at the first entry whose parent lies above it.
        for i in range(entry + 1, len(index.codes)):
            if index.parent[i] < entry:
                break
            if index.sevenths[i]:
                found.append(self._info(i, index.sevenths[i][0]))
            elif index.flags[i] & index_file.LEAF and self.tag(i) == "diag":
                found.append(self._info(i, None))
            if len(found) >= limit:
                break
        return found

    # -- what search and the edits use -----------------------------------------------------

    def locate(self, code: str) -> tuple[int, str | None] | None:
        """(entry, 7th character) for a normalized code; a 7th-character code maps to its heading.

        A code without a 7th character gives (entry, None).
        """
        entry = self._ids.get(code)
        if entry is not None:
            return entry, None
        if len(code) == 8 and code[3] == ".":
            head, char = code[:7], code[7]
            for size in range(7, 2, -1):
                base = head[:size].rstrip(".")
                if head[size:].strip("X"):
                    break
                found = self._ids.get(base)
                if found is not None and char in self.index.sevenths[found]:
                    return found, char
        return None

    def has_prefix(self, prefix: str) -> bool:
        low, high = prefix_range(self._codes_sorted(), prefix)
        return high > low

    def with_prefix(self, prefix: str) -> Iterator[int]:
        """Entries whose code starts with ``prefix`` (codes only, not blocks or chapters)."""
        low, high = prefix_range(self._codes_sorted(), prefix)
        for position in range(low, high):
            i = self.index.by_code[position]
            if self.index.flags[i] >> index_file.TAG_SHIFT == 2:
                yield i

    def postings_size(self, word: str) -> int:
        low, high = prefix_range(self.index.vocabulary, word)
        return self.index.postings_at[high] - self.index.postings_at[low]

    def postings(self, word: str) -> array[int]:
        low, high = prefix_range(self.index.vocabulary, word)
        return self.index.postings[self.index.postings_at[low] : self.index.postings_at[high]]

    def seventh_meanings(self, entry: int) -> dict[str, str]:
        """The 7th-character definitions that apply to ``entry`` (nearest definition above it)."""
        i = entry
        while i >= 0:
            own = self.details_of(i).get("seventh")
            if isinstance(own, dict) and own:
                return {str(k): str(v) for k, v in own.items()}
            i = self.index.parent[i]
        return {}

    def seventh_words(self, entry: int) -> dict[str, str]:
        """The 7th-character meanings as search words (cached per definition)."""
        key = self._seventh_owner(entry)
        found = self._folded.get(key)
        if found is None:
            found = {c: " ".join(words(m)) for c, m in self.seventh_meanings(entry).items()}
            self._folded[key] = found
        return found

    def _seventh_owner(self, entry: int) -> int:
        i = entry
        while i >= 0:
            if self.details_of(i).get("seventh"):
                return i
            i = self.index.parent[i]
        return -1

    # -- reading the index -------------------------------------------------------------------

    def _codes_sorted(self) -> list[str]:
        if self._sorted_codes is None:
            codes = self.index.codes
            self._sorted_codes = [codes[i] for i in self.index.by_code]
        return self._sorted_codes

    def details_of(self, entry: int) -> dict[str, Any]:
        """The stored details of ``entry``: notes, inclusion terms, 7th characters."""
        found = self._details.get(entry)
        if found is None:
            try:
                found = self.index.details_of(entry)
            except IndexDamaged as damaged:
                raise CodeSetUnavailable(
                    f"the ICD-10-CM index is damaged ({damaged}); "
                    f"delete the files in {cache_dir()} and recsim rebuilds it"
                ) from None
            self._details[entry] = found
        return found

    def _info(self, entry: int, seventh: str | None) -> CodeInfo:
        return entry_info(self, entry, seventh)

    def tag(self, entry: int) -> str:
        """The kind of entry: chapter, section (a block) or diag (a code or heading)."""
        return index_file.TAGS[self.index.flags[entry] >> index_file.TAG_SHIFT]


# -- the one code set of the process -------------------------------------------------------

_loaded: CodeSet | None = None
_loading = threading.Lock()


def index_path() -> Path:
    """Where the index lives: the cache folder, named for the package and format versions."""
    source = find_source()
    return cache_dir() / f"icd10cm-{source.version}-format{index_file.FORMAT}.index"


def codeset(progress: Progress | None = None) -> CodeSet:
    """The ICD-10-CM FY2026 code set, loaded once per process (built on first use)."""
    global _loaded
    if _loaded is not None:
        return _loaded
    with _loading:
        if _loaded is None:
            _loaded = load(progress or (lambda message: None))
        return _loaded


def load(progress: Progress, folder: Path | None = None) -> CodeSet:
    """Load the index from ``folder`` (default: the cache folder), building it if it has to."""
    from recsim.coding.build import build

    try:
        source = find_source()
    except SourceMissing as missing:
        raise CodeSetUnavailable(str(missing)) from None
    name = f"icd10cm-{source.version}-format{index_file.FORMAT}.index"
    path = (folder or cache_dir()) / name
    expected = {"source": source.stamp}
    try:
        return CodeSet(index_file.read(path, expected))
    except IndexDamaged as damaged:
        reason = str(damaged)
    progress(f"Building the ICD-10-CM FY2026 index: {reason} (this happens once; a few seconds)...")
    try:
        build(path, source, progress)
        _remove_older(path)
    except SourceMissing as missing:
        raise CodeSetUnavailable(str(missing)) from None
    except OSError as error:
        # A read-only or full cache folder must not stop a trainee: build for this run only.
        progress(
            f"Could not save the index in {path.parent} ({error.strerror or error}); "
            "using a temporary copy, rebuilt next time."
        )
        with tempfile.TemporaryDirectory(prefix="recsim-") as scratch:
            path = Path(scratch) / name
            build(path, source, progress)
            return _read_built(path, expected)
    return _read_built(path, expected)


def _read_built(path: Path, expected: dict[str, Any]) -> CodeSet:
    try:
        return CodeSet(index_file.read(path, expected))
    except IndexDamaged as damaged:
        raise CodeSetUnavailable(
            f"the ICD-10-CM index could not be read back after building it ({damaged})"
        ) from None


def _remove_older(current: Path) -> None:
    """Indexes of other package or format versions are dead weight: remove them."""
    for old in current.parent.glob("icd10cm-*.index"):
        if old != current:
            with contextlib.suppress(OSError):
                os.remove(old)
