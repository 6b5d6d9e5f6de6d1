"""Fair forms beyond the audit: deficiency charts, coding draws by tag, release archetypes.

Issue 18: forms of one scenario must be equally hard, and library draws balanced by tag.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from recsim.session.checks import task_checks
from recsim.session.forms import make_variant
from recsim.session.scenarios import parse_scenario
from recsim.tasks.base import Trail
from recsim.tasks.coding.library import cases_for, library
from recsim.tasks.coding.task import by_tag
from recsim.tasks.deficiency.models import DeficiencyKey
from recsim.tasks.release.models import ReleaseKey
from recsim.tasks.release.task import archetype_worth

TRAINEES = [f"Trainee {n}" for n in range(10)]


def scenario(setting: str, block: str):
    text = (
        f"recsim: 1\nid: fair\ntitle: Fair\nsetting: {setting}\nseed: 21\n"
        f"population: {{patients: 60, ages: [0, 95]}}\ntasks:\n  - {block}\n"
    )
    return parse_scenario(text, "fair.yaml", base=Path("fair.yaml"))


def possible(variant) -> float:  # type: ignore[no-untyped-def]
    return sum(
        f.possible for item in variant.form.items() for f in variant.findings(item, None, Trail())
    )


def test_deficiency_charts_carry_between_the_bounds_and_every_kind() -> None:
    kinds = [
        "missing_history_physical",
        "missing_consent",
        "unsigned_order",
        "unsigned_discharge_summary",
    ]
    block = (
        f"deficiency: {{charts: 6, deficiencies_per_chart: [1, 2], kinds: [{', '.join(kinds)}]}}"
    )
    loaded = scenario("hospital", block)
    assert list(task_checks(loaded.scenario, loaded.path)) == []
    points = set()
    for trainee in TRAINEES:
        variant = make_variant(loaded, trainee)
        keys = [item.key for item in variant.form.items()]
        assert all(isinstance(k, DeficiencyKey) and 1 <= len(k.deficiencies) <= 2 for k in keys)
        dealt = Counter(d.kind for k in keys for d in k.deficiencies)  # type: ignore[attr-defined]
        assert min(dealt[kind] for kind in kinds) >= sum(dealt.values()) // len(kinds)
        points.add(possible(variant))
    assert len(points) == 1


def test_deficiency_kinds_of_one_document_that_cannot_fill_the_charts_are_refused() -> None:
    # four history-and-physical kinds, one per chart at most: two per chart cannot be dealt
    block = (
        "deficiency: {charts: 3, deficiencies_per_chart: [2, 2], kinds: [missing_history_physical,"
        " history_physical_out_of_window, unsigned_history_physical, missing_consent]}"
    )
    loaded = scenario("hospital", block)
    found = list(task_checks(loaded.scenario, loaded.path))
    assert [(where[-1], severity) for where, _, severity in found] == [("kinds", "error")]
    assert "cannot give every chart 2 deficiencies" in found[0][1]


def test_coding_draws_take_the_tags_in_turn_as_far_as_the_library_allows() -> None:
    pool = cases_for("hospital", ["diabetes", "injury"])
    supply = {tag: sum(tag in c.tags for c in pool) for tag in ("diabetes", "injury")}
    assert supply == {"diabetes": 2, "injury": 5}
    for seed in range(10):
        order = by_tag(pool, ["diabetes", "injury"], random.Random(seed))
        assert sorted(c.id for c in order) == sorted(c.id for c in pool)  # no repeats
        # the first four take two of each; the two diabetes cases are then used up
        assert Counter("diabetes" in c.tags for c in order[:4]) == {True: 2, False: 2}
        assert all("injury" in c.tags for c in order[4:])


def test_a_coding_form_has_as_many_cases_of_each_tag() -> None:
    loaded = scenario("clinic", "coding: {cases: 4, tags: [diabetes, ckd]}")
    tags = {case.id: set(case.tags) for case in library()}
    for trainee in TRAINEES:
        cases = [item.key.case for item in make_variant(loaded, trainee).form.items()]  # type: ignore[attr-defined]
        assert sum("diabetes" in tags[c] for c in cases) >= 2
        assert sum("ckd" in tags[c] for c in cases) >= 2


def test_release_requests_left_over_from_whole_rounds_are_worth_the_same() -> None:
    loaded = scenario("hospital", "release: {requests: 7, archetypes: all}")
    worths = set()
    for trainee in TRAINEES:
        keys = [item.key for item in make_variant(loaded, trainee).form.items()]
        archetypes = [k.archetype for k in keys if isinstance(k, ReleaseKey)]
        assert len(set(archetypes)) == 7
        worths.add(sum(archetype_worth(a, loaded.scenario.as_of) for a in archetypes if a))
    assert len(worths) == 1


def test_every_claims_form_has_the_same_clean_count_and_every_problem() -> None:
    problems = ["upcoded", "unbundled", "member_not_covered", "duplicate_claim"]
    block = f"claims: {{claims: 8, clean_share: 0.25, problems: [{', '.join(problems)}]}}"
    loaded = scenario("insurer", block)
    points = set()
    for trainee in TRAINEES[:6]:
        variant = make_variant(loaded, trainee)
        held = Counter(item.key.problem for item in variant.form.items())  # type: ignore[attr-defined]
        # 8 claims, a quarter clean: 2 clean, and 6 problem claims over 4 problems
        assert held["clean"] == 2 and sum(held.values()) == 8
        assert all(held[p] >= 1 for p in problems)
        points.add(possible(variant))
    assert len(points) == 1
