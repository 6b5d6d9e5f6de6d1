"""``recsim codes add`` of real-size release archives, as a fresh process (issue 17).

Budget: adding the ICD-10-CM and ICD-10-PCS release zips takes under 30 s. The
archives are synthetic, in the CMS layout and of the real files' sizes (an
Alphabetic Index of about 16 MB, PCS tables of about 20 MB, plus a tabular list
the parts do not read); the parts are the test suite's fake ones, which stream
every element as a real part does. The baseline, measured in the same run, is
the floor any part pays: a fresh process streaming the same members through the
defusedxml reader and doing nothing with them.

    python bench/bench_codes_add.py [--quick] [--json FILE]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import Figure, arguments, median, report, spread
from tests.cli.cms_archives import CM_FOLDER, index_xml, pcs_xml, zip_bytes

HERE = Path(__file__).resolve().parent

SIZES = {"tiny": (2_000, 500), "quick": (30_000, 25_000), "full": (120_000, 150_000)}
"""Main terms of the index and PCS tables: "full" is about the size of the real files."""

ADD = """
import sys
import recsim.coding.release as registry
from tests.cli.cms_archives import FAKE_PARTS
registry.all_parts = lambda: FAKE_PARTS
from recsim.cli import main
sys.exit(main(["codes", "add", *sys.argv[1:]]))
"""
READ = """
import sys, zipfile
from recsim.coding.release.xml import elements
for name in sys.argv[1:]:
    with zipfile.ZipFile(name) as archive:
        for info in archive.infolist():
            if "_index_" in info.filename or "_tables_" in info.filename:
                with archive.open(info) as stream:
                    tags = frozenset({"mainTerm", "pcsTable"})
                    for element in elements(stream, info.filename, tags):
                        element.clear()
"""


def archives(folder: Path, size: str) -> list[Path]:
    terms, tables = SIZES[size]
    index = index_xml(terms)
    cm = folder / "2026-code-tables-tabular-and-index.zip"
    cm.write_bytes(
        zip_bytes(
            {
                f"{CM_FOLDER}/icd10cm_index_2026.xml": index,
                f"{CM_FOLDER}/icd10cm_tabular_2026.xml": index * 2,
            }
        )
    )
    pcs = folder / "2026-icd-10-pcs-code-tables-and-index.zip"
    pcs.write_bytes(zip_bytes({"icd10pcs_tables_2026.xml": pcs_xml(tables)}))
    return [cm, pcs]


def fresh(script: str, files: list[Path], cache: Path) -> float:
    env = dict(
        os.environ,
        RECSIM_CACHE_DIR=str(cache),
        PYTHONPATH=os.pathsep.join([str(HERE.parent / "src"), str(HERE.parent)]),
    )
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", script, *map(str, files)], capture_output=True, env=env, check=True
    )
    return time.perf_counter() - started


def figures(size: str) -> list[Figure]:
    repeat = {"tiny": 1, "quick": 3, "full": 5}[size]
    with tempfile.TemporaryDirectory(prefix="recsim-bench-") as scratch:
        folder = Path(scratch)
        files = archives(folder, size)
        megabytes = sum(f.stat().st_size for f in files) / 2**20
        fresh(READ, files, folder / "cache")  # warm the file cache for both
        reads = [fresh(READ, files, folder / "cache") for _ in range(repeat)]
        adds = [fresh(ADD, files, folder / "cache") for _ in range(repeat)]
    ratio = median(adds) / median(reads)
    return [
        Figure(
            f"recsim codes add, CM + PCS zips ({megabytes:.1f} MB), fresh process",
            "< 30 s",
            f"{median(adds):.2f} s ({spread(adds)}; {ratio:.2f}x streaming the same XML, "
            f"{median(reads):.2f} s)",
            median(adds) < 30,
            {"add_s": adds, "read_s": reads, "ratio": ratio, "zip_mb": megabytes, "size": size},
        )
    ]


if __name__ == "__main__":
    args = arguments(__doc__.splitlines()[0])
    sys.exit(report(figures(args.size), args.json))
