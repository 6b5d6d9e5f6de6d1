"""Each rule a generated chart once broke: the generator keeps it and the reviewer catches it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from recsim.core.clock import age_on
from recsim.core.generate import Population, generate_patient
from recsim.core.generate.library import generic_names, library
from recsim.core.generate.review import (
    allergy_conflicts,
    attending_fits,
    doses_for_age,
    drug_mentions,
    hypertension_combinations,
    named_drugs,
    overlapping_encounters,
    pregnancy_supervision,
    shared_households,
    vitals_for_age,
)
from recsim.core.records import Allergy, CodedEntry, Medication, PatientRecord

AS_OF = date(2026, 3, 2)


def charts(count: int, seed: int = 3, **options: object) -> Iterator[PatientRecord]:
    population = Population(seed=seed, as_of=AS_OF, **options)  # type: ignore[arg-type]
    return (population.patient(index) for index in range(count))


@cache
def adults() -> tuple[PatientRecord, ...]:
    """One sample of adult charts shared by the tests that look for rarer conditions."""
    return tuple(charts(3000, ages=(18, 95)))


def copy(record: PatientRecord) -> PatientRecord:
    return record.model_copy(deep=True)


def codes(record: PatientRecord) -> list[list[str]]:
    return [[d.code for d in e.diagnoses] for e in record.encounters]


def test_hypertension_with_heart_failure_is_coded_as_hypertensive_heart_disease() -> None:
    def hypertensive(record: PatientRecord) -> bool:
        return any(c in ("I10", "I11.0") for e in codes(record) for c in e)

    def failing(record: PatientRecord) -> bool:
        return any(c.startswith("I50") for e in codes(record) for c in e)

    both = [r for r in adults() if hypertensive(r) and failing(r)]
    assert len(both) >= 5
    for record in both:
        for encounter in codes(record):
            assert "I10" not in encounter
            if "I50.9" in encounter:
                assert encounter.index("I11.0") == encounter.index("I50.9") - 1, encounter


def test_the_reviewer_flags_i10_beside_heart_failure() -> None:
    record = next(r for r in charts(200) if r.encounters)
    record.encounters[0].diagnoses = [
        CodedEntry(code="I10", description="Essential (primary) hypertension"),
        CodedEntry(code="N18.3", description="Chronic kidney disease, stage 3"),
    ]
    (finding,) = hypertension_combinations(record, AS_OF)
    assert finding.path == "encounters[0].diagnoses[0]" and "I.C.9.a" in finding.rule


def test_a_normal_pregnancy_has_no_other_condition_and_a_mother_under_35() -> None:
    pregnant = [r for r in adults() if any("Z34.82" in e for e in codes(r))]
    assert len(pregnant) >= 10
    for record in pregnant:
        assert codes(record) == [["Z34.82"]]
        visit = record.encounters[0].admit_date
        assert age_on(record.patient.date_of_birth, visit + timedelta(days=182)) < 35


def test_the_reviewer_flags_z34_beside_another_condition_or_at_35() -> None:
    record = copy(next(r for r in adults() if codes(r) == [["Z34.82"]]))
    assert pregnancy_supervision(record, AS_OF) == []
    record.encounters[0].diagnoses.append(
        CodedEntry(code="E03.9", description="Hypothyroidism, unspecified")
    )
    assert "I.C.15.a.1" in pregnancy_supervision(record, AS_OF)[0].rule
    record.encounters[0].diagnoses.pop()
    record.patient.date_of_birth -= timedelta(days=12 * 365)
    assert "O09.5" in pregnancy_supervision(record, AS_OF)[0].rule


def test_young_children_get_weight_based_liquids_not_adult_tablets() -> None:
    seen = 0
    for record in charts(1500, ages=(0, 11)):
        for medication in record.medications:
            age = age_on(record.patient.date_of_birth, medication.start_date)
            assert not medication.name.endswith(("tablet", "capsule")), (age, medication.name)
            if medication.route == "oral":
                assert "mg/kg" in medication.dose, medication
                seen += 1
    assert seen > 100


def test_the_reviewer_flags_an_adult_tablet_for_a_two_year_old() -> None:
    record = next(r for r in charts(500, ages=(2, 2)) if r.encounters)
    assert doses_for_age(record, AS_OF) == []
    record.medications.append(
        Medication(
            name="Acetaminophen 500 mg tablet",
            drug_class="analgesics",
            dose="500 mg every 6 hours as needed",
            route="oral",
            prescriber=record.encounters[0].attending,
            start_date=record.encounters[0].admit_date,
        )
    )
    assert [f.path for f in doses_for_age(record, AS_OF)] == [
        f"medications[{len(record.medications) - 1}]"
    ]


def test_an_infant_heart_rate_has_the_infant_range() -> None:
    infants = [r for r in charts(300, ages=(0, 0)) if r.observations]
    rates = [o for r in infants for o in r.observations if o.name == "Heart rate"]
    assert rates and all((o.low, o.high) == (100, 180) and o.value >= 110 for o in rates)
    record = infants[0]
    assert vitals_for_age(record, AS_OF) == []
    rate = next(o for o in record.observations if o.name == "Heart rate")
    rate.low, rate.high, rate.value = 60, 100, 72
    assert len(vitals_for_age(record, AS_OF)) == 1


def test_clinic_charts_hold_only_clinic_visits() -> None:
    kinds = {e.type for r in charts(1000, setting="clinic") for e in r.encounters}
    notes = {n.type for r in charts(300, setting="clinic") for n in r.notes}
    assert kinds == {"outpatient"}
    assert notes == {"Progress note"}
    assert {e.type for r in adults()[:1000] for e in r.encounters} == {
        "outpatient",
        "inpatient",
        "emergency",
    }


def test_a_note_names_only_drugs_on_the_medication_list() -> None:
    afib = [r for r in adults() if any("I48.91" in e for e in codes(r))]
    metoprolol = [r for r in afib if "metoprolol" in " ".join(n.text for n in r.notes)]
    assert metoprolol
    for record in afib:
        assert drug_mentions(record, AS_OF) == []
    record = copy(metoprolol[0])
    record.medications = [m for m in record.medications if not m.name.startswith("Metoprolol")]
    assert drug_mentions(record, AS_OF)


def test_codeine_nausea_is_an_intolerance_not_an_allergy_conflict() -> None:
    record = next(r for r in charts(500) if r.encounters)
    hydrocodone = next(
        d for c in library().conditions for d in c.medications if d.drug_class == "opioids"
    )
    record.medications.append(
        Medication(
            name=hydrocodone.name,
            drug_class="opioids",
            dose=hydrocodone.dose,
            route="oral",
            prescriber=record.encounters[0].attending,
            start_date=record.encounters[0].admit_date,
        )
    )
    record.allergies = [
        Allergy(substance="Codeine", drug_class="opioids", reaction="nausea", severity="mild")
    ]
    assert allergy_conflicts(record, AS_OF) == []
    record.allergies[0].reaction = "hives"
    assert len(allergy_conflicts(record, AS_OF)) == 1


def test_unrelated_patients_never_share_a_phone_or_an_address() -> None:
    records = list(charts(2000, seed=20261126))
    assert len({r.patient.phone for r in records}) == 2000
    assert shared_households(records) == []


def test_every_encounter_falls_within_the_coverage_on_file() -> None:
    for record in adults():
        for encounter in record.encounters:
            assert record.coverage.effective_from <= encounter.admit_date


def test_a_clinic_chart_is_deterministic_and_keeps_the_same_patient() -> None:
    clinic = generate_patient(20261126, 42, setting="clinic")
    assert clinic == generate_patient(20261126, 42, setting="clinic")
    assert clinic.patient == generate_patient(20261126, 42).patient


def test_no_two_encounters_share_a_day() -> None:
    for record in adults():
        assert overlapping_encounters(record, AS_OF) == []
    record = copy(next(r for r in adults() if len(r.encounters) >= 2))
    record.encounters[1].admit_date = record.encounters[0].admit_date
    assert overlapping_encounters(record, AS_OF)


def test_a_newborn_check_is_coded_by_days_of_life() -> None:
    checks = {
        (r.encounters[0].admit_date - r.patient.date_of_birth).days: r.encounters[0].diagnoses[0]
        for r in charts(800, ages=(0, 0))
        if r.encounters and r.encounters[0].reason == "Annual wellness visit"
    }
    assert {code.code for days, code in checks.items() if days < 8} == {"Z00.110"}
    assert {code.code for days, code in checks.items() if 8 <= days <= 28} == {"Z00.111"}
    assert {code.code for days, code in checks.items() if days > 28} == {"Z00.129"}


def test_a_temperature_keeps_its_tenths() -> None:
    temperatures = [
        o.value for r in adults()[:300] for o in r.observations if o.name == "Temperature"
    ]
    assert any(value != int(value) for value in temperatures)


def test_a_combination_drug_answers_to_either_of_its_names() -> None:
    assert named_drugs("pain controlled on acetaminophen") == {"acetaminophen"}
    assert generic_names("Hydrocodone-acetaminophen 5-325 mg tablet") == {
        "hydrocodone",
        "acetaminophen",
    }


def test_a_child_in_hospital_is_under_a_pediatrician_and_a_cardiologist_treats_hearts() -> None:
    children = [
        e.attending.specialty
        for r in charts(1500, ages=(1, 12))
        for e in r.encounters
        if e.type == "inpatient"
    ]
    assert children and set(children) == {"Pediatrics"}
    cardiology = [
        e.diagnoses[0].code
        for r in adults()
        for e in r.encounters
        if e.attending.specialty == "Cardiology"
    ]
    assert cardiology and all(code.startswith("I") for code in cardiology)
    record = copy(next(r for r in adults() if r.encounters))
    record.encounters[0].attending.specialty = "Pediatrics"
    assert attending_fits(record, AS_OF)


def test_a_baby_is_days_or_months_old_in_a_note() -> None:
    openings = {n.text.split(" ", 1)[0] for r in charts(400, ages=(0, 0)) for n in r.notes}
    assert openings and not any(o.endswith("-year-old") for o in openings)
    assert any(o.endswith("-day-old") for o in openings)
    assert any(o.endswith("-month-old") for o in openings)
