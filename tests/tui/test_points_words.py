"""Points read to at most two decimals: a de-identification share is not shown as 0.7692."""

from __future__ import annotations

from recsim.tui.widgets.findings import points_text
from recsim.tui.words import points_number


def test_a_share_of_points_reads_to_two_decimals() -> None:
    assert points_text(10 / 13, 60 / 13) == "0.77 of 4.62 points"


def test_whole_points_read_without_decimals() -> None:
    assert points_text(3, 5) == "3 of 5 points"
    assert points_text(1, 1) == "1 of 1 point"
    assert points_text(-1, 0) == "-1 point"


def test_large_totals_keep_their_digits() -> None:
    assert points_number(1234567.5) == "1,234,567.5"
    assert points_number(-0.001) == "0"
