"""Full-page screenshots that show the page as a document, once from top to bottom.

A plain full-page capture paints ``position: fixed`` and ``position: sticky``
elements where they sit in the scrolled viewport: a site's header lands in the
middle of the picture, over the form it should head, and leaves a blank strip
at the top. That picture is the main proof ("the filled form before Send"), so
for the capture fixed elements become ``absolute`` (drawn once, where they are
at the top of the page) and sticky ones ``static`` (back in the flow, above the
content they precede). Every element's own inline value is restored afterwards,
also when the capture fails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Returns how many elements were changed; keeps what to restore on window.
_PIN = """() => {
  const changed = [];
  for (const el of document.querySelectorAll('body *')) {
    const position = getComputedStyle(el).position;
    if (position !== 'fixed' && position !== 'sticky') continue;
    changed.push([el, el.style.getPropertyValue('position'), el.style.getPropertyPriority('position')]);
    el.style.setProperty('position', position === 'fixed' ? 'absolute' : 'static', 'important');
  }
  window.__objectorCapture = changed;
  return changed.length;
}"""

_RESTORE = """() => {
  for (const [el, value, priority] of window.__objectorCapture || []) {
    if (value) el.style.setProperty('position', value, priority);
    else el.style.removeProperty('position');
  }
  delete window.__objectorCapture;
}"""


def full_page_screenshot(page: Page) -> bytes:
    """PNG of the whole page with fixed and sticky elements shown once, at the top.

    If the page cannot be prepared (it is navigating, say), the plain capture is
    still taken: a less tidy picture is better proof than none.
    """
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.evaluate(_PIN)
    except PlaywrightError:
        return page.screenshot(full_page=True)
    try:
        return page.screenshot(full_page=True)
    finally:
        try:
            page.evaluate(_RESTORE)
        except PlaywrightError:
            pass  # the page went away; nothing of it is left to restore
