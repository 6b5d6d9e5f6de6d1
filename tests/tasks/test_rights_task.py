"""Patient-rights requests: keys, deadlines counted from the received date, the accounting
built from the log, fees, and the credit each wrong turn gets."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from recsim.core.form import Item
from recsim.session.checks import load_checked, task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.session.topics import topic_words
from recsim.tasks.base import Trail
from recsim.tasks.rights import TASK
from recsim.tasks.rights.block import ARCHETYPES
from recsim.tasks.rights.content import rights_content
from recsim.tasks.rights.models import RightsAnswer, RightsKey, RightsView
from recsim.tasks.rights.paperwork import years_before
from tests.conftest import SCENARIOS
from tests.tasks.test_bundled_scoring import TWENTY

BUNDLED = SCENARIOS / "privacy-office-rights.yaml"
PARAGRAPH = re.compile(r"45 CFR 164\.5\d\d\([a-z]\)")
"""A citation of the Privacy Rule by paragraph: 45 CFR 164.524(b)..."""


def items(block: str, as_of: str = "2026-03-02", seed: int = 5) -> list[Item]:
    text = (
        "recsim: 1\nid: rights-test\ntitle: Rights test\nsetting: hospital\n"
        f"as_of: {as_of}\nseed: {seed}\npopulation: {{patients: 40}}\n"
        f"tasks:\n  - rights: {block}\n"
    )
    loaded = parse_scenario(text, "r.yaml", checks=(task_checks,), base=Path("r.yaml"))
    return list(make_variant(loaded).form.items())


def one(archetype: str, **options: str) -> Item:
    return items(f"{{requests: 1, archetypes: [{archetype}]}}", **options)[0]


def key_of(item: Item) -> RightsKey:
    assert isinstance(item.key, RightsKey)
    return item.key


def view_of(item: Item) -> RightsView:
    assert isinstance(item.view, RightsView)
    return item.view


def answer(item: Item, **changes: object) -> RightsAnswer:
    key = TASK.key_answer(item)
    return key.model_copy(update=changes)


def test_the_content_has_twenty_archetypes_across_all_five_rights() -> None:
    archetypes = rights_content().archetypes
    assert len(archetypes) >= 20
    assert {entry.right for entry in archetypes.values()} == set(rights_content().rights)


def test_key_answers_score_full_marks_for_twenty_trainees() -> None:
    loaded = load_checked(BUNDLED)
    for trainee in TWENTY:
        variant = make_variant(loaded, trainee)
        answers = {item.id: TASK.key_answer(item) for item in variant.form.items()}
        card = variant.score(answers)
        assert card.overall == 100.0, (trainee, [f for f in card.findings if f.earned < f.possible])
        assert variant.score({}).overall == 0.0


def test_every_archetype_is_keyed_right_and_every_feedback_cites_its_paragraph() -> None:
    for item in items(f"{{requests: {len(ARCHETYPES.names)}}}"):
        key = key_of(item)
        for given in (TASK.key_answer(item), None):
            for finding in TASK.check(item, given, Trail()):
                # The feedback is printed with its rule: "... (45 CFR 164.524(b)(2)(i))".
                assert finding.feedback and PARAGRAPH.search(finding.rule), finding
                assert finding.rule not in finding.feedback, finding  # said once
            decision = TASK.check(item, given, Trail())[0]
            if key.ground is not None:
                ground = rights_content().grounds[key.ground]
                cited = decision.feedback + decision.rule
                assert ground.rule in cited, (key.archetype, decision.feedback)
        found = TASK.check(item, TASK.key_answer(item), Trail())
        assert all(f.outcome == "correct" and f.earned == f.possible for f in found)


def test_deadlines_move_with_as_of_for_generated_requests() -> None:
    early = [key_of(i).deadline for i in items("{requests: 12}", as_of="2026-03-02")]
    later = [key_of(i).deadline for i in items("{requests: 12}", as_of="2026-03-12")]
    assert [d for d in early if d] and all(
        (b - a) == timedelta(days=10) for a, b in zip(early, later, strict=True) if a and b
    )


def test_deadlines_are_counted_from_the_received_date() -> None:
    def deadline(archetype: str, received: str) -> date | None:
        block = f"{{items: [{{archetype: {archetype}, received: {received}}}]}}"
        return key_of(items(block)[0]).deadline

    assert deadline("access_paper_copy", "2026-02-20") == date(2026, 3, 22)
    assert deadline("access_paper_copy", "2026-02-25") == date(2026, 3, 27)
    assert deadline("access_extension", "2026-02-20") == date(2026, 4, 21)
    assert deadline("amendment_accurate", "2026-02-20") == date(2026, 4, 21)
    assert deadline("amendment_extension", "2026-02-20") == date(2026, 5, 21)
    assert deadline("accounting_first_request", "2026-02-20") == date(2026, 4, 21)
    assert deadline("accounting_extension", "2026-02-20") == date(2026, 5, 21)
    assert deadline("restriction_paid_in_full", "2026-02-20") is None
    assert deadline("amendment_statement_of_disagreement", "2026-02-20") is None


def test_the_accounting_leaves_out_excluded_kinds_and_entries_older_than_six_years() -> None:
    disclosures = rights_content().disclosures
    for seed in range(6):
        item = one("accounting_first_request", seed=str(seed))
        view, key = view_of(item), key_of(item)
        start = years_before(view.received, 6)
        purposes = {kind.purpose: kind for kind in disclosures.values()}
        assert any(line.on and line.on < start for line in view.lines)
        for line, entry in zip(view.lines, key.lines, strict=True):
            assert line.on is not None
            assert entry.belongs == (line.on >= start and purposes[line.what].accounted)


def test_a_shorter_period_leaves_out_what_came_before_it() -> None:
    item = one("accounting_shorter_period")
    view, key = view_of(item), key_of(item)
    start = years_before(view.received, 2)
    assert start.isoformat() in " ".join(view.letter)
    paired = zip(view.lines, key.lines, strict=True)
    early = [entry for line, entry in paired if line.on is not None and line.on < start]
    assert early and not any(entry.belongs for entry in early)
    assert all("164.528(a)(3)" in entry.rule for entry in early)


def test_a_fee_is_allowed_only_after_another_accounting_within_twelve_months() -> None:
    for seed in range(4):
        first = key_of(one("accounting_first_request", seed=str(seed)))
        second = key_of(one("accounting_second_request", seed=str(seed)))
        assert (first.fee, second.fee) == (False, True)
    item = one("accounting_second_request")
    found = TASK.check(item, answer(item, fee=False), Trail())
    (fee,) = [f for f in found if f.topic == "accounting_fee"]
    assert fee.outcome == "missed" and fee.rule == "45 CFR 164.528(c)(2)"


def test_an_invoice_may_charge_copying_supplies_and_postage_but_not_search() -> None:
    item = one("access_fee_paper")
    view, key = view_of(item), key_of(item)
    charged = {line.who for line, entry in zip(view.lines, key.lines, strict=True) if entry.belongs}
    assert charged == {
        "Staff time to make the copy",
        "Paper and toner for the paper copy",
        "Postage to mail the copy",
    }
    everything = answer(item, lines=[line.id for line in view.lines])
    wrong = [f for f in TASK.check(item, everything, Trail()) if f.outcome == "false_alarm"]
    assert {f.rule for f in wrong} == {"45 CFR 164.524(c)(4)"} and len(wrong) == 2


def test_the_right_decision_on_the_wrong_ground_earns_half() -> None:
    item = one("amendment_accurate")
    (decision, _deadline) = TASK.check(item, answer(item, ground="not_in_record_set"), Trail())
    assert decision.outcome == "partial" and decision.earned == decision.possible / 2


def test_granting_what_a_ground_would_let_the_office_refuse_is_lawful_but_half_credit() -> None:
    item = one("access_psychotherapy_notes")
    decision = TASK.check(item, answer(item, decision="grant", ground=None), Trail())[0]
    assert decision.outcome == "partial" and "lawful" in decision.feedback


def test_refusing_a_paid_in_full_restriction_earns_nothing() -> None:
    item = one("restriction_paid_in_full")
    refused = answer(item, decision="deny", ground="restriction_not_required")
    (decision,) = TASK.check(item, refused, Trail())
    assert decision.outcome == "missed" and decision.earned == 0
    assert "164.522(a)(1)(vi)" in decision.rule


def test_a_wrong_or_missing_deadline_is_scored_apart_from_the_decision() -> None:
    item = one("access_paper_copy")
    due = key_of(item).deadline
    assert due is not None
    for given in (due + timedelta(days=1), None):
        decision, deadline = TASK.check(item, answer(item, deadline=given), Trail())
        assert decision.outcome == "correct"
        assert deadline.outcome == "missed" and "164.524(b)(2)(i)" in deadline.rule


def test_the_extended_deadline_counts_both_periods() -> None:
    item = one("accounting_extension")
    key = key_of(item)
    assert key.deadline == view_of(item).received + timedelta(days=90)
    deadline = TASK.check(item, TASK.key_answer(item), Trail())[1]
    assert deadline.rule == "45 CFR 164.528(c)(1); 164.528(c)(1)(ii)"


def test_report_topics_read_as_the_archetypes_titles() -> None:
    assert topic_words("restriction_paid_in_full") == "Restriction, a service paid in full"
    assert topic_words("accounting_entries") == "Accounting entries"
    assert TASK.topic_title("access_extension") == "Access, records in off-site storage"


def test_a_tick_for_an_entry_that_is_not_there_is_a_false_alarm_with_its_rule() -> None:
    item = one("accounting_first_request")
    found = TASK.check(item, answer(item, lines=[*TASK.key_answer(item).lines, "D99"]), Trail())
    (stray,) = [f for f in found if f.given == "D99"]
    assert stray.outcome == "false_alarm" and PARAGRAPH.search(stray.rule)


def test_requests_come_from_adults_even_in_a_population_with_children() -> None:
    text = (
        "recsim: 1\nid: rights-ages\ntitle: Rights ages\nsetting: hospital\nas_of: 2026-03-02\n"
        "population: {patients: 60, ages: [0, 95]}\ntasks:\n  - rights: {requests: 30}\n"
    )
    loaded = parse_scenario(text, "r.yaml", checks=(task_checks,), base=Path("r.yaml"))
    views = [view_of(item) for item in make_variant(loaded, "Ana").form.items()]
    born = [view.patient.date_of_birth for view in views]
    assert all(years_before(date(2026, 3, 2), 18) >= day for day in born)
