"""A screen whose footer keeps its most needed keys when the terminal is too narrow for all.

Textual's footer cuts what does not fit at the right edge, so the last keys (Submit,
Quit) were the ones lost. A screen mixes :class:`FittedFooter` in before its screen class
and lists in ``FOOTER_DROPS`` the actions whose keys may leave the footer, least needed
first; they leave only while the footer is wider than the terminal, and their keys still
work (and show in the command palette and the help).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import ActiveBinding

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

PALETTE_WIDTH = 11
"""The command palette key at the right end of the footer (``▏^p palette``)."""


def key_width(app: App[object], binding: Binding) -> int:
    """Columns one key takes in a compact footer: its key, a space, its words, a space."""
    return len(app.get_key_display(binding)) + len(binding.description) + 2


class FittedFooter:
    """Mixin for a :class:`~textual.screen.Screen`: the footer drops ``FOOTER_DROPS`` to fit."""

    FOOTER_DROPS: ClassVar[tuple[str, ...]] = ()
    """Actions whose footer keys go first when the footer is too wide, in that order."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        app = self.app  # type: ignore[attr-defined]
        shown = {b.binding.action: b.binding for b in bindings.values() if b.binding.show}
        # the last key needs no space after it
        used = PALETTE_WIDTH - 1 + sum(key_width(app, b) for b in shown.values())
        dropped: set[str] = set()
        for action in self.FOOTER_DROPS:
            if used <= app.size.width:
                break
            if action in shown:
                used -= key_width(app, shown[action])
                dropped.add(action)
        return {
            key: active._replace(binding=_hidden(active.binding))
            if active.binding.action in dropped
            else active
            for key, active in bindings.items()
        }

    def on_resize(self) -> None:
        """A new width may fit more keys, or fewer: the footer asks again."""
        self.refresh_bindings()  # type: ignore[attr-defined]


def _hidden(binding: Binding) -> Binding:
    from dataclasses import replace

    return replace(binding, show=False)
