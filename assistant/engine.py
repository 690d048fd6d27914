"""Runs one flow's steps on one page for one account: the step vocabulary.

The engine knows nothing of the terminal: it talks to the person through a
``Human`` and reports progress through a ``Reporter``. It never submits without
an approval given at that moment, never acts on a host outside the flow's
allowed hosts, and never types into a password field.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import __version__
from .evidence import MAIL_FILE, Attempt
from .flows import Candidate, Flow, Step
from .hosts import SiteMap, is_allowed
from .human import Guidance, Human, SubmitReview
from .ledger import Ledger, iso, utc_now
from .locate import Found, build, element_kind, find, visible_now
from .text import browser_length

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from .accounts import Account
    from .settings import Settings
    from .ui import Reporter

# seconds a cookie dialog may take to show after the form did (it is looked for again before Send)
DIALOG_GRACE = 0.4
OPTIONAL_WAIT = 0.4  # seconds optional fields may take to show after the form did (shared)
HIGHLIGHT_JS = """el => { el.scrollIntoView({block: 'center'});
  el.style.outline = '4px solid #f5820b'; el.style.outlineOffset = '3px'; }"""
GROW_TEXTAREAS_JS = """() => document.querySelectorAll('textarea').forEach(t => {
  if (t.scrollHeight > t.clientHeight) t.style.height = (t.scrollHeight + 6) + 'px'; })"""
# Is the objection text (its first words) in a visible text box of the page?
TEXT_PRESENT_JS = """start => Array.from(document.querySelectorAll(
  'textarea, [contenteditable=""], [contenteditable=true], input[type=text], input:not([type])'))
  .some(e => e.offsetParent !== null &&
       ((e.value !== undefined ? e.value : e.innerText) || '').replace(/\\s+/g, ' ').includes(start))"""
VALUE_PRESENT_JS = """value => Array.from(document.querySelectorAll('input, textarea'))
  .some(e => e.type !== 'password' && (e.value || '').trim().toLowerCase() === value.toLowerCase())"""
LABEL_OF_JS = """el => { const by = el.getAttribute('aria-labelledby');
  const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
    : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || '');
  return t.replace(/\\s+/g, ' ').trim(); }"""
# Visible required controls still empty; returns their labels (or names).
REQUIRED_EMPTY_JS = """() => {
  const label = el => { const by = el.getAttribute('aria-labelledby');
    const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
      : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || el.name || '');
    return t.replace(/\\s+/g, ' ').trim(); };
  const seen = new Set(); const out = [];
  for (const el of document.querySelectorAll('[required], [aria-required=true]')) {
    if (el.offsetParent === null || el.disabled) continue;
    let empty;
    if (el.type === 'checkbox') empty = !el.checked;
    else if (el.type === 'radio') { if (seen.has(el.name)) continue; seen.add(el.name);
      empty = !document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`); }
    else if (el.getAttribute('role') === 'radiogroup')
      empty = !el.querySelector('[aria-checked=true], :checked');
    else if (el.getAttribute('role') === 'checkbox') empty = el.getAttribute('aria-checked') !== 'true';
    else if ('value' in el) empty = !String(el.value).trim();
    else empty = !el.innerText.trim();
    if (empty) out.push(label(el) || el.tagName.toLowerCase());
  }
  return out; }"""
ALERT_JS = """() => Array.from(document.querySelectorAll('[role=alert], [aria-live=assertive]'))
  .filter(e => e.offsetParent !== null && e.innerText.trim()).map(e => e.innerText.trim())"""


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    DECLINED = "declined"  # the person answered n
    DRY_RUN = "dry-run"
    NOT_CONFIRMED = "not-confirmed"  # submitted, but no confirmation was seen
    NEEDS_ATTENTION = "needs-attention"
    BLOCKED = "blocked"  # left the flow's allowed hosts
    FAILED = "failed"
    INTERRUPTED = "interrupted"


class FlowStop(Exception):
    """Ends the attempt with an outcome and one line for the person."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


@dataclass
class AttemptResult:
    outcome: Outcome
    message: str
    attempt: Attempt


@dataclass
class FlowRun:
    page: Page
    flow: Flow
    account: Account
    text: str
    human: Human
    reporter: Reporter
    settings: Settings
    attempt: Attempt | None  # None for ``inspect``, which writes no proof
    ledger: Ledger | None
    dry_run: bool = False
    trace: bool = False  # keep a Playwright trace (it holds cookies: opt-in only)
    sites: SiteMap = field(init=False)
    steps_done: list[dict[str, Any]] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    _baseline: set[str] = field(default_factory=set)
    _result_seen: str | None = None
    _form_ready_at: float | None = None  # when the wait step saw the form
    submitted: bool = False  # the form was sent (by our click or the person's)
    submitted_at: datetime | None = None  # mails older than this are not about this submission

    def __post_init__(self) -> None:
        self.sites = self.settings.sites
        self.allowed = self.sites.allowed_origins(self.flow.allowed_hosts)
        self.form_url = self.sites.rewrite(self.flow.url)
        if self.trace:
            # no DOM snapshots: they would copy every typed field value into the trace
            self.page.context.tracing.start(
                screenshots=True, snapshots=False, sources=False, title=self.flow.id
            )
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        self.record = {
            "objector_version": __version__,
            "account": self.account.name,
            "platform": self.account.platform,
            "email": self.account.email,
            "country": self.account.country,
            "flow": self.flow.id,
            "flow_title": self.flow.title,
            "form_url": self.flow.url,
            "text": self.text,
            "text_language": self.account.language,
            "text_length": len(self.text),
            "dry_run": self.dry_run,
        }

    def _on_console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    # ------------------------------------------------------------------ run
    def run(self) -> AttemptResult:
        from playwright.sync_api import Error as PlaywrightError

        try:
            for step in self.flow.steps:
                if self._result_seen == "confirmed" and step.action == "code":
                    continue
                getattr(self, f"_step_{step.action}")(step)
            return self._finish(Outcome.CONFIRMED, "confirmed")
        except FlowStop as stop:
            if stop.outcome in (Outcome.FAILED, Outcome.NEEDS_ATTENTION, Outcome.NOT_CONFIRMED):
                self._failure_bundle()
            return self._finish(stop.outcome, stop.message)
        except KeyboardInterrupt:
            self._finish(Outcome.INTERRUPTED, "stopped with Ctrl-C")
            raise
        except PlaywrightError as exc:
            if _browser_gone(exc):
                return self._finish(Outcome.INTERRUPTED, "the browser window was closed")
            self._failure_bundle()
            return self._finish(Outcome.FAILED, f"unexpected browser error: {_first_line(exc)}")

    def inspect(self) -> list[dict[str, Any]]:
        """``objector check``: open the form (logged in) and look for every step's target.

        Nothing is filled, clicked or submitted; no proof is written.
        """
        rows: list[dict[str, Any]] = []
        for step in self.flow.steps:
            if step.action in ("open", "ensure_login"):
                getattr(self, f"_step_{step.action}")(step)
                rows.append({"step": step.label, "status": "done", "detail": self.steps_done[-1]["detail"]})
                continue
            if step.action in ("code", "expect"):
                rows.append(
                    {
                        "step": step.label,
                        "status": "after-send",
                        "detail": "appears only after Send; not checked",
                    }
                )
                continue
            assert step.target
            timeout = step.timeout or (self.settings.step_timeout if step.action == "wait" else 2)
            found = find(self.page, step.target, timeout)
            if found is not None:
                rows.append(
                    {
                        "step": step.label,
                        "status": "found",
                        "detail": f"candidate {found.index + 1}: {found.candidate.describe()}",
                    }
                )
            else:
                rows.append(
                    {
                        "step": step.label,
                        "status": "absent" if step.optional else "missing",
                        "detail": (step.describe or "") + (" (optional)" if step.optional else ""),
                    }
                )
        return rows

    # ---------------------------------------------------------------- steps
    def _step_open(self, step: Step) -> None:
        from playwright.sync_api import Error as PlaywrightError

        try:
            response = self.page.goto(
                self.form_url, wait_until="domcontentloaded", timeout=self.settings.page_timeout * 1000
            )
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            raise FlowStop(
                Outcome.FAILED,
                f"could not open {self.flow.url} ({_first_line(exc)}); check your internet connection",
            ) from None
        self._guard("open the form")
        if response is not None and response.status >= 400:
            raise FlowStop(
                Outcome.FAILED,
                f"the form answered with an error (HTTP {response.status}); try again later",
            )
        self._done(step, f"opened {self._shown(self.page.url)}")

    def _step_ensure_login(self, step: Step) -> None:
        started = time.monotonic()
        said: str | None = None
        last_nav = 0.0
        timeout = step.timeout or self.settings.login_timeout
        while True:
            state = self._login_state()
            if state == "ready":
                waited = time.monotonic() - started
                self._done(step, "logged in" + (f" ({_duration(waited)})" if said else ""))
                return
            if state == "elsewhere" and time.monotonic() - last_nav > 8:
                last_nav = time.monotonic()
                self.page.goto(
                    self.form_url, wait_until="domcontentloaded", timeout=self.settings.page_timeout * 1000
                )
                continue
            message = {
                "login": f"not logged in — log in to {self.account.platform.title()} in the browser "
                "window (2FA and security checks are fine, take your time)",
                "checkpoint": "finish the security check in the browser window; "
                "the form will continue afterwards",
                "foreign": "the browser is on another site; log in to "
                f"{self.account.platform.title()} there only if the address is Meta's own",
            }.get(state)
            if message and message != said:
                self.reporter.wait(message)
                said = message
            if time.monotonic() - started > timeout:
                raise FlowStop(
                    Outcome.FAILED,
                    f"not logged in after {_duration(timeout)}; run again when you are ready "
                    "(OBJECTOR_LOGIN_TIMEOUT sets the wait)",
                )
            self.page.wait_for_timeout(500)

    def _login_state(self) -> str:
        url = self.page.url
        path = urlsplit(url).path or "/"
        login = self.flow.login
        if any(re.search(p, path) for p in login.checkpoint_paths):
            return "checkpoint"
        if any(re.search(p, path) for p in login.login_paths) or self._password_visible():
            return "login"
        if not is_allowed(url, self.allowed):
            return "foreign" if url.startswith("http") else "login"
        if login.cookies:
            names = {c["name"] for c in self.page.context.cookies([url]) if c.get("value")}
            if not names.intersection(login.cookies):
                return "login"
        if path.rstrip("/") != urlsplit(self.form_url).path.rstrip("/"):
            return "elsewhere"
        return "ready"

    def _password_visible(self) -> bool:
        from playwright.sync_api import Error as PlaywrightError

        try:
            fields = self.page.locator("input[type=password]")
            return any(fields.nth(i).is_visible() for i in range(min(fields.count(), 4)))
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            return False

    def _step_dismiss(self, step: Step) -> None:
        found = self._find_dialog(step)
        if found is None:
            self._record_step(step, "absent", "no dialog")
            return
        self._dismiss(step, found)

    def _dismiss(self, step: Step, found: Found) -> None:
        from playwright.sync_api import Error as PlaywrightError

        self._click(found.locator, "dismiss the dialog")
        try:
            found.locator.wait_for(state="hidden", timeout=3000)
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise  # otherwise the dialog only fades slowly: the fields behind it still work
        self._done(step, "cookie dialog dismissed")

    def _find_dialog(self, step: Step) -> Found | None:
        """The dialog, looked for until the form itself shows (plus a moment), at most the step's timeout."""
        assert step.target
        form = next((s.target for s in self.flow.steps if s.action == "wait" and s.target), None)
        deadline = time.monotonic() + (step.timeout or 4)
        grace_until: float | None = None
        while True:
            found = visible_now(self.page, step.target)
            now = time.monotonic()
            if found is not None or now >= deadline or (grace_until is not None and now >= grace_until):
                return found
            if grace_until is None and form is not None and visible_now(self.page, form) is not None:
                grace_until = now + DIALOG_GRACE
            self.page.wait_for_timeout(150)

    def _step_wait(self, step: Step) -> None:
        found = self._find(step, default_timeout=self.settings.step_timeout)
        if found is not None:
            self._record_step(step, "done", "form ready")
            self._form_ready_at = time.monotonic()
            return
        self._by_hand(
            step,
            f"The form did not show {step.describe or 'its Send button'} where expected. Make sure the "
            f"browser window shows the objection form ({self.flow.url}), then press Enter here.",
            detail="form opened by you",
        )
        self._form_ready_at = time.monotonic()

    def _step_choose(self, step: Step) -> None:
        found = self._find(step, default_timeout=self.settings.step_timeout)
        if step.value == "country":
            names = _country_names(self.account.country, self._page_language())
            if found is not None:
                name = self._choose_country(found.locator, names)
                if name is not None:
                    self._done(step, f"country {name}")
                    return
            elif step.optional:
                self._missing(step)
                return
            self._by_hand(
                step,
                f"Choose {names[0]} in {step.describe or 'the country field'} in the "
                "browser window, then press Enter here.",
                detail=f"country {names[0]}",
            )
            return
        assert step.option
        if found is not None and element_kind(found.locator)["tag"] == "select":
            chosen = self._select_matching(found.locator, step.option)
            if chosen is not None:
                self._done(step, f"chose “{chosen}”")
                return
            option = None
        else:
            option = find(self.page, step.option, self.settings.step_timeout) if found is not None else None
        if option is not None:
            self._click(option.locator, "choose an option")
            label = " ".join(
                (option.locator.inner_text() or option.locator.get_attribute("aria-label") or "").split()
            )
            self._done(step, f"chose “{_clip(label, 60)}”" if label else "option chosen")
        elif step.optional and found is None:
            self._missing(step)
        else:
            self._by_hand(
                step,
                f"Choose {step.describe or 'the right option'} in the browser window, then press Enter here.",
                detail="option chosen",
            )

    def _select_matching(self, select: Locator, options: list) -> str | None:  # list[Candidate]
        """In a native select, the first option whose text matches a candidate's name."""
        self._not_a_password(select, "the list")
        texts = select.evaluate("el => Array.from(el.options).filter(o => o.value).map(o => o.text.trim())")
        for candidate in options:
            pattern = candidate.name or candidate.text or candidate.label
            if pattern is None:
                continue
            for text in texts:
                if re.search(pattern, text, re.IGNORECASE):
                    self._guard("choose an option")
                    select.select_option(label=text)
                    return text
        return None

    def _step_check(self, step: Step) -> None:
        """Tick a checkbox the form requires (a statement the person sees before approving)."""
        found = self._find(step, default_timeout=self.settings.step_timeout)
        if found is None:
            if step.optional:
                self._missing(step)
                return
            self._by_hand(
                step,
                f"Tick {step.describe or 'the required box'} in the browser window, then press Enter here.",
                detail="box ticked by you",
            )
            return
        self._guard("tick the box")
        self._not_a_password(found.locator, "the box")
        found.locator.check()
        label = found.locator.evaluate(LABEL_OF_JS)
        self._done(step, f"ticked “{_clip(label, 70)}”" if label else "box ticked")

    def _required_empty(self) -> list[str]:
        """Labels of visible required fields that are still empty (ones no step knew about)."""
        return list(self.page.evaluate(REQUIRED_EMPTY_JS))

    def _choose_country(self, field_: Locator, names: list[str]) -> str | None:
        """Pick the country in a select or a typeahead; None when the page offers no match."""
        code = self.account.country
        self._guard("choose the country")
        kind = self._not_a_password(field_, "the country field")
        if kind["tag"] == "select":
            options = field_.evaluate("el => Array.from(el.options).map(o => [o.value, o.text.trim()])")
            for value, text in options:
                if value.upper() == code or text in names:
                    field_.select_option(value=value)
                    return text
            return None
        for name in names:
            field_.click()
            field_.fill(name)
            pattern = re.compile(r"^\s*" + re.escape(name) + r"\s*$", re.IGNORECASE)
            option = self.page.get_by_role("option", name=pattern)
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                if option.count() and option.first.is_visible():
                    self._click(option.first, "choose the country")
                    return name
                self.page.wait_for_timeout(150)
        field_.fill("")
        return None

    def _step_fill(self, step: Step) -> None:
        value = self._value(step)
        if not value:
            if step.optional:
                return
            raise FlowStop(Outcome.NEEDS_ATTENTION, f"nothing to fill in for {step.value}")
        found = self._find(step, default_timeout=self.settings.step_timeout)
        if found is None and step.optional:
            self._missing(step)
            return
        if found is None:
            what = step.describe or f"the {step.value} field"
            if step.value == "text":
                self._by_hand(
                    step,
                    f"Paste the text shown below into {what} in the browser window, then press Enter here.",
                    paste=value,
                    check=self._text_present,
                    detail=f"reason pasted by you ({browser_length(value)} chars)",
                )
            else:
                self._by_hand(
                    step,
                    f"Type {value} into {what} in the browser window, then press Enter here.",
                    check=lambda: self._value_present(value),
                    detail=f"{step.value} typed by you",
                )
            return
        self._fill(found.locator, value, step.describe or str(step.value))
        if step.value == "text":
            from .text import language_name

            detail = f"reason ({browser_length(value)} chars, {language_name(self.account.language)})"
        elif step.value == "email":
            detail = f"e-mail {value}"
        else:
            detail = f"{step.value} filled"
        self._done(step, detail)

    def _step_upload(self, step: Step) -> None:
        path = self.account.screenshot
        if path is None:
            return
        found = self._find(step, default_timeout=self.settings.step_timeout)
        if found is None and step.optional:
            self._missing(step)
            return
        if found is None:
            self._by_hand(
                step,
                f"Attach the file {path} with {step.describe or 'the upload button'} in the "
                "browser window, then press Enter here.",
                detail=f"screenshot {path.name} attached by you",
            )
            return
        self._guard("upload the screenshot")
        self._not_a_password(found.locator, "the upload field")
        found.locator.set_input_files(str(path))
        self._done(step, f"screenshot {path.name} attached")

    def _step_review_and_submit(self, step: Step) -> None:
        for dialog_step in (s for s in self.flow.steps if s.action == "dismiss" and s.target):
            late = visible_now(self.page, dialog_step.target)  # a dialog that showed up late
            if late is not None:
                self._dismiss(dialog_step, late)
        found = self._find(step, default_timeout=self.settings.step_timeout)
        empty = self._required_empty()
        if empty:
            fields = "; ".join(f"“{_clip(e, 60)}”" for e in empty[:4])
            self._by_hand(
                step,
                f"The form also requires {fields}, which objector does not know how to "
                "answer for you. Fill it in the browser window (do not press Send yet), then press "
                "Enter here.",
                detail=f"filled by you: {fields}",
                check=lambda: not self._required_empty(),
            )
        expect = self.flow.after_submit("expect")
        self._baseline = self._visible_texts(expect)
        self._guard("show the Send button")
        self.page.evaluate(GROW_TEXTAREAS_JS)
        if found is not None:
            found.locator.evaluate(HIGHLIGHT_JS)
        else:
            self.reporter.warn(
                f"could not find {step.describe or 'the Send button'}; if you approve, you click it"
            )
        self.record["page_language"] = self._page_language()
        self.record["submit_url"] = self.sites.live_url(self.page.url)
        self.attempt.save("form.png", self.page.screenshot(full_page=True))
        self._archive("form.mhtml")
        self.attempt.log(self.ledger, "awaiting-approval", submitted=False)
        review = SubmitReview(
            account=self.account.name,
            email=self.account.email,
            flow_title=self.flow.title,
            url=self._shown(self.page.url),
            text=self.text,
            language=self.account.language,
            filled=tuple(
                s["detail"]
                for s in self.steps_done
                if s["status"] in ("done", "manual") and s["action"] in ("choose", "fill", "upload", "check")
            ),
            dry_run=self.dry_run,
        )
        alerts_before = set(self.page.evaluate(ALERT_JS))
        decision = self.human.approve_submit(review)
        approved_at = iso(utc_now())
        if self.dry_run:
            self.record["approval"] = {"answer": "dry-run", "at": approved_at}
            raise FlowStop(Outcome.DRY_RUN, "dry run: filled and shown, not submitted")
        if decision == "n":
            self.record["approval"] = {"answer": "n", "by": "terminal", "at": approved_at}
            raise FlowStop(Outcome.DECLINED, "you chose to skip")
        if decision == "y" and found is None:
            decision = "m"
        if decision == "y":
            assert found is not None
            self.record["approval"] = {"answer": "y", "by": "terminal", "at": approved_at}
            self._guard("submit")
            self.page.evaluate("1")  # the browser is still there: a dead one raises here, before the log
            self.attempt.log(self.ledger, "submitting", submitted=True, approval="y")
            self.submitted, self.submitted_at = True, utc_now()
            self._click(found.locator, "submit")
            self.reporter.ok("submitted")
            wait = self.settings.confirm_timeout
        else:
            self.record["approval"] = {"answer": "m", "by": "own-click", "at": approved_at}
            self.submitted_at = utc_now()
            self.page.bring_to_front()
            self.reporter.wait("waiting for you to click Send in the browser window")
            wait = self.settings.manual_timeout
        self._result_seen = self._await_result(wait, alerts_before, own_click=decision == "m")
        if decision == "m":
            self.submitted = True
            self.record["approval"]["clicked_seen_at"] = iso(utc_now())
            self.reporter.ok("you submitted the form")
        self._record_step(step, "done", f"submitted ({self.record['approval']['by']})")

    def _await_result(self, timeout: float, alerts_before: set[str], *, own_click: bool) -> str:
        """After the submit: the code screen, the confirmation, or the form's error."""
        code = self.flow.after_submit("code")
        expect = self.flow.after_submit("expect")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if code is not None and code.target and visible_now(self.page, code.target):
                return "code"
            if expect is not None and self._new_confirmation(expect) is not None:
                return "confirmed"
            if not is_allowed(self.page.url, self.allowed):
                raise FlowStop(
                    Outcome.BLOCKED, f"the page moved to {self.page.url}, outside Meta's official hosts"
                )
            errors = [a for a in self.page.evaluate(ALERT_JS) if a not in alerts_before]
            if errors:
                self.record["form_error"] = errors[0]
                if own_click:
                    self.reporter.warn(
                        f"the form says: {errors[0]} — fix it in the browser and click Send again"
                    )
                    alerts_before.update(errors)
                else:
                    self.submitted = False  # the form said no: nothing was accepted
                    raise FlowStop(Outcome.NEEDS_ATTENTION, f"the form refused the submission: {errors[0]}")
            self.page.wait_for_timeout(120)
        if own_click:
            raise FlowStop(Outcome.DECLINED, f"no submission seen within {_duration(timeout)}")
        raise FlowStop(
            Outcome.NOT_CONFIRMED,
            "submitted, but no confirmation appeared; check your e-mail before running again",
        )

    def _step_code(self, step: Step) -> None:
        if self._result_seen != "code":
            return
        assert step.target and step.submit
        self.reporter.wait(f"Meta asks for the code it e-mailed to {self.account.email}")
        expect = self.flow.after_submit("expect")
        suggested = self._code_from_mailbox()
        for attempt_no in range(1, 4):
            code = self.human.ask_code(
                self.account.name, self.account.email, attempt_no, suggested if attempt_no == 1 else None
            )
            if code is not None:
                self.record["code_source"] = "mailbox" if code == suggested else "typed"
            if code is None:
                raise FlowStop(
                    Outcome.NEEDS_ATTENTION,
                    "no code given; type the code from Meta's e-mail in the browser to finish",
                )
            field_ = find(self.page, step.target, self.settings.step_timeout)
            button = find(self.page, step.submit, self.settings.step_timeout)
            if field_ is None or button is None:
                raise FlowStop(Outcome.NEEDS_ATTENTION, "the code screen changed; finish it in the browser")
            alerts_before = set(self.page.evaluate(ALERT_JS))
            self._fill(field_.locator, code, "the code box")
            self._click(button.locator, "send the code")
            deadline = time.monotonic() + self.settings.confirm_timeout
            while time.monotonic() < deadline:
                if expect is not None and self._new_confirmation(expect) is not None:
                    self._result_seen = "confirmed"
                    self._record_step(step, "done", f"code accepted (try {attempt_no})")
                    self.reporter.ok("code accepted")
                    return
                errors = [a for a in self.page.evaluate(ALERT_JS) if a not in alerts_before]
                if errors:
                    self.reporter.warn(f"the form says: {errors[0]}")
                    break
                self.page.wait_for_timeout(120)
            else:
                break
        raise FlowStop(Outcome.NEEDS_ATTENTION, "the code was not accepted; check Meta's newest e-mail")

    def _step_expect(self, step: Step) -> None:
        found = self._new_confirmation(step)
        if found is None:
            deadline = time.monotonic() + (step.timeout or self.settings.confirm_timeout)
            while found is None and time.monotonic() < deadline:
                self.page.wait_for_timeout(120)
                found = self._new_confirmation(step)
        if found is None:
            raise FlowStop(
                Outcome.NOT_CONFIRMED,
                "submitted, but no confirmation appeared; check your e-mail before running again",
            )
        text = " ".join(found.locator.inner_text().split())
        self.record["confirmation_text"] = text[:500]
        self.record["confirmation_url"] = self.sites.live_url(self.page.url)
        self.page.wait_for_timeout(100)  # let the confirmation finish drawing
        self.attempt.save("confirmation.png", self.page.screenshot(full_page=True))
        self._archive("confirmation.mhtml")
        self._confirmation_from_mailbox()
        self._done(step, f'confirmed: "{_clip(text, 90)}"')

    # -------------------------------------------------------------- helpers
    def _new_confirmation(self, step: Step) -> Found | None:
        """A visible confirmation match that was not on the page when the form was reviewed."""
        assert step.target
        for index, candidate in enumerate(step.target):
            for locator, text in self._visible_matches(candidate):
                if text not in self._baseline:
                    return Found(locator, candidate, index)
        return None

    def _visible_matches(self, candidate: Candidate) -> list[tuple[Locator, str]]:
        from playwright.sync_api import Error as PlaywrightError

        found = []
        locator = build(self.page, candidate)
        try:
            for nth in range(min(locator.count(), 8)):
                item = locator.nth(nth)
                if item.is_visible():
                    found.append((item, " ".join(item.inner_text().split())))
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
        return found

    def _visible_texts(self, step: Step | None) -> set[str]:
        if step is None or not step.target:
            return set()
        return {text for candidate in step.target for _loc, text in self._visible_matches(candidate)}

    def _find(self, step: Step, *, default_timeout: float) -> Found | None:
        assert step.target
        timeout = step.timeout or default_timeout
        if step.optional and self._form_ready_at is not None:
            # the form is on the page: an optional field shows with it or not at all, so all
            # optional fields share one short grace period from the moment the form appeared
            timeout = max(0.0, min(timeout, self._form_ready_at + OPTIONAL_WAIT - time.monotonic()))
        found = find(self.page, step.target, timeout)
        if found is not None and found.index > 0:
            self.record.setdefault("fallback_candidates", []).append(
                {"step": step.label, "candidate": found.candidate.describe()}
            )
        return found

    def _missing(self, step: Step) -> None:
        """An optional step's target is not on the page: nothing to do."""
        self._record_step(step, "absent", "not on this page")

    def _by_hand(
        self,
        step: Step,
        instruction: str,
        *,
        detail: str,
        paste: str | None = None,
        check: Callable[[], bool] | None = None,
    ) -> None:
        """Guided fallback: the person does the step in the browser, then we check what we can."""
        what = step.describe or step.label
        self.reporter.warn(f"could not find {what} on the page — please do this step by hand")
        try:
            self.page.bring_to_front()
        except Exception:  # noqa: BLE001 - bringing the window forward is a courtesy
            pass
        done = self.human.guide(Guidance(self.account.name, instruction, paste))
        if not done:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                f"{what}: not done by hand, so nothing was submitted; run again to retry",
            )
        if check is not None and not check():
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                f"{what} still looks empty, so nothing was submitted; run again to retry",
            )
        self._record_step(step, "manual", detail)
        self.reporter.ok(f"{detail} (done by hand)")

    def _text_present(self) -> bool:
        return bool(self.page.evaluate(TEXT_PRESENT_JS, " ".join(self.text.split())[:30]))

    def _value_present(self, value: str) -> bool:
        return bool(self.page.evaluate(VALUE_PRESENT_JS, value))

    def _value(self, step: Step) -> str | None:
        account = self.account
        values = {
            "email": account.email,
            "country": account.country,
            "text": self.text,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "full_name": " ".join(p for p in (account.first_name, account.last_name) if p) or None,
            "prompts": account.prompts,
        }
        return values.get(step.value or "")

    def _not_a_password(self, locator: Locator, what: str) -> dict[str, str]:
        """Refuse to type into, choose in or read a password field; returns the element's kind."""
        kind = element_kind(locator)
        if kind["type"] == "password":
            raise FlowStop(Outcome.NEEDS_ATTENTION, f"{what} turned out to be a password field; left alone")
        return kind

    def _fill(self, locator: Locator, value: str, what: str) -> None:
        self._guard(f"fill {what}")
        kind = self._not_a_password(locator, what)
        locator.fill(value)
        if kind["tag"] in ("input", "textarea"):
            got = locator.input_value()
            if got != value:
                raise FlowStop(
                    Outcome.NEEDS_ATTENTION,
                    f"{what} kept {len(got)} of {len(value)} characters; the page may limit the length",
                )

    def _click(self, locator: Locator, what: str) -> None:
        self._guard(what)
        locator.click()

    def _guard(self, what: str) -> None:
        url = self.page.url
        if not is_allowed(url, self.allowed):
            raise FlowStop(
                Outcome.BLOCKED,
                f"did not {what}: the page is {url}, which is not one of this form's official hosts "
                f"({', '.join(self.flow.allowed_hosts)})",
            )

    def _page_language(self) -> str:
        try:
            lang = self.page.evaluate("() => document.documentElement.lang || ''")
        except Exception:  # noqa: BLE001 - the page may be navigating
            return ""
        return str(lang)[:35]

    def _shown(self, url: str) -> str:
        live = self.sites.live_url(url)
        return live.removeprefix("https://")

    def _done(self, step: Step, detail: str) -> None:
        self._record_step(step, "done", detail)
        self.reporter.ok(detail)

    def _record_step(self, step: Step, status: str, detail: str) -> None:
        self.steps_done.append(
            {
                "action": step.action,
                "value": step.value,
                "status": status,
                "detail": detail,
                "at": iso(utc_now()),
            }
        )

    def _code_from_mailbox(self) -> str | None:
        """Meta's code from the person's mailbox (opt-in), to offer; the person still confirms it."""
        mail = self.settings.mail_settings()
        if mail is None:
            return None
        from .mailbox import Mailbox, MailError, get_password

        self.reporter.wait(
            f"looking for Meta's code e-mail in {mail.where} (up to {_duration(self.settings.mail_wait)})"
        )
        try:
            with Mailbox(mail, get_password(mail)) as box:
                found = box.wait_for_code(
                    self.account.email,
                    self.submitted_at or self.attempt_started,
                    timeout=self.settings.mail_wait,
                )
        except MailError as exc:
            self.reporter.warn(f"mailbox: {exc}")
            return None
        if found is None:
            self.reporter.warn("no code e-mail found yet; type the code from Meta's e-mail")
            return None
        self.reporter.ok(f"found Meta's code e-mail ({found[1].subject[:60]}); press Enter to use its code")
        return found[0]

    def _confirmation_from_mailbox(self) -> None:
        """Keep Meta's confirmation e-mail with the proof if it is already there (opt-in)."""
        mail = self.settings.mail_settings()
        if mail is None or self.attempt is None:
            return
        from .mailbox import Mailbox, MailError, get_password

        try:
            with Mailbox(mail, get_password(mail)) as box:
                found = box.find_confirmation(self.account.email, self.submitted_at or self.attempt_started)
        except MailError as exc:
            self.reporter.warn(f"mailbox: {exc}")
            return
        if found is None:
            self.reporter.info(
                "  Meta's confirmation e-mail has not arrived yet; 'objector mail check' looks again later."
            )
            return
        self.attempt.save(MAIL_FILE, found.raw)
        self.record["email_confirmation"] = {
            "subject": found.subject,
            "from": found.sender,
            "date": iso(found.date),
        }
        self.reporter.ok(f"e-mail confirmed: {found.subject[:70]}")

    @property
    def attempt_started(self) -> datetime:
        return self.attempt.started if self.attempt is not None else utc_now()

    def _save_trace(self) -> None:
        import tempfile
        from pathlib import Path

        from playwright.sync_api import Error as PlaywrightError

        with tempfile.TemporaryDirectory(prefix="objector-trace-") as tmp:
            path = Path(tmp) / "trace.zip"
            try:
                self.page.context.tracing.stop(path=str(path))
            except PlaywrightError as exc:
                self.record["trace_error"] = _first_line(exc)
                return
            from .traces import save_trace

            save_trace(
                self.settings.home, self.account.name, self.flow.id, self.attempt.started, path.read_bytes()
            )
            self.record["trace"] = "taken; kept outside the proof (traces/), not hashed, never exported"

    def _archive(self, name: str) -> None:
        """An MHTML snapshot of the page (Chromium's Page.captureSnapshot), where the browser offers it."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            session = self.page.context.new_cdp_session(self.page)
            try:
                snapshot = session.send("Page.captureSnapshot", {"format": "mhtml"})
            finally:
                session.detach()
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            self.record.setdefault("archive_errors", []).append(f"{name}: {_first_line(exc)}")
            return
        self.attempt.save(name, snapshot["data"])

    def _failure_bundle(self) -> None:
        from playwright.sync_api import Error as PlaywrightError

        try:
            self.attempt.save("failure.png", self.page.screenshot(full_page=True))
            self.attempt.save("page.html", self.page.content())
        except PlaywrightError:
            pass
        lines = [f"url: {self.page.url}", *self.console_errors]
        self.attempt.save("console.txt", "\n".join(lines) + "\n")

    def _finish(self, outcome: Outcome, message: str) -> AttemptResult:
        self.record.update(
            outcome=outcome.value,
            message=message,
            finished_at=iso(utc_now()),
            last_url=self.sites.live_url(self.page.url) if not self.page.is_closed() else None,
            steps=self.steps_done,
            submitted=self.submitted,
        )
        if self.trace:
            self._save_trace()
        self.attempt.write_record(self.record)
        self.attempt.log(self.ledger, outcome.value, submitted=self.submitted)
        return AttemptResult(outcome, message, self.attempt)


def _country_names(code: str, page_language: str) -> list[str]:
    from babel import Locale, UnknownLocaleError

    names: list[str] = []
    for lang in (page_language.replace("-", "_"), "en"):
        if not lang:
            continue
        try:
            name = Locale.parse(lang).territories.get(code)
        except (ValueError, UnknownLocaleError):
            continue
        if name and name not in names:
            names.append(name)
    return names or [code]


def _browser_gone(exc: Exception) -> bool:
    text = str(exc)
    return any(
        s in text for s in ("has been closed", "Target closed", "Browser closed", "browser has disconnected")
    )


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0][:200]


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}m{rest:02d}s"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
