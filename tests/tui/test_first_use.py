"""What a new trainee met first: reading a long value, naming things in words, saving a copy,
finding a scenario by its name, a small terminal, and where the queue's cursor goes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from recsim.tui.app import RecsimApp
from recsim.tui.screens.audit import AuditScreen
from recsim.tui.screens.export import ExportScreen, copy_results
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.flag_field import FlagFieldScreen
from recsim.tui.screens.help import HelpScreen
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.screens.queue import QueueScreen
from recsim.tui.screens.record import RecordScreen
from recsim.tui.screens.results import ResultsScreen
from recsim.tui.screens.trap import TrapScreen
from tests.conftest import SCENARIOS
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import flag, footer, move_chart_to, settle, wait_until

KINDS = TUI_DATA / "kinds.yaml"


def _text(widget: Static) -> str:
    return str(widget.render())


async def _open_audit(pilot: Pilot) -> AuditScreen:  # type: ignore[type-arg]
    await settle(pilot)
    await pilot.press("enter", "enter")  # start, then open audit-1
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AuditScreen)
    return screen


async def test_ctrl_o_reads_the_whole_note_of_the_audit_and_esc_says_it_closes_the_reader(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_audit(pilot)
        assert footer(app)["ctrl+o"] == "Read" and footer(app)["escape"] == "Queue"
        note = next(
            row
            for row in screen.rows
            if row.path.startswith("notes") and row.path.endswith(".text")
        )
        assert "\n" in note.value
        await move_chart_to(pilot, note.path)
        chart = screen.query_one("#chart", OptionList)
        shown = str(chart.get_option_at_index(chart.highlighted or 0).prompt)
        assert note.value not in shown and "…" in shown  # the row shows the start only

        await pilot.press("ctrl+o")
        await settle(pilot)
        pane = screen.query_one("#field-detail")
        assert screen.maximized is pane
        assert (
            pane.size.height >= 20
        )  # the whole screen, even where the layout gives the pane 7 rows
        assert note.value in _text(screen.query_one("#detail", Static))
        assert footer(app)["escape"] == "Close reader" and "ctrl+o" not in footer(app)

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.maximized is None
        assert chart.has_focus and chart.highlighted == [r.path for r in screen.rows].index(
            note.path
        )
        assert footer(app)["escape"] == "Queue"

        await pilot.press("ctrl+o")  # Ctrl+O closes it too
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.maximized is None and app.screen is screen

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        listed = dict(app.screen.keys)
        assert "^o" in listed and "note" in listed["^o"]
        assert "]" in listed and "[" in listed  # left out of the footer at 80 columns, but in help


async def test_the_reader_of_other_workspaces_says_what_esc_does(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.open_item("claims-1")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen.maximized is not None
        assert footer(app)["escape"] == "Close reader"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.maximized is None and footer(app)["escape"] == "Queue"


async def test_flags_are_named_in_words_not_ids(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_audit(pilot)
        await pilot.press("down")  # the dialog names the field in words, not by its record path
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FlagFieldScreen)
        title = _text(app.screen.query_one(".dialog-title", Static))
        assert "Demographics › MRN" in title and "patient.mrn" not in title
        await pilot.press("escape")
        await settle(pilot)

        await flag(pilot, "patient.date_of_birth", "dob_transposed", "1986-07-07")
        chart = screen.query_one("#chart", OptionList)
        row = str(chart.get_option_at_index(chart.highlighted or 0).prompt)
        assert "[flagged: Date of birth with day and month transposed]" in row
        seen = (
            row
            + _text(screen.query_one("#detail", Static))
            + _text(screen.query_one("#flag-summary", Static))
        )
        assert "dob_transposed" not in seen and "patient.date_of_birth" not in seen
        assert "Demographics › Date of birth" in _text(screen.query_one("#flag-summary", Static))


async def test_the_flag_dialog_fits_a_60x15_terminal(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = await _open_audit(pilot)
        await move_chart_to(pilot, "patient.date_of_birth")
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FlagFieldScreen)
        kinds = dialog.query_one("#kinds", OptionList)
        box = dialog.query_one("#correction", Input)
        visible = dialog.query_one("#flag-dialog").region
        assert (
            visible.height <= 14
            and visible.contains_region(kinds.region)
            and kinds.size.height >= 3
        )
        await pilot.press("down", "enter")  # a kind, then Enter: on to the correction box, in view
        await settle(pilot)
        assert box.has_focus and visible.contains_region(box.region)
        await pilot.press(*"1986-07-07", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.flags["patient.date_of_birth"].correction == "1986-07-07"


async def test_the_flag_dialog_shows_everything_at_80x24(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_audit(pilot)
        await move_chart_to(pilot, "patient.date_of_birth")
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FlagFieldScreen)
        visible = dialog.query_one("#flag-dialog").region
        for part in (".dialog-title", "#kinds", "#correction"):
            assert visible.contains_region(dialog.query_one(part).region), part
        assert dialog.query_one("#kinds").size.height >= 7


def _results(tmp_path: Path) -> Path:
    source = tmp_path / "results" / "attempt.json"
    source.parent.mkdir(parents=True)
    source.write_text(json.dumps({"score": 1}), encoding="utf-8")
    return source


def test_a_copy_goes_into_a_folder_or_a_json_file(tmp_path: Path) -> None:
    source = _results(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert copy_results(source, str(stick)) == stick / "attempt.json"
    assert copy_results(source, f"{stick}/") == stick / "attempt.json"
    assert copy_results(source, str(stick / "mine.json")).read_text(
        encoding="utf-8"
    ) == source.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("nu/usb/stick/", 'There is no folder {tmp}/nu/usb/stick: {tmp} has no folder named "nu".'),
        ("nu/usb/stick", 'There is no folder {tmp}/nu/usb/stick: {tmp} has no folder named "nu".'),
        (
            "stick/sub/copy.json",
            'There is no folder {tmp}/stick/sub: {tmp}/stick has no folder named "sub".',
        ),
        (
            "stick/copy.txt",
            "The copy's file name must end in .json (not .txt), or type a folder to put it in.",
        ),
        (
            "notes.txt",
            "{tmp}/notes.txt is a file, not a folder. "
            "Type a folder, or a file name ending in .json.",
        ),
        ("results/attempt.json", "That is the results file itself; choose another folder."),
        ("results", "That is the results file itself; choose another folder."),
    ],
)
def test_a_copy_that_cannot_be_made_says_why(tmp_path: Path, typed: str, says: str) -> None:
    source = _results(tmp_path)
    (tmp_path / "stick").mkdir()
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        copy_results(source, str(tmp_path / typed) + ("/" if typed.endswith("/") else ""))
    assert str(raised.value).startswith(says.format(tmp=tmp_path))
    assert not (tmp_path / "nu").exists()  # no folder is made on the way


async def test_exporting_to_a_folder_that_does_not_exist_says_so(
    make_app: Callable[..., RecsimApp],
    tmp_path: Path,
) -> None:
    app = make_app("tutorial")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "s", "y")
        await settle(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+u", *f"{tmp_path}/nu/usb/stick/", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        problem = _text(app.screen.query_one("#problem", Static))
        assert f"There is no folder {tmp_path}/nu/usb/stick" in problem
        assert f'{tmp_path} has no folder named "nu"' in problem and ".json" not in problem


async def test_the_picker_shows_play_names_and_what_the_check_mark_means(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(
        None,
        folders=(TUI_DATA / "picker",),
        bundled=[SCENARIOS / "tutorial.yaml", SCENARIOS / "hospital-audit-exam.yaml"],
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        legend = _text(picker.query_one("#picker-legend", Static))
        assert "✔ checked: ready to play" in legend and "✘ can't be played" in legend
        scenarios = picker.query_one("#scenarios", OptionList)
        names = [e.path.name for e in picker.entries]

        exam = names.index("hospital-audit-exam.yaml")
        assert "hospital-audit-exam" in str(scenarios.get_option_at_index(exam).prompt)
        await pilot.press(*["down"] * exam)
        detail = _text(picker.query_one("#detail", Static))
        assert "✔ Checked: ready to play" in detail
        assert (
            "Play name: hospital-audit-exam" in detail
            and "recsim play hospital-audit-exam" in detail
        )

        copy = names.index("my-tutorial-copy.yaml")
        assert "my-tutorial-copy.yaml" in str(scenarios.get_option_at_index(copy).prompt)
        await pilot.press(*["down"] * (copy - exam))
        detail = _text(picker.query_one("#detail", Static))
        assert f"Play name: {TUI_DATA / 'picker' / 'my-tutorial-copy.yaml'}" in detail


async def test_after_feedback_the_queue_says_where_its_cursor_went(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_audit(pilot)
        await pilot.press("ctrl+s", "y")  # submit the chart as clean
        await settle(pilot)
        await pilot.press("enter")  # close the feedback
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        following = app.work.items[1]  # type: ignore[union-attr]
        assert queue.queue.current_id == following
        assert f"Next to do: {following}. Press Enter to open it." in [
            n.message for n in app._notifications
        ]


async def test_the_queue_finds_items_that_come_after_an_interruption(
    make_app: Callable[..., RecsimApp],
) -> None:
    # Interruptions are on the form but not in the queue: an item's place in the queue skips them.
    app = make_app(TUI_DATA / "traps.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        queue = app.screen
        assert isinstance(queue, QueueScreen) and app.work.items == ("audit-1", "audit-2")  # type: ignore[union-attr]
        await pilot.press("g", *"audit-2", "enter")
        await settle(pilot)
        assert queue.queue.current_id == "audit-2"
        await pilot.press("home", "enter", "ctrl+s", "y")  # the first chart, submitted as clean
        await settle(pilot)
        await pilot.press("enter")  # the feedback; then the interruption it was due after
        await settle(pilot)
        assert queue.queue.current_id == "audit-2"
        said = "Next to do: audit-2. Press Enter to open it."
        assert isinstance(app.screen, TrapScreen)
        assert said not in [n.message for n in app._notifications]  # not over the interruption
        await pilot.press("enter")  # a response
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is queue and queue.queue.current_id == "audit-2"
        assert said in [n.message for n in app._notifications]


async def test_a_chart_opened_from_a_search_reads_full_screen_too(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(TUI_DATA / "traps.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "enter", "ctrl+s", "y")
        await settle(pilot)
        await pilot.press("enter")  # the feedback; the interruption comes up
        await settle(pilot)
        await pilot.press("o", *"billing", "enter")
        await settle(pilot)
        chart = app.screen
        assert isinstance(chart, RecordScreen)
        assert footer(app)["ctrl+o"] == "Read"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert chart.maximized is not None and footer(app)["escape"] == "Close reader"
        await pilot.press("escape")  # closes the reader, not the chart
        await settle(pilot)
        assert app.screen is chart and chart.maximized is None
        assert footer(app)["escape"] == "Close the chart"
