"""The review, the person's approval, Send, the e-mailed code and what the page answered."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config.flows import CodeStep, Step
from ..i18n import N_, _
from ..people.human import Decision, SubmitReview
from ..proof.ledger import iso, utc_now
from ..proof.outcome import FlowStop, Outcome
from .aftersend import Verdict
from .barriers import not_kept, through_challenge, watch_for_barriers
from .capture import full_page_screenshot
from .common import Said, _clip, _duration, _fields, shown, wait_clock
from .fields import dismiss
from .guide import by_hand
from .locate import Found, find, visible_now
from .mailhelp import code_from_mailbox, confirmation_from_mailbox
from .owned import refit_after_error
from .page_scripts import (
    GROW_TEXTAREAS_JS,
    HIGHLIGHT_JS,
    REQUIRED_EMPTY_JS,
)

if TYPE_CHECKING:
    from .run import FlowRun


def required_empty(run: FlowRun) -> list[str]:
    """Labels of visible required fields that are still empty (ones no step knew about)."""
    return list(run.page.evaluate(REQUIRED_EMPTY_JS))


def review_and_submit(run: FlowRun, step: Step) -> None:
    for dialog_step in (s for s in run.flow.steps if s.action == "dismiss"):
        late = visible_now(run.page, dialog_step.target or [])  # a dialog that showed up late
        if late is not None:
            dismiss(run, dialog_step, late)
    found = run.find(step, default_timeout=run.settings.step_timeout)
    if required_empty(run):
        by_hand(
            run,
            step,
            # TRANSLATORS: {fields} is a list of field labels in quotes, separated by ";"
            _(
                "The form also requires {fields}, which objector does not know "
                "how to answer for you. Fill it in the browser window (do not press Send yet), then "
                "press Enter here."
            ).format(fields=_fields(required_empty(run))),
            detail=Said(N_("filled by you: {fields}"), fields=_fields(required_empty(run))),
            still_empty=lambda: required_empty(run),
        )
    run.guard(N_("show the Send button"))
    # From here the person may click Send themselves: remember the page as it is first
    watch_for_barriers(run)  # the login page or a check after Send is told from an answer
    run.after.arm(found.locator if found is not None else None)
    if not run.dry_run:
        run.gate.open()  # from here a sent form waits in the browser until the ledger says so
    run.page.evaluate(GROW_TEXTAREAS_JS)
    if found is not None:
        found.locator.evaluate(HIGHLIGHT_JS)
    else:
        run.reporter.warn(
            # TRANSLATORS: {what} names the Send button in the flow's words
            _("could not find {what}; if you approve, you click it").format(
                what=step.describe or _("the Send button")
            )
        )
    run.record["page_language"] = run.page_language()
    run.record["submit_url"] = run.sites.live_url(run.page.url)
    run.save("form.png", full_page_screenshot(run.page))
    run.archive("form.mhtml")
    if not run.submitting_logged:  # else the person sent it in the browser while it was being shown
        run.log("awaiting-approval", submitted=False)
    review = SubmitReview(
        account=run.account.name,
        email=run.account.email,
        flow_title=run.flow.title,
        url=run.shown(run.page.url),
        text=run.text,
        language=run.account.language,
        filled=tuple(
            shown(s["detail"])
            for s in run.steps_done
            if s["status"] in ("done", "manual", "page-owned")
            and s["action"] in ("choose", "fill", "upload", "check")
        ),
        dry_run=run.dry_run,
        email_sent=run.record.get("email_sent"),
        notes=tuple(run.notes),
        unofficial=run.unofficial_warning,
        phone=run.account.phone,
    )
    decision = run.human.approve_submit(review, watch=None if run.dry_run else run.after.person_sent)
    approved_at = iso(utc_now())
    if run.dry_run:
        run.record["approval"] = {"answer": "dry-run", "at": approved_at}
        raise FlowStop(Outcome.DRY_RUN, Said(N_("dry run: filled and shown, not submitted")))
    if decision in ("n", "none", "y") and _sent_anyway(run, decision):
        run.record["approval"] = {"answer": decision, "by": "terminal", "at": approved_at}
        decision = "browser"
    if decision in ("n", "none"):
        run.record["approval"] = {"answer": decision, "by": "terminal", "at": approved_at}
        raise FlowStop(
            Outcome.DECLINED,
            Said(N_("you chose to skip")) if decision == "n" else Said(N_("no answer, so nothing was sent")),
        )
    if decision == "y" and found is None:
        decision = "m"
    _send(run, decision, found, approved_at)
    wait = run.settings.manual_timeout if decision == "m" else run.settings.confirm_timeout
    try:
        run.result_seen = await_result(run, wait, own_click=decision == "m")
    except FlowStop as stop:  # refused as too long, naming the limit: fitted, shown and asked again
        if stop.outcome is Outcome.REJECTED and refit_after_error(run):
            review_and_submit(run, step)
            return
        raise
    if decision == "m":
        run.record["approval"]["clicked_seen_at"] = iso(utc_now())
        run.reporter.ok(_("you submitted the form"))
    run.record_step(step, "done", f"submitted ({run.record['approval']['by']})")


def _sent_anyway(run: FlowRun, decision: Decision) -> bool:
    """Did the person send the form in the browser, whatever they answered? Before a "y" it is on
    its way, and objector's click would send it a second time (or wait on a Send the page has
    disabled); after a "no", look once more a moment later."""
    if decision == "y":
        return run.submitting_logged or run.after.person_sent()
    run.page.wait_for_timeout(300)
    return run.after.person_sent()


def _send(run: FlowRun, decision: Decision, found: Found | None, approved_at: str) -> None:
    """Send on "y"; on "m" wait for the person's click; on "browser" record the click they made.

    The ledger says "submitting" before anything can leave, so a kill at any moment after this
    never leads to a second submission on the next run.
    """
    run.guard(N_("submit"))
    run.page.evaluate("1")  # the browser is still there: a dead one raises here, before the log
    if decision == "y":
        assert found is not None
        run.record["approval"] = {"answer": "y", "by": "terminal", "at": approved_at}
        run.log("submitting", submitted=True, approval="y")
        run.submitted, run.submitted_at = True, utc_now()
        run.sent_at = time.monotonic()
        run.gate.allow()
        run.click(found.locator, N_("submit"))
        run.reporter.ok(_("submitted"))
    elif decision == "m":
        run.record["approval"] = {"answer": "m", "by": "own-click", "at": approved_at}
        run.log("submitting", submitted=True, approval="m")
        run.gate.allow()
        run.submitted_at = utc_now()
        run.page.bring_to_front()
        run.reporter.wait(_("waiting for you to click Send in the browser window"))
    else:
        run.record.setdefault("approval", {"answer": "none", "by": "terminal", "at": approved_at})
        run.record["approval"].update(by="person clicked in the browser", clicked_seen_at=approved_at)
        if not run.submitting_logged:  # the gate wrote it when the click's request reached it
            run.log("submitting", submitted=True, approval="browser")
        run.submitted, run.submitted_at = True, utc_now()
        run.sent_at = time.monotonic()
        run.reporter.ok(_("you sent the form in the browser yourself"))


def await_result(run: FlowRun, timeout: float, *, own_click: bool) -> str:
    """After Send: the code screen, a confirmation, an unrecognised change, or the page's error."""
    deadline = time.monotonic() + timeout
    refused: Verdict | None = None
    if own_click:  # the person is to click Send: the clock runs from the start
        tick = wait_clock(run.reporter, timeout, _("click Send in the browser window"), after=0)
    else:
        tick = wait_clock(run.reporter, timeout, _("waiting for the page's answer to Send"))
    while True:
        verdict = run.after.wait(max(0.0, deadline - time.monotonic()), is_allowed=run.allowed_url, tick=tick)
        if own_click and verdict.kind != "nothing" and run.sent_at is None:
            run.submitted, run.sent_at = True, time.monotonic()
        if own_click and verdict.kind == "rejected" and time.monotonic() < deadline:
            refused = verdict  # the person can fix the form and click Send again
            run.record["form_error"] = verdict.text[:300]
            run.reporter.warn(
                # TRANSLATORS: {text} is the form's own error message
                _("the form says: {text} — fix it in the browser and click Send again").format(
                    text=_clip(verdict.text, 120)
                )
            )
            run.after.rebase()
            continue
        if own_click and verdict.kind == "nothing":
            if refused is not None:
                verdict = refused
            elif not run.after.person_sent():
                raise FlowStop(
                    Outcome.DECLINED,
                    # TRANSLATORS: {duration} is e.g. 5m00s
                    Said(N_("no submission seen within {duration}"), duration=_duration(timeout)),
                )
            else:
                run.submitted = True
        return settle(run, verdict)


