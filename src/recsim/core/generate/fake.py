"""The one source of Faker instances: seeded, so a name is the same on every machine.

Faker makes recsim's synthetic names, streets and cities; every identifier that
could look real (SSN, phone, MRN) comes from recsim.core.ids instead.
"""

from __future__ import annotations

from functools import cache

from faker import Faker

CHARTS = "charts"
"""The stream the population's charts draw from (and what reuses a chart's setting)."""


def seeded_faker(locale: str, seed: int, *, stream: str = CHARTS) -> Faker:
    """The Faker of ``stream`` for ``locale``, seeded with ``seed`` for the draws that follow.

    Making a Faker takes milliseconds, so each (locale, stream) keeps one instance
    and every call reseeds it. Generating a chart reseeds the :data:`CHARTS`
    stream, so a generator that makes charts between its own draws (the release
    desk, traps) names its own stream: its names then don't depend on how many
    charts it made.
    """
    fake = _instance(locale, stream)
    fake.seed_instance(seed)
    return fake


@cache
def _instance(locale: str, stream: str) -> Faker:
    return Faker(locale)
