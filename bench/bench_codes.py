"""ICD-10-CM code set: one-time index build, warm load, search latency, claim checks.

Budgets (issue 5): once built, the code set is ready within 0.25 s of asking
(measured in a fresh process, imports included); search over the whole code
set has a median under 5 ms and a 95th percentile under 15 ms per query, over
the fixed list of realistic queries below. The build runs once per machine and
is informational.

    python bench/bench_codes.py [--quick] [--json FILE]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, spread, timed

from recsim.coding import index_file
from recsim.coding.build import build
from recsim.coding.codeset import CodeSet, load
from recsim.coding.edits import check_codes
from recsim.coding.tabular import find_source

QUERIES = (
    # what a coder types while looking a condition up: word starts, any order
    "diab kid",
    "type 2 diabetes ckd",
    "diabetes hyperglycemia",
    "diab retinopathy macular edema right",
    "hypertension",
    "hypertensive heart kidney failure",
    "high blood pressure",
    "heart attack",
    "acute myocardial infarction",
    "nstemi",
    "atrial fibrillation",
    "afib",
    "congestive heart failure",
    "chf",
    "chest pain",
    "copd exacerbation",
    "asthma moderate persistent",
    "pneumonia",
    "aspiration pneumonia",
    "uti",
    "urinary tract infection",
    "sepsis e coli",
    "acute kidney failure",
    "chronic kidney disease stage 4",
    "esrd",
    "depression",
    "major depressive recurrent moderate",
    "anxiety disorder",
    "alzheimer",
    "dementia behavioral disturbance",
    "migraine without aura",
    "low back pain",
    "sciatica left",
    "osteoarthritis knee right",
    "rheumatoid arthritis",
    "gout",
    "obesity",
    "bmi 40",
    "hyperlipidemia",
    "high cholesterol",
    "hypothyroidism",
    "anemia",
    "iron deficiency anemia",
    "gerd",
    "gastroenteritis",
    "appendicitis",
    "cholecystitis",
    "pregnancy third trimester",
    "gestational diabetes",
    "preeclampsia",
    "delivery",
    "single live birth",
    "newborn jaundice",
    "fracture radius",
    "colles fracture subsequent",
    "fracture hip left initial",
    "ankle sprain",
    "concussion",
    "laceration scalp",
    "fall from ladder",
    "dog bite",
    "poisoning acetaminophen accidental",
    "adverse effect penicillin",
    "covid",
    "influenza",
    "strep throat",
    "otitis media",
    "conjunctivitis",
    "cellulitis leg",
    "pressure ulcer sacral stage 3",
    "breast cancer",
    "lung cancer",
    "prostate cancer",
    "history of colon cancer",
    "long term insulin",
    "screening colonoscopy",
    "routine child exam",
    "annual physical",
    "flu vaccine",
    # code starts
    "E11.2",
    "e11",
    "S52.5",
    "I50",
    "T36.0X1",
    "O24.4",
    "Z79",
    "M17.1",
    "J44",
    "N18",
)
LOAD_SNIPPET = (
    "import time; t = time.perf_counter();"
    "from recsim.coding import codeset; c = codeset(); c.get('E11.22');"
    "seconds = time.perf_counter() - t;"
    f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); "
    "from common import peak_rss;"
    "print(seconds, peak_rss())"
)


def build_once(folder: Path) -> float:
    source = find_source()
    path = (
        folder / f"icd10cm-{source.version}-format{index_file.FORMAT}.index"
    )  # where load() looks
    started = time.perf_counter()
    build(path, source, lambda message: None)
    return time.perf_counter() - started


def fresh_process_load(folder: Path) -> tuple[float, int]:
    """Seconds from the first import of recsim.coding to a looked-up code, in a new process,
    and that process's peak memory (bytes resident, interpreter included)."""
    env = dict(os.environ, RECSIM_CACHE_DIR=str(folder))
    result = subprocess.run(
        [sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, env=env, check=True
    )
    seconds, peak = result.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(peak)


def search_latencies(codes: CodeSet, rounds: int) -> list[float]:
    """Per-query seconds: each query's median over ``rounds`` runs (after a warm-up pass)."""
    for query in QUERIES:
        codes.search(query)
    per_query = []
    for query in QUERIES:
        runs = timed(lambda q=query: codes.search(q), rounds)
        per_query.append(median(runs))
    return per_query


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 3, "full": 7}[size]
    result: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="recsim-bench-") as scratch:
        folder = Path(scratch)
        built = build_once(folder)
        result.append(
            Figure(
                "one-time index build (first use on a machine)",
                "informational",
                f"{built:.2f}s",
                None,
                {"seconds": built},
            )
        )
        runs = (
            [fresh_process_load(folder) for _ in range(repeat + 1)][1:]
            if size != "tiny"
            else [fresh_process_load(folder)]
        )
        loads = [seconds for seconds, _ in runs]
        result.append(
            Figure(
                "code set ready in a fresh process (imports + load + first lookup)",
                "<= 0.25s",
                f"{median(loads) * 1000:.0f} ms ({spread(loads)})",
                median(loads) <= 0.25,
                {"median_s": median(loads), "runs": loads},
            )
        )
        peak = max(memory for _, memory in runs)
        result.append(
            Figure(
                "peak memory, a process with the code set ready",
                "informational",
                f"{peak / 2**20:.0f} MiB resident",
                None,
                {"peak_rss_bytes": peak},
            )
        )
        in_process = timed(lambda: load(lambda message: None, folder), repeat)
        result.append(
            Figure(
                "index load alone (read, checksum, split)",
                "informational",
                f"{median(in_process) * 1000:.0f} ms",
                None,
                {"median_s": median(in_process)},
            )
        )
        codes = load(lambda message: None, folder)
        latencies = search_latencies(codes, {"tiny": 1, "quick": 5, "full": 15}[size])
        mid, high = median(latencies), p95(latencies)
        slowest = max(zip(latencies, QUERIES, strict=True))
        detail = {
            "queries": len(QUERIES),
            "median_s": mid,
            "p95_s": high,
            "slowest": slowest[1],
            "slowest_s": slowest[0],
        }
        result.append(
            Figure(
                f"search, median of {len(QUERIES)} queries",
                "< 5 ms",
                f"{mid * 1000:.2f} ms",
                mid < 0.005,
                detail,
            )
        )
        result.append(
            Figure(
                f"search, 95th percentile of {len(QUERIES)} queries",
                "< 15 ms",
                f"{high * 1000:.2f} ms (slowest: {slowest[1]!r}, {slowest[0] * 1000:.1f} ms)",
                high < 0.015,
                detail,
            )
        )
        claim = ["N18.4", "E11.22", "T36.01A", "Z37.0", "F02.80", "G30.9", "E10.9", "I10", "I10"]
        checks = timed(
            lambda: check_codes(claim, sex="F", age=70, setting="inpatient", codeset=codes),
            max(3, repeat * 10),
        )
        result.append(
            Figure(
                f"check a claim of {len(claim)} codes",
                "informational",
                f"{median(checks) * 1000:.2f} ms",
                None,
                {"median_s": median(checks)},
            )
        )
    return result


if __name__ == "__main__":
    from common import report

    args = arguments(__doc__.splitlines()[0])
    raise SystemExit(report(figures(args.size), args.json))
