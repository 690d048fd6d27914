"""assistant/engine/waiting.py in real headless Chromium: waiting on a page's own changes instead
of fixed pauses, the watch that remembers when a document last changed, and questions to the
current document that survive a navigation and never wait for a document forever."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from assistant.engine.waiting import in_document, until_changed, until_still, watch_changes

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser) -> Iterator[Page]:
    opened = browser.new_page()
    yield opened
    opened.context.close()


def open_document(page: Page, body: str) -> None:
    """A new document (the watch is installed in new documents, not in one written in place)."""
    page.goto("data:text/html," + quote(f"<!doctype html><html><body>{body}</body></html>"))


def test_a_change_wakes_the_wait_at_once(page: Page) -> None:
    page.set_content("<p id=p>0</p>")
    page.evaluate("() => setInterval(() => { p.textContent = Date.now(); }, 50)")  # whenever it starts
    started = time.monotonic()
    assert until_changed(page, 20_000) is True
    assert time.monotonic() - started < 10  # woken by a change, long before the 20 s


def test_a_still_page_lets_the_wait_run_out(page: Page) -> None:
    page.set_content("<p>still</p>")
    started = time.monotonic()
    assert until_changed(page, 200) is False
    assert time.monotonic() - started >= 0.18


def test_a_navigation_wakes_the_wait(page: Page) -> None:
    page.route(
        "http://objector.test/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<p>again and again</p><script>setTimeout(() => location.reload(), 100)</script>",
        ),
    )
    page.goto("http://objector.test/")
    started = time.monotonic()
    assert until_changed(page, 20_000) is True
    assert time.monotonic() - started < 10


def test_the_watch_knows_a_page_has_been_still_so_the_quiet_is_not_measured_again(page: Page) -> None:
    watch_changes(page)
    open_document(page, "<p>still</p>")
    time.sleep(2.2)  # the page changes nothing for longer than the quiet asked for
    started = time.monotonic()
    assert until_still(page, 10, quiet_ms=2000) is True
    assert time.monotonic() - started < 1.5  # without the watch: at least the whole two seconds


def test_without_the_watch_the_quiet_is_measured_from_now(page: Page) -> None:
    page.set_content("<p>still</p>")  # written in place: no watch in this document
    started = time.monotonic()
    assert until_still(page, 10, quiet_ms=500) is True
    assert time.monotonic() - started >= 0.45


def test_since_makes_the_page_answer_what_was_just_done_to_it(page: Page) -> None:
    """A value typed into a field changes no element; the page's answer to it is waited for."""
    watch_changes(page)
    open_document(page, "<p>still</p>")
    time.sleep(0.7)
    done = time.monotonic()
    started = time.monotonic()
    assert until_still(page, 10, quiet_ms=500, since=done) is True
    assert time.monotonic() - started >= 0.45


def test_only_what_may_show_something_new_counts_when_asked(page: Page) -> None:
    """A list opening and closing behind the scenes (hidden set, aria-expanded flipped) shows no
    new field; an element added does."""
    watch_changes(page)
    open_document(page, "<input id=box aria-expanded=false><ul id=list hidden><li>a</li></ul>")
    page.evaluate(
        """() => setInterval(() => {
             list.setAttribute('hidden', '');
             const open = box.getAttribute('aria-expanded') === 'true';
             box.setAttribute('aria-expanded', open ? 'false' : 'true');
           }, 40)"""
    )
    assert until_still(page, 1.5, quiet_ms=200, shown_only=True) is True
    assert until_still(page, 0.6, quiet_ms=200) is False  # every change counts: never still
    page.evaluate(
        """() => setInterval(() => { const p = document.createElement('p'); p.textContent = 'new';
                                     document.body.append(p); }, 40)"""
    )
    page.wait_for_function("() => document.querySelectorAll('p').length >= 2")
    assert until_still(page, 0.6, quiet_ms=200, shown_only=True) is False


def test_the_document_is_asked_again_after_a_navigation(page: Page) -> None:
    open_document(page, "<title>one</title>")
    assert in_document(page, "() => document.title") == "one"
    open_document(page, "<title>two</title>")
    assert in_document(page, "() => document.title") == "two"  # the kept root was the first's
    open_document(page, "<title>three</title>")
    with pytest.raises(PlaywrightError):
        in_document(page, "() => document.title", again=False)  # a caller with its own deadline
    assert in_document(page, "() => document.title") == "three"


def test_a_page_s_kept_root_goes_when_the_page_closes(page: Page) -> None:
    from assistant.engine import waiting

    page.set_content("<title>kept</title>")
    assert in_document(page, "() => document.title") == "kept"
    assert page in waiting._ROOTS
    other = page.context.browser.new_page()
    assert in_document(other, "() => 1 + 1") == 2
    other.context.close()  # as at the end of a flow: the context goes, and its page with it
    assert other not in waiting._ROOTS and page in waiting._ROOTS
