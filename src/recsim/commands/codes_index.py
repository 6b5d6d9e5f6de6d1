"""``recsim codes index``: walk the ICD-10-CM Alphabetic Index and its tables.

TERM is a main term, optionally followed by subterms after commas
("Diabetes, type 2, with"). The entry is shown with the path above it and the
subterms below it, each with its nonessential modifiers in parentheses, its
code, a manifestation code in brackets, "see", "see also" and "code also", and
for the Table of Neoplasms and the Table of Drugs and Chemicals the code of
each column. A TERM that is not a main term is searched for instead.

Exit status: 0 when the index was consulted (whether or not anything matched),
1 when the index has not been added (``recsim codes add``), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from recsim.commands.common import UserError, print_json

if TYPE_CHECKING:
    from recsim.coding.alphabetic import AlphabeticIndex, IndexEntry

MAX_LINES = 80
"""Lines of subterms shown under one entry; a longer subtree is cut with a hint."""
MAX_TERM = 200


def register(actions: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``index`` to the ``recsim codes`` actions."""
    index = actions.add_parser(
        "index",
        help="look a term up in the ICD-10-CM Alphabetic Index (once added)",
        description="Walk the ICD-10-CM Alphabetic Index, the Table of Neoplasms, the Table of "
        "Drugs and Chemicals and the External Cause Index: main term, then subterms after "
        "commas ('Diabetes, type 2, with'). Needs the CMS release files: recsim codes add.",
    )
    index.add_argument("term", nargs="+", metavar="TERM", help="main term[, subterm ...]")
    index.add_argument("--json", action="store_true", help="machine-readable output")
    index.set_defaults(run=run_index)


def _loaded() -> AlphabeticIndex:
    from recsim.coding.alphabetic import ADD_HINT, alphabetic_index

    state = alphabetic_index()
    for problem in state.problems:
        print(problem, file=sys.stderr)
    if state.index is None:
        raise UserError(f"the ICD-10-CM Alphabetic Index is not added yet; {ADD_HINT}")
    return state.index


def run_index(args: argparse.Namespace) -> int:
    from recsim.coding.alphabetic import guarded

    term = " ".join(args.term).strip()[:MAX_TERM]
    if not term.strip(" ,"):
        raise UserError("give a main term to look up, e.g. recsim codes index Diabetes, type 2")
    index = _loaded()
    shown = guarded(lambda: _show(index, term, args.json), None)
    if shown is None:
        _loaded()  # reports the damage, then that the index is not added
    return 0


def _show(index: AlphabeticIndex, term: str, as_json: bool) -> int:
    reached = index.walk(term)
    if reached:
        entries = [index.entry(part, i) for part, i in reached]
        if as_json:
            print_json({"term": term, "entries": [_with_subterms(index, p, i) for p, i in reached]})
            return 0
        for number, ((part, i), entry) in enumerate(zip(reached, entries, strict=True)):
            if number:
                print()
            for line in _tree(index, part, i, entry):
                print(line)
        return 0
    return _searched(term, as_json)


def _searched(term: str, as_json: bool) -> int:
    from recsim.coding import CodeSetUnavailable, codeset

    try:
        hits = codeset().index_search(term, 10)
    except CodeSetUnavailable as error:
        raise UserError(str(error)) from None
    if as_json:
        print_json({"term": term, "entries": [], "search": [h.__dict__ for h in hits]})
        return 0
    if not hits:
        print(
            f"No index entry matches {term[:60]!r}. Look up the condition's main term "
            "(the noun: Diabetes, Fracture, Pain), then its subterms after commas."
        )
        return 0
    print(f"{term[:60]!r} is not a main term; index entries that name its words:")
    for hit in hits:
        also = f" + {hit.also}" if hit.also else ""
        print(f"  {hit.path} -> {hit.code}{also}")
    return 0


def _with_subterms(index: AlphabeticIndex, part: int, i: int) -> dict[str, object]:
    data = index.entry(part, i).to_dict()
    data["subterm_entries"] = [index.entry(part, c).to_dict() for c in index.children(part, i)]
    return data


def _line(title: str, entry: IndexEntry) -> str:
    text = title + (f" {entry.nemod}" if entry.nemod else "")
    if entry.code:
        text += f"  {entry.code}" + (f" [{entry.manif}]" if entry.manif else "")
    elif entry.manif:
        text += f"  [{entry.manif}]"
    for label, value in (
        ("see", entry.see),
        ("see also", entry.see_also),
        ("code also", entry.code_also),
    ):
        if value:
            text += f"  \u2014 {label} {value}"
    return text


def _columns(entry: IndexEntry, indent: str) -> list[str]:
    return [f"{indent}  {heading}: {code}" for heading, code in entry.columns]


def _tree(index: AlphabeticIndex, part: int, i: int, entry: IndexEntry) -> list[str]:
    lines = [entry.part]
    lineage = index.lineage(part, i)
    for depth, j in enumerate(lineage):
        above = index.entry(part, j) if j != i else entry
        lines.append("  " * depth + _line(above.path[-1], above))
        lines.extend(_columns(above, "  " * depth))
    below = range(i + 1, index.parts[part][1].end[i])
    for j in below[:MAX_LINES]:
        sub = index.entry(part, j)
        indent = "  " * (len(sub.path) - 1)
        lines.append(indent + _line(sub.path[-1], sub))
        lines.extend(_columns(sub, indent))
    if len(below) > MAX_LINES:
        hidden = len(below) - MAX_LINES
        lines.append(f"... and {hidden} more subterms; add a subterm after a comma to narrow it")
    return lines
