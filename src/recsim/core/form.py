"""Forms and items: what generation hands the session.

A :class:`Form` is one trainee's variant of a scenario: an ordered queue of
items, each with what the trainee sees (``view``) and the hidden answer key
(``key``). Items are made on demand, so a 100,000-item queue opens without
generating 100,000 items.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: a chart to audit, a case to code, a request to decide."""

    id: str
    """Stable id used in answers files, e.g. ``audit-3``."""
    kind: str
    """Task kind: audit, coding, release, ..."""
    title: str
    """One line for the work queue."""
    view: BaseModel
    """What the trainee sees."""
    key: BaseModel
    """The hidden answer key."""
    objectives: tuple[str, ...] = ()
    """Scenario objective ids this item exercises."""
    chart: str | None = None
    """MRN of the chart the item opens, for the access audit trail (None if it opens none)."""
    concerns: tuple[str, ...] = ()
    """MRNs of other charts the item's work is about without opening them (a claim's
    patient): opening one from the patient index is work, not snooping."""

    def to_json(self, *, with_key: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``preview --json``)."""
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "objectives": list(self.objectives),
            "view": self.view.model_dump(mode="json"),
        }
        if with_key:
            data["key"] = self.key.model_dump(mode="json")
        return data


@dataclass(frozen=True, slots=True)
class Slot:
    """Where an item comes from: its id, kind, task number and index within the task."""

    id: str
    kind: str
    task: int
    index: int


@dataclass
class Form:
    """One trainee's variant of a scenario: a queue of lazily made items."""

    seed: int
    """Effective seed (scenario seed mixed with the trainee name)."""
    trainee: str
    """Trainee name the variant was made for."""
    slots: list[Slot]
    """The queue, in the order the trainee works it."""
    make: Callable[[Slot], Item]
    """Builds one item from its slot (pure)."""
    cache_size: int = 512
    _positions: dict[str, int] = field(default_factory=dict, repr=False)
    _cache: OrderedDict[str, Item] = field(default_factory=OrderedDict, repr=False)

    def __post_init__(self) -> None:
        self._positions = {slot.id: n for n, slot in enumerate(self.slots)}

    def __len__(self) -> int:
        return len(self.slots)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._positions

    def position(self, item_id: str) -> int:
        """Place of an item in the queue (``KeyError`` for an unknown id)."""
        return self._positions[item_id]

    def item(self, item_id: str) -> Item:
        """The item with this id, made on first use and kept in a bounded cache."""
        cached = self._cache.get(item_id)
        if cached is not None:
            self._cache.move_to_end(item_id)
            return cached
        made = self.make(self.slots[self._positions[item_id]])
        self._cache[item_id] = made
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return made

    def items(self) -> Iterator[Item]:
        """Every item in queue order (made one by one, not all held at once)."""
        for slot in self.slots:
            yield self.item(slot.id)
