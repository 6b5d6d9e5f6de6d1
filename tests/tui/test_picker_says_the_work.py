"""The picker says what kind of work each scenario is, before and after its full check."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList, Static

from recsim.tui.app import RecsimApp
from recsim.tui.catalog import check, glance
from recsim.tui.screens.picker import PickerScreen
from recsim.tui.words import work_text
from tests.tui.conftest import TUI_DATA
from tests.tui.drive import wait_until

KINDS = TUI_DATA / "kinds.yaml"
EVERY_KIND = (
    "chart audit, ICD-10-CM coding, release of information, de-identification, "
    "duplicate patients, deficiency analysis, claim review, health statistics"
)


def test_the_work_is_named_in_words_each_kind_once_without_the_traps() -> None:
    assert work_text(("audit", "coding", "audit", "trap")) == "chart audit, ICD-10-CM coding"


def test_a_glance_and_the_full_check_name_the_same_work() -> None:
    assert work_text(glance(KINDS).kinds) == EVERY_KIND
    assert work_text(check(KINDS).kinds) == EVERY_KIND


async def test_the_picker_line_and_detail_say_what_work_the_scenario_is(
    make_app: Callable[..., RecsimApp],
) -> None:
    app = make_app(None, bundled=[], folders=(TUI_DATA,))
    async with app.run_test(size=(120, 40)) as pilot:
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        await wait_until(pilot, lambda: all(e.checked for e in picker.entries))
        names = [e.path.name for e in picker.entries]
        await pilot.press(*["down"] * names.index("traps.yaml"))
        scenarios = picker.query_one("#scenarios", OptionList)
        line = str(scenarios.get_option_at_index(names.index("traps.yaml")).prompt)
        assert "traps.yaml · chart audit · hospital · practice" in line
        detail = str(picker.query_one("#detail", Static).render())
        assert "Work: chart audit" in detail
