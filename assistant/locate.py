"""Turning a flow's candidate locators into elements on the page.

Candidates are tried in order; the first one with a visible match wins. Names
are matched case-insensitively. Only the page's main frame is searched: the
assistant never acts inside embedded frames.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .flows import Candidate

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

POLL_MS = 100
_MAX_CHECKED = 8


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


def visible_now(page: Page, target: list[Candidate]) -> Found | None:
    """The first visible element matched by any candidate, without waiting."""
    from playwright.sync_api import Error

    for index, candidate in enumerate(target):
        locator = build(page, candidate)
        try:
            count = locator.count()
            for nth in range(min(count, _MAX_CHECKED)):
                item = locator.nth(nth)
                if item.is_visible():
                    return Found(item, candidate, index)
        except Error as exc:
            if _closed(exc):
                raise
            continue  # the page navigated while we looked: try again on the next poll
    return None


def find(page: Page, target: list[Candidate], timeout: float) -> Found | None:
    """Wait up to ``timeout`` seconds for a visible match."""
    deadline = time.monotonic() + timeout
    while True:
        found = visible_now(page, target)
        if found is not None or time.monotonic() >= deadline:
            return found
        page.wait_for_timeout(POLL_MS)


def _closed(exc: Exception) -> bool:
    text = str(exc)
    return "has been closed" in text or "Target closed" in text or "Browser closed" in text


def element_kind(locator: Locator) -> dict[str, str]:
    """Tag, type, role and contenteditable of an element, to decide how to use it."""
    return locator.evaluate(
        """el => ({tag: el.tagName.toLowerCase(), type: (el.getAttribute('type') || '').toLowerCase(),
                   role: (el.getAttribute('role') || '').toLowerCase(),
                   editable: String(el.isContentEditable)})"""
    )
