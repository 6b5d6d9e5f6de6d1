"""The audit workspace: a record viewer where the trainee flags fields that are wrong."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from recsim.tasks.audit.catalog import catalog, flag_order
from recsim.tasks.words import place
from recsim.tui.chart import ChartRow, chart_rows
from recsim.tui.screens.flag_field import FieldFlag, FlagFieldScreen
from recsim.tui.screens.workspace import Workspace
from recsim.tui.widgets.chart_list import EndStopList

if TYPE_CHECKING:
    from textual.widget import Widget

    from recsim.core.attempt import Attempt
    from recsim.core.form import Item

LABEL_WIDTH = 34
VALUE_WIDTH = 70


def kind_title(kind: str) -> str:
    """An error kind as the flag dialog lists it.

    For example ``Date of birth with day and month transposed``.
    """
    info = catalog().get(kind)
    return info.title if info is not None else kind.replace("_", " ")


def cut(row: ChartRow) -> bool:
    """Whether the chart line shows only the start of the row's value."""
    first = row.value.split("\n", 1)[0]
    return len(first) > VALUE_WIDTH or "\n" in row.value


def row_prompt(row: ChartRow, flag: FieldFlag | None) -> Content:
    """One line of the chart: flag mark, indented label, value, and the flag's kind in words."""
    mark = Content.styled("⚑ ", "$text-accent bold") if flag else Content("  ")
    label = ("  " * row.depth + row.label)[:LABEL_WIDTH].ljust(LABEL_WIDTH)
    first = row.value.split("\n", 1)[0]
    value = first[:VALUE_WIDTH] + ("…" if cut(row) else "")
    style = "bold" if row.kind in ("section", "history") and row.depth == 0 else ""
    line = mark + Content.styled(label, style) + " " + Content(value)
    if flag:
        line += Content.styled(f"  [flagged: {kind_title(flag.kind)}]", "$text-accent")
    return line


