"""The ICD-10-PCS builder: seven axes, each offering what the table allows, by keys alone."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from recsim.coding.release.pcs_definitions import build as build_definitions
from recsim.coding.release.pcs_definitions import load_terms
from recsim.coding.release.pcs_file import TablesUnavailable
from recsim.coding.release.pcs_index import PcsIndex, load_index
from recsim.coding.release.pcs_index import build as build_index
from recsim.coding.release.pcs_model import PcsTables
from recsim.coding.release.pcs_tables import build, load_tables
from recsim.tui.app import RecsimApp
from recsim.tui.palette import palette_commands
from recsim.tui.screens.coding import CodingScreen
from recsim.tui.screens.pcs_builder import Jump, PcsBuilderScreen
from recsim.tui.screens.queue import QueueScreen
from tests.coding.cms_pcs_layout import definitions_xml, index_xml, tables_xml
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until

APP_CSS = Path(__file__).resolve().parents[2] / "src" / "recsim" / "tui" / "app.tcss"


@pytest.fixture
def tables(tmp_path: Path) -> PcsTables:
    path = tmp_path / "icd10pcs-tables.dat"
    build(io.BytesIO(tables_xml().encode()), 2026, path)
    return load_tables(path)


class Harness(App[None]):
    """The builder alone over an empty screen, styled as recsim's dialogs are."""

    CSS_PATH = str(APP_CSS)

    def __init__(
        self, load: Callable[[], PcsTables], start: str = "", index: PcsIndex | None = None
    ) -> None:
        super().__init__()
        self.load, self.start, self.index = load, start, index
        self.result: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Static("")

    def on_mount(self) -> None:
        builder = PcsBuilderScreen(self.start, load=self.load, index=self.index)
        self.push_screen(builder, self.result.append)


def _missing() -> PcsTables:
    raise TablesUnavailable("The ICD-10-PCS tables have not been added yet; add them with: x.")


def _palette(app: RecsimApp) -> list[str]:
    commands = palette_commands(app, app.screen, [], ask_quit=print, show_help=print)
    return [command.title for command in commands]


def _shown(app: App[None]) -> list[str]:
    screen = app.screen
    assert isinstance(screen, PcsBuilderScreen)
    return [choice.code for choice in screen.shown]


async def test_typing_and_enter_build_the_appendectomy_code(tables: PcsTables) -> None:
    app = Harness(lambda: tables)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the one section
        assert _shown(app) == ["2", "D", "S"]
        await pilot.press(*"gast", "enter", *"res", "enter")
        assert _shown(app) == ["5", "6", "F", "J"]
        await pilot.press(*"app", "enter")
        await pilot.press("4")  # a value's own character comes first
        assert _shown(app)[0] == "4"
        await pilot.press("enter", "enter")  # Percutaneous Endoscopic, then No Device
        assert _shown(app) == ["G", "Z"]
        await pilot.press("down", "enter")
        await settle(pilot)
    assert app.result == ["0DTJ4ZZ"]


async def test_each_axis_follows_the_row_of_the_choices_to_its_left(tables: PcsTables) -> None:
    app = Harness(lambda: tables, start="0DTJ0Z")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _shown(app) == ["Z"]  # open: no hand-assisted qualifier
        await pilot.press("backspace", "backspace")  # back to the approach
        await pilot.press("down", "enter", "enter")
        assert _shown(app) == ["G", "Z"]
        about = app.screen.query_one("#pcs-about", Static)
        assert "0DTJ4ZG  Qualifier: Hand-Assisted" in str(about.render())


async def test_backspace_clears_the_filter_before_going_back(tables: PcsTables) -> None:
    app = Harness(lambda: tables, start="0D")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("x", "y")
        assert _shown(app) == []
        assert "No operation value matches" in str(app.screen.query_one("#pcs-about").render())
        await pilot.press("backspace", "backspace")
        assert _shown(app) == ["B", "T"]
        about = str(app.screen.query_one("#pcs-about").render())
        assert "Definition: Taking out part of a body part" in about
        await pilot.press("backspace")
        assert _shown(app) == ["2", "D", "S"]
        await pilot.press("escape")
        await settle(pilot)
    assert app.result == [None]


