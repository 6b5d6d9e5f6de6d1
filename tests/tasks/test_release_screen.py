"""What the release desk shows is what the key rests on: purpose, and the deciding patient facts."""

from __future__ import annotations

from pathlib import Path

from recsim.core.form import Item
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.tasks.release import TASK
from recsim.tasks.release.models import ReleaseKey, ReleaseView

SCENARIO = """\
recsim: 1
id: release-screen
title: Requests whose answer turns on what the desk can read
setting: hospital
as_of: 2026-03-02
population: {patients: 40}
queue: ordered
tasks:
  - release:
      items:
        - id: form-without-a-named-purpose
          requester: {role: attorney, verified: true}
          channel: mail
          requested: [discharge_summary]
          documents:
            authorization:
              signed_by: patient
              signed_on: -10d
              expires: +90d
              recipient: named
              describes: [discharge_summary]
              purpose_stated: true
        - id: teen-consented-alone
          requester: {role: parent, verified: true}
          purpose: personal
          requested: [lab_results]
          patient: {age: 16, minor_consented_alone: true}
        - id: daughter-involved-in-care
          requester: {role: family_member, verified: true}
          purpose: personal
          requested: [medication_list]
          patient: {age: 80, agreed_to_share: true}
        - id: stranger-daughter
          requester: {role: family_member, verified: true}
          purpose: personal
          requested: [medication_list]
          patient: {age: 80}
"""


def _items(tmp_path: Path) -> dict[str, Item]:
    path = tmp_path / "release-screen.yaml"
    path.write_text(SCENARIO)
    items = make_variant(load_checked(path), "Ana Ruiz").form.items()
    found = {}
    for item in items:
        key = item.key
        assert isinstance(key, ReleaseKey) and key.authored_id is not None
        found[key.authored_id] = item
    return found


def _screen(item: Item) -> str:
    view = item.view
    assert isinstance(view, ReleaseView)
    lines = [view.story, view.verification]
    lines += [line for document in view.documents for line in document.lines]
    return "\n".join(lines)


def test_a_form_stating_no_named_purpose_reads_as_the_patients_own_request(
    tmp_path: Path,
) -> None:
    item = _items(tmp_path)["form-without-a-named-purpose"]
    key = item.key
    assert isinstance(key, ReleaseKey)
    assert key.handling.decision == "release"  # the engine keys the form valid ...
    screen = _screen(item)
    assert "Purpose: at the request of the individual" in screen  # ... and the desk reads why
    assert "no stated purpose" not in screen.split("Purpose:", 1)[1].splitlines()[0]


def test_a_minor_consenting_alone_is_said_on_the_desk(tmp_path: Path) -> None:
    screen = _screen(_items(tmp_path)["teen-consented-alone"])
    assert "consented to that care alone" in screen


def test_a_patients_agreement_to_share_is_said_and_its_absence_is_not(tmp_path: Path) -> None:
    items = _items(tmp_path)
    assert "agreed that staff may talk with" in _screen(items["daughter-involved-in-care"])
    assert "agreed" not in _screen(items["stranger-daughter"])
    decisions = {name: items[name].key.handling.decision for name in items}  # type: ignore[union-attr]
    assert decisions["daughter-involved-in-care"] != decisions["stranger-daughter"]


def test_the_key_answer_of_every_written_request_scores_full_marks(tmp_path: Path) -> None:
    for item in _items(tmp_path).values():
        findings = TASK.check(item, TASK.key_answer(item), trail=None)  # type: ignore[arg-type]
        assert all(f.earned == f.possible for f in findings), item.id
