"""The hospital's patient index: the population and the queue's patients, searched three ways."""

from __future__ import annotations

import pytest

from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.session.lookup import MAX_RESULTS, PatientIndex
from tests.conftest import DATA, SCENARIOS


@pytest.fixture(scope="module")
def index() -> PatientIndex:
    return PatientIndex(make_variant(load_checked(SCENARIOS / "tutorial.yaml"), "Ana Ruiz"))


def test_the_index_lists_the_population_and_every_queue_chart(index: PatientIndex) -> None:
    variant = index.variant
    mrns = {e.patient.mrn for e in index.entries()}
    assert {i.chart for i in variant.form.items()} <= mrns
    population = [e for e in index.entries() if e.number is not None]
    assert len(mrns) >= variant.scenario.population.patients
    for entry in population[:5]:  # as the chart itself has them
        chart = variant.population().patient(entry.number or 0).patient
        assert (entry.patient.last_name, entry.patient.date_of_birth) == (
            chart.last_name,
            chart.date_of_birth,
        )


def test_queue_patients_say_which_item_concerns_them(index: PatientIndex) -> None:
    for item in index.variant.form.items():
        (entry,) = index.search(item.chart or "").entries
        assert entry.item == item.id and entry.number is None


def test_search_by_name_mrn_and_birth_date(index: PatientIndex) -> None:
    entry = next(e for e in index.entries() if e.item is None)
    patient = entry.patient
    assert entry in index.search(patient.last_name.lower()).entries
    assert entry in index.search(f"{patient.first_name} {patient.last_name}").entries
    assert entry in index.search(f"{patient.last_name.upper()}, {patient.first_name[:2]}").entries
    assert index.search(f" {patient.mrn.lower()} ").entries == (entry,)
    born = patient.date_of_birth
    assert entry in index.search(born.isoformat()).entries
    assert entry in index.search(f"{born:%m/%d/%Y}").entries
    assert index.search("RS00000000").total == 0
    assert index.search("zzzz").total == 0


def test_a_trap_persons_chart_is_a_search_away_and_no_ones_work() -> None:
    index = PatientIndex(make_variant(load_checked(DATA / "tui" / "traps.yaml"), "Ana"))
    traps = [i for i in index.variant.form.items() if i.kind == "trap"]
    assert traps
    for trap in traps:
        record = trap.view.record  # type: ignore[attr-defined]
        (entry,) = index.search(record.patient.mrn).entries
        assert entry.item is None and index.chart(entry) == record


def test_a_search_returns_at_most_a_page_and_counts_the_rest() -> None:
    loaded = load_checked(SCENARIOS / "hospital-records-audit.yaml")
    index = PatientIndex(make_variant(loaded, "Ana"))
    found = index.search("a")
    assert len(found.entries) == min(found.total, MAX_RESULTS)


def test_the_same_trainee_finds_the_same_patients_in_any_process(index: PatientIndex) -> None:
    again = PatientIndex(make_variant(load_checked(SCENARIOS / "tutorial.yaml"), "Ana Ruiz"))
    assert again.entries() == index.entries()
    other: Variant = make_variant(load_checked(SCENARIOS / "tutorial.yaml"), "Ben Ode")
    assert PatientIndex(other).entries() != index.entries()


@pytest.mark.parametrize(
    "query", ["", "   ", ",", " , ", "2026-02-30", "RS", "rs1234", "x" * 500, "Ünïcödé", "\t\n"]
)
def test_any_typed_text_is_an_answer_never_an_error(index: PatientIndex, query: str) -> None:
    found = index.search(query)
    assert (found.total, found.entries) == (0, ())


def test_an_impossible_date_is_searched_as_a_name_and_finds_no_one(index: PatientIndex) -> None:
    found = index.search("02/30/1980")
    assert (found.kind, found.total) == ("name", 0)
