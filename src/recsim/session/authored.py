"""Which items are the same on every trainee's form: authored items and traps.

Item analysis (:mod:`recsim.core.grading.item_analysis`) can compare trainees
on these item by item; generated items differ from form to form and are
compared by topic instead.
"""

from __future__ import annotations

from collections import Counter

from recsim.core.scenario import LoadedScenario
from recsim.session.kinds import KINDS, interrupting, task_kind


def authored_items(loaded: LoadedScenario) -> dict[str, str]:
    """Item id -> label (``release-1 (r1)``, ``trap-2 (famous_patient)``).

    Items are numbered per kind in block order, as :func:`recsim.session.forms.make_variant`
    numbers them, and a block's authored ``items`` come before its generated ones.
    """
    scenario = loaded.scenario
    labels: dict[str, str] = {}
    numbering: Counter[str] = Counter()
    for kind, block in scenario.blocks():
        written = list(getattr(block, "items", None) or [])
        for index, entry in enumerate(written, start=1):
            numbering[kind] += 1
            item = f"{kind}-{numbering[kind]}"
            named = getattr(entry, "id", None) or f"item {index} of its block"
            labels[item] = f"{item} ({named})"
        numbering[kind] += max(0, task_kind(kind).count(block) - len(written))
    interrupting_kinds = [name for name in KINDS if interrupting(name)]
    for number, entry in enumerate(scenario.traps, start=1):
        item = f"{interrupting_kinds[0]}-{number}"  # as make_variant numbers interruptions
        named = getattr(entry, "kind", None) or f"entry {number} of traps"
        labels[item] = f"{item} ({named})"
    return labels
