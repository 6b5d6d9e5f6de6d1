"""Forms of DRG validation claims built from a small scenario, for the kind's tests."""

from __future__ import annotations

from pathlib import Path

from recsim.core.form import Item
from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.drg_validation.models import DrgValidationKey


def drg_items(
    errors: str = "all", count: int = 10, clean_share: float = 0.2, seed: int = 5, tags: str = "[]"
) -> list[Item]:
    """The claims of a one-block scenario (as of 2026-06-30)."""
    text = (
        "recsim: 1\nid: drg-test\ntitle: DRG validation test\nsetting: insurer\n"
        f"as_of: 2026-06-30\nseed: {seed}\npopulation: {{patients: 20}}\n"
        f"tasks:\n  - drg_validation: {{claims: {count}, errors: {errors}, "
        f"clean_share: {clean_share}, tags: {tags}}}\n"
    )
    loaded = parse_scenario(text, "d.yaml", checks=(task_checks,), base=Path("d.yaml"))
    return list(make_variant(loaded).form.items())


def key_of(item: Item) -> DrgValidationKey:
    assert isinstance(item.key, DrgValidationKey)
    return item.key


def with_error(error: str) -> Item:
    """A claim carrying ``error``."""
    return next(
        i for i in drg_items(f"[{error}]", count=3, clean_share=0) if key_of(i).error is not None
    )


def clean_claim() -> Item:
    return next(i for i in drg_items(count=4, clean_share=0.5) if key_of(i).error is None)
