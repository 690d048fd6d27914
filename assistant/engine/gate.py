"""The send gate: nothing leaves the browser before the ledger knows it is leaving.

From the moment the filled form is shown for approval, every request the page makes passes
through objector. A request that sends the form (``AfterSend.is_submit``) is held in the browser
until the ledger says ``submitting`` for the attempt: written here when it was the person's own
click in the browser (while asked, or after answering no), with the signals that end objector
held back for the moment of the write. Only then is it let go, and right after that the ledger
says ``sent``.

So a run stopped at any moment (Ctrl-C, a closed terminal, a kill) leaves one of three states
that the next run can tell apart honestly:

- ``awaiting-approval`` newest: nothing left the browser (a held request dies with it);
- ``submitting`` newest: objector was stopped while sending; it may or may not have reached the
  service (recovery records ``unknown``, and the person decides, by default not to send again);
- ``sent`` newest: the request left the browser; no confirmation was seen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..proof.ledger import iso, utc_now
from ..storage import signals_deferred
from .waiting import browser_gone

if TYPE_CHECKING:
    from playwright.sync_api import Request, Route

    from .run import FlowRun

#: every request of the page passes the gate while it is open
EVERY_REQUEST = "**/*"


class SendGate:
    """Opened at the review, closed when the attempt ends (see the module's docstring)."""

    def __init__(self, run: FlowRun) -> None:
        self.run = run
        self.open_now = False
        self.sent_logged = False

    def open(self) -> None:
        if not self.open_now:
            self.run.page.route(EVERY_REQUEST, self._handle)
            self.open_now = True

    def close(self) -> None:
        from playwright.sync_api import Error as PlaywrightError

        if not self.open_now:
            return
        self.open_now = False
        try:
            self.run.page.unroute(EVERY_REQUEST, self._handle)
        except PlaywrightError as exc:  # the page or browser is gone: nothing to undo
            if not browser_gone(exc) and "closed" not in str(exc).lower():
                raise

    def _handle(self, route: Route, request: Request) -> None:
        if not self.open_now or not self.run.after.is_submit(request):
            route.fallback()
            return
        if not self.run.submitting_logged:
            self._the_persons_click()
        route.fallback()  # let it go: the ledger knows
        if not self.sent_logged:
            self.sent_logged = True
            with signals_deferred():
                self.run.log("sent", submitted=True)

    def _the_persons_click(self) -> None:
        """The person sent the form in the browser before any answer said so: on the record first."""
        run = self.run
        at = iso(utc_now())
        approval: dict[str, Any] = run.record.setdefault("approval", {"answer": "none", "by": "terminal"})
        approval.update(by="person clicked in the browser", clicked_seen_at=at)
        approval.setdefault("at", at)
        with signals_deferred():
            run.log("submitting", submitted=True, approval="browser")
        run.submitted, run.submitted_at = True, utc_now()
