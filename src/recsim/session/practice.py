"""Practice sets: fresh variants of the topics a trainee missed.

A practice set is an ordinary scenario file, written beside the attempt store, so it is
started, saved, resumed and graded like any other. It is made from the scenario the
topics were missed in: only the tasks whose kinds had misses, each narrowed to the missed
names where the block lists them (error kinds, deficiency kinds, claim problems, ...), a
seed derived from the attempt and a practice counter, and of the form that gives, only
the items that test a missed topic (its ``practice`` part lists them).
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from recsim.core.scenario import LoadedScenario
from recsim.core.scenario.blocks import TaskBlock
from recsim.core.scenario.catalog import CatalogName
from recsim.core.scenario.models import task_block
from recsim.core.seeds import derive_seed, normalize_trainee
from recsim.session.domains import kind_of_item
from recsim.session.forms import make_variant
from recsim.session.kinds import block_model, interrupting, task_kind
from recsim.session.scenarios import parse_scenario
from recsim.session.topics import topic_words
from recsim.tasks.base import CheckContext, Trail

MISSED = frozenset({"missed", "partial", "false_alarm", "violation"})
"""Outcomes that put a topic into practice."""
PER_TOPIC = 2
"""Items a practice set gives each missed topic, at most."""
MOST_ITEMS = 10
"""Items in one practice set, at most: a short practice, not another exam."""

TRIES = 4
"""Seeds tried for a practice set before saying a scenario cannot test the missed topics."""

Topics = Mapping[str, frozenset[str]]
"""Kind -> the topics of that kind to practise."""


def missed_topics(findings: Iterable[tuple[str, str, str]]) -> dict[str, frozenset[str]]:
    """Kind -> the topics missed, from (item id, topic, outcome) of each finding."""
    missed: dict[str, set[str]] = {}
    for item_id, topic, outcome in findings:
        if outcome in MISSED:
            missed.setdefault(kind_of_item(item_id), set()).add(topic)
    return {kind: frozenset(topics) for kind, topics in missed.items()}


def practice_folder(store_path: Path) -> Path:
    """Where practice sets are written: beside the attempt store."""
    return store_path.parent / "practice"


def practice_path(folder: Path, source: str, trainee: str, counter: int) -> Path:
    """The file of the ``counter``-th practice set made from ``source`` for a trainee."""
    key = normalize_trainee(trainee)
    digest = hashlib.sha256(f"{source}\0{key}\0{counter}".encode()).hexdigest()[:12]
    return folder / f"practice-{digest}.yaml"


def next_practice_path(folder: Path, attempt_id: str, trainee: str) -> tuple[Path, int]:
    """The file of the next practice set made from an attempt, and its counter (from 1)."""
    counter = 1
    while practice_path(folder, attempt_id, trainee, counter).exists():
        counter += 1
    return practice_path(folder, attempt_id, trainee, counter), counter


def build_practice(
    source: LoadedScenario, trainee: str, topics: Topics, *, seed: int, path: Path
) -> dict[str, Any] | None:
    """The practice set's scenario document, or None when no item of the fresh variant
    tests a missed topic (nothing worth practising in this scenario)."""
    for attempt in range(TRIES):
        # A missed topic the fresh variant happens not to test: another seed, derived in turn.
        fresh = seed if attempt == 0 else derive_seed("practice-retry", seed, attempt)
        document = _narrowed_document(source, topics, seed=fresh, name=path.stem)
        if document is None:
            return None
        loaded = parse_scenario(yaml.safe_dump(document, sort_keys=False), str(path), base=path)
        kept = chosen_items(make_variant(loaded, trainee), topics)
        if kept:
            break
    else:
        return None
    practised = sorted({t for kind, names in topics.items() for t in names})
    of = source.scenario.practice.of if source.scenario.practice else source.scenario.title
    document["practice"] = {"of": of, "topics": practised, "items": kept}
    return document


def practise_attempt(
    store_path: Path,
    source: LoadedScenario,
    attempt: tuple[str, int],
    trainee: str,
    findings: Iterable[tuple[str, str, str]],
) -> Path | None:
    """Make and write the next practice set of an attempt (``attempt``: its id and seed) from
    its findings (item id, topic, outcome); None when nothing was missed or no fresh item
    tests what was."""
    topics = missed_topics(findings)
    if not topics:
        return None
    path, counter = next_practice_path(practice_folder(store_path), attempt[0], trainee)
    document = build_practice(
        source, trainee, topics, seed=practice_seed(attempt[1], counter), path=path
    )
    if document is None:
        return None
    write_practice(path, document)
    return path


def write_practice(path: Path, document: dict[str, Any]) -> None:
    """Write a practice set (its folder made if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# A practice set recsim made from your missed topics.\n" + yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True
    )
    path.write_text(text, encoding="utf-8")