async def test_the_highlighted_value_shows_its_definition(
    tables: PcsTables, tmp_path: Path
) -> None:
    path = tmp_path / "icd10pcs-definitions.dat"
    build_definitions(io.BytesIO(definitions_xml().encode()), 2026, path)
    explained = PcsTables(tables.tables.values(), tables.year, load_terms(path))
    app = Harness(lambda: explained, start="0DTJ")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        about = str(app.screen.query_one("#pcs-about", Static).render())
        assert about.startswith("0DTJ4  Approach: Percutaneous Endoscopic. Definition: ")
        await pilot.press("backspace")
        about = str(app.screen.query_one("#pcs-about", Static).render())
        assert "Includes: Vermiform appendix" not in about  # Esophagus is highlighted
        await pilot.press(*"appe")
        about = str(app.screen.query_one("#pcs-about", Static).render())
        assert about == "0DTJ  Body Part: Appendix. Includes: Vermiform appendix"
        await pilot.press(*["backspace"] * 4, *"vermi")  # the body part key finds it too
        assert _shown(app) == ["J"]


async def test_without_the_tables_it_says_how_to_add_them() -> None:
    app = Harness(_missing)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        about = str(app.screen.query_one("#pcs-about", Static).render())
        assert about.startswith("The ICD-10-PCS tables have not been added yet")
        assert not app.screen.query_one("#pcs-choices", OptionList).display
        await pilot.press("enter", "backspace", "escape")
        await settle(pilot)
    assert app.result == [None]


async def test_usable_at_60x15(tables: PcsTables) -> None:
    app = Harness(lambda: tables, start="0DT")
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        screen = app.screen
        choices = screen.query_one("#pcs-choices", OptionList)
        assert choices.size.height >= 3 and screen.query_one("#pcs-about").size.height == 3
        assert screen.query_one("#pcs-filter", Input).has_focus
        for widget in screen.query("#pcs-dialog *"):
            if widget.display and widget.size.height:
                assert widget.region.bottom <= 15 and widget.region.right <= 60


def test_snapshot_at_80x24(snap_compare: Any, tables: PcsTables) -> None:
    assert snap_compare(Harness(lambda: tables, start="0DT"), terminal_size=(80, 24))


async def test_the_coding_workspace_opens_it_from_the_procedure_box(
    make_app: Callable[..., RecsimApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "icd10pcs-tables.dat"
    build(io.BytesIO(tables_xml().encode()), 2026, path)
    monkeypatch.setattr("recsim.coding.release.pcs_tables.release_file", lambda _name: path)
    app = make_app(TUI_DATA / "pcs_builder.yaml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        assert screen.check_action("build_pcs", ()) is True
        assert "PCS builder" in _palette(app)
        screen.query_one("#procedure-entry", Input).focus()
        await pilot.press(*"0DTJ", "ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, PcsBuilderScreen))
        await settle(pilot)
        assert _shown(app) == ["0", "4", "7", "8"]
        await pilot.press("down", "enter", "enter", "down", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.procedures == ["0DTJ4ZZ"]
        assert screen.query_one("#procedure-entry", Input).value == ""


async def test_the_key_is_hidden_where_procedures_are_not_icd10pcs(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "kinds.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CodingScreen) and not screen.pcs_wanted()
        assert screen.check_action("build_pcs", ()) is False
        assert "PCS builder" not in _palette(app)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert app.screen is screen


async def test_the_index_at_the_first_axis_leads_into_the_tables(
    tables: PcsTables, tmp_path: Path
) -> None:
    path = tmp_path / "icd10pcs-index.dat"
    build_index(io.BytesIO(index_xml().encode()), 2026, path)
    app = Harness(lambda: tables, index=load_index(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"ap")  # two letters: the first axis's own values only
        assert _shown(app) == []
        await pilot.press(*"pendectomy")
        screen = app.screen
        assert isinstance(screen, PcsBuilderScreen)
        assert [(j.code, j.text) for j in screen.shown if isinstance(j, Jump)] == [
            ("0DBJ", "Appendectomy, see Excision, Appendix 0DBJ"),
            ("0DTJ", "Appendectomy, see Resection, Appendix 0DTJ"),
        ]
        await pilot.press("down")
        about = str(screen.query_one("#pcs-about", Static).render())
        assert about == (
            "ICD-10-PCS Index: Appendectomy, see Resection, Appendix 0DTJ. "
            "Enter goes to 0DTJ in the tables."
        )
        await pilot.press("enter")  # to the approach of Resection, Appendix
        assert screen.prefix == "0DTJ" and _shown(app) == ["0", "4", "7", "8"]
        await pilot.press("down", "enter", "enter", "down", "enter")
        await settle(pilot)
    assert app.result == ["0DTJ4ZZ"]
