"""Each kind's workspace, worked by keys alone: the answer saved is the one the trainee keyed in.

tests/data/tui/kinds.yaml holds one item of every kind; each test opens its item
from the queue with the arrow keys and Enter, answers, and submits with Ctrl+S.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import OptionList

from recsim.tui.app import RecsimApp
from recsim.tui.screens.choose_steps import ChooseStepsScreen
from recsim.tui.screens.coding import CodingScreen
from recsim.tui.screens.deidentify import DeidentifyScreen
from recsim.tui.screens.feedback import FeedbackScreen
from recsim.tui.screens.mark_span import MarkSpanScreen
from recsim.tui.screens.queue import QueueScreen
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import settle, wait_until

KINDS = TUI_DATA / "kinds.yaml"


async def _open(pilot: Pilot, item_id: str) -> Any:  # type: ignore[type-arg]
    """From the briefing: start, arrow down to the item, Enter; returns its key."""
    app = pilot.app
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, QueueScreen)
    await pilot.press(*["down"] * app.work.items.index(item_id), "enter")
    await settle(pilot)
    return app.attempt.grader.form.item(item_id).key  # type: ignore[attr-defined, union-attr]


async def _submit(pilot: Pilot, item_id: str) -> dict[str, Any]:  # type: ignore[type-arg]
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen), type(pilot.app.screen)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QueueScreen)
    answer: dict[str, Any] = pilot.app.attempt.answers[item_id]  # type: ignore[attr-defined]
    return answer


async def _choose(pilot: Pilot, index: int) -> None:  # type: ignore[type-arg]
    """In a focused radio set: move to option ``index`` and pick it."""
    await pilot.press(*["down"] * index, "enter")


async def test_coding_search_adds_codes_in_order(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "coding-1")
        screen = app.screen
        assert isinstance(screen, CodingScreen)
        await wait_until(pilot, lambda: screen.codes is not None)
        for code in key.diagnoses:
            await pilot.press("ctrl+f", "ctrl+u", *code)
            await wait_until(
                pilot, lambda code=code: bool(screen.results) and screen.results[0].code == code
            )
            await pilot.press("enter", "enter")  # to the results, then add the first
            await settle(pilot)
        assert screen.diagnoses == key.diagnoses
        answer = await _submit(pilot, "coding-1")
    assert answer["diagnoses"] == key.diagnoses


async def test_release_decision_records_and_log_by_keys(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "release-1")
        decisions = [
            "release",
            "release_partial",
            "deny",
            "verify_identity",
            "refer_privacy_officer",
        ]
        await _choose(pilot, decisions.index("release_partial"))
        await pilot.press("tab", "space")  # into the records list, its first row: discharge summary
        await pilot.press("tab", "space")  # the accounting-of-disclosures box
        answer = await _submit(pilot, "release-1")
    assert key.handling.decision in decisions
    assert answer == {
        "decision": "release_partial",
        "release": ["discharge_summary"],
        "log_disclosure": True,
        "note": None,
    }


async def test_deidentify_marks_a_selection_with_its_type(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "deidentify-1")
        screen = app.screen
        assert isinstance(screen, DeidentifyScreen)
        first = key.spans[0]  # the patient's name in the letter's header
        words = [
            n
            for n, (start, end) in enumerate(screen.document.tokens)
            if start < first.end and first.start < end
        ]
        await pilot.press(*["right"] * words[0], *["shift+right"] * (len(words) - 1), "m")
        await settle(pilot)
        assert isinstance(app.screen, MarkSpanScreen)
        types = [name for name, _ in app.screen.types]
        here = app.screen.query_one("#types", OptionList).highlighted or 0
        await pilot.press(*["down"] * (types.index(first.type) - here), "enter")
        await settle(pilot)
        answer = await _submit(pilot, "deidentify-1")
    (mark,) = answer["marks"]
    assert mark["type"] == first.type and mark["action"] == "remove"
    assert mark["start"] <= first.start and first.end <= mark["end"]


async def test_duplicates_keep_separate(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "duplicates-1")
        await _choose(pilot, 1)  # keep separate
        answer = await _submit(pilot, "duplicates-1")
    assert answer["decision"] == "keep_separate" and not answer["survivor"]


async def test_deficiency_entry_added_in_three_steps(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "deficiency-1")
        wanted = key.deficiencies[0]
        await pilot.press("a")
        await settle(pilot)
        steps = app.screen
        assert isinstance(steps, ChooseStepsScreen)
        for number, value in enumerate((wanted.kind, wanted.document or "-", wanted.provider.npi)):
            values = [v for v, _ in steps.steps[number][1]]
            await pilot.press(*["down"] * values.index(value), "enter")
            await settle(pilot)
        await pilot.press("tab", "space")  # delinquent
        answer = await _submit(pilot, "deficiency-1")
    assert answer["deficiencies"] == [
        {"kind": wanted.kind, "document": wanted.document, "provider": wanted.provider.npi}
    ]
    assert answer["delinquent"] is True


async def test_claims_denial_needs_and_takes_a_reason(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "claims-1")
        await _choose(pilot, 1)  # deny
        await pilot.press("ctrl+s")  # no reason yet: refused with a message, nothing saved
        await settle(pilot)
        assert "claims-1" not in app.attempt.answers  # type: ignore[union-attr]
        await pilot.press("tab")
        await _choose(pilot, 4)  # units not supported
        answer = await _submit(pilot, "claims-1")
    assert answer == {"decision": "deny", "reason": "units_not_supported", "line": None}


async def test_claims_denial_can_cover_one_service_line(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, "claims-1")
        await _choose(pilot, 1)  # deny
        await pilot.press("tab")
        await _choose(pilot, 3)  # bundled service
        await pilot.press("tab")
        await _choose(pilot, 1)  # line 1 only
        answer = await _submit(pilot, "claims-1")
    assert answer == {"decision": "deny", "reason": "bundled_service", "line": 1}


async def test_analysis_takes_numbers_as_typed(make_app: Callable[..., RecsimApp]) -> None:
    app = make_app(KINDS)
    async with app.run_test(size=(120, 40)) as pilot:
        key = await _open(pilot, "analysis-1")
        await pilot.press(*"abc")
        await settle(pilot)
        assert "is not a number" in str(app.screen.query_one("#problem").render())
        await pilot.press(
            "backspace",
            "backspace",
            "backspace",
            *f"{key.rounded:g}",
            "tab",
            *f"{key.numerator:g}",
            "tab",
            *f"{key.denominator:g}",
        )
        answer = await _submit(pilot, "analysis-1")
    assert answer == {
        "value": key.rounded,
        "numerator": key.numerator,
        "denominator": key.denominator,
        "codes": [],
    }
