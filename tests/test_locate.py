"""assistant/engine/locate.py in real headless Chromium: candidate order, visibility, waiting, and how
few round trips to the browser a look costs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from assistant.config.flows import Candidate
from assistant.engine.locate import element_kind, find, visible_now

pytestmark = pytest.mark.browser

EMAIL = Candidate(role="textbox", name="e-?mail")
EMAIL_LABEL = Candidate(label="address")
EMAIL_CSS = Candidate(css="input[type=email]")
SEND = Candidate(role="button", name="^send$")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page()
    yield opened
    opened.close()


@contextmanager
def round_trips() -> Iterator[list[str]]:
    """The messages sent to the Playwright driver inside the block."""
    from playwright._impl.connection import Connection

    sent: list[str] = []
    original = Connection.send_message_to_server

    def counting(self, obj, method, params, options):
        if method != "__waitInfo__":
            sent.append(f"{obj._type}.{method}")
        return original(self, obj, method, params, options)

    Connection.send_message_to_server = counting  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        Connection.send_message_to_server = original  # type: ignore[method-assign]


def test_the_first_candidate_with_a_visible_match_wins_not_the_first_element(page: Page) -> None:
    page.set_content(
        '<label>Postal address <input id="postal"></label>'  # earlier in the page, later candidate
        '<label>E-mail <input id="mail" type="email"></label>'
    )
    found = visible_now(page, [EMAIL, EMAIL_LABEL])
    assert found is not None and found.index == 0 and found.candidate == EMAIL
    assert found.locator.get_attribute("id") == "mail"


def test_hidden_matches_are_skipped_and_a_later_candidate_is_used(page: Page) -> None:
    page.set_content(
        '<label>E-mail <input id="hidden" style="display:none"></label>'
        '<input id="plain" type="email" aria-label="Your contact">'
    )
    found = visible_now(page, [EMAIL, EMAIL_LABEL, EMAIL_CSS])
    assert found is not None and found.index == 2
    assert found.locator.get_attribute("id") == "plain"


def test_the_found_locator_is_the_first_visible_match(page: Page) -> None:
    page.set_content(
        '<button style="visibility:hidden">Send</button><button id="shown">Send</button><button>Send</button>'
    )
    found = visible_now(page, [SEND])
    assert found is not None and found.locator.get_attribute("id") == "shown"


def test_nothing_visible_is_none(page: Page) -> None:
    page.set_content('<input type="email" hidden><p>E-mail</p>')
    assert visible_now(page, [EMAIL, EMAIL_LABEL, EMAIL_CSS]) is None


def test_a_selector_the_page_rejects_does_not_hide_the_other_candidates(page: Page) -> None:
    page.set_content('<input id="plain" type="email">')
    broken = Candidate(css="input[type=")
    found = visible_now(page, [EMAIL, broken, EMAIL_CSS])
    assert found is not None and found.index == 2
    assert find(page, [broken], 0.3) is None


def test_find_waits_for_an_element_that_appears_later(page: Page) -> None:
    page.set_content("<form></form>")
    page.evaluate(
        """() => setTimeout(() => { document.querySelector('form').innerHTML =
             '<label>E-mail <input id=late></label>'; }, 400)"""
    )
    started = time.monotonic()
    found = find(page, [EMAIL_CSS, EMAIL], 10)
    took = time.monotonic() - started
    assert found is not None and found.index == 1 and found.locator.get_attribute("id") == "late"
    assert 0.3 < took < 5


def test_find_waits_for_a_hidden_element_to_show(page: Page) -> None:
    page.set_content('<button id="b" style="display:none">Send</button>')
    page.evaluate("() => setTimeout(() => { document.getElementById('b').style.display = ''; }, 300)")
    found = find(page, [SEND], 10)
    assert found is not None and found.locator.get_attribute("id") == "b"


def test_find_gives_up_at_the_timeout(page: Page) -> None:
    page.set_content("<p>nothing here</p>")
    started = time.monotonic()
    assert find(page, [EMAIL, SEND], 0.5) is None
    assert 0.4 < time.monotonic() - started < 3


def test_find_looks_again_in_the_next_document(page: Page) -> None:
    pages = {
        "/first": "<p>loading</p><script>setTimeout(() => { location.href = '/second'; }, 200)</script>",
        "/second": "<label>E-mail <input id=next></label>",
    }
    page.route(
        "http://objector.test/**",
        lambda route: route.fulfill(content_type="text/html", body=pages[urlsplit(route.request.url).path]),
    )
    page.goto("http://objector.test/first")
    found = find(page, [EMAIL], 10)
    assert found is not None and found.locator.get_attribute("id") == "next"


def test_element_kind_reads_the_element(page: Page) -> None:
    page.set_content('<input id="p" type="Password"><div role="textbox" contenteditable="true">x</div>')
    assert element_kind(page.locator("#p")) == {
        "tag": "input",
        "type": "password",
        "role": "",
        "editable": "false",
    }
    assert element_kind(page.locator("div")) == {
        "tag": "div",
        "type": "",
        "role": "textbox",
        "editable": "true",
    }


def test_element_kind_refuses_an_ambiguous_locator(page: Page) -> None:
    from playwright.sync_api import Error

    page.set_content("<input><input>")
    with pytest.raises(Error, match="strict mode"):
        element_kind(page.locator("input"))


def test_a_look_costs_one_round_trip_when_the_first_candidate_matches(page: Page) -> None:
    page.set_content('<label>E-mail <input type="email"></label><button>Send</button>')
    with round_trips() as sent:
        found = visible_now(page, [EMAIL, EMAIL_LABEL, EMAIL_CSS])
    assert found is not None and found.index == 0
    assert sent == ["Frame.queryCount"]
    with round_trips() as sent:
        assert visible_now(page, [SEND, Candidate(text="nowhere"), Candidate(css="#gone")]) is not None
    assert len(sent) == 1


def test_a_look_that_finds_nothing_costs_two_round_trips(page: Page) -> None:
    page.set_content("<p>nothing</p>")
    with round_trips() as sent:
        assert visible_now(page, [EMAIL, EMAIL_LABEL, EMAIL_CSS, SEND]) is None
    assert sent == ["Frame.queryCount", "Frame.queryCount"]


def test_element_kind_costs_one_round_trip(page: Page) -> None:
    page.set_content('<label>E-mail <input type="email"></label>')
    found = visible_now(page, [EMAIL])
    assert found is not None
    with round_trips() as sent:
        assert element_kind(found.locator)["type"] == "email"
    assert sent == ["Frame.evalOnSelectorAll"]
