"""Building the index file from the tabular list (once per code-set release).

Everything search needs at query time is computed here so that loading does
no work: each entry's index words, a word -> entries posting list, and a
static rank (complete codes first, then shorter titles, then tabular order).
"""

from __future__ import annotations

import json
import re
import time
from array import array
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recsim.coding import index_file
from recsim.coding.tabular import Entry, Source, read_tabular
from recsim.coding.words import words

_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_VAGUE = {"nos", "unspecified"}
_DEFAULT_TAIL = re.compile(r",\s*(?:unspecified(?: \w+)?|site not specified)\s*$", re.IGNORECASE)


def build(path: Path, source: Source, progress: Callable[[str], None]) -> None:
    """Read the tabular list and write the index to ``path`` (atomically)."""
    started = time.perf_counter()
    entries = read_tabular(source, progress)
    progress("Indexing titles and inclusion terms for search...")
    sections = _sections(entries)
    billable = sum(len(e.sevenths) if e.sevenths else 1 for e in entries if e.leaf)
    header = {"source": source.stamp, "entries": len(entries), "billable": billable}
    progress(f"Saving the index ({billable:,} billable codes) to {path}...")
    index_file.write(path, header, sections)
    progress(f"The ICD-10-CM index is ready (built in {time.perf_counter() - started:.1f}s).")


@dataclass
class _Columns:
    """Per-entry search text, flags and details, one element per entry of the tabular list."""

    hay: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    seventh_words: list[str] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    flags: bytearray = field(default_factory=bytearray)
    details: bytearray = field(default_factory=bytearray)
    details_at: array[int] = field(default_factory=lambda: array("I", [0]))


def _sections(entries: list[Entry]) -> dict[str, bytes | str | array[int]]:
    columns = _columns(entries)
    _hand_down_defaults(entries, columns.phrases)
    vocabulary = sorted(columns.postings)
    postings_at = array("I", [0])
    flat = array("I")
    for word in vocabulary:
        flat.extend(columns.postings[word])
        postings_at.append(len(flat))
    count = len(entries)
    by_code = array("i", sorted(range(count), key=lambda i: entries[i].code))
    return {
        "codes": "\n".join(e.code for e in entries),
        "descriptions": "\n".join(e.description for e in entries),
        "hay": "\n".join(columns.hay),
        "extra": "\n".join(columns.extra),
        "phrases": "\n".join(columns.phrases),
        "sevenths": "\n".join(e.sevenths for e in entries),
        "seventh_words": "\n".join(columns.seventh_words),
        "vocabulary": "\n".join(vocabulary),
        "flags": bytes(columns.flags),
        "parent": array("i", (e.parent for e in entries)),
        "rank": _static_rank(entries, columns.hay),
        "by_code": by_code,
        "postings_at": postings_at,
        "postings": flat,
        "details_at": columns.details_at,
        "details": bytes(columns.details),
    }


def _columns(entries: list[Entry]) -> _Columns:
    """Each entry's index words, default-code phrases, flags and stored details."""
    columns = _Columns(flags=bytearray(len(entries)))
    for i, entry in enumerate(entries):
        title = words(entry.description)
        more = words(" ".join(entry.details.get("inclusion_terms", [])))
        more += words(" ".join(note[0] for note in entry.details.get("includes", [])))
        sevenths = words(entry.seventh_meanings)
        columns.hay.append(" ".join(title))
        columns.phrases.append(
            _phrases(
                [
                    entry.description,
                    *entry.details.get("inclusion_terms", []),
                    *(note[0] for note in entry.details.get("includes", [])),
                ]
            )
        )
        columns.extra.append(" ".join(more))
        columns.seventh_words.append(" ".join(sevenths))
        if entry.tag == "diag":
            for word in set(title) | set(more) | set(sevenths):
                columns.postings[word].append(i)
        columns.flags[i] = (
            (index_file.LEAF if entry.leaf and not entry.sevenths else 0)
            | (index_file.NEEDS_SEVENTH if entry.sevenths else 0)
            | (index_file.TAGS.index(entry.tag) << index_file.TAG_SHIFT)
        )
        if entry.details:
            details = json.dumps(entry.details, separators=(",", ":"), ensure_ascii=False)
            columns.details += details.encode()
        columns.details_at.append(len(columns.details))
    return columns


def _static_rank(entries: list[Entry], hay: list[str]) -> array[int]:
    """Each entry's place in search order: complete codes, then shorter titles, then tabular."""

    def key(i: int) -> tuple[int, int, int]:
        entry = entries[i]
        group = 0 if entry.leaf else 1 if entry.tag == "diag" else 2
        return group, len(hay[i].split()), i

    count = len(entries)
    rank = array("i", [0] * count)
    for position, i in enumerate(sorted(range(count), key=key)):
        rank[i] = position
    return rank


def _phrases(texts: list[str]) -> str:
    """The plain names an entry is the default code for: "|hypertension|high blood pressure|".

    Asides in parentheses or brackets, a closing ", unspecified organism" or
    ", site not specified", and the words NOS and unspecified are dropped, so
    "Myocardial infarction (acute) NOS" names "myocardial infarction" and
    "Pneumonia, unspecified organism" names "pneumonia".
    """
    found: list[str] = []
    for text in texts:
        bare = _DEFAULT_TAIL.sub("", _ASIDE.sub(" ", text))
        plain = " ".join(w for w in words(bare) if w not in _VAGUE)
        if plain and plain not in found:
            found.append(plain)
    return "|" + "|".join(found) + "|" if found else ""


def _hand_down_defaults(entries: list[Entry], phrases: list[str]) -> None:
    """A heading's inclusion names also name its unspecified code.

    E11 includes "diabetes NOS", and the code for diabetes NOS is the E11 code
    "without complications" (E11.9); so a search for "diabetes" ranks E11.9
    first. The unspecified child is the first complete code directly under
    the heading whose title says "without complications", else ends in
    "unspecified", else says "unspecified".
    """
    children: dict[int, list[int]] = defaultdict(list)
    for j, entry in enumerate(entries):
        children[entry.parent].append(j)
    for i, entry in enumerate(entries):
        if entry.leaf or entry.tag != "diag":
            continue
        named = _phrases(
            [
                *entry.details.get("inclusion_terms", []),
                *(note[0] for note in entry.details.get("includes", [])),
            ]
        )
        if not named:
            continue
        default = _unspecified_child(entries, children[i])
        if default is not None:
            extra = [p for p in named.strip("|").split("|") if f"|{p}|" not in phrases[default]]
            if extra:
                phrases[default] = (phrases[default] or "|") + "|".join(extra) + "|"


def _unspecified_child(entries: list[Entry], children: list[int]) -> int | None:
    complete = [j for j in children if entries[j].leaf and not entries[j].sevenths]
    for test in (
        lambda t: "without complications" in t,
        lambda t: t.endswith("unspecified"),
        lambda t: "unspecified" in t,
    ):
        found = next((j for j in complete if test(entries[j].description.lower())), None)
        if found is not None:
            return found
    return None
