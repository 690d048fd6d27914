"""What stands between Send and the answer: the login page (the session ended) and a challenge.

Neither is an answer to the objection, so neither is ever put to the person as a possible
confirmation:

- the service's **login page** after Send means the request was not kept (a session that ended
  while the person read the form): the attempt ends as ``not-kept`` with nothing sent, and the
  run waits for the person to log in again, then opens the form once more (a new review and
  approval), or the next plain ``objector run`` does;
- a **challenge** (a captcha, a "security check", boxes to fill that are not the form's) is the
  person's to complete in the browser; objector types nothing there and keeps watching the page
  for its real answer.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config.hosts import platform_title
from ..i18n import _
from ..proof.outcome import FlowStop, Outcome
from .aftersend import EMPTY, Snapshot, Verdict
from .capture import full_page_screenshot
from .common import _clip, _duration

if TYPE_CHECKING:
    from .run import FlowRun


def watch_for_barriers(run: FlowRun) -> None:
    """At the review: tell the watch which addresses are the service's sign-in and security check,
    and remember the session the form is sent with (the one a login page after Send ended)."""
    from .login import session_cookie

    run.after.where = lambda url: sign_in_address(run, url)
    run.after.session = session_cookie(run)


def sign_in_address(run: FlowRun, url: str) -> str | None:
    """ "login" for the service's sign-in page, "checkpoint" for its security check (the flow's
    ``[login]``: its ``login_paths``, ``checkpoint_paths`` and ``url``), else None.

    Unlike the login wait, the login host alone does not say "login": on Facebook the form and
    the sign-in page share a host.
    """
    if not url.startswith("http"):
        return None
    parts = urlsplit(run.sites.live_url(url))
    host = (parts.hostname or "").lower()
    if not run.service.owns(host):
        return None
    path = parts.path or "/"
    login = run.flow.login
    if any(re.search(p, path) for p in login.checkpoint_paths):
        return "checkpoint"
    sign_in = urlsplit(login.url)
    if any(re.search(p, path) for p in login.login_paths) or (
        host == (sign_in.hostname or "").lower() and path.rstrip("/") == sign_in.path.rstrip("/")
    ):
        return "login"
    return None


def not_kept(run: FlowRun, verdict: Verdict) -> FlowStop:
    """The login page came after Send: say so and wait for the person to log in again (the login
    wait of ``login.py``); the attempt then ends as ``not-kept`` with nothing sent, and the run
    opens the form again for a new review and approval. A person who does not log in in time
    ends it as ``failed``, nothing sent either: the next plain run sends it."""
    from .login import ensure_login, session_cookie

    run.submitted = False  # the service did not keep the post: a later attempt sends it again
    run.save("login-after-send.png", full_page_screenshot(run.page))
    service = platform_title(run.account.platform)
    what = (
        f"after Send, {service} showed its login page: the session had ended, so the objection was not kept"
    )
    run.reporter.warn(
        # TRANSLATORS: {service} is Instagram, Facebook, …
        _(
            "after Send, {service} showed its login page: the session had ended, so the objection was "
            "not kept (nothing was sent)"
        ).format(service=service)
    )
    if run.after.session is not None and session_cookie(run) == run.after.session:
        run.stale_session = run.after.session  # the service no longer takes it, whatever the browser holds
    login_step = next((s for s in run.flow.steps if s.action == "ensure_login"), None)
    if login_step is not None:
        try:
            ensure_login(run, login_step)  # the page's next address is the form: no need to open it
        except FlowStop as stop:
            if stop.outcome is not Outcome.FAILED:
                raise
            return FlowStop(Outcome.FAILED, f"{what}, and {stop.message}")
    return FlowStop(Outcome.NOT_KEPT, f"{what} (nothing was sent); you logged in again")


def through_challenge(run: FlowRun, verdict: Verdict) -> Verdict:
    """A challenge after Send: the person completes it in the browser, objector watches for the
    page's real answer (up to the time allowed for things done by hand) and never types there.

    Returns the answer that followed, its evidence led by the challenge. A challenge still on
    screen when the time is up ends the attempt as ``needs-attention`` with nothing sent (the page
    took nothing): the next plain run sends it.
    """
    run.save("challenge.png", full_page_screenshot(run.page))
    run.reporter.warn(
        # TRANSLATORS: {text} is the page's own words
        _("the page asks for a check before it takes the objection: «{text}»").format(
            text=_clip(verdict.text, 160)
        )
    )
    run.reporter.wait(
        _(
            "complete it in the browser window (objector types nothing there); objector then waits for "
            "the page's answer"
        )
    )
    run.page.bring_to_front()
    timeout = run.settings.manual_timeout
    deadline = time.monotonic() + timeout
    seen = f"a challenge after Send ({verdict.signals[-1] if verdict.signals else 'seen'})"
    while True:
        # the challenge as it was first seen is the 'before': what came since, its answer even if
        # the person was quicker than this message, is new
        challenge = run.after.last_look or run.after.snapshot()
        marks = _marks(challenge, run.after.baseline)
        run.after.rebase(challenge)
        answer = run.after.wait(max(0.0, deadline - time.monotonic()), is_allowed=run.allowed_url)
        if answer.kind == "challenge" and time.monotonic() < deadline:
            continue  # another check (a second picture, a code): still the person's
        if answer.kind in ("nothing", "challenge") and marks & _marks(run.after.snapshot(), None):
            run.submitted = False
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                f"the page's check was not completed within {_duration(timeout)}, so the page did not "
                "take the objection (nothing was kept); run again to send it",
            )
        return Verdict(answer.kind, answer.text, (seen, *answer.signals))


def _marks(now: Snapshot, before: Snapshot | None) -> set[str]:
    """What a challenge added to the page (its boxes, widget, dialog, address); with ``before``
    None, everything of that kind the page shows now."""
    base = before or EMPTY
    marks = {f"box {i}" for i in set(now.inputs) - set(base.inputs)}
    marks |= {f"tick {c}" for c in set(now.checks) - set(base.checks)}
    marks |= {f"widget {c}" for c in set(now.captcha) - set(base.captcha)}
    marks |= {f"dialog {d}" for d in set(now.dialogs) - set(base.dialogs)}
    if before is None or now.url != before.url:
        marks.add(f"address {now.url}")
    return marks
