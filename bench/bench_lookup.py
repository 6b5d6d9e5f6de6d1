"""The patient lookup: making the hospital's patient index and searching it.

The index is made on the first search of an attempt (every population patient's name,
birth date and sex, drawn as the chart draws them), then kept; each search after that
scans it. A population holds at most 100,000 patients.

Budgets: a search of the made index (name, birth date or MRN; the slowest of them)
under 50 ms, the same as a key press in the work queue (issue 7); making the index
under 0.5 ms a patient. Faker's weighted name draws are most of that (0.1 ms a patient
on an idle machine, 0.4 ms on a busy one): a 100,000-patient index takes 10 to 40 s,
which the terminal UI spends in a thread, saying so, on the first lookup.

    python bench/bench_lookup.py [--quick] [--json FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, report, spread, timed

from recsim.session.forms import make_variant
from recsim.session.lookup import PatientIndex
from recsim.session.scenarios import parse_scenario


def index(patients: int) -> PatientIndex:
    text = (
        "recsim: 1\nid: bench-lookup\ntitle: Lookup benchmark\nsetting: hospital\n"
        f"population: {{patients: {patients}}}\n"
        "tasks:\n  - audit: {records: 10, errors_per_record: [0, 2]}\n"
    )
    return PatientIndex(make_variant(parse_scenario(text, "bench.yaml"), "Bench Trainee"))


def figures(size: str) -> list[Figure]:
    patients = {"tiny": 200, "quick": 10_000, "full": 100_000}[size]
    made = index(patients)
    build = timed(made.entries, 1)[0]
    per_patient = build / patients
    some = made.entries()[patients // 2].patient
    queries = (
        some.last_name[:3],
        f"{some.last_name}, {some.first_name}",
        some.date_of_birth.isoformat(),
        some.mrn,
    )
    repeat = 3 if size != "full" else 7
    slowest = max(
        (timed(lambda q=q: made.search(q), repeat) for q in queries), key=lambda t: median(t)
    )
    return [
        Figure(
            f"make the patient index of {patients:,} patients",
            "<= 0.5 ms a patient",
            f"{build:.2f}s ({per_patient * 1000:.3f} ms a patient)",
            per_patient <= 0.0005,
            {"seconds": build, "patients": patients},
        ),
        Figure(
            f"search {patients:,} patients (slowest query kind)",
            "<= 0.05s",
            f"{median(slowest):.4f}s ({spread(slowest)})",
            median(slowest) <= 0.05,
            {"median_s": median(slowest), "runs": slowest, "patients": patients},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
