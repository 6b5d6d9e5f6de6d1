"""The release decision table alone chooses the rule; a bad table fails where it is wrong."""

from __future__ import annotations

import inspect
import random
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from recsim.core.content import parse_content
from recsim.core.scenario import InvalidFile
from recsim.privacy import decision, release
from recsim.privacy.decision import select, walk
from recsim.privacy.predicates import PREDICATES
from recsim.privacy.release import derive
from recsim.privacy.rulebook import RulesFile, rulebook
from recsim.tasks.release.archetypes import archetype_names, archetype_patient, draft

BAD_RULES = Path(__file__).parents[1] / "data" / "release_rules"
SHIPPED = resources.files("recsim.privacy").joinpath("release_rules.yaml").read_text("utf-8")
AS_OF = date(2026, 3, 2)


def test_selection_only_walks_the_table_in_order() -> None:
    """select() is one loop over the rows: no role, purpose or paper is named in Python."""
    source = inspect.getsource(decision.select) + inspect.getsource(release.govern)
    for word in ("role", "purpose", "patient", "court_order", "subpoena", "deceased"):
        assert word not in source, word
    # Applying the matched row never looks at who asks; only the care grant reads the purpose,
    # for the payment_relevant records release_rules.yaml lists.
    engine = inspect.getsource(release)
    assert ".requester" not in engine and ".role" not in engine
    assert engine.count(".purpose") == 1 and ".purpose" in inspect.getsource(release._care)


def test_every_rule_is_reachable_and_every_predicate_is_used() -> None:
    table = rulebook().table
    used = {test.name for row in table for test in row.tests}
    assert used == set(PREDICATES)
    in_table = {row.rule for row in table} | set(rulebook().fallbacks.values())
    assert set(rulebook().rules) - in_table == {"authorization_defective"}


@pytest.mark.parametrize("name", archetype_names())
def test_the_walk_ends_at_the_row_that_governs_and_says_why_the_others_did_not(name: str) -> None:
    rng = random.Random(7)
    (low, high), _ = archetype_patient(name)
    request = draft(name, rng, age=rng.randint(low, high)).request
    verdicts = walk(request)
    assert verdicts[-1].matched and verdicts[-1].row == select(request)
    assert all(not v.matched and v.reasons[0] for v in verdicts[:-1])
    handling = derive(request, AS_OF)
    assert handling.rule in {
        verdicts[-1].row.rule,
        "authorization",
        "authorization_defective",
        *rulebook().fallbacks.values(),
    }


@pytest.mark.parametrize("path", sorted(BAD_RULES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_bad_decision_table_fails_with_a_located_message(path: Path) -> None:
    text = path.read_text("utf-8")
    expected = text.splitlines()[0].removeprefix("# expect: ")
    prefix = SHIPPED[: SHIPPED.index("\ndecide:") + 1]
    with pytest.raises(InvalidFile) as failure:
        parse_content(prefix + text, str(path), RulesFile)
    message = str(failure.value.problems[0])
    assert expected in message
    line = int(message.split(f"{path}:")[1].split(":")[0])
    assert line > prefix.count("\n"), message  # inside the table, not at the top of the file
