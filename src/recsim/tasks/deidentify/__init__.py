"""De-identification by the Safe Harbor method, 45 CFR 164.514(b)(2) (kind ``deidentify``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recsim.tasks.base import lazy_exports
from recsim.tasks.deidentify.block import DeidentifyBlock as BLOCK

if TYPE_CHECKING:
    from recsim.tasks.deidentify.task import TASK as TASK
    from recsim.tasks.deidentify.task import DeidentifyAnswer as DeidentifyAnswer
    from recsim.tasks.deidentify.task import DeidentifyKey as DeidentifyKey
    from recsim.tasks.deidentify.task import DeidentifyTask as DeidentifyTask
    from recsim.tasks.deidentify.task import DeidentifyView as DeidentifyView
    from recsim.tasks.deidentify.task import Mark as Mark

__getattr__ = lazy_exports(
    __name__,
    "task",
    ["TASK", "DeidentifyTask", "DeidentifyAnswer", "DeidentifyKey", "DeidentifyView", "Mark"],
)

__all__ = [
    "BLOCK",
    "TASK",
    "DeidentifyAnswer",
    "DeidentifyKey",
    "DeidentifyTask",
    "DeidentifyView",
    "Mark",
]
