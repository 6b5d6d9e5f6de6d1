"""The work queue: every item with its status; filter, jump, open, mark for review, submit."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from recsim.tui.messages import OpenItem, ShowBriefing, SubmitAttempt
from recsim.tui.screens import WORK_CSS
from recsim.tui.screens.jump import JumpScreen
from recsim.tui.widgets.attempt_bar import AttemptBar
from recsim.tui.widgets.footer_fit import FittedFooter
from recsim.tui.widgets.queue_list import STATUS_WIDTH, QueueList
from recsim.tui.words import count

if TYPE_CHECKING:
    from recsim.core.attempt import Attempt

SHOW = ("all", "to do", "new", "in_progress", "done", "flagged")
"""What the status filter cycles through ("to do" is everything not yet answered)."""
SHOW_WORDS = {
    "all": "all",
    "to do": "to do",
    "new": "new",
    "in_progress": "in progress",
    "done": "done",
    "flagged": "for review",
}


class QueueScreen(FittedFooter, Screen[None]):
    """The trainee's home during an attempt."""

    CSS_PATH = WORK_CSS
    FOOTER_DROPS = ("briefing", "jump", "cycle_status", "filter", "mark")
    """Narrow, the footer keeps Open, Submit and Quit (the other keys still work)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Find", tooltip="Filter the queue by item id or kind"),
        Binding(
            "f",
            "cycle_status",
            "Show",
            tooltip="Show all items, those to do, new, in progress, done or marked for review",
        ),
        Binding("g", "jump", "Jump", tooltip="Go to an item by its number or id"),
        Binding(
            "ctrl+r", "mark", "Review", tooltip="Mark the item to come back to (or clear the mark)"
        ),
        Binding("b", "briefing", "Brief", tooltip="Read the briefing again"),
        Binding("s", "submit", "Submit", tooltip="Submit the whole attempt and see your results"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    HELP_TITLE = "the work queue"

    def __init__(
        self, attempt: Attempt, item_ids: Sequence[str], *, hidden: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.attempt = attempt
        self.ids = item_ids
        self.hidden = hidden
        self.show = "all"
        form = attempt.grader.form
        self._notice: tuple[str, int] | None = None
        """Said once the queue is on screen again (not over an interruption that came up first)."""
        self._shown: Notification | None = None
        """The notice on screen now: taken down when the queue gives way to an item or a trap."""
        self._trap_places = sorted(form.position(item_id) for item_id in hidden if item_id in form)
        """Where the unlisted items (interruptions) are on the form; queue places skip them."""

    def place(self, item_id: str) -> int:
        """Where an item is in the queue (``KeyError`` for one not listed): its place on the form,
        less the interruptions before it, which the queue does not list."""
        if item_id in self.hidden:
            raise KeyError(item_id)
        position = self.attempt.grader.form.position(item_id)
        return position - bisect_left(self._trap_places, position)

    def compose(self) -> ComposeResult:
        form = self.attempt.grader.form
        yield AttemptBar(self.attempt, total=len(self.ids), hidden=self.hidden)
        with Horizontal(id="queue-heading"):
            yield Static("Work queue", classes="screen-title", id="queue-title")
            yield Static(id="queue-showing")
        yield Input(
            placeholder="Filter by item id or kind (e.g. audit, audit-12); Esc clears",
            id="queue-filter",
        )
        queue = QueueList(
            self.ids,
            position=self.place,
            status=self.attempt.status,
            title=lambda item_id: form.item(item_id).title,
            id="queue",
        )
        width = len(f"{len(self.ids):,}")
        yield Static(
            Content(f" {'#':>{width}}  {'status':<{STATUS_WIDTH}} item"), id="queue-columns"
        )
        yield queue
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#queue-filter").display = False
        self.query_one(QueueList).focus()
        self._update_showing()

    @property
    def queue(self) -> QueueList:
        return self.query_one(QueueList)

    # showing and filtering -------------------------------------------------------

    def _rows(self) -> Sequence[int]:
        text = self.query_one("#queue-filter", Input).value.strip().casefold()
        show = self.show
        if not text and show == "all":
            return range(len(self.ids))
        status = self.attempt.status
        rows = []
        for position, item_id in enumerate(self.ids):
            if text and text not in item_id.casefold():
                continue
            state = status(item_id)
            if show == "all" or state == show or (show == "to do" and state != "done"):
                rows.append(position)
        return rows

    def refilter(self) -> None:
        """Recompute the rows shown, keeping the cursor on the same item when it is still shown."""
        self.queue.show_rows(self._rows(), keep=self.queue.current_id)
        self._update_showing()

    def _update_showing(self) -> None:
        shown, total = self.queue.row_count, len(self.ids)
        what = SHOW_WORDS[self.show]
        if shown == total:
            text = f"showing all {count(total, 'item')}"
        else:
            text = f"showing {shown:,} of {count(total, 'item')} ({what})"
            if shown == 0:
                text += ": none match; press f to show others, or Esc in the filter to clear it"
        self.query_one("#queue-showing", Static).update(Content(text))

    def action_filter(self) -> None:
        box = self.query_one("#queue-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#queue-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#queue-filter")
    def _filter_done(self) -> None:
        self.queue.focus()

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key == "escape":
            box = self.query_one("#queue-filter", Input)
            if box.has_focus or box.value:
                event.stop()
                box.value = ""
                box.display = False
                self.queue.focus()

    def action_cycle_status(self) -> None:
        self.show = SHOW[(SHOW.index(self.show) + 1) % len(SHOW)]
        self.refilter()
        self.notify(f"Showing {SHOW_WORDS[self.show]} items.", timeout=2)

    # moving ------------------------------------------------------------------------

    def action_jump(self) -> None:
        example = self.ids[min(1, len(self.ids) - 1)] if self.ids else "audit-1"
        self.app.push_screen(JumpScreen(self._resolve, len(self.ids), example), self._jump_to)

    def _resolve(self, text: str) -> str | None:
        form = self.attempt.grader.form
        cleaned = text.strip().lstrip("#").replace(",", "")
        if cleaned.isdigit() and 1 <= int(cleaned) <= len(self.ids):
            return self.ids[int(cleaned) - 1]
        lowered = text.strip().casefold()
        return lowered if lowered in form else None

    def _jump_to(self, item_id: str | None) -> None:
        if item_id is None:
            return
        if not self.queue.move_to(item_id):
            # hidden by the filter: show everything, then go there
            self.show = "all"
            self.query_one("#queue-filter", Input).value = ""
            self.query_one("#queue-filter", Input).display = False
            self.queue.show_rows(self._rows())
            self._update_showing()
            self.queue.move_to(item_id)
        self.queue.focus()

    def after_item(self, item_id: str, answered: bool) -> None:
        """Back from a workspace: redraw, and after an answer move on to the next item still to do.

        The move is said in a notice ("Next to do: audit-3"), so the cursor never jumps
        unexplained; with nothing left to do after the item, the cursor stays on it.
        """
        self.refilter()
        self.queue.move_to(item_id)
        if answered:
            self._move_on(item_id)
        self.query_one(AttemptBar).refresh()
        self.queue.focus()

    def _move_on(self, item_id: str) -> None:
        position = self.place(item_id)
        for later in self.ids[position + 1 : position + 1 + 1000]:
            if self.attempt.status(later) == "done":
                continue
            if self.queue.move_to(later):
                self._say(f"Next to do: {later}. Press Enter to open it.", 4)
            else:
                self._say(
                    f"Next to do: {later}, which the filter hides: "
                    f"press g and type {later} to go there.",
                    6,
                )
            return
        answered = len(self.attempt.answers) - len(self.hidden.intersection(self.attempt.answers))
        if answered >= len(self.ids):
            self._say(
                "Every item is answered. Press s to submit the attempt "
                "(until then you can open an item and change your answer).",
                6,
            )
        elif position + 1 + 1000 >= len(self.ids):  # (a longer rest was not looked through)
            self._say(
                f"Nothing left to do after {item_id}: "
                "the items still to do are higher up in the queue.",
                6,
            )

    def _say(self, text: str, timeout: int) -> None:
        self._notice = (text, timeout)
        self.call_after_refresh(self._announce)  # after any interruption the answer brought up

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._announce)

    def on_screen_suspend(self) -> None:
        # "Next to do: audit-3" is about the queue: left up, it would sit over the item it
        # announced, or over a trap's answer choices.
        if self._shown is not None:
            self.app._unnotify(self._shown)  # Textual's only way to take down one notice
            self._shown = None

    def _announce(self) -> None:
        if self._notice is not None and self.app.screen is self:
            text, timeout = self._notice
            self._notice = None
            self._shown = Notification(text, timeout=timeout, markup=False)
            self.app.post_message(Notify(self._shown))

    # acting on items -----------------------------------------------------------------

    @on(QueueList.Chosen)
    def _open(self, event: QueueList.Chosen) -> None:
        self.post_message(OpenItem(event.item_id))

    def action_mark(self) -> None:
        item_id = self.queue.current_id
        if item_id is None:
            return
        marked = self.attempt.status(item_id) == "flagged"
        self.attempt.flag(item_id, not marked)
        self.notify(f"{item_id}: review mark {'removed' if marked else 'added'}.", timeout=2)
        self.refilter()

    def action_briefing(self) -> None:
        self.post_message(ShowBriefing())

    def action_submit(self) -> None:
        self.post_message(SubmitAttempt())
