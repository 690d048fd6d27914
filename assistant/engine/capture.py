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

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from ..proof.evidence import Attempt

# Returns how many elements were changed; keeps what to restore on window.
_PIN = """_root => {
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

_RESTORE = """_root => {
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

    from .waiting import in_document

    # bounded: a page stuck between two documents (a host that never answers) gives up after a
    # moment instead of waiting for a document forever
    try:
        in_document(page, _PIN)
    except PlaywrightError:
        return page.screenshot(full_page=True)
    try:
        return page.screenshot(full_page=True)
    finally:
        try:
            in_document(page, _RESTORE, again=False)
        except PlaywrightError:
            pass  # the page went away; nothing of it is left to restore


# ------------------------------------------------------------ the attempt's other pieces of proof
def save_archive(page: Page, attempt: Attempt, name: str) -> str | None:
    """An MHTML snapshot of the page (Chromium's Page.captureSnapshot) into the attempt's folder.

    Returns why it could not be taken (another browser, a page that went away), or None.
    """
    from playwright.sync_api import Error as PlaywrightError

    from .waiting import browser_gone

    try:
        session = page.context.new_cdp_session(page)
        try:
            snapshot = session.send("Page.captureSnapshot", {"format": "mhtml"})
        finally:
            session.detach()
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return _first_line(exc)
    attempt.save(name, snapshot["data"])
    return None


def save_failure_bundle(page: Page, attempt: Attempt, console_errors: list[str]) -> None:
    """What the page looked like when an attempt went wrong: picture, HTML and the console."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        attempt.save("failure.png", full_page_screenshot(page))
        attempt.save("page.html", page.content())
    except PlaywrightError:
        pass  # the page is gone: the console lines still say what happened
    lines = [f"url: {page.url}", *console_errors]
    attempt.save("console.txt", "\n".join(lines) + "\n")


def save_trace(page: Page, home: Path, attempt: Attempt) -> dict[str, str]:
    """Stop the Playwright trace and keep it outside the proof; what the record says about it."""
    import tempfile

    from playwright.sync_api import Error as PlaywrightError

    from .traces import save_trace as keep

    with tempfile.TemporaryDirectory(prefix="objector-trace-") as tmp:
        path = Path(tmp) / "trace.zip"
        try:
            page.context.tracing.stop(path=str(path))
        except PlaywrightError as exc:
            return {"trace_error": _first_line(exc)}
        keep(home, attempt.account, attempt.flow, attempt.started, path.read_bytes())
    return {"trace": "taken; kept outside the proof (traces/), not hashed, never exported"}


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0][:200]
