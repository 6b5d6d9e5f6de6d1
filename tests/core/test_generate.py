"""The seeded generator: deterministic, random-access, coherent and synthetic-only."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recsim.core import ids
from recsim.core.clock import age_on
from recsim.core.generate import generate_patient
from recsim.core.generate.library import library
from recsim.core.generate.notes import note_text
from recsim.core.generate.population import Population, mrn_for
from recsim.core.records import PatientRecord

AS_OF = date(2026, 3, 2)
_DUMP = (
    "import sys; from recsim.core.generate import generate_patient;"
    "sys.stdout.write(''.join("
    "generate_patient(20261126, i).model_dump_json() for i in (0, 1, 99_999)))"
)


def _dump_in_new_process(hash_seed: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _DUMP],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": hash_seed, "PATH": "", "LC_ALL": "C"},
    )
    return result.stdout


def test_same_seed_gives_identical_records_in_separate_processes() -> None:
    first = _dump_in_new_process("1")
    second = _dump_in_new_process("4242")
    assert first == second
    assert len(first) > 1000


def test_item_99999_is_generated_without_the_others() -> None:
    direct = generate_patient(20261126, 99_999)
    again = generate_patient(20261126, 99_999)
    assert direct == again
    assert direct != generate_patient(20261126, 99_998)


def test_mrns_are_distinct_across_a_large_population() -> None:
    mrns = {mrn_for(7, index) for index in range(100_000)}
    assert len(mrns) == 100_000


def _check_coherent(record: PatientRecord, as_of: date) -> None:
    patient = record.patient
    assert patient.date_of_birth < as_of
    assert ids.is_valid_mrn(patient.mrn)
    for encounter in record.encounters:
        assert patient.date_of_birth < encounter.admit_date <= encounter.discharge_date <= as_of
        assert ids.is_valid_npi(encounter.attending.npi)
        assert encounter.member_id == record.coverage.member_id
        assert encounter.diagnoses
    allergic = {a.drug_class for a in record.allergies if a.drug_class}
    for medication in record.medications:
        assert medication.drug_class not in allergic
        assert ids.is_valid_npi(medication.prescriber.npi)
    codes = {d.code for e in record.encounters for d in e.diagnoses}
    sex_specific = {
        c.codes["any"]: c.sex for c in library().conditions if c.sex and "any" in c.codes
    }
    for code in codes & set(sex_specific):
        assert sex_specific[code] == patient.sex
    for note in record.notes:
        assert note.mrn == patient.mrn and note.patient_name == patient.full_name
        assert note.signed_on is not None and note.written_on <= note.signed_on <= as_of
        age = age_on(
            patient.date_of_birth,
            next(
                e.admit_date
                for e in record.encounters
                if e.attending == note.author
                and e.admit_date <= note.written_on <= e.discharge_date
            ),
        )
        if age == 0:  # a baby is "5-day-old" or "8-month-old", never "0-year-old"
            assert re.match(r"\d+-(day|month)-old ", note.text), note.text
        else:
            assert note.text.startswith(f"{age}-year-old")


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**63 - 1),
    index=st.integers(min_value=0, max_value=99_999),
)
def test_generated_records_are_clinically_coherent(seed: int, index: int) -> None:
    _check_coherent(generate_patient(seed, index, as_of=AS_OF), AS_OF)


def test_a_plan_never_starts_a_drug_the_note_lists_as_current() -> None:
    started = continued = 0
    for index in range(1200):
        record = generate_patient(1, index, as_of=AS_OF)
        for note in record.notes:
            lines = dict(line.split(": ", 1) for line in note.text.splitlines()[1:])
            current = lines["Current medications"].removesuffix(".")
            plan = lines["Plan"]
            for verb in ("start ", "continue "):
                if plan.startswith(verb):
                    drug = plan.removeprefix(verb).split(";")[0]
                    taken = drug in current.split(", ")
                    assert taken == (verb == "continue "), note.text
                    started += verb == "start "
                    continued += verb == "continue "
    assert started > 100 and continued > 100  # both wordings were exercised


def test_a_drug_already_taken_is_continued_and_listed_once() -> None:
    record = next(
        r
        for r in (generate_patient(1, i, as_of=AS_OF) for i in range(100))
        if r.medications and r.encounters[-1].admit_date == r.medications[-1].start_date
    )
    ordered = record.medications[-1]
    visit = record.encounters[-1]
    earlier = ordered.model_copy(update={"start_date": ordered.start_date - timedelta(days=90)})
    record = record.model_copy(update={"medications": [earlier, *record.medications]})
    condition = next(c for c in library().conditions if c.reason == visit.reason)
    text = note_text(random.Random(0), record, visit, condition, "left", "Progress note")
    assert f"Plan: continue {ordered.name};" in text
    assert text.count(ordered.name) == 2  # once as current, once in the plan


@settings(max_examples=100, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32), low=st.integers(0, 100), span=st.integers(0, 10)
)
def test_ages_stay_in_the_requested_range(seed: int, low: int, span: int) -> None:
    record = generate_patient(seed, 0, as_of=AS_OF, ages=(low, low + span))
    assert low <= age_on(record.patient.date_of_birth, AS_OF) <= low + span


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    index=st.integers(min_value=0, max_value=10**6),
    low=st.integers(0, 100),
    span=st.integers(0, 10),
    setting=st.sampled_from(["hospital", "clinic"]),
)
def test_registration_identity_and_birth_date_are_the_charts_own(
    seed: int, index: int, low: int, span: int, setting: str
) -> None:
    # The desks and the patient index read these without making the chart: they must be
    # exactly what the chart shows.
    population = Population(seed=seed, as_of=AS_OF, ages=(low, low + span), setting=setting)
    patient = population.patient(index).patient
    assert population.registration(index) == patient
    identity = (patient.sex, patient.date_of_birth, patient.first_name, patient.last_name)
    assert population.identity(index) == identity
    assert population.date_of_birth(index) == patient.date_of_birth


def test_identifiers_are_synthetic_over_ten_thousand_patients() -> None:
    # Registration is the chart's own patient (the test above): no need to make 10,000 charts.
    population = Population(seed=99)
    for index in range(10_000):
        patient = population.registration(index)
        assert patient.ssn is None or ids.is_synthetic_ssn(patient.ssn)
        assert ids.is_fictional_phone(patient.phone)
        assert ids.is_synthetic_email(patient.email)


def test_library_codes_are_billable_fy2026_codes_with_their_own_wording() -> None:
    import simple_icd_10_cm as cm

    for code, description in library().descriptions.items():
        assert cm.is_valid_item(code) and cm.is_leaf(code), code
        assert cm.get_description(code) == description, code
    used = {code for c in library().conditions for code in c.codes.values()}
    assert used <= set(library().descriptions)
