"""The send gate: nothing leaves the browser before the ledger knows it is leaving.

From the moment the filled form is shown for approval, a click on its Send button (or a submit
of the form) is held in the page until objector answers that the ledger says ``submitting``:
written here when it is the person's own click in the browser (while asked, or after answering
no), with the signals that end objector held back for the moment of the write; then the click is
done again and the form goes. A page whose objector was killed waits for an answer that never
comes, so nothing leaves. Every request the page makes passes through objector too: one that
sends the form (``AfterSend.is_submit``) is held until the ledger knows, let go, and right after
that the ledger says ``sent``.

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
#: the page's way to ask objector whether the form may go (``page.expose_binding``)
MAY_SEND = "__objectorMaySend"
#: In the page: a click on the marked Send button (``aftersend.ARM_JS``) or a submit of a form is
#: held back until objector answers that the ledger knows (``MAY_SEND``); then it is done again as
#: it was. ``__objectorAllowSend()`` lets every later one through (objector's own click, after its
#: ledger line); run again in the same document (a new review), it holds them once more. A page
#: whose objector is gone waits for an answer that never comes: nothing leaves.
GUARD_JS = (
    """() => { if (window.__objectorGuard) { window.__objectorHoldSend(); return; }
  window.__objectorGuard = true;
  let allowed = false, asking = false;
  window.__objectorAllowSend = () => { allowed = true; };
  window.__objectorHoldSend = () => { allowed = false; };
  const ask = redo => { if (asking) return; asking = true;
    window."""
    + MAY_SEND
    + """().then(ok => { asking = false; if (ok) { allowed = true; redo(); } }, () => { asking = false; }); };
  document.addEventListener('click', ev => {
    const send = ev.target && ev.target.closest ? ev.target.closest('[data-objector-send]') : null;
    if (allowed || !send) return;
    ev.preventDefault(); ev.stopImmediatePropagation();
    ask(() => send.click());
  }, true);
  document.addEventListener('submit', ev => {
    if (allowed) return;
    ev.preventDefault(); ev.stopImmediatePropagation();
    const form = ev.target, by = ev.submitter;
    ask(() => form.requestSubmit ? form.requestSubmit(by || undefined) : form.submit());
  }, true); }"""
)


class SendGate:
    """Opened at the review, closed when the attempt ends (see the module's docstring)."""

    def __init__(self, run: FlowRun) -> None:
        self.run = run
        self.open_now = False
        self.sent_logged = False

    def open(self) -> None:
        """Hold the form in the page until objector says it may go, and hold its request until the
        ledger knows (a held click survives a kill of objector; a held request may not).

        Each review opens a new round: a form shown again in the same attempt (the page refused
        the first one, which therefore did not count as sent) is held again, and a click on it is
        the person's until their answer says otherwise, written to the ledger before it leaves.
        """
        page = self.run.page
        if getattr(page, "_objector_gate", None) is None:  # a binding is bound once per page
            page.expose_binding(MAY_SEND, lambda _source: page._objector_gate._may_send())  # type: ignore[attr-defined]
        page._objector_gate = self  # type: ignore[attr-defined]  # the attempt the page asks now
        if not self.open_now:
            page.route(EVERY_REQUEST, self._handle)
        self.run.submitting_logged = self.sent_logged = False
        self.open_now = True
        page.evaluate(GUARD_JS)

    def allow(self) -> None:
        """objector's own click, or the person's after "m": the ledger says so already."""
        self.run.page.evaluate("() => window.__objectorAllowSend && window.__objectorAllowSend()")

    def _may_send(self) -> bool:
        """The page asks whether the person's click may send the form: on the record first."""
        if not self.open_now:
            return False  # the attempt has ended (the person said no): its record is written
        if not self.run.submitting_logged:
            self._the_persons_click()
        self.run.after.clicked = True
        return True

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
