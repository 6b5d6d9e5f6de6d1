"""Checks of a DRG validation block that its format alone cannot express.

The stays come from the inpatient stay library the ``inpatient`` kind draws from too, so the
messages call them stays as that kind's do, name what is unknown with the nearest known
name, and list the tags there are.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from recsim.tasks.base import Problem
from recsim.tasks.drg_validation.block import DrgValidationBlock
from recsim.tasks.drg_validation.plan import CLEAN, block_cases, offered
from recsim.tasks.stays import all_cases


def _hint(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_stays(block: DrgValidationBlock) -> Iterator[Problem]:
    """The ids of ``cases`` and (when no ids are listed) the ``tags`` the library lacks."""
    cases = all_cases()
    ids = sorted(c.id for c in cases)
    for position, name in enumerate(block.cases):
        if name not in ids:
            yield (
                ("cases", position),
                f"there is no inpatient stay {name!r}{_hint(name, ids)}; docs/tasks.md "
                "lists the stays",
                "error",
            )
    if block.cases:
        return  # the ids win over the tags
    tags = sorted({t for c in cases for t in c.tags})
    for position, tag in enumerate(block.tags):
        if tag not in tags:
            yield (
                ("tags", position),
                f"no inpatient stay has the tag {tag!r}{_hint(tag, tags)}; the tags are: "
                + ", ".join(tags),
                "error",
            )


def supply(block: DrgValidationBlock) -> Iterator[Problem]:
    """Errors the chosen stays cannot carry, and more claims than distinct stays."""
    pools = offered(block)
    if not any(ids for name, ids in pools.items() if name != CLEAN):
        yield (("errors",), "none of the chosen stays can carry any of these errors", "error")
        return
    for name, ids in pools.items():
        # With errors: all, an error no chosen stay can carry is simply not planted.
        if name != CLEAN and not ids and block.errors != "all":
            yield (
                ("errors",),
                f"none of the chosen stays can carry the error {name!r}: choose more "
                "stays or leave it out",
                "error",
            )
    stays = len({i for ids in pools.values() for i in ids})
    if block.claims > stays:
        chosen = "are listed" if block.cases else "match the tags" if block.tags else "can be used"
        yield (
            ("claims",),
            f"asks for {block.claims} claims but only {stays} stays {chosen}, so stays come "
            f"back, some up to {-(-block.claims // stays)} times; ask for at most {stays} "
            f"claims, or {'list more stays' if block.cases else 'widen the tags'}",
            "warning",
        )


def block_problems(block: DrgValidationBlock) -> Iterator[Problem]:
    """Every problem of the block the grouper can tell (call once the grouper is at hand)."""
    unknown = list(unknown_stays(block))
    yield from unknown
    if unknown or not block_cases(block):
        return
    yield from supply(block)
    if block.clean_share == 0 and block.claims >= 4:
        yield (
            ("clean_share",),
            "with clean_share 0 every claim has an error, so 'there is always an error' "
            "never loses points; consider some clean claims",
            "warning",
        )
