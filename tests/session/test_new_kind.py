"""A task kind added from outside recsim, through the public registry and nothing else.

The kind below lives in a package written to a temporary folder. Registering it is the
only line it needs: scenario files accept its block (with located errors), the JSON
Schema lists it, ``validate``, ``preview``, headless ``play`` and ``grade`` all work.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from recsim.cli import main
from recsim.core.store import Store
from recsim.session import attempts
from recsim.session.checks import load_checked
from recsim.session.kinds import register, unregister
from recsim.session.submit import submit

PACKAGE = {
    "__init__.py": '''
        """Spelling: fix a misspelled term in a problem list (a toy kind for the tests)."""

        from recsim.tasks.base import lazy_exports
        from recsim.tasks.base import TaskBlock
        from pydantic import Field

        class SpellingBlock(TaskBlock):
            """Problem-list terms to correct."""

            words: int = Field(ge=1, le=10)
            """How many terms."""

            def item_count(self) -> int:
                return self.words

        BLOCK = SpellingBlock
        __getattr__ = lazy_exports(__name__, "task", ["TASK"])
        ''',
    "task.py": """
        from collections.abc import Iterator

        from recsim.core.form import Item
        from recsim.core.model import Model
        from recsim.core.scoring import Finding
        from recsim.tasks.base import BuildContext, TaskKind, Trail
        from recsim_spelling import SpellingBlock

        TERMS = [("pnuemonia", "pneumonia"), ("diabetis", "diabetes"), ("asthmma", "asthma")]

        class View(Model):
            shown: str

        class Key(Model):
            right: str

        class Answer(Model):
            spelling: str

        class SpellingTask(TaskKind[SpellingBlock, Answer]):
            kind = "spelling"
            block_model = SpellingBlock
            answer_model = Answer

            def build(self, block, index, item_id, context: BuildContext) -> Item:
                wrong, right = TERMS[context.rng("spelling", index).randrange(len(TERMS))]
                title = f"Fix: {wrong}"
                return Item(item_id, self.kind, title, View(shown=wrong), Key(right=right))

            def check(self, item: Item, answer: Answer | None, trail: Trail) -> list[Finding]:
                right = item.key.right
                ok = answer is not None and answer.spelling.strip().lower() == right
                return [
                    Finding(
                        item=item.id, category="accuracy",
                        outcome="correct" if ok else "missed",
                        earned=1 if ok else 0, possible=1, severity=1, topic="spelling",
                        rule="AHIMA data quality: accuracy", feedback=f"It is spelled {right}.",
                    )
                ]

            def key_answer(self, item: Item) -> Answer:
                return Answer(spelling=item.key.right)

            def describe(self, item: Item) -> Iterator[str]:
                yield f"shown: {item.view.shown}; key: {item.key.right}"

        TASK: TaskKind[SpellingBlock, Answer] = SpellingTask()
        """,
}

SCENARIO = """\
recsim: 1
id: spelling-drill
title: Spelling drill
setting: clinic
tasks:
  - spelling: {words: 3}
"""


@pytest.fixture
def spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The toy kind, registered for one test; yields a scenario file that uses it."""
    package = tmp_path / "lib" / "recsim_spelling"
    package.mkdir(parents=True)
    for name, text in PACKAGE.items():
        (package / name).write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    register("spelling", "recsim_spelling")
    scenario = tmp_path / "spelling.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    yield scenario
    unregister("spelling")
    for module in [m for m in sys.modules if m.startswith("recsim_spelling")]:
        del sys.modules[module]


def test_a_registered_kind_is_validated_previewed_played_and_graded(
    spelling: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(spelling)]) == 0
    capsys.readouterr()

    assert main(["schema"]) == 0
    assert '"spelling"' in capsys.readouterr().out

    assert main(["preview", str(spelling), "--trainee", "Ana", "--key-answers"]) == 0
    key = tmp_path / "key.json"
    key.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["play", str(spelling), "--answers", str(key), "--json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["overall"] == 100 and card["items_total"] == 3

    store = Store(tmp_path / "store.sqlite")
    attempt = attempts.begin(store, load_checked(spelling), "Ana")
    for slot in attempt.grader.form.slots:
        attempt.answer(slot.id, {"spelling": "pneumonia"})
    results = tmp_path / "results"
    results.mkdir()
    submit(store, attempt, results_folder=results)
    store.close()
    assert main(["grade", str(results), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)["rows"]
    assert row["trainee"] == "Ana" and row["flags"] == []
    assert row["overall"] == pytest.approx(100 / 3, abs=0.01)


def test_a_registered_kinds_block_gets_located_errors(
    spelling: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spelling.write_text(SCENARIO.replace("{words: 3}", "{word: 3}"), encoding="utf-8")
    assert main(["validate", str(spelling)]) == 1
    out = capsys.readouterr().out
    assert f"{spelling}:6:" in out and "unknown key 'word' (did you mean 'words'?)" in out


def test_an_unregistered_kind_is_an_unknown_task(
    spelling: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unregister("spelling")
    assert main(["validate", str(spelling)]) == 1
    assert "unknown task 'spelling'" in capsys.readouterr().out