def settle(run: FlowRun, verdict: Verdict) -> str:
    """Keep what the page showed after Send; end the attempt when it was not a success."""
    if verdict.kind == "challenge":  # the person's to complete; its answer is what counts
        run.record["after_send"] = verdict.as_record()
        verdict = through_challenge(run, verdict)
    run.verdict = verdict
    run.record["after_send"] = verdict.as_record()
    if run.sent_at is not None:
        run.record["seconds_to_outcome"] = round(time.monotonic() - run.sent_at, 2)
    if verdict.kind == "login":
        raise not_kept(run, verdict)
    if verdict.kind in ("code", "confirmed", "unrecognised"):
        return verdict.kind
    if verdict.kind == "rejected":
        run.submitted = False  # the page said no: nothing was accepted, a later run may send again
        run.record["form_error"] = verdict.text[:300]
        raise FlowStop(
            Outcome.REJECTED,
            # TRANSLATORS: {text} is the page's own error message
            Said(N_("the page answered Send with an error: {text}"), text=_clip(verdict.text, 160)),
        )
    if verdict.kind == "left":
        host = urlsplit(run.sites.live_url(verdict.text)).hostname or verdict.text
        raise FlowStop(
            Outcome.BLOCKED,
            Said(
                N_(
                    "after Send the page went to {host}, outside this form's hosts; "
                    "nothing more was done there"
                ),
                host=host,
            ),
        )
    raise FlowStop(
        Outcome.NOT_CONFIRMED,
        Said(N_("submitted, but the page showed no answer; check your e-mail before running again")),
    )


