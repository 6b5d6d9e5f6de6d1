"""Build an ICD-10-PCS code from the CMS tables, one axis at a time, left to right.

Each of the seven axes (section, body system, root operation, body part,
approach, device, qualifier) offers only the values the tables allow after the
choices to its left (recsim.coding.release.pcs_model); the screen shows them and
the definition of the highlighted one, and judges nothing. Keys: type to filter,
up and down to move, Enter to choose, Backspace (with nothing typed) to go back an
axis, Escape to cancel. It dismisses with the seven characters, or None.

The tables are not shipped: without them the screen says in one sentence how to
add them (``recsim codes add``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from recsim.coding.release.pcs_file import TablesUnavailable

if TYPE_CHECKING:
    from recsim.coding.release.pcs_index import PcsIndex
    from recsim.coding.release.pcs_model import Choice, PcsTables

SHORT = 18
"""Below this many rows the axis row shows the chosen values only, not the axis titles."""
INDEX_AFTER = 3
"""Characters typed at the first axis before the ICD-10-PCS Index is searched too."""


@dataclass(frozen=True)
class Jump:
    """An index entry offered at the first axis: Enter goes to the table (and value) it names."""

    code: str
    """The characters it leads to, those the tables have (3 to 6)."""
    text: str
    """The entry's words: "Appendectomy, see Resection, Appendix 0DTJ"."""


def matches(choice: Choice, typed: str) -> bool:
    """Whether the typed filter picks the value: its character, or starts of words of its name
    or of a term it includes (the body part and device keys, when the definitions were added)."""
    text = typed.strip().lower()
    if not text:
        return True
    if text == choice.code.lower():
        return True
    parts = text.split()
    for name in (choice.label, *choice.includes):
        words = name.lower().replace(",", " ").replace("-", " ").split()
        if all(any(word.startswith(part) for word in words) for part in parts):
            return True
    return False


