"""The one Faker factory: seeded draws repeat, and streams don't disturb each other."""

from __future__ import annotations

from recsim.core.generate import generate_patient
from recsim.core.generate.fake import seeded_faker


def test_the_same_seed_gives_the_same_names() -> None:
    first = seeded_faker("en_US", 1234).name()
    seeded_faker("en_US", 99).name()  # another draw in between, with another seed
    assert seeded_faker("en_US", 1234).name() == first


def test_a_chart_made_between_draws_leaves_another_stream_alone() -> None:
    expected = seeded_faker("en_US", 7, stream="desk-test").last_name()
    fake = seeded_faker("en_US", 7, stream="desk-test")
    generate_patient(11, 3)  # reseeds the charts stream, as finding a patient does
    assert fake.last_name() == expected


def test_a_chart_made_between_draws_reseeds_the_charts_stream() -> None:
    # Why the desk and traps take their own stream: the charts stream is reseeded per chart.
    fake = seeded_faker("en_US", 7)
    untouched = seeded_faker("en_US", 7, stream="control")
    generate_patient(11, 3)
    assert fake.last_name() != untouched.last_name() or fake.first_name() != untouched.first_name()
