"""Security invariants, each shown on the real engine in real Chromium:

- nothing is submitted without a "y" (or the person's own click) given at that moment;
- the assistant never types into a password field, and no password, e-mailed code or
  session cookie ends up in a log or proof file;
- nothing is filled, clicked or submitted on a host outside the flow's allowed hosts,
  whether the page moved there, opened it in a pop-up, or embeds it in a frame;
- the home, profiles and proof are private to the user.
"""

from __future__ import annotations

import io
import os
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fault_helpers import (
    LOGGED_IN_FAST,
    PRACTICE_PASSWORD,
    PipedStdin,
    files_under,
    ledger_entries,
    occurrences,
    run_inprocess,
)
from practice_helpers import account
from rich.console import Console
from scripted_human import ScriptedHuman

from assistant.config.flows import bundled_flow_dir
from assistant.engine import RunObserver
from assistant.people.human import Guidance, SubmitReview, TerminalHuman
from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.ledger import Ledger

pytestmark = pytest.mark.browser

IG_FORM = "/contact/767264225370182"
FB_FORM = "/help/contact/712876720715583"


@pytest.fixture
def site():
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as running:
        yield running


def _submitting(home, name: str) -> list[dict]:
    return [e for e in ledger_entries(home) if e.get("account") == name and e.get("outcome") == "submitting"]


def _user_flow(home, flow_id: str, replace: list[tuple[str, str]]) -> None:
    """A user copy of a bundled flow (same id, so it replaces it) with some text replaced."""
    text = (bundled_flow_dir() / f"{flow_id}.toml").read_text(encoding="utf-8")
    for old, new in replace:
        assert old in text, old
        text = text.replace(old, new)
    (home / "flows").mkdir(parents=True, exist_ok=True)
    (home / "flows" / f"{flow_id}.toml").write_text(text, encoding="utf-8")


def _target_block(flow_id: str, marker: str) -> str:
    """The ``target = [...]`` list of the step whose block contains ``marker``."""
    text = (bundled_flow_dir() / f"{flow_id}.toml").read_text(encoding="utf-8")
    start = text.index(marker)
    target = text.index("target = [", start)
    return text[target : text.index("\n]\n", target) + 3]


# ------------------------------------------------------- approval, every path
#: per language shown: five answers that are none of the question's (English or the language's own),
#: then the language's "myself" key; "ja" is no answer in English, "oui" none in German
GARBAGE = {
    "en": ("yes please\nY E S\nja\n\x1b[Ay\nyy\n", "m"),
    "de": ("ja bitte\nJ A\noui\n\x1b[Aj\njj\n", "s"),
}  # every word of every language, Greek's among them, against every question: test_native_answers.py


@pytest.mark.parametrize("language", sorted(GARBAGE))
def test_no_answer_but_y_submits_anything(home, site, language):
    """Five answers that are not yes/no/myself in the language shown or in English (read as no), then
    "myself" (m, or the language's key) without a click: nothing is sent."""
    from assistant import i18n

    garbage, myself = GARBAGE[language]
    stdin = PipedStdin(garbage + myself + "\n")  # then the end of input
    human = TerminalHuman(Console(file=io.StringIO(), width=120, color_system=None), stdin)
    accounts = [account("garbage-instagram"), account("myself-facebook", "facebook")]
    i18n.use(language)
    try:
        result = run_inprocess(home, site.site_map, accounts, human, manual_timeout=3)
    finally:
        i18n.use("en")
    assert site.submissions == []
    assert result.summary.exit_code == 1, result.output
    garbage_record, myself = result.record_of("garbage-instagram"), result.record_of("myself-facebook")
    assert garbage_record["outcome"] == "declined" and garbage_record["approval"]["answer"] == "none"
    assert "no answer" in garbage_record["message"]
    assert myself["outcome"] == "declined" and myself["approval"]["by"] == "own-click"
    assert myself["submitted"] is False
    assert _submitting(home, "garbage-instagram") == []
    # "m" is logged as submitting before the wait (a kill then never leads to a second submission);
    # the attempt's last entry says that nothing was sent
    assert len(_submitting(home, "myself-facebook")) == 1
    last = [e for e in Ledger(home).entries() if e["account"] == "myself-facebook"][-1]
    assert last["outcome"] == "declined" and last["submitted"] is False


