"""Which case and which error each claim of one form gets, drawn once for the whole form."""

from __future__ import annotations

import random
from functools import lru_cache

from recsim.core.seeds import rng_for
from recsim.tasks.drg_validation.block import DRG_ERRORS, DrgValidationBlock
from recsim.tasks.drg_validation.planting import candidates, key_payable
from recsim.tasks.stays import StayCase, all_cases

CLEAN = "clean"


def block_errors(block: DrgValidationBlock) -> tuple[str, ...]:
    """The errors the block plants, in catalog order."""
    listed = DRG_ERRORS.names if block.errors == "all" else block.errors
    return tuple(dict.fromkeys(listed))


def block_cases(block: DrgValidationBlock) -> tuple[StayCase, ...]:
    """The cases the block draws from: those named, else those with any of its tags."""
    cases = all_cases()
    if block.cases:
        named = set(block.cases)
        return tuple(c for c in cases if c.id in named)
    if block.tags:
        tags = set(block.tags)
        return tuple(c for c in cases if tags & set(c.tags))
    return cases


def offered(block: DrgValidationBlock) -> dict[str, list[str]]:
    """Error -> the ids of the block's cases that can carry it (``clean``: every case whose key
    is a claim a payer could receive)."""
    cases = block_cases(block)
    found: dict[str, list[str]] = {CLEAN: [c.id for c in cases if key_payable(c.id)]}
    for error in block_errors(block):
        found[error] = [c.id for c in cases if any(x.error == error for x in candidates(c.id))]
    return found


@lru_cache(maxsize=16)
def _plan(block: str, seed: int, task: int) -> tuple[tuple[str, int | None], ...]:
    model = DrgValidationBlock.model_validate_json(block)
    return tuple(draw(model, rng_for(seed, task, "drg-validation-plan")))


def plan(block: DrgValidationBlock, seed: int, task: int) -> tuple[tuple[str, int | None], ...]:
    """(case id, index of its candidate error or None for a clean claim) for every claim."""
    return _plan(block.model_dump_json(), seed, task)


def draw(block: DrgValidationBlock, rng: random.Random) -> list[tuple[str, int | None]]:
    """The form's claims: a fixed count of clean ones, the errors in turn, cases spread out."""
    pools = offered(block)
    errors = [e for e in block_errors(block) if pools[e]]
    clean = round(block.claims * block.clean_share) if errors else block.claims
    order = list(errors)
    rng.shuffle(order)
    kinds = _deal(order, {e: len(pools[e]) for e in order}, block.claims - clean)
    kinds += [CLEAN] * clean
    rng.shuffle(kinds)
    used: dict[str, int] = {}
    chosen: list[tuple[str, int | None]] = []
    for kind in kinds:
        pool = sorted(pools[kind], key=lambda c: (used.get(c, 0), rng.random()))
        case_id = pool[0]
        used[case_id] = used.get(case_id, 0) + 1
        if kind == CLEAN:
            chosen.append((case_id, None))
            continue
        options = [i for i, c in enumerate(candidates(case_id)) if c.error == kind]
        chosen.append((case_id, rng.choice(options)))
    return chosen


def _deal(order: list[str], cases: dict[str, int], count: int) -> list[str]:
    """``count`` errors taken in turn from ``order``, passing over an error once each case
    that can carry it has had it (so one case is not shown twice with the same error), until
    every error is used up."""
    dealt: list[str] = []
    taken = dict.fromkeys(order, 0)
    while order and len(dealt) < count:
        open_ = [e for e in order if taken[e] < cases[e]] or order
        for error in open_:
            if len(dealt) == count:
                break
            dealt.append(error)
            taken[error] += 1
    return dealt
