"""Every topic a trainee can be scored on belongs to at least one CCA or RHIT exam domain."""

from __future__ import annotations

from functools import cache
from importlib import import_module

import pytest

from recsim.core.scenario.catalog import CatalogName
from recsim.session.bundled import bundled_scenarios
from recsim.session.domains import domain_title, domains_file, kind_of_item, topic_domains
from recsim.session.forms import make_variant
from recsim.session.kinds import KINDS, task_kind
from recsim.session.scenarios import load_scenario
from recsim.tasks.base import Trail


@cache
def scored_topics() -> frozenset[tuple[str, str]]:
    """(kind, topic) of every finding the bundled scenarios give, unanswered and answered
    with the key, for three trainees; and every entry of a kind's ``TOPICS``."""
    found: set[tuple[str, str]] = set()
    for path in bundled_scenarios():
        loaded = load_scenario(path)
        for trainee in ("Ana", "Bo", "Cy"):
            variant = make_variant(loaded, trainee)
            for item in variant.form.items():
                for answer in (None, task_kind(item.kind).key_answer(item)):
                    for finding in variant.findings(item, answer, Trail()):
                        found.add((item.kind, finding.topic))
    for kind, module in KINDS.items():
        topics: CatalogName | None = getattr(import_module(module), "TOPICS", None)
        if topics is not None:
            found.update((kind, name) for name in topics.names)
    return frozenset(found)


def test_every_kind_recsim_ships_has_its_domains() -> None:
    assert set(KINDS) <= set(domains_file().kinds), "add the new kind to session/domains.yaml"


def test_every_scored_topic_maps_to_at_least_one_exam_domain() -> None:
    topics = scored_topics()
    assert len({kind for kind, _ in topics}) == len(KINDS)  # the probe reached every kind
    unmapped = sorted(pair for pair in topics if not topic_domains(*pair))
    assert unmapped == []


@pytest.mark.parametrize("exam", ["cca", "rhit"])
def test_both_exams_are_reached_by_some_topic(exam: str) -> None:
    file = domains_file()
    reached = {d for kind, topic in scored_topics() for d in topic_domains(kind, topic)}
    assert any(file.domains[d].exam == exam for d in reached)


def test_a_topic_of_its_own_overrides_the_kind_and_a_prefix_covers_its_family() -> None:
    assert topic_domains("claims", "code_edit") != topic_domains("claims", "upcoded")
    assert "cca_technology" in topic_domains("trap", "safeguards_shared_login")
    assert "cca_technology" not in topic_domains("trap", "snooping_famous_patient")
    assert topic_domains("no_such_kind", "x") == ()


def test_domains_read_with_their_exam() -> None:
    assert domain_title("rhit_revenue") == "RHIT: Revenue cycle management"
    assert kind_of_item("audit-12") == "audit"
    assert kind_of_item("trap-1") == "trap"
