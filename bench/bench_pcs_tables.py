"""The ICD-10-PCS tables (issue 17 part 3): build from the CMS file, load, and ask an axis.

The real FY2026 tables file is not shipped, so the benchmark writes a synthetic one
of the same size (about 79,000 codes in the CMS layout) and measures: the build
into the cache (budget 30 s, the index build's), loading the cache file in process
(budget 0.25 s, the code set's ready time), and the 95th percentile of the next
axis's choices over prefixes of every length (budget 15 ms, the search's).

    python bench/bench_pcs_tables.py [--quick] [--json FILE]
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Figure, arguments, median, p95, report, spread, timed

from recsim.coding.release import pcs_file
from recsim.coding.release.pcs_model import PCS_CHARACTERS
from recsim.coding.release.pcs_tables import build

CHARACTERS = sorted(PCS_CHARACTERS)
TITLES = ("Section", "Body System", "Operation", "Body Part", "Approach", "Device", "Qualifier")
SIZES = (8, 3, 3, 2)
"""Most values per row for characters 4 to 7 (drawn from 1 to this many)."""


def _axis(position: int, chars: list[str], words: str) -> str:
    labels = "".join(
        f'<label code="{c}">{words} {c}, a usual length of name</label>' for c in chars
    )
    title = TITLES[position - 1]
    return f'<axis pos="{position}" values="{len(chars)}"><title>{title}</title>{labels}</axis>'


def synthetic(codes: int) -> tuple[bytes, list[str]]:
    """A tables file with about ``codes`` codes, and one code of each table."""
    rnd = random.Random(2026)
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<ICD10PCS.tabular><version>2026</version>']
    made, samples, seen = 0, [], set()
    while made < codes:
        prefix = "0" + rnd.choice(CHARACTERS) + rnd.choice(CHARACTERS)
        if prefix in seen:
            continue
        seen.add(prefix)
        table = ["<pcsTable>"]
        for position, words in ((1, "Section"), (2, "Body system"), (3, "Operation")):
            table.append(_axis(position, [prefix[position - 1]], words))
        for _ in range(rnd.randint(1, 8)):
            picks = [rnd.sample(CHARACTERS, rnd.randint(1, n)) for n in SIZES]
            count = len(picks[0]) * len(picks[1]) * len(picks[2]) * len(picks[3])
            axes = "".join(_axis(p, picks[p - 4], TITLES[p - 1]) for p in range(4, 8))
            table.append(f'<pcsRow codes="{count}">{axes}</pcsRow>')
            made += count
            samples.append(prefix + "".join(axis[0] for axis in picks))
        table.append("</pcsTable>")
        parts.append("".join(table))
    parts.append("</ICD10PCS.tabular>\n")
    return "\n".join(parts).encode("utf-8"), samples


def figures(size: str) -> list[Figure]:
    codes = {"tiny": 2_000, "quick": 79_000, "full": 79_000}[size]
    repeat = {"tiny": 1, "quick": 3, "full": 7}[size]
    xml, samples = synthetic(codes)
    with tempfile.TemporaryDirectory(prefix="recsim-bench-") as scratch:
        source, cache = Path(scratch) / "tables.xml", Path(scratch) / "tables.dat"
        source.write_bytes(xml)

        def build_once() -> None:
            with source.open("rb") as stream:
                build(stream, 2026, cache)

        builds = timed(build_once, repeat)
        loads = timed(lambda: pcs_file.read(cache), repeat * 3)
        tables = pcs_file.read(cache)
        stored = cache.stat().st_size
    prefixes = [code[:length] for code in samples for length in range(7)]
    asks = [t for prefix in prefixes for t in timed(lambda p=prefix: tables.choices(p), 1)]
    return [
        Figure(
            f"PCS tables build from a {len(xml) / 2**20:.1f} MB file ({tables.codes:,} codes)",
            "< 30 s",
            f"{median(builds):.2f} s ({spread(builds)})",
            median(builds) < 30,
            {"build_s": builds, "codes": tables.codes, "xml_bytes": len(xml)},
        ),
        Figure(
            "PCS tables cache file load, in process",
            "< 0.25 s",
            f"{median(loads) * 1000:.0f} ms (a {stored / 1024:.0f} KB file)",
            median(loads) < 0.25,
            {"load_s": loads, "cache_bytes": stored},
        ),
        Figure(
            f"PCS next-axis choices, p95 of {len(asks)} prefixes of every length",
            "< 15 ms",
            f"{p95(asks) * 1000:.2f} ms (median {median(asks) * 1000:.2f} ms)",
            p95(asks) < 0.015,
            {"p95_s": p95(asks), "median_s": median(asks)},
        ),
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    sys.exit(report(figures(args.size), args.json))
