"""The glossary from help and from the palette, and a word for every abbreviation on screen."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.widgets import Input

import recsim.tui
from recsim.core.glossary import glossary
from recsim.tui.app import RecsimApp
from recsim.tui.screens.glossary import GlossaryScreen
from recsim.tui.screens.help import HelpScreen
from recsim.tui.screens.queue import QueueScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle

NOT_HIM_TERMS = {
    # Words in capitals for emphasis or as a placeholder in a command line.
    "NOT": "emphasis",
    "FILE": "a command line's placeholder",
    "FOLDER": "a command line's placeholder",
    "NAME": "a command line's placeholder",
    "FORM": "a command line's placeholder",
    "SCENARIO": "a command line's placeholder",
    "SIGNED": "a stamp on a chart",
    "PASSED": "a stamp on a chart",
    "HANDED": "a stamp on a sealed exam's results (HANDED IN)",
    "IN": "a stamp on a sealed exam's results (HANDED IN)",
    "LAST": "how to type a name in the patient lookup (LAST, First)",
    "YYYY": "how to type a date",
    "MM": "how to type a date",
    "DD": "how to type a date",
    # Computer words, not health information management.
    "CSV": "a file format",
    "YAML": "a file format",
    "JSON": "a file format",
    "USB": "a computer port",
    "UTC": "a time zone",
    "UI": "user interface, in a message on the command line",
    "ID": "everyday word (a member ID on an insurance card)",
    "OK": "everyday word",
    "COLUMNS": "a terminal's size, as the browser server passes it on",
    "ROWS": "a terminal's size, as the browser server passes it on",
    # Clinical abbreviations a chart uses: medicine, not HIM vocabulary.
    "HIV": "clinical",
}
"""Capitalised words on screen that are not HIM terms, each with why."""

ABBREVIATION = re.compile(r"\b[A-Z][A-Z&]{1,6}\b")


def _screen_strings() -> Iterator[tuple[Path, str]]:
    """The string literals of the terminal UI that a trainee can read (docstrings left out)."""
    for path in Path(recsim.tui.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {  # a string standing alone as a statement documents, never shows
            id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)
        }
        for node in ast.walk(tree):
            shown = isinstance(node, ast.Constant) and id(node) not in docstrings
            if shown and isinstance(node.value, str):  # type: ignore[attr-defined]
                yield path, node.value  # type: ignore[attr-defined]


def test_every_abbreviation_on_screen_is_in_the_glossary_or_said_not_to_be_a_term() -> None:
    known = {part for term in glossary() for part in re.split(r"[\s-]", term.term)}
    seen: dict[str, Path] = {}
    for path, text in _screen_strings():
        for word in ABBREVIATION.findall(text):
            seen.setdefault(word, path)
    assert {"MRN", "NPI", "SSN", "DOB"} <= set(seen)  # guards the scan itself
    missing = {w: p.name for w, p in seen.items() if w not in known and w not in NOT_HIM_TERMS}
    assert not missing, f"add these to recsim/core/glossary.yaml or NOT_HIM_TERMS: {missing}"


def _shown(screen: GlossaryScreen) -> list[str]:
    return [str(entry.render()).split("\n")[0] for entry in screen.query(".glossary-entry")]


async def test_g_in_help_opens_the_glossary_and_typing_narrows_it(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "kinds.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # start
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("question_mark", "g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert len(_shown(screen)) == len(glossary())
        await pilot.press(*"poa")
        await settle(pilot)
        assert screen.query_one(Input).value == "poa"
        assert _shown(screen)[0].startswith("POA  present on admission")
        assert "Appendix I" in str(screen.query(".glossary-entry").first().render())
        await pilot.press(*"zzz")
        await settle(pilot)
        assert _shown(screen) == [] and "0 of" in str(screen.query_one("#glossary-count").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_palette_offers_the_glossary_by_name(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "kinds.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "source" in commands["Glossary"].help
        commands["Glossary"].callback()
        await settle(pilot)
        assert isinstance(app.screen, GlossaryScreen)


def test_the_payment_words_of_the_inpatient_screens_are_in_the_glossary() -> None:
    from recsim.core.glossary import search

    # The DRG screens show a GMLOS, relative weights and "post-acute care transfer DRG".
    for query, term in (
        ("GMLOS", "GMLOS"),
        ("transfer", "Post-acute care transfer"),
        ("relative weight", "Relative weight"),
    ):
        assert term in [t.term for t in search(query)], query
