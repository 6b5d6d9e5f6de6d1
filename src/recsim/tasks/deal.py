"""Fair forms: how many errors each item carries and which kinds, dealt from a balanced hand.

A kind that plants a few errors per item (an audit's charts, a deficiency review's
charts) used to draw a count and kinds per item at random, so one trainee's form
could hold twice another's points, and a kind listed in the block could be missing
from a form altogether. Here the block decides the *multiset* (how many items carry
how many errors; how often each kind appears), the same for every trainee, and only
the *dealing* (which item gets which) is drawn per trainee. Every form of a block
therefore has the same kinds, each at least ``total // len(kinds)`` times, and the
same points.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

DEAL_TRIES = 20
"""Seeded re-deals tried before giving up on keeping apart kinds that cannot share an item."""


def count_pattern(items: int, low: int, high: int) -> list[int]:
    """How many errors each of ``items`` carries, before the per-trainee shuffle.

    The counts alternate between the ends of ``[low, high]`` moving inward (high, low,
    high - 1, low + 1, ...), so that any number of items averages near the middle and a
    single item still carries ``high``: a block of one chart at ``[0, 1]`` has its error.
    """
    cycle: list[int] = []
    top, bottom = high, low
    while top >= bottom:
        cycle.append(top)
        if bottom != top:
            cycle.append(bottom)
        top, bottom = top - 1, bottom + 1
    return [cycle[n % len(cycle)] for n in range(items)]


def balanced_hand(
    total: int, kinds: Sequence[str], worth: Mapping[str, float], rng: random.Random
) -> list[str]:
    """``total`` kinds: each of ``kinds`` ``total // len(kinds)`` times, plus the remainder.

    The remainder is shared out among groups of kinds of equal ``worth`` in proportion
    to their size (largest remainders first, the costlier group on a tie), the same for
    every trainee; which kinds of a group get the extra ones is drawn from ``rng``. So
    every trainee's hand is worth the same points.
    """
    if not kinds or total <= 0:
        return []
    rounds, extra = divmod(total, len(kinds))
    hand = [kind for kind in kinds for _ in range(rounds)]
    groups: dict[float, list[str]] = {}
    for kind in kinds:
        groups.setdefault(worth[kind], []).append(kind)
    shares = {value: extra * len(group) / len(kinds) for value, group in groups.items()}
    quota = {value: int(share) for value, share in shares.items()}
    leftover = extra - sum(quota.values())
    for value in sorted(shares, key=lambda v: (-(shares[v] - quota[v]), -v))[:leftover]:
        quota[value] += 1
    for value in sorted(groups, reverse=True):
        hand.extend(rng.sample(groups[value], quota[value]))
    return hand


def deal(
    counts: Sequence[int],
    hand: Sequence[str],
    rng: random.Random,
    *,
    apart: Collection[frozenset[str]] = (),
    scarce: Collection[str] = (),
) -> list[list[str]] | None:
    """The hand dealt to items holding ``counts`` kinds each; None when no deal was found.

    An item never gets one kind twice, nor two kinds of a pair in ``apart``. Kinds are
    dealt most frequent first, each to the items with the most room left (the order that
    always succeeds when only distinctness binds); ``scarce`` kinds, whose evidence few
    charts hold, go to items holding fewest scarce kinds yet, so no chart must carry
    several rare features at once.
    """
    for _ in range(DEAL_TRIES):
        dealt = _try_deal(counts, hand, rng, apart, scarce)
        if dealt is not None:
            return dealt
    return None


def deal_hand(
    counts: Sequence[int],
    kinds: Sequence[str],
    worth: Mapping[str, float],
    rng: random.Random,
    *,
    apart: Collection[frozenset[str]] = (),
    scarce: Collection[str] = (),
) -> list[list[str]] | None:
    """A balanced hand of ``kinds`` (:func:`balanced_hand`) dealt to items holding ``counts``.

    When the extra kinds drawn crowd together kinds that must stay apart, another hand of
    the same worth is drawn; None when none of :data:`DEAL_TRIES` hands can be dealt.
    """
    for _ in range(DEAL_TRIES):
        hand = balanced_hand(sum(counts), kinds, worth, rng)
        dealt = _try_deal(counts, hand, rng, apart, scarce)
        if dealt is not None:
            return dealt
    return None


def _try_deal(
    counts: Sequence[int],
    hand: Sequence[str],
    rng: random.Random,
    apart: Collection[frozenset[str]],
    scarce: Collection[str],
) -> list[list[str]] | None:
    room = list(counts)
    dealt: list[set[str]] = [set() for _ in counts]
    rare = [0] * len(counts)  # scarce kinds each item holds so far
    order = [rng.random() for _ in counts]
    partners: dict[str, set[str]] = {}
    for pair in apart:
        for kind in pair:
            partners.setdefault(kind, set()).update(pair - {kind})
    frequency = Counter(hand)
    kinds = sorted(frequency, key=lambda k: (-frequency[k], k not in scarce, rng.random()))
    for kind in kinds:
        banned = partners.get(kind, set())
        places = sorted(
            (
                n
                for n in range(len(counts))
                if room[n] > 0 and kind not in dealt[n] and not banned & dealt[n]
            ),
            key=lambda n: (-room[n], rare[n], order[n]),
        )
        if len(places) < frequency[kind]:
            return None
        for number in places[: frequency[kind]]:
            dealt[number].add(kind)
            room[number] -= 1
            rare[number] += kind in scarce
    # in the hand's order, so that the same deal always lists its kinds the same way
    position = {kind: n for n, kind in enumerate(dict.fromkeys(hand))}
    return [sorted(chart, key=position.__getitem__) for chart in dealt]
