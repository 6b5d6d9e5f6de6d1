"""The hospital's patient index (master patient index): every patient a trainee may look up.

The index lists the scenario's population (made lazily and deterministically from the
trainee's variant seed: only each patient's name, birth date and sex) and the patients
whose charts an item made (an audited chart, a duplicate candidate, a trap's person).
A search takes a name, an MRN or a date of birth. Each entry says whether an item of
the queue concerns it: such a chart is opened through its item; any other is opened
from the index with a reason, logged, and scored by the access log
(:mod:`recsim.session.access_log`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, datetime
from threading import Lock

from recsim.core.generate import Population
from recsim.core.generate.population import mrn_for
from recsim.core.records import PatientRecord
from recsim.session.forms import Variant
from recsim.session.kinds import interrupting, task_kind
from recsim.tasks.base import Listed

MAX_RESULTS = 50
"""Most entries a search returns; the count of all matches is given besides."""
_MRN = re.compile(r"RS\d{8}")
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y")


@dataclass(frozen=True, slots=True)
class Entry:
    """One patient in the index."""

    patient: Listed
    number: int | None
    """Population index of the patient (None for a chart made for a queue item)."""
    item: str | None
    """The queue item whose work concerns this chart, if any."""
    holder: str | None = None
    """The item that made this chart, when it is not a population patient's (a trap's person)."""

    @property
    def name(self) -> str:
        """LAST, First, as an index lists it."""
        return f"{self.patient.last_name.upper()}, {self.patient.first_name}"


@dataclass(frozen=True, slots=True)
class Found:
    """What a search found: the first entries, and how many matched in all."""

    entries: tuple[Entry, ...]
    total: int
    kind: str
    """What the query was read as: "name", "mrn" or "date" (of birth)."""


@dataclass(frozen=True)
class _Tables:
    """The index's entries in name order, and the look-up tables a search uses."""

    entries: list[Entry]
    by_mrn: dict[str, Entry]
    by_birth: dict[date, list[int]]
    """Birth date -> positions in ``entries``."""
    names: tuple[_Sorted, _Sorted]
    """Last names and first names, case-folded and sorted, for prefix searches."""


@dataclass(frozen=True)
class _Sorted:
    keys: list[str]
    positions: list[int]

    def starting(self, prefix: str) -> list[int]:
        """Positions of the entries whose key starts with ``prefix`` (a binary search)."""
        low = bisect_left(self.keys, prefix)
        high = bisect_left(self.keys, prefix + "\U0010ffff")
        return self.positions[low:high]


def _sorted(keys: list[str]) -> _Sorted:
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return _Sorted([keys[n] for n in order], order)


@dataclass
class PatientIndex:
    """The patient index of one trainee's variant (made on first use, then kept).

    Making it draws every population patient's name and birth date (about a tenth of a
    millisecond each); a search is then a binary search or a dictionary look-up.
    """

    variant: Variant
    _tables: _Tables | None = field(default=None, repr=False)
    _lock: Lock = field(default_factory=Lock, repr=False)

    @property
    def population(self) -> Population:
        """The facility's patients, as :func:`recsim.session.forms.make_variant` makes them."""
        return self.variant.population()

    @property
    def ready(self) -> bool:
        """Whether the index is made (the terminal UI makes it in a thread first)."""
        return self._tables is not None

    def entries(self) -> list[Entry]:
        """Every patient, sorted by name then birth date."""
        return self._made().entries

    def search(self, query: str) -> Found:
        """The patients matching a name ("Ruiz", "ruiz, an", "ana ruiz"), an MRN or a birth date."""
        text = " ".join(query.split())
        if not any(ch.isalnum() for ch in text):  # "" or ",": nothing to look for
            return Found((), 0, "name")
        tables = self._made()
        mrn = text.replace(" ", "").upper()
        if _MRN.fullmatch(mrn):
            entry = tables.by_mrn.get(mrn)
            return Found((entry,) if entry else (), 1 if entry else 0, "mrn")
        born = _date(text)
        if born is not None:
            return _found(tables, tables.by_birth.get(born, []), "date")
        lasts, firsts = tables.names
        folded = text.casefold()
        if "," in folded:  # LAST, First
            last, _, first = (part.strip() for part in folded.partition(","))
            positions = [
                n
                for n in lasts.starting(last)
                if tables.entries[n].patient.first_name.casefold().startswith(first)
            ]
            return _found(tables, sorted(positions), "name")
        words = folded.split()
        if not words:
            return Found((), 0, "name")
        candidates = {*lasts.starting(words[0]), *firsts.starting(words[0])}
        positions = [n for n in candidates if _has_words(tables.entries[n].patient, words)]
        return _found(tables, sorted(positions), "name")

    def chart(self, entry: Entry) -> PatientRecord:
        """The chart of a patient no item's work concerns (the others open through their item)."""
        if entry.number is not None:
            return self.population.patient(entry.number)
        if entry.holder is not None:
            item = self.variant.form.item(entry.holder)
            record = task_kind(item.kind).chart_of(item, entry.patient.mrn)
            if record is not None:
                return record
        raise ValueError(f"{entry.patient.mrn} is opened through its work item {entry.item}")

    def _made(self) -> _Tables:
        with self._lock:  # made once, even when a thread and a search ask at the same time
            if self._tables is None:
                self._tables = self._build()
            return self._tables

    def _build(self) -> _Tables:
        work: dict[str, str] = {}
        made: list[tuple[Listed, str]] = []
        for item in self.variant.form.items():
            kind = task_kind(item.kind)
            made.extend((listed, item.id) for listed in kind.listed(item))
            if not interrupting(item.kind):  # a trap's chart is no one's work
                for mrn in kind.charts(item):
                    work.setdefault(mrn, item.id)
        population = self.population
        seed = self.variant.seed
        by_mrn: dict[str, Entry] = {}
        for number in range(self.variant.scenario.population.patients):
            sex, born, first, last = population.identity(number)
            listed = Listed(mrn_for(seed, number), last, first, born, sex)
            by_mrn[listed.mrn] = Entry(listed, number, work.get(listed.mrn))
        for listed, holder in made:  # the chart as its item made it replaces the population's
            by_mrn[listed.mrn] = Entry(listed, None, work.get(listed.mrn), holder)
        entries = sorted(
            by_mrn.values(),
            key=lambda e: (e.patient.last_name.casefold(), e.patient.first_name.casefold(),
                           e.patient.date_of_birth, e.patient.mrn),
        )  # fmt: skip
        by_birth: dict[date, list[int]] = {}
        for position, entry in enumerate(entries):
            by_birth.setdefault(entry.patient.date_of_birth, []).append(position)
        names = (
            _sorted([e.patient.last_name.casefold() for e in entries]),
            _sorted([e.patient.first_name.casefold() for e in entries]),
        )
        return _Tables(entries, by_mrn, by_birth, names)


def _found(tables: _Tables, positions: list[int], kind: str) -> Found:
    """The first :data:`MAX_RESULTS` entries at ``positions`` (in name order), and the count."""
    shown = tuple(tables.entries[n] for n in positions[:MAX_RESULTS])
    return Found(shown, len(positions), kind)


def _date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _has_words(patient: Listed, words: list[str]) -> bool:
    """Every word begins the first or the last name (in any order)."""
    names = (patient.first_name.casefold(), patient.last_name.casefold())
    return bool(words) and all(any(n.startswith(w) for n in names) for w in words)
