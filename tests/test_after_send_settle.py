"""After Send, a recognised message is read once the page has finished drawing it, and no longer
than that: a page that is quiet is read at once, one that keeps changing after SETTLE_SECONDS."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from assistant.engine import aftersend
from assistant.engine.aftersend import QUIET_MS, SETTLE_SECONDS, AfterSend

pytestmark = pytest.mark.browser

FORM = '<form><label>Reason <textarea></textarea></label><button type="button" id="send">Send</button></form>'


@pytest.fixture
def page(browser) -> Iterator[Page]:
    opened = browser.new_page()
    yield opened
    opened.context.close()


def anywhere(_url: str) -> bool:
    return True


def test_a_message_drawn_in_steps_is_read_whole(page: Page) -> None:
    page.set_content(FORM)
    watch = AfterSend(page)
    watch.arm(page.locator("#send"))
    step = QUIET_MS * 3 // 5  # each part comes before the page has been still for QUIET_MS
    page.evaluate(
        """step => {
          document.querySelector('form').remove();
          const add = (tag, text) => { const el = document.createElement(tag); el.textContent = text;
                                       document.body.append(el); };
          add('h2', 'Thanks');
          setTimeout(add, step, 'p', 'We have received your objection.');
          setTimeout(add, 2 * step, 'p', 'Reference 4711.');
        }""",
        step,
    )
    verdict = watch.wait(5, is_allowed=anywhere)
    assert verdict.kind == "confirmed"
    assert "received your objection" in verdict.text and "Reference 4711" in verdict.text


def test_a_quiet_page_is_read_without_the_whole_pause(page: Page) -> None:
    page.set_content("<h2>Thanks, we received your request</h2>")
    assert AfterSend(page).settle() is True


def test_a_page_that_keeps_changing_is_read_after_the_pause(page: Page) -> None:
    page.set_content('<h2>Thanks</h2><p id="clock">0</p>')
    page.evaluate("() => setInterval(() => { clock.textContent = Date.now(); }, 20)")
    started = time.monotonic()
    assert AfterSend(page).settle() is False
    assert SETTLE_SECONDS * 0.9 <= time.monotonic() - started < SETTLE_SECONDS + 3


def test_a_page_that_navigates_while_settling_is_waited_for_in_its_next_document(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first document never falls quiet and reloads while it is measured: the quiet is then
    measured in the next document (True), not given up on with the rest of the pause (False)."""
    monkeypatch.setattr(aftersend, "SETTLE_SECONDS", 5.0)  # ample even on a loaded machine
    page.set_content('<h2>Thanks</h2><p id="clock">0</p>')
    page.evaluate(
        """() => { setInterval(() => { clock.textContent = Date.now(); }, 20);
                   setTimeout(() => location.reload(), 100); }"""
    )
    started = time.monotonic()
    assert AfterSend(page).settle() is True
    assert QUIET_MS / 1000 * 0.9 <= time.monotonic() - started < 4
