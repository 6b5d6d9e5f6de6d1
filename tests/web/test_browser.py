"""A trainee's link in real headless Chromium (Debian's chromium and chromium-driver).

The page draws the terminal on a canvas, so the test reads its text from the terminal's
own buffer: a script added before the page's scripts keeps the xterm.js terminal that
textual-serve's page makes (it is stored on an object's ``terminal`` property, which the
script catches with a setter), and each screen row is read with xterm.js's
``translateToString``. Keys go to the terminal's input box as a trainee types them.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from recsim.core.store import Store
from tests.web.serving import children, class_server

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true});
    if (value && value.buffer && !window.recsimTerminal) { window.recsimTerminal = value; }
  },
});
"""
SCREEN_TEXT = """
const terminal = window.recsimTerminal;
if (!terminal) { return ''; }
const buffer = terminal.buffer.active, rows = [];
for (let row = 0; row < terminal.rows; row++) {
  const line = buffer.getLine(buffer.viewportY + row);
  rows.push(line ? line.translateToString(true) : '');
}
return rows.join('\\n');
"""


def _browser_or_skip() -> None:
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{' and '.join(missing)} missing in CI (.ci/run installs them)")
        pytest.skip("chromium and chromium-driver are not installed (apt-get install both)")


def _wait_for_text(driver: object, text: str, seconds: float = 60) -> str:
    """The screen's text once it shows ``text``; fails with the screen after ``seconds``."""
    shown = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        shown = driver.execute_script(SCREEN_TEXT)  # type: ignore[attr-defined]
        if text in shown:
            return shown
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the page showed:\n{shown}")


@pytest.mark.browser
def test_a_trainee_opens_their_link_reads_the_briefing_and_answers_in_chromium(
    tmp_path: Path,
) -> None:
    _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    with class_server(tmp_path) as served:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            source = {"source": KEEP_TERMINAL}
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", source)
            driver.get(served.url)  # no token: 401, and a page that says what to do
            assert "Open the link your instructor gave you" in driver.page_source
            driver.get(served.links["Bo Chen"][:-6] + "abcdef")  # a mistyped link: 403
            assert "This link does not open recsim" in driver.page_source
            assert children(served.process.pid) == []  # no app was started for either
            driver.get(served.links["Bo Chen"])
            _wait_for_text(driver, "Checked: ready to play")
            keys = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
            keys.send_keys(Keys.ENTER)  # the tutorial, first on the list
            # The heading can be drawn a frame before the body: wait for the body's first line.
            briefing = _wait_for_text(driver, "Welcome to the records desk at Riverside")
            assert "Briefing · Tutorial: your first chart audit" in briefing
            assert "Trainee: Bo Chen" in briefing  # the name comes from the link, never asked
            keys.send_keys(Keys.ENTER)  # Start
            _wait_for_text(driver, "0 of 3 items answered")
            keys.send_keys(Keys.ENTER)  # open the first chart
            _wait_for_text(driver, "No flags yet")
            keys.send_keys(Keys.CONTROL, "s")  # answer: no flags, a clean chart
            _wait_for_text(driver, "Save this answer?")
            keys.send_keys("y")
            _wait_for_text(driver, "Continue")  # practice mode: the chart's feedback, once saved
        finally:
            driver.quit()
    store = Store(served.store, create=False)
    try:
        (attempt,) = store.attempts()
        answers = [
            (e.item, e.data["answer"]) for e in store.events(attempt.id) if e.type == "answer"
        ]
    finally:
        store.close()
    assert attempt.trainee == "Bo Chen"
    assert [item for item, _ in answers] == ["audit-1"]
