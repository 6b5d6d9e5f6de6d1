"""The inpatient workspace after its first new-user trial: invalid PCS codes refused at entry,
PCS words in the claim, the DRG in view, the status list, the footer, the search box and the
practice feedback's count."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Static

from recsim.core.scoring import Finding
from recsim.tui.app import RecsimApp
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.inpatient import InpatientScreen
from recsim.tui.screens.queue import QueueScreen
from tests.tui.drive import settle, wait_until
from tests.tui.test_inpatient_workspace import EXAM, STAYS, _claim_text, _code
from tests.tui.test_workspaces import _open


async def _stay(pilot: Pilot, app: RecsimApp, item: str) -> InpatientScreen:  # type: ignore[type-arg]
    await _open(pilot, item)
    screen = app.screen
    assert isinstance(screen, InpatientScreen)
    await wait_until(pilot, lambda: screen.codes is not None)
    return screen


def _footer(app: RecsimApp) -> str:
    """The footer's keys as the trainee reads them, one per shown action."""
    bindings = app.screen.active_bindings.values()
    return " ".join(b.binding.description for b in bindings if b.binding.show)


@pytest.mark.parametrize(
    ("code", "why"),
    [("0DTJ4ZI", "character 7 is 'I'"), ("0SR9ZZZ", "not a valid ICD-10-PCS code for a discharge")],
)
async def test_an_impossible_pcs_code_is_refused_at_entry_with_why(
    make_app: Callable[..., RecsimApp], code: str, why: str
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _stay(pilot, app, "inpatient-2")
        await _code(pilot, screen, "K35.80")
        await pilot.press("ctrl+g", *code.lower(), "enter")
        await settle(pilot)
        assert screen.procedures == []
        said = [n.message for n in app._notifications]
        assert any(m.startswith(f"Not added: {code}") and "\n" not in m for m in said), said
        assert any(why in m for m in said), said
        assert screen.query_one("#procedure-entry", Input).value == code  # left to correct


async def test_a_valid_pcs_code_shows_its_words_in_the_claim(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _stay(pilot, app, "inpatient-2")
        await _code(pilot, screen, "K35.80")
        await pilot.press("ctrl+g", *"0DTJ4ZZ", "enter")
        await settle(pilot)
        assert screen.procedures == ["0DTJ4ZZ"]
        assert "Resection of Appendix" in _claim_text(screen)


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_the_drg_line_is_in_view_with_a_full_claim(
    make_app: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=size) as pilot:
        screen = await _stay(pilot, app, "inpatient-1")
        for code in ("J18.9", "J96.01", "Z87.891", "I10", "E11.9"):
            await _code(pilot, screen, code)
        await wait_until(pilot, lambda: "DRG" in str(screen.query_one("#inpatient-drg").render()))
        drg = screen.query_one("#inpatient-drg", Static)
        pane = screen.query_one("#code-pane")
        assert drg.region.height >= 1 and pane.region.contains_region(drg.region), drg.region
        for target in ("ctrl+l", "ctrl+g", "ctrl+t"):  # and the claim's boxes reached by keys
            await pilot.press(target)
            await settle(pilot)
            focused = app.focused
            assert focused is not None and pane.region.contains_region(focused.region), target


async def test_enter_enter_on_the_status_picks_the_first_status_never_the_blank(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _stay(pilot, app, "inpatient-1")
        await pilot.press("ctrl+t", "enter", "home", "enter")  # the first row that can be chosen
        await settle(pilot)
        assert screen.disposition == 1


async def test_ctrl_f_selects_the_last_search_so_typing_replaces_it(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _stay(pilot, app, "inpatient-1")
        await pilot.press("ctrl+f", *"complications")
        await settle(pilot)
        await pilot.press("ctrl+f", *"J18")
        await settle(pilot)
        assert screen.query_one("#code-search", Input).value == "J18"


async def test_the_two_pcs_keys_have_different_names(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=(160, 40)) as pilot:
        await _stay(pilot, app, "inpatient-1")
        footer = _footer(app)
        assert "PCS builder" in footer and "Type PCS" in footer


@pytest.mark.parametrize("size", [(60, 15), (80, 24), (100, 30)], ids=lambda s: f"{s[0]}")
async def test_the_footer_keeps_answer_and_queue_and_fits(
    make_app: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = make_app(EXAM)
    async with app.run_test(size=size) as pilot:
        screen = await _stay(pilot, app, "inpatient-1")
        await _code(pilot, screen, "J18.9")
        for where in ("ctrl+f", "ctrl+l"):
            await pilot.press(where)
            await settle(pilot)
            footer = app.screen.query_one(Footer)
            keys = [k for k in footer.query("FooterKey") if k.display]
            assert max(k.region.right for k in keys) <= size[0], where
            assert "Answer" in _footer(app) and "Queue" in _footer(app)


async def test_the_queue_footer_keeps_submit_and_quit_at_60_columns(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(EXAM)
    async with app.run_test(size=(60, 15)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen) or True)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen))
        await settle(pilot)
        footer = _footer(app)
        assert "Submit" in footer and "Quit" in footer
        keys = [k for k in app.screen.query_one(Footer).query("FooterKey") if k.display]
        assert max(k.region.right for k in keys) <= 60


def _finding(outcome: str, earned: float, possible: float, topic: str = "poa") -> Finding:
    return Finding(
        item="inpatient-1",
        category="coding",
        outcome=outcome,  # type: ignore[arg-type]
        earned=earned,
        possible=possible,
        severity=1,
        topic=topic,
        rule="r",
        feedback="f",
    )


def test_the_feedback_count_leaves_out_the_drg_comparison_and_names_partly_right() -> None:
    findings = [
        _finding("correct", 1, 1),
        _finding("partial", 1.5, 3),
        _finding("missed", 0, 1),
        _finding("correct", 0, 0, topic="drg"),
    ]
    assert FeedbackScreen("t", findings).tally() == "2 of 4 right, 1 partly right."
    counted = FeedbackScreen("t", findings, informational=InpatientScreen.INFORMATIONAL_TOPICS)
    assert counted.tally() == "1 of 3 right, 1 partly right."
    assert FeedbackScreen("t", findings[:1]).tally() == "1 of 1 right."


def test_results_rows_that_would_read_the_same_name_their_codes() -> None:
    from recsim.tui.widgets.findings import told_apart
    from tests.tasks.inpatient.test_inpatient_scoring import score

    findings = score("ip-core-pneumonia-no-cc")  # three secondary diagnoses, each with a POA
    rows = [h.plain for h in told_apart(findings)]
    secondary = [r for r in rows if "Secondary diagnosis" in r]
    assert len(secondary) == len(set(secondary)) == 3, secondary
    assert any(r.endswith("Secondary diagnosis · E11.9") for r in secondary), secondary
    principal = next(r for r in rows if "Principal diagnosis" in r)
    assert "·" not in principal.split("Principal diagnosis")[1]  # one of a kind: no code added


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
async def test_the_hints_fit_their_boxes(
    make_app: Callable[..., RecsimApp], size: tuple[int, int]
) -> None:
    app = make_app(STAYS)
    async with app.run_test(size=size) as pilot:
        screen = await _stay(pilot, app, "inpatient-1")
        for box in ("#code-search", "#procedure-entry"):
            widget = screen.query_one(box, Input)
            assert len(widget.placeholder) <= widget.content_region.width, widget.placeholder