def code(run: FlowRun, step: CodeStep) -> None:
    if run.result_seen != "code":
        return
    sent_to = run.record.get("email_sent") or run.account.email  # the page's own address, if it chose one
    # TRANSLATORS: {address} is an e-mail address
    run.reporter.wait(_("Meta asks for the code it e-mailed to {address}").format(address=sent_to))
    suggested = code_from_mailbox(run)
    for attempt_no in range(1, 4):
        code = run.human.ask_code(
            run.account.name, sent_to, attempt_no, suggested if attempt_no == 1 else None
        )
        if code is not None:
            run.record["code_source"] = "mailbox" if code == suggested else "typed"
        if code is None:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                Said(
                    N_(
                        "no code given, so the objection is not finished; run again to send a new one "
                        "(or, if the browser window is still open, type the code there)"
                    )
                ),
            )
        field_ = find(run.page, step.target, run.settings.step_timeout)
        button = find(run.page, step.submit, run.settings.step_timeout)
        if field_ is None or button is None:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION, Said(N_("the code screen changed; finish it in the browser"))
            )
        run.fill(field_.locator, code, N_("the code box"))
        run.after.rebase()
        run.click(button.locator, N_("send the code"))
        run.after.code = []  # the code box stays on screen until the page answers
        verdict = run.after.wait(
            run.settings.confirm_timeout,
            is_allowed=run.allowed_url,
            tick=wait_clock(
                run.reporter, run.settings.confirm_timeout, _("waiting for the page's answer to the code")
            ),
        )
        if verdict.kind == "rejected" and attempt_no < 3:
            # TRANSLATORS: {text} is the form's own error message
            run.reporter.warn(_("the form says: {text}").format(text=_clip(verdict.text, 120)))
            continue
        if verdict.kind == "nothing":
            break
        run.result_seen = settle(run, verdict)
        run.record_step(step, "done", f"code accepted (try {attempt_no})")
        run.reporter.ok(_("code accepted"))
        return
    raise FlowStop(Outcome.NEEDS_ATTENTION, Said(N_("the code was not accepted; check Meta's newest e-mail")))


def expect(run: FlowRun, step: Step) -> None:
    verdict = run.verdict
    if verdict is None or verdict.kind not in ("confirmed", "unrecognised"):
        limit = step.timeout or run.settings.confirm_timeout
        answer_tick = wait_clock(run.reporter, limit, _("waiting for the page's answer"))
        settle(run, run.after.wait(limit, is_allowed=run.allowed_url, tick=answer_tick))
        verdict = run.verdict
    assert verdict is not None
    run.record["confirmation_url"] = run.sites.live_url(run.page.url)
    run.save("confirmation.png", full_page_screenshot(run.page))
    run.archive("confirmation.mhtml")
    text = verdict.text or "(no text)"
    by = "page"
    if verdict.kind == "unrecognised" and not verdict.text.strip():
        raise FlowStop(  # a page without words is no answer to put to the person
            Outcome.NOT_CONFIRMED,
            Said(N_("submitted, but the page showed no answer; check your e-mail before running again")),
        )
    if verdict.kind == "unrecognised":
        run.reporter.warn(_("the page changed after Send, in words objector does not recognise"))
        # TRANSLATORS: {text} is the page's own words
        question = _(
            "The page now shows: «{text}». Does it confirm that Meta received your objection?"
        ).format(text=_clip(text, 300))
        if not run.human.confirm(question):
            run.record["confirmation_text"] = text[:500]
            raise FlowStop(
                Outcome.NOT_CONFIRMED,
                Said(
                    N_(
                        "sent, but the page's answer was not recognised as a confirmation; "
                        "check your e-mail before running again"
                    )
                ),
            )
        by = "person"
    run.record["confirmation_text"] = text[:500]
    run.record["confirmed_by"] = by
    confirmation_from_mailbox(run)
    if by == "person":
        run.done(step, Said(N_('confirmed: "{text}" (you recognised it)'), text=_clip(text, 90)))
    else:
        # TRANSLATORS: {text} is the page's words, {signals} what objector recognised them by
        message = N_('confirmed: "{text}" ({signals})')
        run.done(step, Said(message, text=_clip(text, 90), signals="; ".join(verdict.signals[-2:])))


# -------------------------------------------------------------- helpers
