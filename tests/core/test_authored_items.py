"""The items that are the same on every form, by id: what item statistics compare item by item."""

from __future__ import annotations

from recsim.session.authored import authored_items
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from tests.conftest import SCENARIOS


def test_authored_requests_are_found_by_id_in_every_block() -> None:
    loaded = load_checked(SCENARIOS / "clinic-release-desk.yaml")
    labels = authored_items(loaded)
    for trainee in ("Ana Ruiz", "Ben Okafor"):
        form = make_variant(loaded, trainee).form
        for slot in form.slots:
            authored = form.item(slot.id).key.authored_id  # type: ignore[attr-defined]
            if slot.id in labels:
                assert labels[slot.id] == f"{slot.id} ({authored})"
            else:
                assert authored is None, slot.id
    assert len(labels) == 4


def test_traps_are_labelled_with_their_kind() -> None:
    labels = authored_items(load_checked(SCENARIOS / "public-health-deidentify.yaml"))
    assert labels["trap-1"] == "trap-1 (famous_patient)"
    assert not any(item.startswith("deidentify-") for item in labels)