class PcsBuilderScreen(ModalScreen[str | None]):
    """Dismisses with a 7-character ICD-10-PCS code, or None."""

    HELP_TITLE = "the ICD-10-PCS code builder"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "choose", "Choose", priority=True),
        Binding("backspace", "back", "Back an axis", priority=True),
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    PcsBuilderScreen #pcs-dialog { height: 22; max-height: 100%; }
    PcsBuilderScreen #pcs-axes { height: 2; }
    PcsBuilderScreen .pcs-axis {
        width: 1fr; height: 2; padding: 0 1 0 0; text-wrap: nowrap; text-overflow: ellipsis;
    }
    PcsBuilderScreen .pcs-axis.-current { text-style: bold; color: $text-accent; }
    PcsBuilderScreen #pcs-filter { margin: 1 0 0 0; }
    PcsBuilderScreen #pcs-choices { height: 1fr; min-height: 3; }
    PcsBuilderScreen #pcs-about { height: 4; }
    PcsBuilderScreen.-short #pcs-about { height: 3; }
    PcsBuilderScreen.-short #pcs-axes, PcsBuilderScreen.-short .pcs-axis { height: 1; }
    PcsBuilderScreen.-short #pcs-filter { margin: 0; }
    """

    def __init__(
        self,
        start: str = "",
        *,
        load: Callable[[], PcsTables] | None = None,
        index: PcsIndex | None = None,
    ) -> None:
        super().__init__()
        self.load = load
        self.start = "".join(start.split()).upper()
        self.tables: PcsTables | None = None
        self.index = index
        """The ICD-10-PCS Index when it was added: searched as the first axis is typed."""
        self.prefix = ""
        self.shown: list[Choice | Jump] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="pcs-dialog"):
            yield Static(id="pcs-title", classes="dialog-title")
            with Horizontal(id="pcs-axes"):
                for position in range(1, 8):
                    yield Static(id=f"pcs-axis-{position}", classes="pcs-axis")
            yield Input(placeholder="type to filter, ↑ ↓ to move, Enter to choose", id="pcs-filter")
            yield OptionList(id="pcs-choices", compact=True)
            yield Static(id="pcs-about")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from recsim.coding.release.pcs_tables import load_tables  # defusedxml: only when asked

        try:
            self.tables = (self.load or load_tables)()
        except TablesUnavailable as missing:
            self._without_tables(str(missing))
            return
        if self.load is None and self.index is None:
            from recsim.coding.release.pcs_index import load_index

            self.index = load_index()
        good = self.tables.accepted(self.start)
        self.prefix = self.start[: min(good, 6)]
        self._show()
        self.query_one("#pcs-filter", Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT, "-short")
        if self.tables is not None:
            self._show_axes()

    def _without_tables(self, message: str) -> None:
        self.query_one("#pcs-title", Static).update(Content("Build an ICD-10-PCS code"))
        for widget in ("#pcs-axes", "#pcs-filter", "#pcs-choices"):
            self.query_one(widget).display = False
        self.query_one("#pcs-about", Static).update(Content(message))
        self.query_one("#pcs-dialog").styles.height = "auto"

    # showing ---------------------------------------------------------------------------------

    def _show(self) -> None:
        assert self.tables is not None
        filled = self.prefix.ljust(7, "·")
        self.query_one("#pcs-title", Static).update(
            Content.assemble(
                "Build an ICD-10-PCS code  ",
                (filled, "bold $text-accent"),
                f"  (FY{self.tables.year} tables)",
            )
        )
        self._show_axes()
        self.query_one("#pcs-filter", Input).value = ""
        self._fill("")

    def _show_axes(self) -> None:
        assert self.tables is not None
        short = self.has_class("-short")
        for position in range(1, 8):
            cell = self.query_one(f"#pcs-axis-{position}", Static)
            title = self.tables.title(position, self.prefix)
            if position <= len(self.prefix):
                value = self.prefix[position - 1]
                label = self._label(position, value)
                text = f"{value} {label}" if short else f"{title}\n{value} {label}"
            else:
                text = "·" if short else f"{title}\n·"
            cell.update(Content(text))
            cell.set_class(position == len(self.prefix) + 1, "-current")

    def _label(self, position: int, value: str) -> str:
        assert self.tables is not None
        before = self.prefix[: position - 1]
        return next((c.label for c in self.tables.choices(before) if c.code == value), "")

    def _fill(self, typed: str) -> None:
        assert self.tables is not None
        choices = self.tables.choices(self.prefix)
        exact = [c for c in choices if c.code.lower() == typed.strip().lower()]
        self.shown = [*exact, *(c for c in choices if c not in exact and matches(c, typed))]
        self.shown += self._jumps(typed)
        options = self.query_one("#pcs-choices", OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Content(f"{c.code}  {c.label}")
                if not isinstance(c, Jump)
                else Content.assemble(("Index ", "$text-muted"), f"{c.text}")
            )
            for c in self.shown
        )
        if self.shown:
            options.highlighted = 0
        self._about()

    def _jumps(self, typed: str) -> list[Jump]:
        """At the first axis, the index entries the typed words find, leading into the tables."""
        if self.prefix or self.index is None or self.tables is None:
            return []
        if len(typed.strip()) < INDEX_AFTER:
            return []
        jumps: list[Jump] = []
        for entry in self.index.search(typed, limit=15):
            for code, text in entry.targets():
                good = self.tables.accepted(code)
                jump = Jump(code[: min(good, 6)], text)
                if good >= 3 and jump not in jumps:
                    jumps.append(jump)
        return jumps

    def _about(self) -> None:
        assert self.tables is not None
        about = self.query_one("#pcs-about", Static)
        position = len(self.prefix) + 1
        title = self.tables.title(position, self.prefix)
        index = self.query_one("#pcs-choices", OptionList).highlighted
        if not self.shown or index is None:
            about.update(
                Content(f"No {title.lower()} value matches what you typed; Backspace to clear it.")
            )
            return
        choice = self.shown[index]
        if isinstance(choice, Jump):
            text = f"ICD-10-PCS Index: {choice.text}. Enter goes to {choice.code} in the tables."
        else:
            head = f"{self.prefix}{choice.code}  {title}: {choice.label}"
            text = ". ".join([head, *choice.notes()])
        about.update(Content(text))

    # keys ------------------------------------------------------------------------------------

    @on(Input.Changed, "#pcs-filter")
    def _typed(self, event: Input.Changed) -> None:
        if self.tables is not None:
            self._fill(event.value)

    @on(OptionList.OptionHighlighted, "#pcs-choices")
    def _highlighted(self, _: OptionList.OptionHighlighted) -> None:
        if self.tables is not None:
            self._about()

    @on(OptionList.OptionSelected, "#pcs-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without the tables there is nothing to choose or go back to: Escape alone is shown.
        return self.tables is not None or action not in ("choose", "back", "move")

    def action_move(self, step: int) -> None:
        options = self.query_one("#pcs-choices", OptionList)
        if self.shown:
            now = options.highlighted or 0
            options.highlighted = max(0, min(len(self.shown) - 1, now + step))

    def action_choose(self) -> None:
        self._choose(self.query_one("#pcs-choices", OptionList).highlighted)

    def _choose(self, index: int | None) -> None:
        if self.tables is None or index is None or not 0 <= index < len(self.shown):
            return
        chosen = self.shown[index]
        self.prefix = chosen.code if isinstance(chosen, Jump) else self.prefix + chosen.code
        if len(self.prefix) == 7:
            self.dismiss(self.prefix)
            return
        self._show()

    def action_back(self) -> None:
        typed = self.query_one("#pcs-filter", Input)
        if typed.value:
            typed.value = typed.value[:-1]
            typed.cursor_position = len(typed.value)
        elif self.prefix:
            self.prefix = self.prefix[:-1]
            self._show()

    def action_cancel(self) -> None:
        self.dismiss(None)


BUILD_PCS = Binding(
    "ctrl+b",
    "build_pcs",
    "PCS builder",
    priority=True,
    tooltip="Build an ICD-10-PCS code from the tables, axis by axis",
)
"""The key that opens the builder: a workspace with :class:`PcsBuilderKey` lists it."""


class PcsBuilderKey:
    """Opens the builder from a workspace's procedure box (its key is :data:`BUILD_PCS`).

    A workspace mixes it in before its screen class, adds ``BUILD_PCS`` to its bindings
    (which shows it in the footer and the command palette), and says in ``pcs_wanted``
    whether its procedures are ICD-10-PCS codes; the code built goes to ``pcs_built``.
    """

    def pcs_wanted(self) -> bool:
        """Whether this item codes procedures with ICD-10-PCS."""
        return False

    def pcs_start(self) -> str:
        """The characters the builder starts from (what the procedure box holds)."""
        return ""

    def pcs_built(self, code: str) -> None:
        """Take the code the builder made."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "build_pcs" and not self.pcs_wanted():
            return False
        parent: Any = super()
        allowed: bool | None = parent.check_action(action, parameters)
        return allowed

    def action_build_pcs(self) -> None:
        screen: Any = self

        def built(code: str | None) -> None:
            if code:
                self.pcs_built(code)

        screen.app.push_screen(PcsBuilderScreen(self.pcs_start()), built)
