"""Radio buttons and checkboxes whose state shows as a symbol, not only as a colour."""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class Choice(RadioButton):
    """A radio button drawn ● when chosen and empty when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else " "


class Tick(Checkbox):
    """A checkbox drawn ✔ when ticked and empty when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "✔" if self.value else " "
