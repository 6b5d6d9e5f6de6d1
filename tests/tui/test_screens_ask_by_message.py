"""Screens and widgets ask the app for things by posting a message, never by calling it.

The app's own methods (open an item, submit, quit after asking...) are not on
Textual's ``App``, so a screen calling one needs a ``type: ignore`` and ties the
screen to this app; recsim.tui.messages is the way up instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.app import App

from recsim.tui.app import RecsimApp

TUI = Path(__file__).resolve().parents[2] / "src" / "recsim" / "tui"
APP_OWN = {name for name in dir(RecsimApp) if not hasattr(App, name)}
"""What recsim's app adds to Textual's: what a screen must not call directly."""


def _app_calls(path: Path) -> list[str]:
    """``self.app.NAME`` (or ``screen.app.NAME``) uses in a module, where NAME is recsim's own."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "app"
            and node.attr in APP_OWN
        ):
            found.append(f"{path.name}:{node.lineno}: app.{node.attr}")
    return found


def test_the_app_has_methods_of_its_own_to_guard() -> None:
    assert {"open_item", "request_submit", "show_briefing", "action_request_quit"} <= APP_OWN


@pytest.mark.parametrize(
    "path",
    sorted([*TUI.glob("screens/*.py"), *TUI.glob("widgets/*.py")]),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_no_screen_or_widget_calls_the_apps_own_methods(path: Path) -> None:
    assert _app_calls(path) == []
