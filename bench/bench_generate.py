"""Generating complete patients vs raw Faker producing the same demographic fields.

Budget (issue 2): 1,000 complete patients in at most 2x the time raw Faker needs
for name, address, phone, e-mail, SSN and date of birth. 10,000 and 100,000
show that the time per patient stays flat (random access, no hidden quadratic).

    python bench/bench_generate.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, peak_memory, report, spread, timed
from faker import Faker

from recsim.core.generate import generate_patient


def raw_faker(count: int) -> None:
    fake = Faker("en_US")
    for index in range(count):
        fake.seed_instance(index)
        fake.first_name()
        fake.last_name()
        fake.street_address()
        fake.city()
        state = fake.state_abbr(include_territories=False)
        fake.zipcode_in_state(state)
        fake.phone_number()
        fake.email()
        fake.ssn()
        fake.date_of_birth(maximum_age=95)


def recsim_patients(count: int, start: int = 0) -> None:
    for index in range(start, start + count):
        generate_patient(20261126, index)


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 3, "full": 7}[size]
    batch = 50 if size == "tiny" else 1000
    recsim_patients(50)  # warm caches (Faker locale, condition library)
    raw = timed(lambda: raw_faker(batch), repeat)
    ours = timed(lambda: recsim_patients(batch), repeat)
    ratio = median(ours) / median(raw)
    result = [
        Figure(
            f"raw Faker, {batch:,} demographic records",
            "baseline",
            f"{median(raw):.3f}s ({spread(raw)})",
            None,
            {"median_s": median(raw), "runs": raw},
        ),
        Figure(
            f"recsim, {batch:,} complete patients",
            "<= 2.0x baseline",
            f"{median(ours):.3f}s = {ratio:.2f}x",
            ratio <= 2.0,
            {"median_s": median(ours), "ratio": ratio},
        ),
    ]
    per_patient = median(ours) / batch
    for count in {"tiny": (200,), "quick": (10_000,), "full": (10_000, 100_000)}[size]:
        (seconds,) = timed(lambda c=count: recsim_patients(c, start=500_000), 1)
        growth = (seconds / count) / per_patient
        result.append(
            Figure(
                f"recsim, {count:,} patients",
                "linear (per patient <= 1.5x)",
                f"{seconds:.2f}s, {growth:.2f}x per patient",
                growth <= 1.5,
                {"seconds": seconds, "per_patient_ratio": growth},
            )
        )
    peak = peak_memory(lambda: [generate_patient(20261126, i) for i in range(batch)])
    result.append(
        Figure(
            f"peak memory, {batch:,} patients held",
            "informational",
            f"{peak / 2**20:.1f} MiB",
            None,
            {"bytes": peak},
        )
    )
    return result


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
