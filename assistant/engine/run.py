"""One flow's steps on one page for one account: the state they share, the action → step table,
and the small vocabulary every step uses (find, fill, click, guard, guidance by hand).

The engine knows nothing of the terminal: it talks to the person through a
``Human`` and reports progress through a ``Reporter``. It never submits without
an approval given at that moment, never acts on a host outside the flow's
allowed hosts, and never types into a password field. The steps themselves live
beside this module (login, fields, choices, submit), one function per action.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .. import __version__
from ..config.flows import Candidate, Flow, SettingStep, Step
from ..config.hosts import SiteMap, is_allowed, service_of
from ..i18n import N_, _
from ..people.human import Human
from ..proof.evidence import Attempt
from ..proof.ledger import Ledger, iso, utc_now
from ..proof.outcome import FlowStop, Outcome
from . import capture, screens
from .aftersend import AfterSend, Verdict
from .common import Said, _first_line, shown
from .gate import SendGate
from .locate import Found, element_kind, find, visible_now
from .waiting import browser_gone, ctrl_c_pressed, poll_until, until_still, watch_changes

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

    from ..config.accounts import Account
    from ..config.settings import Settings
    from ..people.ui import Reporter

OPTIONAL_WAIT = 0.4  # at most this long after the form showed or a step changed it, optional fields
# may still show (looked for only until the page has shown nothing new for QUIET_MS)


class RunObserver:
    """Watches a run from outside (tests, tools): called at the start, around every step, and
    just before the attempt's record is written. The default does nothing."""

    def started(self, run: FlowRun) -> None:
        """The run exists; its page is open (nothing done yet)."""

    def before_step(self, run: FlowRun, step: Step) -> None:
        """A step is about to run."""

    def after_step(self, run: FlowRun, step: Step) -> None:
        """A step ended without stopping the attempt."""

    def finishing(self, run: FlowRun, outcome: Outcome) -> None:
        """The attempt ends with ``outcome``; its record is written right after this."""


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
    recheck: bool = False  # setting flows: only read each setting, change and ask nothing
    trace: bool = False  # keep a Playwright trace (it holds cookies: opt-in only)
    observer: RunObserver = field(default_factory=RunObserver)
    #: a re-check: where a setting's switch could not be told apart, the place of the one the
    #: person used the last time (``recheck.switches_used``), by ``proof.record.setting_key``
    switches_used: dict[str, int] = field(default_factory=dict)
    sites: SiteMap = field(init=False)
    steps_done: list[dict[str, Any]] = field(default_factory=list)
    record: dict[str, Any] = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    result_seen: str | None = None
    verdict: Verdict | None = None  # what the page showed after Send
    sent_at: float | None = None  # monotonic time of Send (for the time to the outcome)
    last_open: float = 0.0  # monotonic time objector last opened the form address
    stale_session: str | None = None  # a session cookie the form already sent back to the login page
    form_ready_at: float | None = None  # when the wait step saw the form (set by find)
    form_still: bool = False  # the form was seen still since a step last did something on the page
    acted_at: float = 0.0  # monotonic time a step last did something on the page (or the person did)
    submitted: bool = False  # the form was sent (by our click or the person's)
    submitted_at: datetime | None = None  # mails older than this are not about this submission
    submitting_logged: bool = False  # the ledger says "submitting" for this attempt (gate.py)
    screen_moves: int = 0  # how often a form in steps was taken to its next screen (screens.py)
    done_ahead: set[int] = field(default_factory=set)  # ids of steps done early, on an earlier screen
    step_statuses: dict[int, str] = field(default_factory=dict)  # a step's id -> its last status
    notes: list[str] = field(default_factory=list)  # for the review: a page-owned e-mail, a shorter letter

    def __post_init__(self) -> None:
        self.sites = self.settings.sites
        self.service = service_of(self.flow)
        self.allowed = self.sites.allowed_origins(self.flow.allowed_hosts)
        self.form_url = self.sites.rewrite(self.flow.url)
        self.after = AfterSend(
            self.page,
            submit_paths=tuple(self.flow.submit_paths),
            expect=list(
                getattr(self.flow.after_submit("expect") or self.flow.submit_step, "target", None) or []
            ),
            code=list(getattr(self.flow.after_submit("code"), "target", None) or []),
        )
        if self.trace:
            # no DOM snapshots: they would copy every typed field value into the trace
            self.page.context.tracing.start(
                screenshots=True, snapshots=False, sources=False, title=self.flow.id
            )
        watch_changes(self.page)  # for "has the page stopped drawing?" (optional fields, after Send)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        self.page.on("popup", self._on_popup)
        self.record = first_record(self)
        self.gate = SendGate(self)  # opened at the review: holds a sent form until the ledger knows
        if self.sites:  # a site map is in use: practice, nothing reaches Meta
            self.record.update(practice=True, practice_url=self.form_url)
            if self.attempt is not None:
                self.attempt.practice = True
        self.observer.started(self)

    def _on_popup(self, popup: Page) -> None:
        """A window the page opened: objector never acts in it; one off Meta's hosts is noted."""
        url = popup.url
        host = urlsplit(self.sites.live_url(url)).hostname or ""
        self.record.setdefault("popups", []).append(self.sites.live_url(url)[:300])
        if url.startswith("http") and not is_allowed(url, self.allowed) and not self.service.owns(host):
            self.reporter.warn(
                # TRANSLATORS: {host} is a web host (e.g. example.com), {service} a company (Meta, Google)
                _(
                    "the page opened a window on {host}, which is not {service}'s; "
                    "objector does nothing there"
                ).format(host=host, service=self.service.name)
            )

    def _on_console(self, message: Any) -> None:
        if message.type in ("error", "warning"):
            self.console_errors.append(f"{message.type}: {message.text}")

    # ------------------------------------------------------------------ run

    def run(self) -> AttemptResult:
        from playwright.sync_api import Error as PlaywrightError

        try:
            for step in self.flow.steps:
                if self.result_seen == "confirmed" and step.action == "code":
                    continue
                if id(step) in self.done_ahead:  # filled before its screen was left (screens.py)
                    continue
                self.observer.before_step(self, step)
                step_handler(step.action)(self, step)
                self.observer.after_step(self, step)
            if self.flow.kind == "setting":
                from .setting import settings_outcome

                return self.finish(*settings_outcome(self))
            return self.finish(Outcome.CONFIRMED, Said(N_("confirmed")))
        except FlowStop as stop:
            if stop.outcome in (
                Outcome.FAILED,
                Outcome.NEEDS_ATTENTION,
                Outcome.NOT_CONFIRMED,
                Outcome.REJECTED,
                Outcome.BLOCKED,
            ):
                self.failure_bundle()
            return self.finish(stop.outcome, stop.message)
        except KeyboardInterrupt:
            self.finish(Outcome.INTERRUPTED, Said(N_("stopped with Ctrl-C")))
            raise
        except PlaywrightError as exc:
            if browser_gone(exc) and ctrl_c_pressed():  # the browser went with the Ctrl-C
                self.finish(Outcome.INTERRUPTED, Said(N_("stopped with Ctrl-C")))
                raise KeyboardInterrupt from None
            if browser_gone(exc):
                return self.finish(Outcome.INTERRUPTED, Said(N_("the browser window was closed")))
            self.failure_bundle()
            # TRANSLATORS: {error} is the browser's own message, in English
            message = Said(N_("unexpected browser error: {error}"), error=_first_line(exc))
            return self.finish(Outcome.FAILED, message)
        finally:
            self.after.close()

    def find(self, step: Step, *, default_timeout: float) -> Found | None:
        assert step.target
        timeout = step.timeout or default_timeout
        if step.optional and self.form_ready_at is not None:
            found = self._find_optional(step, timeout)
        elif step.optional:
            return self._find_before_form(step, timeout)
        elif self.form_ready_at is not None and self.flow.kind == "form" and self.attempt is not None:
            found = screens.find_on_screens(self, step, timeout)  # on this screen, or after Next
        else:
            found = find(self.page, screens.target_of(self, step), timeout)
        if found is not None and step.action == "wait":
            self.form_ready_at = time.monotonic()
        if found is not None and 0 < found.index < len(step.target):  # not a screen's Next (screens.py)
            self.record.setdefault("fallback_candidates", []).append(
                {"step": step.label, "candidate": found.candidate.describe()}
            )
        return found

    def form_target(self) -> list[Candidate]:
        """What shows when the form itself is on the page (the wait step's target, or a first
        screen's Next)."""
        wait = next((s for s in self.flow.steps if s.action == "wait" and s.target), None)
        return screens.target_of(self, wait) if wait is not None else []

    def ready_targets(self) -> list[Candidate]:
        """What shows once the page is there: the form's Send button, or a question asked before it;
        on a settings page, what its first setting looks for first (the list of blogs or sites, or
        the control itself)."""
        targets: list[Candidate] = []
        for step in self.flow.steps:
            if step.action == "choose" and step.optional and step.target:
                targets += step.target
            if step.action == "wait" and step.target:
                return targets + screens.target_of(self, step)
            if isinstance(step, SettingStep):
                return targets + list(step.each or step.target or [])
        return targets

    def _find_optional(self, step: Step, timeout: float) -> Found | None:
        """An optional field once the form is on the page: it shows with the form, or as the form
        answers what was done to it, or not at all. So after the form showed and after each step
        that did something, it is looked for until the page has shown nothing new for QUIET_MS
        (it draws its answer to an event within a few frames), at most OPTIONAL_WAIT; then every
        optional field that is not there is absent at once."""
        assert step.target and self.form_ready_at is not None
        found = visible_now(self.page, step.target)
        since = max(self.form_ready_at, self.acted_at)
        left = min(timeout, since + OPTIONAL_WAIT - time.monotonic())
        if found is None and left > 0 and not self.form_still:
            # a field drawn meanwhile is a change: the quiet starts again, and it is seen after it
            self.form_still = until_still(self.page, left, since=since, shown_only=True)
            found = visible_now(self.page, step.target)
        return found

    def _find_before_form(self, step: Step, timeout: float) -> Found | None:
        """An optional question shown before the form (e.g. "Is your request about AI at Meta?"):
        looked for until it shows, or the form itself does (then it is not asked)."""
        assert step.target
        return self.until_shown_or_form(step.target, timeout)

    def until_shown_or_form(self, target: list[Candidate], seconds: float) -> Found | None:
        """``target`` once it shows; None when the form shows first or ``seconds`` pass."""
        form = self.form_target()

        def look() -> Found | bool | None:
            found = visible_now(self.page, target)
            if found is not None:
                return found
            return False if form and visible_now(self.page, form) is not None else None

        result = poll_until(self.page, seconds, look)
        return result if isinstance(result, Found) else None

    def not_a_password(self, locator: Locator, what: str) -> dict[str, str]:
        """Refuse to type into, choose in or read a password field; returns the element's kind."""
        kind = element_kind(locator)
        if kind["type"] == "password":
            # TRANSLATORS: {what} names a field of the form, in the flow's words (e.g. "the e-mail box")
            message = Said(N_("{what} turned out to be a password field; left alone"), what=what)
            raise FlowStop(Outcome.NEEDS_ATTENTION, message)
        return kind

    def fill(self, locator: Locator, value: str, what: str) -> str | None:
        """Type ``value`` and return what the box holds afterwards (read back; None for a box
        that is not an input). A box the page owns (read-only, disabled) is never typed into."""
        self.guard(Said(N_("fill {what}"), what=what if isinstance(what, Said) else Said(what)))
        kind = self.not_a_password(locator, what)
        from .owned import read_box

        if read_box(locator).owned:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                Said(N_("{what} is read-only or disabled: the page keeps its own value"), what=what),
            )
        locator.fill(value)
        if kind["tag"] not in ("input", "textarea"):
            return None
        got = locator.input_value()
        if got != value:
            raise FlowStop(
                Outcome.NEEDS_ATTENTION,
                Said(
                    N_("{what} kept {kept} of {count} characters; the page may limit the length"),
                    what=what,
                    kept=len(got),
                    count=len(value),
                ),
            )
        return got

    def click(self, locator: Locator, what: str) -> None:
        self.guard(what)
        locator.click()

    def guard(self, what: str) -> None:
        url = self.page.url
        if not is_allowed(url, self.allowed):
            raise FlowStop(
                Outcome.BLOCKED,
                Said(
                    # TRANSLATORS: {what} is what objector was about to do, e.g. "tick the box"
                    N_(
                        "did not {what}: the page is {url}, which is not one of this form's official "
                        "hosts ({hosts})"
                    ),
                    what=what if isinstance(what, Said) else Said(what),
                    url=url,
                    hosts=", ".join(self.flow.allowed_hosts),
                ),
            )

    @property
    def unofficial_warning(self) -> str | None:
        """"not an official form of …" when the flow acts outside its service's own hosts."""
        from ..config.flows import unofficial_label

        if self.attempt is None or not self.attempt.unofficial:
            return None
        return unofficial_label(self.attempt.unofficial)

    def page_language(self) -> str:
        try:
            lang = self.page.evaluate("() => document.documentElement.lang || ''")
        except Exception:  # noqa: BLE001 - the page may be navigating
            return ""
        return str(lang)[:35]

    def shown(self, url: str) -> str:
        from ..people.addresses import shown_address

        return shown_address(self.sites, url)

    def done(self, step: Step, detail: str) -> None:
        """A step done: ``detail`` goes to the record (a ``Said`` is shown in the person's language)."""
        self.record_step(step, "done", detail)
        self.reporter.ok(shown(detail))

    def record_step(self, step: Step, status: str, detail: str) -> None:
        self.step_statuses[id(step)] = status
        if status != "absent":  # the step did something (or the person did): the form may answer it
            self.form_still, self.acted_at = False, time.monotonic()
        self.steps_done.append(
            {
                "action": step.action,
                "value": step.value,
                "status": status,
                "detail": detail,
                "at": iso(utc_now()),
            }
        )

    def allowed_url(self, url: str) -> bool:
        return not url.startswith("http") or is_allowed(url, self.allowed)

    @property
    def attempt_started(self) -> datetime:
        return self.attempt.started if self.attempt is not None else utc_now()

    def save(self, name: str, data: bytes) -> None:
        """A file into the attempt's proof (``check`` keeps no proof: nothing is written then)."""
        if self.attempt is not None:
            self.attempt.save(name, data)

    def log(self, outcome: str, **fields: Any) -> None:
        """A ledger entry for this attempt while it runs (none for ``check``)."""
        if self.attempt is not None and self.ledger is not None:
            self.attempt.log(self.ledger, outcome, **fields)
            if outcome == Outcome.SUBMITTING.value:
                self.submitting_logged = True

    def archive(self, name: str) -> None:
        """A page archive (MHTML) into the attempt's proof; where the browser cannot, the reason."""
        if self.attempt is None:
            return
        error = capture.save_archive(self.page, self.attempt, name)
        if error:
            self.record.setdefault("archive_errors", []).append(f"{name}: {error}")

    def failure_bundle(self) -> None:
        if self.attempt is None:
            return
        capture.save_failure_bundle(self.page, self.attempt, self.console_errors)

    def finish(self, outcome: Outcome, message: str) -> AttemptResult:
        """Write the attempt's record and its ledger entry."""
        self.gate.close()  # the ledger's last word on this attempt comes next
        self.observer.finishing(self, outcome)
        if self.attempt is None or self.ledger is None:
            raise RuntimeError("finish() needs an attempt and a ledger (check keeps no proof)")
        self.record.update(
            outcome=outcome.value,
            message=message,
            finished_at=iso(utc_now()),
            last_url=self.sites.live_url(self.page.url) if not self.page.is_closed() else None,
            steps=self.steps_done,
            submitted=self.submitted,
        )
        if self.trace:
            self.record.update(capture.save_trace(self.page, self.settings.home, self.attempt))
        self.attempt.write_record(self.record)
        self.attempt.log(self.ledger, outcome.value, submitted=self.submitted)
        return AttemptResult(outcome, message, self.attempt)


