"""Every text cell of the main screens reads at 4.5:1 or more in Textual's dark and light themes.

WCAG 2.2 success criterion 1.4.3 (contrast, minimum) asks 4.5:1 for text, except the text of
an inactive control (a disabled choice). Box drawing, scrollbars and the dimmed screen behind
a dialog are decoration, not text, and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from rich.color import Color as RichColor
from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import ModalScreen

from recsim.tui.app import RecsimApp
from recsim.tui.contrast import AA, contrast
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import quiet

DECORATION = {chr(code) for code in range(0x2500, 0x25A0)} | {" ", "\u00a0"}
"""Box drawing and block elements (borders, scrollbars, the footer's separator)."""
KINDS = TUI_DATA / "kinds.yaml"
SCREENS = {
    "briefing": ("tutorial", ()),
    "queue": ("tutorial", ("enter",)),
    "audit": ("tutorial", ("enter", "enter")),
    "flag": ("tutorial", ("enter", "enter", "down", "f")),
    "feedback": ("tutorial", ("enter", "enter", "ctrl+s", "y")),
    "results": ("tutorial", ("enter", "s", "y")),
    "coding": (KINDS, ("enter", "open:coding-1")),
    "coding_claim": (KINDS, ("enter", "open:coding-1", "wait", *"salmonella", "down", "enter")),
    "release": (KINDS, ("enter", "open:release-1")),
    "claims": (KINDS, ("enter", "open:claims-1")),
}


def ratio(a: RichColor, b: RichColor) -> float:
    return contrast(Color(*a.get_truecolor()), Color(*b.get_truecolor()))


def text_cells(app: RecsimApp) -> Iterator[tuple[str, float]]:
    """(text, contrast) of every run of text on the current screen (or inside its dialog)."""
    screen = app.screen
    areas = (
        [w.region for w in screen.query(".dialog")]
        if isinstance(screen, ModalScreen)
        else [screen.region]
    )
    strips = screen._compositor.render_strips()  # what the terminal is sent
    for y, strip in enumerate(strips):
        x = 0
        for segment in strip:
            width = segment.cell_length
            here = Region(x, y, width, 1)
            x += width
            style = segment.style
            if style is None or not segment.text.strip("".join(DECORATION)):
                continue
            if (
                not any(area.overlaps(here) for area in areas)
                or style.color is None
                or style.bgcolor is None
            ):
                continue
            if screen.get_widget_at(here.x, y)[0].is_disabled:
                continue
            yield segment.text.strip(), ratio(style.color, style.bgcolor)


THEMES = ("textual-dark", "textual-light")


@pytest.mark.parametrize("screen", list(SCREENS))
async def test_every_text_cell_reaches_aa_contrast(
    make_app: Callable[..., RecsimApp], screen: str
) -> None:
    # One app per screen, both themes: switching the theme restyles the same screen.
    name, keys = SCREENS[screen]
    app = make_app(name)
    async with app.run_test(size=(120, 40)) as pilot:
        await drive(pilot, keys)
        seen: list[set[float]] = []
        for theme in THEMES:
            app.theme = theme
            await quiet(pilot)
            cells = list(text_cells(app))
            seen.append({r for _, r in cells})
            low = sorted({(round(r, 2), text) for text, r in cells if r < AA})
            assert not low, f"{screen} in {theme}: text below {AA}:1: {low[:8]}"
        assert seen[0] != seen[1], "the theme switch did not restyle the screen"


async def drive(pilot: Pilot, keys: tuple[str, ...]) -> None:  # type: ignore[type-arg]
    await quiet(pilot)
    for key in keys:
        if key.startswith("open:"):
            pilot.app.open_item(key.removeprefix("open:"))  # type: ignore[attr-defined]
        elif key == "wait":  # for what the screen loads in the background (the code set)
            await quiet(pilot)
        else:
            await pilot.press(key)
        await pilot.pause()
    await quiet(pilot)
