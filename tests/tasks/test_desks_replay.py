"""Every desk key replays: for every bundled scenario and twenty trainees, the key answers
score 100%, the key's deciding facts are on the screen, and every finding cites a public source.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recsim.core.scoring import Finding
from recsim.session.bundled import bundled_scenarios
from recsim.session.checks import load_checked
from recsim.session.forms import make_variant
from recsim.session.kinds import task_kind
from recsim.tasks.base import Trail
from tests.tasks.desk_screens import SCREENS
from tests.tasks.public_sources import unsourced

TRAINEES = (
    "Ana Ruiz", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eli Brooks", "Fay Moss", "Gus Patel",
    "Hana Sato", "Ivan Petrov", "Jade Kim", "Kofi Mensah", "Lena Fischer", "Mo Haddad",
    "Nia Brown", "Omar Aziz", "Pia Rossi", "Quinn Lee", "Rosa Diaz", "Sam Cohen", "Tara Singh",
)  # fmt: skip


def _desk_scenarios() -> list[Path]:
    kinds = tuple(f"  - {kind}:" for kind in SCREENS)
    return [p for p in bundled_scenarios() if any(k in p.read_text() for k in kinds)]


def _short(findings: list[Finding]) -> list[str]:
    return [f"{f.topic}: {f.outcome} {f.earned}/{f.possible}" for f in findings]


@pytest.mark.parametrize("path", _desk_scenarios(), ids=lambda p: p.stem)
def test_every_desk_key_replays_on_screen_for_twenty_trainees(path: Path) -> None:
    loaded = load_checked(path)
    for trainee in TRAINEES:
        for item in make_variant(loaded, trainee).form.items():
            if item.kind not in SCREENS:
                continue
            task = task_kind(item.kind)
            where = f"{path.stem}, {trainee}, {item.id}"
            keyed = task.check(item, task.key_answer(item), Trail())
            assert keyed and all(f.earned == f.possible for f in keyed), (where, _short(keyed))
            assert not SCREENS[item.kind](item), (where, SCREENS[item.kind](item))
            unanswered = task.check(item, None, Trail())
            assert not unsourced(keyed + unanswered), (where, unsourced(keyed + unanswered))
