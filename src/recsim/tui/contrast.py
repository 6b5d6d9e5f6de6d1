"""Contrast of text against its background, as WCAG 2.2 measures it (success criterion 1.4.3).

The terminal UI keeps every text colour at 4.5:1 or more against the grounds it is drawn on,
in Textual's dark and light themes alike (tests/tui/test_contrast.py checks each screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.color import Color

AA = 4.5
"""Least contrast for text (WCAG 2.2 level AA)."""
TEXT_COLOURS = (
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
)
"""The theme's coloured text, each kept legible on the backgrounds it is drawn on."""


def luminance(colour: Color) -> float:
    """Relative luminance: 0 for black, 1 for white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """Contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def legible(colour: Color, grounds: Iterable[Color], *, dark: bool) -> Color:
    """``colour``, lightened on a dark theme or darkened on a light one until it reads at
    :data:`AA` on every ground (unchanged when it already does)."""
    grounds = list(grounds)
    for _ in range(20):
        if all(contrast(colour, ground) >= AA for ground in grounds):
            break
        colour = colour.lighten(0.04) if dark else colour.darken(0.04)
    return colour


def legible_variables(variables: dict[str, str], *, dark: bool) -> dict[str, str]:
    """A theme's CSS variables, Textual's defaults that fall short of 4.5:1 made legible.

    Light text on a ``$primary`` cursor row is 3.8:1 in the dark theme, ``$primary`` key
    letters on the light theme's footer 2.9:1, and the light theme's success and accent
    text 3.3 to 3.9:1.
    """
    variables = dict(variables)
    cursor = Color.parse(variables["block-cursor-background"])
    variables["block-cursor-background"] = cursor.darken(0.1).hex
    if not dark:
        variables["footer-key-foreground"] = variables["text-primary"]
    grounds = [Color.parse(variables[name]) for name in ("background", "surface", "panel")]
    for name in TEXT_COLOURS:
        variables[name] = legible(Color.parse(variables[name]), grounds, dark=dark).hex
    return variables
