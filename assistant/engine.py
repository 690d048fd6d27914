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
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import __version__
from .aftersend import AfterSend, Verdict
from .capture import full_page_screenshot
from .evidence import MAIL_FILE, Attempt
from .flows import Candidate, Flow, Step
from .hosts import SiteMap, is_allowed, is_meta_host
from .human import Decision, Guidance, Human, SubmitReview
from .ledger import Ledger, iso, utc_now
from .locate import Found, element_kind, find, visible_now
from .outcome import FlowStop, Outcome
from .page_scripts import (
    DIALOG_XPATH,
    GROW_TEXTAREAS_JS,
    HIGHLIGHT_JS,
    LABEL_OF_JS,
    NAME_OF_JS,
    REQUIRED_EMPTY_JS,
    TEXT_PRESENT_JS,
    VALUE_PRESENT_JS,
)
from .text import browser_length
from .waiting import browser_gone, poll_until

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from .accounts import Account
    from .settings import Settings
    from .ui import Reporter

# seconds a cookie dialog may take to show after the form did (it is looked for again before Send)
DIALOG_GRACE = 0.4
OPTIONAL_WAIT = 0.4  # seconds optional fields may take to show after the form did (shared)


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
    _result_seen: str | None = None
    _verdict: Verdict | None = None  # what the page showed after Send
    _sent_at: float | None = None  # monotonic time of Send (for the time to the outcome)
    _last_open: float = 0.0  # monotonic time objector last opened the form address
    _stale_session: str | None = None  # a session cookie the form already sent back to the login page
    _form_ready_at: float | None = None  # when the wait step saw the form
    submitted: bool = False  # the form was sent (by our click or the person's)
    submitted_at: datetime | None = None  # mails older than this are not about this submission

    def __post_init__(self) -> None:
        self.sites = self.settings.sites
        self.allowed = self.sites.allowed_origins(self.flow.allowed_hosts)
        self.form_url = self.sites.rewrite(self.flow.url)
        self.after = AfterSend(
            self.page,
            submit_paths=tuple(self.flow.submit_paths),
            expect=list((self.flow.after_submit("expect") or self.flow.submit_step).target or []),
            code=list(getattr(self.flow.after_submit("code"), "target", None) or []),
        )
        if self.trace:
            self.page.context.tracing.start(screenshots=True, snapshots=True, title=self.flow.id)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        self.page.on("popup", self._on_popup)
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
        if self.sites:  # a site map is in use: practice, nothing reaches Meta
            self.record.update(practice=True, practice_url=self.form_url)
            if self.attempt is not None:
                self.attempt.practice = True

    def _on_popup(self, popup: Page) -> None:
        """A window the page opened: objector never acts in it; one off Meta's hosts is noted."""
        url = popup.url
        host = urlsplit(self.sites.live_url(url)).hostname or ""
        self.record.setdefault("popups", []).append(self.sites.live_url(url)[:300])
        if url.startswith("http") and not is_allowed(url, self.allowed) and not is_meta_host(host):
            self.reporter.warn(
                f"the page opened a window on {host}, which is not Meta's; objector does nothing there"
            )

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
            if stop.outcome in (
                Outcome.FAILED,
                Outcome.NEEDS_ATTENTION,
                Outcome.NOT_CONFIRMED,
                Outcome.REJECTED,
                Outcome.BLOCKED,
            ):
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
        finally:
            self.after.close()

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
        response = self._open(self.form_url)
        if response is not None and response.status >= 400:
            for other in self.flow.alternative_urls:  # the same form at another address
                self.reporter.warn(f"the form answered HTTP {response.status}; trying {_bare(other)}")
                self.form_url = self.sites.rewrite(other)
                response = self._open(self.form_url)
                if response is None or response.status < 400:
                    break
        if response is not None and response.status >= 400:
            raise FlowStop(
                Outcome.FAILED,
                f"the form answered with an error (HTTP {response.status}); try again later",
            )
        self.record["form_url_used"] = self.sites.live_url(self.form_url)
        self._done(step, f"opened {self._shown(self.page.url)}")

    def _open(self, url: str) -> Any:
        """Go to a form address and check where it led (another host stops the attempt at once)."""
        from playwright.sync_api import Error as PlaywrightError

        self._last_open = time.monotonic()
        try:
            response = self.page.goto(
                url, wait_until="domcontentloaded", timeout=self.settings.page_timeout * 1000
            )
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            raise FlowStop(
                Outcome.FAILED,
                f"could not open {self.sites.live_url(url)} ({_first_line(exc)}); "
                "check your internet connection",
            ) from None
        self._check_host(arrived=True)
        return response

    def _check_host(self, *, arrived: bool) -> None:
        """Off the flow's hosts: a look-alike stops the attempt; another Meta page means the form moved.

        ``arrived``: objector itself just opened the form address (so the person did not navigate).
        """
        url = self.page.url
        if not url.startswith("http") or is_allowed(url, self.allowed):
            return
        live = self.sites.live_url(url)
        host = urlsplit(live).hostname or url
        if not is_meta_host(host):
            raise FlowStop(
                Outcome.BLOCKED,
                f"the form address led to {host}, which is not Meta's — nothing was typed there "
                f"(official hosts: {', '.join(self.flow.allowed_hosts)})",
            )
        if arrived:
            self._form_moved(live)

    def _form_moved(self, live: str) -> None:
        """The form address led to another Meta page: keep a picture and hand over to the person."""
        shown = _bare(live)
        self.record["moved_to"] = live
        self.attempt.save("moved.png", full_page_screenshot(self.page))
        self.reporter.warn(f"the form address now leads to {shown}: the form seems to have moved")
        done = self.human.guide(
            Guidance(
                self.account.name,
                f"The objection form's address ({self.flow.url}) now leads to {shown}, a Meta page that is "
                "not the form objector knows, so objector types nothing there. If you find the objection "
                "form from that page, fill it in and send it yourself; then press Enter here. Type 'skip' "
                "if you did not send anything.",
                None,
            )
        )
        if done and self.human.confirm("Did you send the objection yourself on that page?"):
            self.submitted, self.submitted_at = True, utc_now()
            self.record["approval"] = {
                "answer": "by hand",
                "by": "person, on the moved form",
                "at": iso(utc_now()),
            }
            raise FlowStop(
                Outcome.NOT_CONFIRMED,
                f"the form had moved to {shown}; you sent it there yourself, so objector could not see "
                "the confirmation — keep Meta's e-mail as proof",
            )
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            f"the form seems to have moved to {shown}; nothing was sent (a screenshot is kept)",
        )

    def _step_ensure_login(self, step: Step) -> None:
        started = time.monotonic()
        said: str | None = None
        timeout = step.timeout or self.settings.login_timeout
        while True:
            state = self._login_state()
            if state == "ready":
                waited = time.monotonic() - started
                self._done(step, "logged in" + (f" ({_duration(waited)})" if said else ""))
                return
            if state == "elsewhere" and time.monotonic() - self._last_open > 8:
                session = self._session_cookie()
                self._open(self.form_url)  # logged in: leave any interstitial for the form itself
                if self._login_state() == "login" and session is not None:
                    self._stale_session = session  # the form sent us back: that cookie is not a login
                continue
            message = {
                "login": f"not logged in — log in to {self.account.platform.title()} in the browser "
                "window (2FA and security checks are fine, take your time)",
                "checkpoint": "finish the security check in the browser window; "
                "the form will continue afterwards",
                "meta": f"log in to {self.account.platform.title()} in the browser window; "
                f"it is on {_bare(self.sites.live_url(self.page.url))}, a Meta page",
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
        """ready · elsewhere (logged in, not on the form) · login · checkpoint · meta (another Meta page).

        Leaving Meta's hosts raises ``FlowStop`` at once, and so does a redirect to another Meta host
        right after objector opened the form address (the form has moved).
        """
        url = self.page.url
        if not url.startswith("http"):
            return "login"
        if not is_allowed(url, self.allowed):
            self._check_host(arrived=time.monotonic() - self._last_open < 3)
            return "elsewhere" if self._session_cookie() is not None else "meta"
        path = urlsplit(url).path or "/"
        login = self.flow.login
        if any(re.search(p, path) for p in login.checkpoint_paths):
            return "checkpoint"
        on_form = path.rstrip("/") == urlsplit(self.form_url).path.rstrip("/")
        if login.cookies and self._session_cookie() is None:
            return "login"
        if on_form:
            return "login" if self._password_visible() else "ready"
        if login.cookies:
            return "elsewhere"  # an interstitial ("Save your login info?", "Continue as ...")
        if any(re.search(p, path) for p in login.login_paths) or self._password_visible():
            return "login"
        return "elsewhere"

    def _session_cookie(self) -> str | None:
        """The value of the flow's session cookie, when it is set (and not known to be stale)."""
        names = set(self.flow.login.cookies)
        if not names:
            return None
        urls = [self.form_url, self.sites.rewrite(self.flow.login.url)]
        for cookie in self.page.context.cookies(urls):
            if cookie["name"] in names and cookie.get("value") and cookie["value"] != self._stale_session:
                return cookie["value"]
        return None

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

        dialog = found.locator.locator(f"xpath=ancestor::*[{DIALOG_XPATH}][1]")
        handle = dialog.element_handle(timeout=500) if dialog.count() else None
        self._click(found.locator, "dismiss the dialog")
        try:
            found.locator.wait_for(state="hidden", timeout=3000)
            if handle is not None:
                handle.wait_for_element_state(
                    "hidden", timeout=3000
                )  # the dialog itself, not just its button
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            self.reporter.warn(
                "the cookie dialog is still on screen; going on (the form behind it may still work)"
            )
            self._record_step(step, "done", "cookie dialog clicked, still on screen")
            return
        self._done(step, "cookie dialog dismissed")

    def _find_dialog(self, step: Step) -> Found | None:
        """The dialog, looked for until the form itself shows (plus a moment), at most the step's timeout."""
        assert step.target
        target, form = step.target, self._ready_targets()
        grace: list[float] = []  # when the form showed, the dialog gets DIALOG_GRACE seconds more

        def look() -> Found | bool | None:
            found = visible_now(self.page, target)
            if found is not None:
                return found
            if grace and time.monotonic() >= grace[0]:
                return False
            if not grace and form and visible_now(self.page, form) is not None:
                grace.append(time.monotonic() + DIALOG_GRACE)
            return None

        return poll_until(self.page, step.timeout or 4, look, every_ms=150) or None

    def _step_wait(self, step: Step) -> None:
        found = self._find(step, default_timeout=self.settings.step_timeout)
        tried = [self.form_url]
        for other in self.flow.alternative_urls:  # no form here: the same form at its other address
            if found is not None:
                break
            url = self.sites.rewrite(other)
            if url in tried:
                continue
            tried.append(url)
            self.reporter.warn(f"no form at {_bare(self.flow.url)}; trying {_bare(other)}")
            self.form_url = url
            self._open(url)
            self.record["form_url_used"] = other
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
        if found is None:
            if step.optional:
                self._missing(step)
                return
            self._by_hand(
                step,
                f"Choose {step.describe or 'the right option'} in the browser window, then press Enter here.",
                detail="option chosen",
            )
            return
        question = self._question_of(found.locator) if element_kind(found.locator)["tag"] != "select" else ""
        chosen = self._pick(found.locator, step.option)
        if chosen is None:
            self._by_hand(
                step,
                f"Choose {step.describe or 'the right option'} in the browser window, then press Enter here.",
                detail="option chosen",
            )
            return
        self._press_next(step)
        detail = f"chose “{_clip(chosen, 60)}”" if chosen else "option chosen"
        self._done(step, f"{detail} for “{_clip(question, 70)}”" if question else detail)

    def _question_of(self, field_: Locator) -> str:
        """The words that ask the question: the field's label, else its first line of text."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            label = field_.evaluate(LABEL_OF_JS)
            if not label:
                label = next(iter((field_.inner_text(timeout=500) or "").strip().splitlines()), "")
        except PlaywrightError as exc:
            if _browser_gone(exc):
                raise
            return ""  # the question went away with the answer
        return " ".join(str(label).split())

    def _pick(self, field_: Locator, options: list[Candidate]) -> str | None:
        """Choose the option in whatever markup the page uses; returns its label.

        A ``<select>``; radios, buttons or options inside the field or near it (a radio group, a
        question followed by Yes/No buttons, a listbox); or a combobox whose list opens on a click.
        """
        kind = self._not_a_password(field_, "the list")
        if kind["tag"] == "select":
            return self._select_matching(field_, options)
        scopes = [field_, *(field_.locator(f"xpath=ancestor::*[{n}]") for n in (1, 2, 3))]
        for scope in scopes[1:]:  # a question whose answer is a native list next to it
            select = visible_now(scope, [Candidate(css="select")])  # type: ignore[arg-type]
            chosen = self._select_matching(select.locator, options) if select is not None else None
            if chosen is not None:
                return chosen
        for scope in scopes:
            option = visible_now(scope, _option_candidates(options))  # type: ignore[arg-type]
            if option is not None:
                return self._click_option(option.locator)
        if kind["role"] in ("combobox", "button") or kind["tag"] in ("input", "button"):
            self._click(field_, "open the list")
            option = find(self.page, [c for c in _option_candidates(options) if c.role == "option"], 3)
            if option is not None:
                return self._click_option(option.locator)
        return None

    def _click_option(self, option: Locator) -> str:
        """Click an option; returns its name, read before the click (the question may go with it)."""
        name = " ".join(str(option.evaluate(NAME_OF_JS) or "").split())
        self._click(option, "choose an option")
        return name

    def _press_next(self, step: Step) -> None:
        """After choosing: press Next/Continue if the page shows one before the form."""
        if not step.next:
            return
        target, form = step.next, self._form_target()

        def look() -> Found | bool | None:
            button = visible_now(self.page, target)
            if button is not None:
                return button
            return False if form and visible_now(self.page, form) is not None else None

        button = poll_until(self.page, 2, look)
        if button:  # otherwise the answer itself opened the form (or there is no Next)
            self._click(button.locator, "go on to the form")

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
        if kind["tag"] not in ("input", "textarea") and kind["editable"] != "true":
            # a list that opens on a click (a button or an ARIA combobox): pick the country by name
            names_re = "|".join(re.escape(n) for n in names)
            return self._pick(field_, [Candidate(role="option", name=rf"^\s*({names_re})\s*$")])
        for name in names:
            field_.click()
            field_.fill(name)
            pattern = re.compile(r"^\s*" + re.escape(name) + r"\s*$", re.IGNORECASE)
            option = self.page.get_by_role("option", name=pattern).first
            if poll_until(self.page, 3, lambda o=option: True if o.is_visible() else None, every_ms=150):
                self._click(option, "choose the country")
                return name
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
        if self._required_empty():
            self._by_hand(
                step,
                f"The form also requires {_fields(self._required_empty())}, which objector does not know "
                "how to answer for you. Fill it in the browser window (do not press Send yet), then "
                "press Enter here.",
                detail=f"filled by you: {_fields(self._required_empty())}",
                still_empty=self._required_empty,
            )
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
        self.attempt.save("form.png", full_page_screenshot(self.page))
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
        self.after.arm(found.locator if found is not None else None)
        decision = self.human.approve_submit(review, watch=None if self.dry_run else self.after.person_sent)
        approved_at = iso(utc_now())
        if self.dry_run:
            self.record["approval"] = {"answer": "dry-run", "at": approved_at}
            raise FlowStop(Outcome.DRY_RUN, "dry run: filled and shown, not submitted")
        if decision in ("n", "none") and self._sent_anyway():
            self.record["approval"] = {"answer": decision, "by": "terminal", "at": approved_at}
            decision = "browser"
        if decision in ("n", "none"):
            self.record["approval"] = {"answer": decision, "by": "terminal", "at": approved_at}
            raise FlowStop(
                Outcome.DECLINED, "you chose to skip" if decision == "n" else "no answer, so nothing was sent"
            )
        if decision == "y" and found is None:
            decision = "m"
        self._send(decision, found, approved_at)
        wait = self.settings.manual_timeout if decision == "m" else self.settings.confirm_timeout
        self._result_seen = self._await_result(wait, own_click=decision == "m")
        if decision == "m":
            self.record["approval"]["clicked_seen_at"] = iso(utc_now())
            self.reporter.ok("you submitted the form")
        self._record_step(step, "done", f"submitted ({self.record['approval']['by']})")

    def _sent_anyway(self) -> bool:
        """After "no": did the person send the form in the browser all the same? Look once more."""
        self.page.wait_for_timeout(300)
        return self.after.person_sent()

    def _send(self, decision: Decision, found: Found | None, approved_at: str) -> None:
        """Send on "y"; on "m" wait for the person's click; on "browser" record the click they made.

        The ledger says "submitting" before anything can leave, so a kill at any moment after this
        never leads to a second submission on the next run.
        """
        self._guard("submit")
        self.page.evaluate("1")  # the browser is still there: a dead one raises here, before the log
        if decision == "y":
            assert found is not None
            self.record["approval"] = {"answer": "y", "by": "terminal", "at": approved_at}
            self.attempt.log(self.ledger, "submitting", submitted=True, approval="y")
            self.submitted, self.submitted_at = True, utc_now()
            self._sent_at = time.monotonic()
            self._click(found.locator, "submit")
            self.reporter.ok("submitted")
        elif decision == "m":
            self.record["approval"] = {"answer": "m", "by": "own-click", "at": approved_at}
            self.attempt.log(self.ledger, "submitting", submitted=True, approval="m")
            self.submitted_at = utc_now()
            self.page.bring_to_front()
            self.reporter.wait("waiting for you to click Send in the browser window")
        else:
            self.record.setdefault("approval", {"answer": "none", "by": "terminal", "at": approved_at})
            self.record["approval"].update(by="person clicked in the browser", clicked_seen_at=approved_at)
            self.attempt.log(self.ledger, "submitting", submitted=True, approval="browser")
            self.submitted, self.submitted_at = True, utc_now()
            self._sent_at = time.monotonic()
            self.reporter.ok("you sent the form in the browser yourself")

    def _await_result(self, timeout: float, *, own_click: bool) -> str:
        """After Send: the code screen, a confirmation, an unrecognised change, or the page's error."""
        deadline = time.monotonic() + timeout
        refused: Verdict | None = None
        while True:
            verdict = self.after.wait(max(0.0, deadline - time.monotonic()), is_allowed=self._allowed)
            if own_click and verdict.kind != "nothing" and self._sent_at is None:
                self.submitted, self._sent_at = True, time.monotonic()
            if own_click and verdict.kind == "rejected" and time.monotonic() < deadline:
                refused = verdict  # the person can fix the form and click Send again
                self.record["form_error"] = verdict.text[:300]
                self.reporter.warn(
                    f"the form says: {_clip(verdict.text, 120)} — fix it in the browser and click Send again"
                )
                self.after.rebase()
                continue
            if own_click and verdict.kind == "nothing":
                if refused is not None:
                    verdict = refused
                elif not self.after.person_sent():
                    raise FlowStop(Outcome.DECLINED, f"no submission seen within {_duration(timeout)}")
                else:
                    self.submitted = True
            return self._settle(verdict)

    def _settle(self, verdict: Verdict) -> str:
        """Keep what the page showed after Send; end the attempt when it was not a success."""
        self._verdict = verdict
        self.record["after_send"] = verdict.as_record()
        if self._sent_at is not None:
            self.record["seconds_to_outcome"] = round(time.monotonic() - self._sent_at, 2)
        if verdict.kind in ("code", "confirmed", "unrecognised"):
            return verdict.kind
        if verdict.kind == "rejected":
            self.submitted = False  # the page said no: nothing was accepted, a later run may send again
            self.record["form_error"] = verdict.text[:300]
            raise FlowStop(
                Outcome.REJECTED, f"the page answered Send with an error: {_clip(verdict.text, 160)}"
            )
        if verdict.kind == "left":
            host = urlsplit(self.sites.live_url(verdict.text)).hostname or verdict.text
            raise FlowStop(
                Outcome.BLOCKED,
                f"after Send the page went to {host}, outside this form's hosts; nothing more was done there",
            )
        raise FlowStop(
            Outcome.NOT_CONFIRMED,
            "submitted, but the page showed no answer; check your e-mail before running again",
        )

    def _allowed(self, url: str) -> bool:
        return not url.startswith("http") or is_allowed(url, self.allowed)

    def _step_code(self, step: Step) -> None:
        if self._result_seen != "code":
            return
        assert step.target and step.submit
        self.reporter.wait(f"Meta asks for the code it e-mailed to {self.account.email}")
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
                    "no code given, so the objection is not finished; run again to send a new one "
                    "(or, if the browser window is still open, type the code there)",
                )
            field_ = find(self.page, step.target, self.settings.step_timeout)
            button = find(self.page, step.submit, self.settings.step_timeout)
            if field_ is None or button is None:
                raise FlowStop(Outcome.NEEDS_ATTENTION, "the code screen changed; finish it in the browser")
            self._fill(field_.locator, code, "the code box")
            self.after.rebase()
            self._click(button.locator, "send the code")
            self.after.code = []  # the code box stays on screen until the page answers
            verdict = self.after.wait(self.settings.confirm_timeout, is_allowed=self._allowed)
            if verdict.kind == "rejected" and attempt_no < 3:
                self.reporter.warn(f"the form says: {_clip(verdict.text, 120)}")
                continue
            if verdict.kind == "nothing":
                break
            self._result_seen = self._settle(verdict)
            self._record_step(step, "done", f"code accepted (try {attempt_no})")
            self.reporter.ok("code accepted")
            return
        raise FlowStop(Outcome.NEEDS_ATTENTION, "the code was not accepted; check Meta's newest e-mail")

    def _step_expect(self, step: Step) -> None:
        verdict = self._verdict
        if verdict is None or verdict.kind not in ("confirmed", "unrecognised"):
            self._settle(
                self.after.wait(step.timeout or self.settings.confirm_timeout, is_allowed=self._allowed)
            )
            verdict = self._verdict
        assert verdict is not None
        self.record["confirmation_url"] = self.sites.live_url(self.page.url)
        self.attempt.save("confirmation.png", full_page_screenshot(self.page))
        self._archive("confirmation.mhtml")
        text = verdict.text or "(no text)"
        by = "page"
        if verdict.kind == "unrecognised":
            self.reporter.warn("the page changed after Send, in words objector does not recognise")
            question = (
                f"The page now shows: «{_clip(text, 300)}». "
                "Does it confirm that Meta received your objection?"
            )
            if not self.human.confirm(question):
                self.record["confirmation_text"] = text[:500]
                raise FlowStop(
                    Outcome.NOT_CONFIRMED,
                    "sent, but the page's answer was not recognised as a confirmation; "
                    "check your e-mail before running again",
                )
            by = "person"
        self.record["confirmation_text"] = text[:500]
        self.record["confirmed_by"] = by
        self._confirmation_from_mailbox()
        how = "you recognised it" if by == "person" else "; ".join(verdict.signals[-2:])
        self._done(step, f'confirmed: "{_clip(text, 90)}" ({how})')

    # -------------------------------------------------------------- helpers
    def _find(self, step: Step, *, default_timeout: float) -> Found | None:
        assert step.target
        timeout = step.timeout or default_timeout
        if step.optional and self._form_ready_at is not None:
            # the form is on the page: an optional field shows with it or not at all, so all
            # optional fields share one short grace period from the moment the form appeared
            timeout = max(0.0, min(timeout, self._form_ready_at + OPTIONAL_WAIT - time.monotonic()))
        elif step.optional:
            return self._find_before_form(step, timeout)
        found = find(self.page, step.target, timeout)
        if found is not None and found.index > 0:
            self.record.setdefault("fallback_candidates", []).append(
                {"step": step.label, "candidate": found.candidate.describe()}
            )
        return found

    def _form_target(self) -> list[Candidate]:
        """What shows when the form itself is on the page (the wait step's target)."""
        return next((s.target for s in self.flow.steps if s.action == "wait" and s.target), [])

    def _ready_targets(self) -> list[Candidate]:
        """What shows once the page is there: the form's Send button, or a question asked before it."""
        targets: list[Candidate] = []
        for step in self.flow.steps:
            if step.action == "choose" and step.optional and step.target:
                targets += step.target
            if step.action == "wait" and step.target:
                return targets + step.target
        return targets

    def _find_before_form(self, step: Step, timeout: float) -> Found | None:
        """An optional question shown before the form (e.g. "Is your request about AI at Meta?"):
        looked for until it shows, or the form itself does (then it is not asked)."""
        target, form = step.target, self._form_target()

        def look() -> Found | bool | None:
            found = visible_now(self.page, target)
            if found is not None:
                return found
            return False if form and visible_now(self.page, form) is not None else None

        return poll_until(self.page, timeout, look) or None

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
        still_empty: Callable[[], list[str]] | None = None,
    ) -> None:
        """Guided fallback: the person does the step in the browser, then we check what we can.

        ``still_empty`` names the fields that are still empty afterwards (the message names them).
        """
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
        empty = still_empty() if still_empty is not None else []
        if empty:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                f"{_fields(empty)} still {'looks' if len(empty) == 1 else 'look'} empty, so nothing was "
                "submitted; run again to retry",
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
        from .addresses import shown_address

        return shown_address(self.sites, url)

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
            self.attempt.save("trace.zip", path.read_bytes())

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
            self.attempt.save("failure.png", full_page_screenshot(self.page))
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


_OPTION_ROLES = ("radio", "option", "button", "menuitemradio", "tab", "link")


def _option_candidates(options: list[Candidate]) -> list[Candidate]:
    """The flow's options, then the same names in every role an option can take on a page."""
    out = list(options)
    for candidate in options:
        name = candidate.name or candidate.text or candidate.label
        if name is None:
            continue
        for role in _OPTION_ROLES:
            extra = Candidate(role=role, name=name)
            if extra not in out:
                out.append(extra)
        label = Candidate(label=name)
        if label not in out:
            out.append(label)
    return out


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


_browser_gone = browser_gone


def _fields(labels: list[str]) -> str:
    return "; ".join(f"“{_clip(label, 60)}”" for label in labels[:4])


def _bare(url: str) -> str:
    """An address as a person reads it: no scheme, no query."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}" if parts.hostname else url


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