class AlwaysYes:
    """A human who says yes to everything, even when told it is a dry run."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def approve_submit(self, review: SubmitReview, watch=None) -> str:
        self.asked.append("submit")
        return "y"

    def approve_setting(self, review, watch=None) -> str:
        self.asked.append("setting")
        return "y"

    def ask_code(self, account: str, email: str, attempt: int, suggested: str | None = None) -> str:
        self.asked.append("code")
        return "123456"

    def guide(self, guidance: Guidance) -> bool:
        self.asked.append("guide")
        return True

    def confirm(self, question: str) -> bool:
        return True


def test_dry_run_never_submits_even_when_the_person_says_yes(home, site):
    human = AlwaysYes()
    result = run_inprocess(home, site.site_map, [account()], human, dry_run=True)
    assert human.asked == ["submit"]  # shown the filled form, and said yes
    assert site.submissions == []
    (record,) = result.records()
    assert record["outcome"] == "dry-run" and record["submitted"] is False
    assert _submitting(home, "anna-instagram") == []


# ----------------------------------------------------------------- passwords
WATCH_PASSWORD_JS = """secret => {
  const box = document.createElement('input');
  box.type = 'password'; box.id = 'objector-test-password'; box.setAttribute('aria-label', 'Password');
  window.__typed = [];
  for (const kind of ['input', 'change', 'keydown'])
    box.addEventListener(kind, () => window.__typed.push(box.value));
  (document.querySelector('form') || document.body).prepend(box);
  box.value = secret;   // what the person typed themselves
}"""
READ_PASSWORD_JS = """() => { const box = document.getElementById('objector-test-password');
  return box ? {value: box.value, typed: window.__typed} : null; }"""


@pytest.mark.parametrize("step", ["email", "country"])
def test_a_target_that_is_a_password_field_is_never_typed_into(home, site, step):
    """A user flow whose e-mail (or country) target points at a password box the page shows
    after login (a re-authentication prompt): objector must leave it alone, type nothing into
    it, and never keep what the person typed there."""
    secret = "Person's-own-Pa55word"
    _user_flow(
        home,
        "instagram-ai-objection",
        [
            (
                _target_block("instagram-ai-objection", f'value = "{step}"'),
                'target = [ { css = "input[type=password]" } ]\n',
            ),
        ],
    )
    seen: list[dict] = []

    class PromptAfterTheCookieDialog(RunObserver):
        def after_step(self, run, done):
            if done.action == "dismiss":
                run.page.evaluate(WATCH_PASSWORD_JS, secret)

        def finishing(self, run, outcome):
            if not run.page.is_closed():
                seen.append(run.page.evaluate(READ_PASSWORD_JS))

    answers = ["y"] if step == "email" else ["n"]
    human = ScriptedHuman(answers)
    observer = PromptAfterTheCookieDialog()
    result = run_inprocess(home, site.site_map, [account()], human, step_timeout=3, observer=observer)
    assert site.submissions == []
    (record,) = result.records()
    assert seen and seen[0] is not None, "the test's password box was not on the page at the end"
    assert seen[0]["typed"] == [], f"objector typed into the password field: {seen[0]['typed']}"
    assert seen[0]["value"] == secret
    if step == "email":  # the e-mail is required to be typed there: the attempt stops, untouched
        assert record["outcome"] == "needs-attention"
        assert "password" in record["message"], record["message"]
    assert occurrences(home, [secret]) == []


def test_a_password_typed_on_the_login_page_is_kept_nowhere(home):
    """The person types a password but does not log in in time: the failure bundle holds the
    login page, but not the password."""
    secret = "Typed-by-the-person-42!"

    class PersonTypesButDoesNotLogIn(RunObserver):
        def before_step(self, run, step):
            if step.action == "ensure_login":
                run.page.locator("#login-user").fill("anna")
                run.page.locator("#login-pass").fill(secret)

    with PracticeSite(PracticeConfig(auto_login=False)) as slow_person:
        result = run_inprocess(
            home,
            slow_person.site_map,
            [account()],
            ScriptedHuman(["y"]),
            login_timeout=2,
            observer=PersonTypesButDoesNotLogIn(),
        )
        assert slow_person.submissions == []
    (record,) = result.records()
    assert record["outcome"] == "failed" and "not logged in" in record["message"]
    page_html = (record["_folder"] / "page.html").read_text(encoding="utf-8")
    assert 'type="password"' in page_html  # the bundle really holds the login page
    assert occurrences(home, [secret]) == []


def test_code_step_run_keeps_no_code_cookie_or_password_and_everything_is_private(tmp_path):
    """After a run with the e-mailed code step (one wrong code first), no file objector wrote
    contains an e-mailed code, a session cookie or the login password; the e-mail address and
    the text (the person's own data) are there. Home, profile and proof are 0700/0600."""
    home = tmp_path / "fresh" / "objector-home"  # objector creates it
    cookies: list[dict] = []

    class KeepCookies(RunObserver):
        def finishing(self, run, outcome):
            cookies.extend(run.page.context.cookies())

    old_umask = os.umask(0o022)
    try:
        with PracticeSite(PracticeConfig(**LOGGED_IN_FAST, code_step=True, code="246810")) as site:
            human = ScriptedHuman(["y", "975310", "246810"])
            result = run_inprocess(home, site.site_map, [account()], human, observer=KeepCookies())
            assert len(site.confirmed) == 1
    finally:
        os.umask(old_umask)
    assert result.summary.exit_code == 0, result.output
    session = [c["value"] for c in cookies if c["name"] in ("sessionid", "c_user")]
    assert session and all(len(v) >= 8 for v in session)
    assert occurrences(home, ["246810", "975310", PRACTICE_PASSWORD, *session]) == []
    record = result.records()[0]
    assert record["email"] == "anna@example.org" and record["text"]

    def mode(path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(home) == 0o700
    assert mode(home / "profiles") == 0o700 and mode(home / "profiles" / "anna-instagram") == 0o700
    for path in [home / "evidence", *(p for p in (home / "evidence").rglob("*") if p.is_dir())]:
        assert mode(path) == 0o700, path
    written = [p for p in files_under(home) if p.name != ".lock"]
    assert home / "ledger.jsonl" in written and len(written) >= 5
    for path in written:
        assert mode(path) == 0o600, path


# --------------------------------------------------------------- other hosts
def test_a_page_moved_to_a_look_alike_or_a_pop_up_gets_no_click(home, site, runs):
    """Account 1: while the question is open a pop-up opens the look-alike form; the Send click
    still goes to the official page. Account 2: the page itself moves to the look-alike host
    before the person says y: objector refuses to click there."""
    look_alike_ig = site.foreign_origin + IG_FORM
    look_alike_fb = site.foreign_origin + FB_FORM

    def pop_up_then_yes():
        page = runs[-1].page
        with page.context.expect_page() as opened:
            page.evaluate("url => { window.open(url, '_blank'); }", look_alike_ig)
        opened.value.wait_for_load_state()
        return "y"

    def moved_then_yes():
        runs[-1].page.goto(look_alike_fb, wait_until="domcontentloaded")
        return "y"

    accounts = [account("popup-instagram"), account("moved-facebook", "facebook")]
    human = ScriptedHuman([pop_up_then_yes, moved_then_yes])
    result = run_inprocess(home, site.site_map, accounts, human, observer=runs)
    hits = site.foreign_hits
    assert any(h["method"] == "GET" for h in hits)  # the look-alike pages were really shown
    assert [h for h in hits if h["method"] == "POST"] == []
    assert [s.host for s in site.submissions] == ["help.instagram.com"]
    assert result.record_of("popup-instagram")["outcome"] == "confirmed"
    moved = result.record_of("moved-facebook")
    assert moved["outcome"] == "blocked", moved["message"]
    assert _submitting(home, "moved-facebook") == []


class _FramingPage(BaseHTTPRequestHandler):
    """An allowed-host page whose only form is inside a frame from the look-alike host."""

    frame_url = ""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] != IG_FORM:
            self.send_error(404)
            return
        body = (
            f'<!doctype html><html lang="en"><head><title>Help</title></head><body><h1>Contact</h1>'
            f'<iframe src="{self.frame_url}" width="900" height="1400"></iframe></body></html>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Set-Cookie", "sessionid=framing-test-session; Path=/")
        self.end_headers()
        self.wfile.write(body)


def test_a_form_inside_a_frame_from_another_host_is_never_filled_or_clicked(home, site):
    handler = type("Handler", (_FramingPage,), {"frame_url": site.foreign_origin + IG_FORM})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        site_map = f"help.instagram.com={origin},www.instagram.com={origin}"
        # shorter waits, so the steps that find nothing in the main frame give up quickly
        text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text(encoding="utf-8")
        shorter = [(f"timeout = {n}\n", "timeout = 1\n") for n in (30, 4, 3, 2) if f"timeout = {n}\n" in text]
        _user_flow(home, "instagram-ai-objection", shorter)
        # the person says "done" to every request to act by hand, and y to the question
        human = ScriptedHuman(["", "", "", "", "y", "y"])
        result = run_inprocess(home, site_map, [account()], human, step_timeout=1, manual_timeout=2)
    finally:
        server.shutdown()
        server.server_close()
    hits = site.foreign_hits
    assert any(h["method"] == "GET" for h in hits), "the framed look-alike form was never loaded"
    assert [h for h in hits if h["method"] == "POST"] == []
    assert site.submissions == []
    (record,) = result.records()
    assert record["outcome"] != "confirmed"
    acted = [
        s
        for s in record["steps"]
        if s["status"] == "done" and s["action"] in ("fill", "choose", "check", "upload")
    ]
    assert acted == [], acted