#: a step's handler takes the model of its own action (``flows.ACTIONS``): ``choose`` a ChooseStep, …
Handler = Callable[[FlowRun, Any], None]


def step_handler(action: str) -> Handler:
    """The function that carries out one flow action (every action of ``flows.ACTIONS`` has one)."""
    return _handlers()[action]


def _handlers() -> dict[str, Handler]:
    from . import choices, fields, login, setting, submit

    return {
        "open": login.open_form,
        "ensure_login": login.ensure_login,
        "dismiss": fields.dismiss_step,
        "wait": fields.wait_for_form,
        "choose": choices.choose,
        "check": fields.tick,
        "fill": fields.fill_step,
        "upload": fields.upload,
        "review_and_submit": submit.review_and_submit,
        "code": submit.code,
        "expect": submit.expect,
        "setting": setting.setting_step,
    }


def first_record(run: FlowRun) -> dict[str, Any]:
    """What ``record.json`` says from the start: who, which flow, and what is to be sent or set."""
    flow, account = run.flow, run.account
    record: dict[str, Any] = {
        "objector_version": __version__,
        "account": account.name,
        "platform": account.platform,
        "email": account.email,
        "country": account.country,
        "flow": flow.id,
        "flow_title": flow.title,
        "form_url": flow.url,
        "kind": flow.kind,
        "dry_run": run.dry_run,
    }
    if flow.kind == "form":
        record.update(text=run.text, text_language=account.language, text_length=len(run.text))
    else:
        record.update(settings=[], mode="recheck" if run.recheck else "set")
    return record
