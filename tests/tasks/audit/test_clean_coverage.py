"""A chart meant clean bills no visit outside the coverage on file."""

from __future__ import annotations

from recsim.core.generate import generate_patient


def test_no_generated_visit_falls_before_the_coverage_it_bills() -> None:
    for seed in (1, 7):
        for index in range(400):
            record = generate_patient(seed, index)
            coverage = record.coverage
            for encounter in record.encounters:
                assert encounter.member_id == coverage.member_id
                assert coverage.effective_from <= encounter.admit_date, (seed, index)
                ended = coverage.effective_to
                assert ended is None or encounter.admit_date <= ended
