"""A list that stops at its ends: Down on a chart's last field stays there and says so."""

from __future__ import annotations

from textual.widgets import OptionList


class EndStopList(OptionList):
    """An OptionList whose ↑ ↓ stop at the first and last rows instead of wrapping.

    Wrapping from a chart's last field to its first, silently, reads as the chart having
    ended early or started over; the trainee is told where the end is instead.
    """

    END_WORDS = "the end of the chart: Home goes back to the top"
    START_WORDS = "the top of the chart: End goes to its last field"

    def _enabled_beyond(self, step: int) -> bool:
        here = self.highlighted
        if here is None:
            return True
        index = here + step
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                return True
            index += step
        return False

    def action_cursor_down(self) -> None:
        """The next field, or a word that this is the last."""
        if self._enabled_beyond(1):
            super().action_cursor_down()
        else:
            self.notify(f"This is {self.END_WORDS}.", timeout=3)

    def action_cursor_up(self) -> None:
        """The field before, or a word that this is the first."""
        if self._enabled_beyond(-1):
            super().action_cursor_up()
        else:
            self.notify(f"This is {self.START_WORDS}.", timeout=3)