class AuditScreen(Workspace):
    """One chart: move to any section, entry or field and flag it."""

    HELP_TITLE = "auditing a chart"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "flag", "Flag", tooltip="Flag the line under the cursor as an error"),
        Binding("x", "unflag", "Unflag", tooltip="Remove the flag on the line under the cursor"),
        # ] and [ are left out of the footer, which is full at 80 columns; help lists them.
        Binding(
            "right_square_bracket",
            "section(1)",
            "Section",
            show=False,
            tooltip="Jump to the next section of the chart",
        ),
        Binding(
            "left_square_bracket",
            "section(-1)",
            "Previous section",
            show=False,
            tooltip="Jump back to the previous section of the chart",
        ),
        Binding(
            "ctrl+o",
            "read",
            "Read",
            priority=True,
            tooltip="Read the whole value of the line under the cursor (a note in full), "
            "full screen; Esc or Ctrl+O comes back",
        ),
        # A class's own Ctrl+O replaces the base's, so the reader's closing key is named again.
        Binding("ctrl+o", "close_reader", "Close reader", priority=True, show=False),
    ]
    READING_PANES: ClassVar[tuple[str, ...]] = ("#field-detail",)

    def __init__(
        self, attempt: Attempt, item: Item, *, total: int, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(attempt, item, total=total, hidden=hidden)
        record = self.view.record
        self.rows = chart_rows(record)
        self.kinds = [(name, kind_title(name)) for name in flag_order()]
        self.flags: dict[str, FieldFlag] = {}
        saved = self.saved_work()
        for raw in (saved or {}).get("flags", []):
            self.flags[raw["location"]] = FieldFlag(raw["kind"], raw.get("correction"))

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="audit-body"):
            yield EndStopList(
                *[Option(row_prompt(row, self.flags.get(row.path))) for row in self.rows],
                id="chart",
            )
            with VerticalScroll(id="field-detail", can_maximize=True):
                yield Static(id="detail")
        yield Static(id="flag-summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        chart = self.query_one("#chart", OptionList)
        chart.highlighted = 0
        chart.focus()
        self._summarize()

    # what the trainee sees -----------------------------------------------------------

    @property
    def current_row(self) -> ChartRow | None:
        index = self.query_one("#chart", OptionList).highlighted
        return None if index is None else self.rows[index]

    @on(OptionList.OptionHighlighted, "#chart")
    def _highlighted(self) -> None:
        row = self.current_row
        if row is None:
            return
        lines = [Content.styled(row.label, "bold")]
        where = place(row.path)
        if where != row.label and row.depth > 0:  # a section's heading says where it is
            lines.append(Content.styled(where, "$text-muted"))
        lines.append(Content(""))
        if row.kind == "field":
            lines.append(
                Content(row.value) if row.value else Content.styled("(blank)", "$text-muted")
            )
        elif row.kind == "entry":
            lines.append(
                Content(
                    f"The whole entry: {row.value}. Flag it when the entry itself is wrong "
                    "(it belongs to another patient, repeats another, or conflicts with one)."
                )
            )
        elif row.kind == "section":
            lines.append(
                Content(
                    (row.value.capitalize() + ". " if row.value else "")
                    + "Flag the section itself when something is missing from it."
                )
            )
        else:
            lines.append(
                Content(row.value or "Corrections made to this chart, oldest first (read-only).")
            )
        flag = self.flags.get(row.path)
        if flag:
            lines += [
                Content(""),
                Content.styled(f"⚑ Flagged: {kind_title(flag.kind)}", "$text-accent bold"),
            ]
            if flag.correction:
                lines.append(Content(f"Correction: {flag.correction}"))
        elif row.flaggable:
            keys = "f" if self.maximized is not None else "f or Enter"
            lines += [Content(""), Content.styled(f"Press {keys} to flag this.", "$text-muted")]
        if self.maximized is not None:
            lines += [
                Content(""),
                Content.styled("Esc or Ctrl+O goes back to the chart.", "$text-muted"),
            ]
        elif cut(row):
            lines.append(Content.styled("Ctrl+O reads it in full.", "$text-muted"))
        self.query_one("#detail", Static).update(Content("\n").join(lines))

    def watch_maximized(self, previous: Widget | None, maximized: Widget | None) -> None:
        super().watch_maximized(previous, maximized)
        self._highlighted()

    def _summarize(self) -> None:
        if not self.flags:
            text = Content(
                "No flags yet. When you finish, press Ctrl+S: "
                "a chart with no flags is answered as clean."
            )
        else:
            listed = "; ".join(place(path) for path in self.flags)
            text = Content(
                f"⚑ {len(self.flags)} flag{'s' if len(self.flags) != 1 else ''}: {listed}"
            )
        self.query_one("#flag-summary", Static).update(text)

    def _redraw(self, path: str) -> None:
        chart = self.query_one("#chart", OptionList)
        for index, row in enumerate(self.rows):
            if row.path == path:
                chart.replace_option_prompt_at_index(index, row_prompt(row, self.flags.get(path)))
        self._highlighted()
        self._summarize()
        self.refresh_heading()

    # acting ------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#chart")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_flag()

    def action_flag(self) -> None:
        row = self.current_row
        if row is None:
            return
        if not row.flaggable:
            self.notify(
                "The correction history is read-only: flag the field itself.", severity="warning"
            )
            return
        screen = FlagFieldScreen(
            label=place(row.path),
            path=row.path,
            value=row.value,
            kinds=self.kinds,
            current=self.flags.get(row.path),
        )
        self.app.push_screen(screen, lambda flag: self._flagged(row.path, flag))

    def _flagged(self, path: str, flag: FieldFlag | None) -> None:
        if flag is None:
            return
        before = self.flags.get(path)
        self.flags[path] = flag
        if not self.save_draft():
            self._restore(path, before)
        self._redraw(path)

    def action_unflag(self) -> None:
        row = self.current_row
        if row is None or row.path not in self.flags:
            self.notify("There is no flag on this line to remove.", timeout=2)
            return
        before = self.flags.pop(row.path)
        if not self.save_draft():
            self._restore(row.path, before)
        self._redraw(row.path)

    def _restore(self, path: str, flag: FieldFlag | None) -> None:
        if flag is None:
            self.flags.pop(path, None)
        else:
            self.flags[path] = flag

    def action_section(self, step: int) -> None:
        chart = self.query_one("#chart", OptionList)
        here = chart.highlighted or 0
        places = [n for n, row in enumerate(self.rows) if row.depth == 0]
        later = [n for n in places if (n > here if step > 0 else n < here)]
        if later:
            chart.highlighted = later[0] if step > 0 else later[-1]
            chart.scroll_to_highlight(top=True)

    # answering -------------------------------------------------------------------------

    def answer_payload(self) -> dict[str, Any]:
        return {
            "flags": [
                {"location": path, "kind": flag.kind, "correction": flag.correction}
                for path, flag in self.flags.items()
            ]
        }

    def finish_question(self) -> str | None:
        if self.flags:
            return None
        return "You have not flagged anything. Answer that this chart is clean (no errors)?"


WORKSPACE = AuditScreen
"""The screen items of the audit kind are worked in (found by the kind's name)."""