def practice_seed(source_seed: int, counter: int) -> int:
    """The fresh seed of the ``counter``-th practice set made from an attempt."""
    return derive_seed("practice", source_seed, counter)


def chosen_items(variant: Any, topics: Topics) -> list[str]:
    """Items of the form that test a missed topic (what they are scored on, unanswered),
    at most :data:`PER_TOPIC` for each topic and :data:`MOST_ITEMS` in all, in form order."""
    left = {(kind, topic): PER_TOPIC for kind, names in topics.items() for topic in names}
    kept: list[str] = []
    for item in variant.form.items():
        tested = {(item.kind, f.topic) for f in variant.findings(item, None, Trail())}
        wanted = [pair for pair in tested if left.get(pair, 0) > 0]
        if not wanted:
            continue
        for pair in wanted:
            left[pair] -= 1
        kept.append(item.id)
        if len(kept) == MOST_ITEMS:
            break
    return kept


def _narrowed_document(
    source: LoadedScenario, topics: Topics, *, seed: int, name: str
) -> dict[str, Any] | None:
    scenario = source.scenario
    title = scenario.practice.of if scenario.practice is not None else scenario.title
    context = CheckContext(
        source.path.parent,
        frozenset(o.id for o in scenario.objectives),
        scenario.setting,
        scenario.as_of,
        scenario.population.ages,
    )
    tasks = []
    for entry in scenario.tasks:
        kind, block = task_block(entry)
        if topics.get(kind):
            tasks.append({kind: _block_data(kind, block, topics[kind], context)})
    traps = any(interrupting(kind) for kind in topics if topics[kind])
    if not tasks:
        return None  # a practice set has at least one task (a trap is not one)
    document = scenario.model_dump(mode="json", serialize_as_any=True, exclude_defaults=True)
    for unwanted in ("time_limit", "clock", "due", "practice"):
        document.pop(unwanted, None)
    # Titles hold commas ("Access, a paper copy by mail"): semicolons keep them apart.
    words = "; ".join(sorted({topic_words(t) for n in topics.values() for t in n}))
    document.update(
        id=name,
        title=f"Practice: {title}"[:200],
        mode="practice",
        seed=seed,
        description=f"Fresh practice on what you missed in *{title}*: {words}."[:20_000],
        tasks=tasks,
    )
    if not traps:
        document.pop("traps", None)
    return document


def _block_data(
    kind: str, block: TaskBlock, topics: frozenset[str], context: CheckContext
) -> dict[str, Any]:
    """A block as scenario data, its name lists narrowed to the missed names and its files
    named from wherever the practice set is written.

    Where the block's own rules refuse so short a list (an audit asking for up to three
    errors a chart needs three error kinds), the list keeps as few of its other names as
    they allow: the items that test a missed topic are chosen from the form afterwards.
    """
    data = block.model_dump(mode="json", serialize_as_any=True, exclude_defaults=True)
    for name, field in type(block).model_fields.items():
        value = data.get(name)
        if isinstance(value, str) and "relative to the scenario" in (field.description or ""):
            data[name] = str((context.folder / value).resolve())
    for name, field in type(block).model_fields.items():
        catalog = _catalog(field.annotation)
        allowed = data.get(name, "all")
        if catalog is None or not (allowed == "all" or isinstance(allowed, list)):
            continue
        names = list(catalog.names if allowed == "all" else allowed)
        missed = [n for n in names if n in topics]
        ordered = missed + [n for n in names if n not in topics]
        for size in range(len(missed), len(ordered)):
            if size and _valid(kind, {**data, name: ordered[:size]}, context):
                data[name] = ordered[:size]
                break
    return data


def _valid(kind: str, data: dict[str, Any], context: CheckContext) -> bool:
    """Whether a block's data passes its model and its kind's own checks."""
    try:
        block = block_model(kind).model_validate(data)
    except ValidationError:
        return False
    return not any(
        severity == "error" for _, _, severity in task_kind(kind).validate(block, context)
    )


def _catalog(annotation: Any) -> CatalogName | None:
    """The content-file catalog a list field takes its names from, if it is such a field."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, CatalogName):
            return meta
    for argument in typing.get_args(annotation):
        found = _catalog(argument)
        if found is not None:
            return found
    return None
