"""Turning a flow's candidate locators into elements on the page.

Candidates are tried in order; the first one with a visible match wins. Names
are matched case-insensitively. Only the page's main frame is searched: the
assistant never acts inside embedded frames.

Every question to the page is a round trip to the browser, so the questions are
few: each candidate is narrowed to its visible matches by Playwright itself
(``visible=true``, the same test as ``is_visible()``), so one count says whether
it has one; the other candidates are asked together, as one union, before any of
them is asked alone; and waiting happens in the page (Playwright re-checks on
every change) instead of in a polling loop here. Role and accessible-name
matching stay Playwright's.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config.flows import Candidate
from .waiting import browser_gone

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

POLL_MS = 100
#: Playwright's selector filter keeping only the visible matches (as ``is_visible()`` decides)
_VISIBLE = "visible=true"


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def build(page: Page, candidate: Candidate) -> Locator:
    if candidate.role is not None:
        if candidate.name is not None:
            return page.get_by_role(candidate.role, name=_pattern(candidate.name))  # type: ignore[arg-type]
        return page.get_by_role(candidate.role)  # type: ignore[arg-type]
    if candidate.label is not None:
        return page.get_by_label(_pattern(candidate.label))
    if candidate.placeholder is not None:
        return page.get_by_placeholder(_pattern(candidate.placeholder))
    if candidate.text is not None:
        return page.get_by_text(_pattern(candidate.text))
    assert candidate.css is not None
    return page.locator(candidate.css)


@dataclass(frozen=True)
class Found:
    locator: Locator
    candidate: Candidate
    index: int  # which candidate matched (0 = the most robust one)


def _visible(page: Page, candidate: Candidate) -> Locator:
    """The candidate's visible matches, in document order."""
    return build(page, candidate).locator(_VISIBLE)


def _any_of(locators: list[Locator]) -> Locator:
    return functools.reduce(lambda union, other: union.or_(other), locators)


def _count(locator: Locator) -> int | None:
    """How many elements ``locator`` matches now, in one round trip; None when the page
    could not answer (it was navigating, or a selector is not valid there)."""
    from playwright.sync_api import Error

    try:
        return locator.count()
    except Error as exc:
        if browser_gone(exc):
            raise
        return None


def visible_now(page: Page, target: list[Candidate]) -> Found | None:
    """The first visible element matched by any candidate, without waiting.

    One round trip when the first candidate matches; two when nothing does; a later
    candidate that matches costs one more per candidate before it.
    """
    visible = [_visible(page, candidate) for candidate in target]
    if _count(visible[0]):
        return Found(visible[0].first, target[0], 0)
    if len(visible) == 1 or _count(_any_of(visible[1:])) == 0:
        return None
    for index in range(1, len(visible)):  # some other candidate matches (or the union could not be asked)
        if _count(visible[index]):
            return Found(visible[index].first, target[index], index)
    return None


def find(page: Page, target: list[Candidate], timeout: float) -> Found | None:
    """Wait up to ``timeout`` seconds for a visible match."""
    deadline = time.monotonic() + timeout
    found = visible_now(page, target)
    while found is None and (remaining := deadline - time.monotonic()) > 0:
        seen = _wait_for_any(page, target, remaining)
        found = visible_now(page, target)
        if found is None and seen:
            page.wait_for_timeout(POLL_MS)  # gone again already, or the page is between two documents
    return found


def _wait_for_any(page: Page, target: list[Candidate], seconds: float) -> bool:
    """Wait until any candidate has a visible match (True) or ``seconds`` pass (False).

    One round trip: Playwright waits in the page and looks again whenever it changes, and
    goes on looking in the next document when the page navigates. If the page cannot be
    asked (a selector that is not valid there), it pauses briefly instead, so the caller
    polls.
    """
    from playwright.sync_api import Error
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    union = _any_of([_visible(page, candidate) for candidate in target])
    try:
        union.first.wait_for(state="attached", timeout=max(1.0, seconds * 1000))
    except PlaywrightTimeout:
        return False
    except Error as exc:
        if browser_gone(exc):
            raise
        page.wait_for_timeout(POLL_MS)
        return False
    return True


_KIND_JS = """el => ({tag: el.tagName.toLowerCase(), type: (el.getAttribute('type') || '').toLowerCase(),
                      role: (el.getAttribute('role') || '').toLowerCase(),
                      editable: String(el.isContentEditable)})"""


def element_kind(locator: Locator) -> dict[str, str]:
    """Tag, type, role and contenteditable of an element, to decide how to use it.

    One round trip while the locator matches exactly one element; otherwise Playwright's
    ``evaluate`` decides (it waits for the element, and refuses an ambiguous locator).
    """
    kinds = locator.evaluate_all(f"els => els.length === 1 ? [({_KIND_JS})(els[0])] : []")
    if kinds:
        return kinds[0]
    return locator.evaluate(_KIND_JS)
