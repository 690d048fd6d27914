"""Opening the form and waiting for the person to log in; leaving the service's hosts stops at once.

The service is the company behind the flow (Meta for Instagram and Facebook, Google, LinkedIn...):
its other hosts are its own pages (a sign-in page, a moved form), any other host is a stranger's.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..config.flows import Step, flow_words
from ..config.hosts import is_allowed, platform_title
from ..i18n import N_, _
from ..people.asks import state_word
from ..people.human import Guidance
from ..proof.ledger import iso, utc_now
from ..proof.outcome import FlowStop, Outcome
from .capture import full_page_screenshot
from .common import Said, _bare, _duration, _first_line
from .waiting import browser_gone

if TYPE_CHECKING:
    from .run import FlowRun


def open_form(run: FlowRun, step: Step) -> None:
    response = open_address(run, run.form_url)
    first_status = response.status if response is not None else 0
    if first_status >= 400:
        for other in run.flow.alternative_urls:  # the same form at another address
            # TRANSLATORS: {status} is an HTTP status number, {address} a web address
            run.reporter.warn(
                _("the form answered HTTP {status}; trying {address}").format(
                    status=first_status, address=_bare(other)
                )
            )
            run.form_url = run.sites.rewrite(other)
            response = open_address(run, run.form_url)
            if response is None or response.status < 400:
                break
    if response is not None and response.status >= 400:
        if run.flow.alternative_urls:
            message = Said(
                N_(
                    "the form answered with an error (HTTP {status}) (and HTTP {other} at its other "
                    "address); try again later"
                ),
                status=first_status,
                other=response.status,
            )
        else:
            message = Said(
                N_("the form answered with an error (HTTP {status}); try again later"), status=first_status
            )
        raise FlowStop(Outcome.FAILED, message)
    run.record["form_url_used"] = run.sites.live_url(run.form_url)
    # TRANSLATORS: {address} is the web address of the form
    run.done(step, Said(N_("opened {address}"), address=run.shown(run.page.url)))
    if not run.flow.needs_login:
        note = no_login_note(platform_title(run.account.platform), run.account.email)
        if note not in run.notes:  # the review says so (the form may be opened again)
            run.notes.append(note)
        run.record["identity_checked"] = False


def no_login_note(service: str, email: str) -> str:
    """The review's word on a form without a login: anyone could send it, and only the e-mail
    address links the answer to the person."""
    # TRANSLATORS: shown in the review before Send; {service} is e.g. Instagram, {email} an address
    return _("{service}'s form does not check who you are; the answer comes by e-mail to {email}").format(
        service=service, email=email
    )


def open_address(run: FlowRun, url: str) -> Any:
    """Go to a form address and check where it led (another host stops the attempt at once)."""
    from playwright.sync_api import Error as PlaywrightError

    run.last_open = time.monotonic()
    try:
        response = run.page.goto(url, wait_until="domcontentloaded", timeout=run.settings.page_timeout * 1000)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        raise FlowStop(
            Outcome.FAILED,
            # TRANSLATORS: {address} is a web address, {error} the browser's own message in English
            Said(
                N_("could not open {address} ({error}); check your internet connection"),
                address=run.sites.live_url(url),
                error=_first_line(exc),
            ),
        ) from None
    check_host(run, arrived=True)
    return response


def check_host(run: FlowRun, *, arrived: bool) -> None:
    """Off the flow's hosts: a look-alike stops the attempt; another page of the service means the
    form moved.

    ``arrived``: objector itself just opened the form address (so the person did not navigate).
    """
    url = run.page.url
    if not url.startswith("http") or is_allowed(url, run.allowed) or _sign_in_page(run, url) is not None:
        return  # the flow's own hosts, or the service's sign-in (the login waits for the person)
    live = run.sites.live_url(url)
    host = urlsplit(live).hostname or url
    if not run.service.owns(host):
        raise FlowStop(
            Outcome.BLOCKED,
            Said(
                N_(
                    "the form address led to {host}, which is not {service}'s — nothing was typed there "
                    "(official hosts: {hosts})"
                ),
                host=host,
                service=run.service.name,
                hosts=", ".join(run.flow.allowed_hosts),
            ),
        )
    if arrived:
        _form_moved(run, live)


def _form_moved(run: FlowRun, live: str) -> None:
    """The form address led to another page of the service: keep a picture and hand over to the person."""
    shown = _bare(live)
    run.record["moved_to"] = live
    run.save("moved.png", full_page_screenshot(run.page))
    # TRANSLATORS: {address} is a web address without https://
    run.reporter.warn(
        _("the form address now leads to {address}: the form seems to have moved").format(address=shown)
    )
    if run.flow.kind == "setting":
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            Said(
                N_(
                    "the settings page ({url}) now leads to {address}; nothing was changed (a screenshot "
                    "is kept) — look for the setting there yourself, or update the flow"
                ),
                url=run.flow.url,
                address=shown,
            ),
        )
    service = run.service.name
    done = run.human.guide(
        Guidance(
            run.account.name,
            # TRANSLATORS: 'skip' is the word to type, keep it in English
            _(
                "The objection form's address ({url}) now leads to {address}, a {service} page that is "
                "not the form objector knows, so objector types nothing there. If you find the objection "
                "form from that page, fill it in and send it yourself; then press Enter here. Type 'skip' "
                "if you did not send anything."
            ).format(url=run.flow.url, address=shown, service=service),
            None,
        )
    )
    if done and run.human.confirm(_("Did you send the objection yourself on that page?")):
        run.submitted, run.submitted_at = True, utc_now()
        run.record["approval"] = {
            "answer": "by hand",
            "by": "person, on the moved form",
            "at": iso(utc_now()),
        }
        raise FlowStop(
            Outcome.NOT_CONFIRMED,
            Said(
                N_(
                    "the form had moved to {address}; you sent it there yourself, so objector could not see "
                    "the confirmation — keep {service}'s e-mail as proof"
                ),
                address=shown,
                service=service,
            ),
        )
    raise FlowStop(
        Outcome.NEEDS_ATTENTION,
        Said(
            N_("the form seems to have moved to {address}; nothing was sent (a screenshot is kept)"),
            address=shown,
        ),
    )


#: a sign-in page that refuses the browser because it is automated (Google's "This browser or app may
#: not be secure", "browser not supported"), in the languages of the flows
REFUSED_RE = re.compile(
    r"browser or app may not be secure|(this|your) browser (is not|isn't|is no longer) supported|"
    r"unsupported browser|automated (browser|software)|"
    r"browser oder (diese )?app (ist )?möglicherweise nicht sicher|browser wird nicht (mehr )?unterstützt|"
    r"navigateur ou (cette )?application (n'est|ne sont) peut-être pas sécurisé|"
    r"navigateur n'est pas (pris en charge|compatible)|"
    r"navegador o (la )?aplicación (no es|puede que no sea|pueden no ser) segur|"
    r"navegador no (es )?compatible|"
    r"browser o (questa |l')?app potrebbero non essere sicur|browser non (è )?supportat|"
    r"browser of (de )?app is (mogelijk )?niet veilig|browser wordt niet ondersteund|"
    r"przeglądarka lub aplikacja mo(że|gą) nie być bezpieczn|"
    r"navegador ou (a )?app(licação)? (pode )?não (ser|é) segur|"
    r"webbläsaren eller appen kanske inte är säker|browseren eller appen er muligvis ikke sikker",
    re.IGNORECASE,
)
REFUSAL_EVERY = 2.0  # seconds between two looks for a refusal while the person logs in
#: Logged in but on another page of the service (an interstitial such as "Save your login info?"):
#: once the page has stayed at the same address this long, it is not going on to the form by
#: itself, and objector opens the form. Each further time the form sends the person back, objector
#: waits twice as long before opening it again.
LEAVE_AFTER = 2.0


def ensure_login(run: FlowRun, step: Step) -> None:
    started = time.monotonic()
    said: str | None = None
    timeout = step.timeout or run.settings.login_timeout
    looked = 0.0
    stay = LEAVE_AFTER
    elsewhere: tuple[str, float] | None = None  # the address of an "elsewhere" page, and since when
    while True:
        state = login_state(run)
        if state != "elsewhere":
            elsewhere = None
        elif elsewhere is None or elsewhere[0] != run.page.url:
            elsewhere = (run.page.url, time.monotonic())
        if state != "ready" and time.monotonic() - looked > REFUSAL_EVERY:
            looked = time.monotonic()
            refusal = _refusal(run)
            if refusal is not None:
                hand_over(run, refusal)
        if state == "ready":
            waited = time.monotonic() - started
            if said:
                # TRANSLATORS: {duration} is how long the login took, e.g. 45s or 2m05s
                run.done(step, Said(N_("logged in ({duration})"), duration=_duration(waited)))
            else:
                run.done(step, Said(N_("logged in")))
            return
        now = time.monotonic()
        if elsewhere is not None and min(now - elsewhere[1], now - run.last_open) > stay:
            session = session_cookie(run)
            open_address(run, run.form_url)  # logged in: leave any interstitial for the form itself
            stay *= 2
            if login_state(run) == "login" and session is not None:
                run.stale_session = session  # the form sent us back: that cookie is not a login
            continue
        message = _login_message(run, state)
        if message and message != said:
            run.reporter.wait(message)
            said = message
        if message:  # the clock of the wait, with what to do and that Ctrl-C is safe
            run.reporter.progress(
                time.monotonic() - started, timeout, _doing(state), _("Ctrl-C stops safely (nothing is sent)")
            )
        if time.monotonic() - started > timeout:
            raise FlowStop(
                Outcome.FAILED,
                # TRANSLATORS: {duration} is e.g. 10m00s
                Said(
                    N_(
                        "not logged in after {duration}; run again when you are ready "
                        "(OBJECTOR_LOGIN_TIMEOUT sets the wait)"
                    ),
                    duration=_duration(timeout),
                ),
            )
        run.page.wait_for_timeout(500)


def _login_message(run: FlowRun, state: str) -> str | None:
    """What the person is told while objector waits for the login in ``state`` (None: nothing)."""
    service = platform_title(run.account.platform)
    if state == "login":
        # TRANSLATORS: {service} is Instagram, Facebook, …
        return _(
            "not logged in — log in to {service} in the browser "
            "window (2FA and security checks are fine, take your time)"
        ).format(service=service)
    if state == "checkpoint":
        return _("finish the security check in the browser window; objector goes on afterwards")
    if state == "meta":
        # TRANSLATORS: {address} is a web address; {company} is Meta, Google, …
        return _("log in to {service} in the browser window; it is on {address}, a {company} page").format(
            service=service, address=_bare(run.sites.live_url(run.page.url)), company=run.service.name
        )
    return None


def _doing(state: str) -> str:
    """What the person is expected to do while objector waits for the login, in a few words."""
    if state == "checkpoint":
        return _("finish the security check in the browser window")
    return _("log in in the browser window")


def login_state(run: FlowRun) -> str:
    """ready · elsewhere (logged in, not on the form) · login · checkpoint · meta (another page of the
    service; named so since Meta's flows came first).

    A sign-in or security-check page on another host of the service (Google's and Microsoft's
    multi-step sign-in) is "login" or "checkpoint". Leaving the service's hosts raises ``FlowStop``
    at once, and so does a redirect to another host of the service right after objector opened the
    form address (the form has moved).
    """
    url = run.page.url
    if not url.startswith("http"):
        return "login"
    if not is_allowed(url, run.allowed):
        signing_in = _sign_in_page(run, url)
        if signing_in is not None:
            return signing_in
        check_host(run, arrived=time.monotonic() - run.last_open < 3)
        return "elsewhere" if session_cookie(run) is not None else "meta"
    path = urlsplit(url).path or "/"
    login = run.flow.login
    if any(re.search(p, path) for p in login.checkpoint_paths):
        return "checkpoint"
    on_form = path.rstrip("/") == urlsplit(run.form_url).path.rstrip("/")
    if login.cookies and session_cookie(run) is None:
        return "login"
    if on_form:
        return "login" if _password_visible(run) else "ready"
    if login.cookies:
        return "elsewhere"  # an interstitial ("Save your login info?", "Continue as ...")
    if any(re.search(p, path) for p in login.login_paths) or _password_visible(run):
        return "login"
    return "elsewhere"


def _sign_in_page(run: FlowRun, url: str) -> str | None:
    """ "login" / "checkpoint" on a sign-in or security-check page of the service outside the flow's
    hosts (the flow's login host, or a path its ``login_paths`` / ``checkpoint_paths`` name); else None.
    """
    parts = urlsplit(run.sites.live_url(url))
    host = (parts.hostname or "").lower()
    if host in run.flow.login.providers:  # "Sign in with Google/Apple/Microsoft": still logging in
        return "login"
    if not run.service.owns(host):
        return None
    path = parts.path or "/"
    login = run.flow.login
    if any(re.search(p, path) for p in login.checkpoint_paths):
        return "checkpoint"
    if host == (urlsplit(login.url).hostname or "").lower() or any(
        re.search(p, path) for p in login.login_paths
    ):
        return "login"
    return None


def session_cookie(run: FlowRun) -> str | None:
    """The value of the flow's session cookie, when it is set (and not known to be stale)."""
    names = set(run.flow.login.cookies)
    if not names:
        return None
    urls = [run.form_url, run.sites.rewrite(run.flow.login.url)]
    for cookie in run.page.context.cookies(urls):
        if cookie["name"] in names and cookie.get("value") and cookie["value"] != run.stale_session:
            return cookie["value"]
    return None


def _password_visible(run: FlowRun) -> bool:
    from playwright.sync_api import Error as PlaywrightError

    try:
        fields = run.page.locator("input[type=password]")
        return any(fields.nth(i).is_visible() for i in range(min(fields.count(), 4)))
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return False


def _refusal(run: FlowRun) -> str | None:
    """The words of a sign-in page that refuses this browser as automated, or None."""
    try:
        text = str(run.page.locator("body").inner_text(timeout=1000))
    except Exception:  # noqa: BLE001 - a page in the middle of loading says nothing yet
        return None
    found = REFUSED_RE.search(text)
    if found is None:
        return None
    line = next((ln for ln in text.splitlines() if found.group(0) in ln), found.group(0))
    return " ".join(line.split())[:200]


def hand_over(run: FlowRun, refusal: str) -> None:
    """The service refuses the automated browser: say so, never disguise it, and tell the person how
    to do it themselves in their everyday browser. objector cannot see that browser, so the attempt
    ends as needing attention (with their answer recorded), never as confirmed."""
    service = run.service.name
    run.reporter.warn(
        # TRANSLATORS: {refusal} is the sign-in page's own words
        _(
            "{service} refuses to sign in in this browser («{refusal}»); objector does not hide that it "
            "drives the browser, so this one is yours to do"
        ).format(service=service, refusal=refusal)
    )
    run.save("refused.png", full_page_screenshot(run.page))
    what = _what_to_do(run)
    address = _bare(run.flow.url)
    paste = run.text if run.flow.kind == "form" else None
    done = run.human.guide(
        Guidance(
            run.account.name,
            # TRANSLATORS: {what} is what to do there, e.g. "send the form there with the text shown below"
            _(
                "In your everyday browser (not this window), open {address}, sign in to {service} "
                "and {what}. Then press Enter here."
            ).format(address=address, service=service, what=what),
            paste,
        )
    )
    run.record["refused_by_service"] = {"text": refusal, "done_by_person": done, "at": iso(utc_now())}
    if done:
        message = Said(
            N_(
                "{service} refused this browser; you did it yourself in your own browser, which objector "
                "cannot see, so it is not recorded as confirmed"
            ),
            service=service,
        )
    else:
        message = Said(
            N_("{service} refused this browser; nothing was done; do it yourself in your own browser"),
            service=service,
        )
    raise FlowStop(Outcome.NEEDS_ATTENTION, message)


def _what_to_do(run: FlowRun) -> str:
    """'switch “X” OFF and “Y” OFF' for a setting flow, 'send the form with the text below' for a form."""
    from ..config.flows import SettingStep

    switches = [s for s in run.flow.steps if isinstance(s, SettingStep)]
    if not switches:
        return _("send the form there with the text shown below")
    parts = [
        # TRANSLATORS: {setting} is the setting's name on the page, {state} ON or OFF
        (
            _("switch “{setting}” {state} for each blog or site")
            if s.each
            else _("switch “{setting}” {state}")
        ).format(setting=flow_words(s.setting_name), state=state_word(s.want))
        for s in switches
    ]
    # TRANSLATORS: joins two or more things to do: "switch “X” OFF and switch “Y” OFF"
    return _(" and ").join(parts)
