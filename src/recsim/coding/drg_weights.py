"""MS-DRG relative weights and mean lengths of stay: FY2026 IPPS Final Rule, Table 5.

The figures ship as ``data/ms-drg-v43-fy2026-table5.tsv`` (public domain; see
``data/README.md``). They apply to MS-DRG v43 and its April update v43.1: the
April update adds codes but keeps the fiscal year's weights. Other versions'
weights are not shipped, so :func:`table5_row` answers only for FY2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

SOURCE = "CMS, FY 2026 IPPS Final Rule, Table 5"
FISCAL_YEAR = 2026
_FILE = "data/ms-drg-v43-fy2026-table5.tsv"
_COLUMNS = (
    "ms_drg",
    "post_acute",
    "special_pay",
    "mdc",
    "type",
    "title",
    "weight_before_cap",
    "weight",
    "gmlos",
    "amlos",
)


@dataclass(frozen=True, slots=True)
class Table5Row:
    """One MS-DRG as Table 5 lists it."""

    drg: int
    mdc: str
    """``01``-``25``, ``PRE`` (pre-MDC), or empty for the DRGs of no one MDC (981-989)."""
    type: str
    """``MED``, ``SURG``, or ``**`` for the ungroupable DRGs 998 and 999."""
    title: str
    weight: float | None
    """The relative weight payment uses (after the 10% cap); None for 998 and 999."""
    gmlos: float | None
    """Geometric mean length of stay in days; None for 998 and 999."""
    amlos: float | None
    post_acute_transfer: bool
    """On the post-acute care transfer list (42 CFR 412.4(c), (d))."""
    special_pay: bool


@cache
def table5() -> dict[int, Table5Row]:
    """Every row of Table 5 by DRG number (read once per process)."""
    text = resources.files("recsim.coding").joinpath(_FILE).read_text("utf-8")
    lines = text.splitlines()
    if tuple(lines[0].split("\t")) != _COLUMNS:
        raise ValueError(f"{_FILE}: the header is not the Table 5 columns {_COLUMNS}")
    rows: dict[int, Table5Row] = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = dict(zip(_COLUMNS, line.split("\t"), strict=True))
        drg = int(cells["ms_drg"])
        rows[drg] = Table5Row(
            drg=drg,
            mdc=cells["mdc"],
            type=cells["type"],
            title=cells["title"],
            weight=_figure(cells["weight"]),
            gmlos=_figure(cells["gmlos"]),
            amlos=_figure(cells["amlos"]),
            post_acute_transfer=cells["post_acute"] == "Yes",
            special_pay=cells["special_pay"] == "Yes",
        )
    return rows


def table5_row(drg: int, fiscal_year: int) -> Table5Row | None:
    """The Table 5 row of ``drg`` when the stay falls in FY2026, else None (not shipped)."""
    if fiscal_year != FISCAL_YEAR:
        return None
    return table5().get(drg)


def _figure(cell: str) -> float | None:
    # Table 5 prints "." where a figure does not apply (DRGs 998 and 999).
    cell = cell.strip()
    return None if cell in ("", ".") else float(cell)
