"""The 'setting' step: schema rules, reading a control's state in many kinds of markup, and the
engine in real headless Chromium against small settings pages served by this test.

The pages keep each setting's state on the server, as a service does: a reload shows what was
saved, and a page that does not save (``persist=False``) shows the old state after a reload.
"""

from __future__ import annotations

import html
import io
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_helpers import OUTPUT_COLUMNS
from practice_helpers import account, read_record
from rich.console import Console
from scripted_human import ScriptedHuman

from assistant.config.flows import Flow, load_flow_file
from assistant.config.settings import Settings
from assistant.errors import UserError
from assistant.people.ui import Reporter
from assistant.proof.ledger import Ledger

HOST = "www.linkedin.com"
NAME = "Data for Generative AI Improvement"


# ------------------------------------------------------------------ the flow schema


def _flow_text(steps: str, *, head: str = "") -> str:
    return f"""
id = "linkedin-test"
title = "LinkedIn: a test setting"
platform = "linkedin"
url = "https://{HOST}/s/switch"
allowed_hosts = ["{HOST}"]
{head}
[login]
url = "https://{HOST}/login"

[[steps]]
action = "open"

[[steps]]
action = "ensure_login"
{steps}
"""


SETTING = """
[[steps]]
action = "setting"
want = "off"
name = "Data for Generative AI Improvement"
target = [{ role = "switch", name = "generative ai" }]
"""


def _load(tmp_path: Path, text: str) -> Flow:
    path = tmp_path / "flow.toml"
    path.write_text(text)
    return load_flow_file(path)


def test_a_setting_flow_has_kind_setting_and_a_form_flow_kind_form(tmp_path):
    assert _load(tmp_path, _flow_text(SETTING)).kind == "setting"
    from assistant.config.flows import load_flows

    assert load_flows()["instagram-ai-objection"].flow.kind == "form"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('want = "off"\n', ""), ["step 3 (setting)", "want"]),
        (('want = "off"', 'want = "maybe"'), ["step 3 (setting)", "field 'want'"]),
        (("target = [", "menux = 1\ntarget = ["), ["step 3 (setting)", "menux", "unknown key"]),
        (('name = "Data', 'value = "email"\nname = "Data'), ["step 3 (setting)", "value"]),
        (("generative ai", "(generative"), ["step 3 (setting)", "regular expression"]),
    ],
)
def test_setting_step_errors_name_file_step_and_field(tmp_path, change, words):
    text = _flow_text(SETTING).replace(*change, 1)
    with pytest.raises(UserError) as err:
        _load(tmp_path, text)
    message = str(err.value)
    assert str(tmp_path / "flow.toml") in message
    for word in words:
        assert word in message, message


def test_setting_keys_belong_to_setting_steps_only(tmp_path):
    text = _flow_text(SETTING).replace('action = "ensure_login"', 'action = "ensure_login"\nwant = "off"')
    with pytest.raises(UserError, match=r"step 2 \(ensure_login\).*only a 'setting' step takes 'want'"):
        _load(tmp_path, text)


def test_a_bad_state_regex_names_its_field(tmp_path):
    text = _flow_text(SETTING.replace('want = "off"', 'want = "off"\nstate_on = "(on"'))
    with pytest.raises(UserError, match=r"step 3 \(setting\), field 'state_on'"):
        _load(tmp_path, text)


def test_a_flow_is_either_a_form_or_a_setting_flow(tmp_path):
    mixed = SETTING + '\n[[steps]]\naction = "review_and_submit"\ntarget = [{ role = "button" }]\n'
    with pytest.raises(UserError, match="review_and_submit"):
        _load(tmp_path, _flow_text(mixed))
    with pytest.raises(UserError, match="exactly one 'review_and_submit'.*or 'setting' steps"):
        _load(tmp_path, _flow_text('\n[[steps]]\naction = "wait"\ntarget = [{ role = "button" }]\n'))


# ------------------------------------------------------------------ the settings pages

SCRIPT = """
const key = document.body.dataset.key;
async function save(value) { await fetch(`/save/${key}/${value}`, {method: 'POST'}); }
function flip(el) {
  const on = el.getAttribute('aria-checked') !== 'true';
  if (!on && document.body.dataset.confirm) {
    const show = () => { document.getElementById('dialog').hidden = false; };
    setTimeout(show, Number(document.body.dataset.confirm));
    return;
  }
  el.setAttribute('aria-checked', String(on)); save(on ? 'on' : 'off');
}
function confirmOff() {
  document.getElementById('dialog').hidden = true;
  document.querySelector('[role=switch]').setAttribute('aria-checked', 'false'); save('off');
}
function textState(el) { const on = el.innerText.trim() !== 'On'; el.innerText = on ? 'On' : 'Off';
  save(on ? 'on' : 'off'); }
function openMenu() { document.getElementById('menu').hidden = false; }
async function pick(deleting) {
  document.getElementById('menu').hidden = true;
  if (deleting) await fetch(`/delete/${key}`, {method: 'POST'});
  document.getElementById('state').innerText = 'Off';
  document.getElementById('menubutton').innerText = 'Turn on';
  save('off');
}
async function unlock() { await fetch(`/unlock/${key}`, {method: 'POST'}); location.reload(); }
"""


def _markup(kind: str, on: bool, key: str, unlocked: bool) -> str:
    checked = "checked" if on else ""
    aria = "true" if on else "false"
    if kind == "switch":
        return (
            f'<span id="l1">{NAME}</span>'
            f'<button role="switch" aria-checked="{aria}" aria-labelledby="l1" onclick="flip(this)"></button>'
        )
    if kind == "checkbox":
        return (
            f'<input type="checkbox" id="c1" {checked} onchange="save(this.checked ? \'on\' : \'off\')">'
            f'<label for="c1">{NAME}</label>'
        )
    if kind == "wrapped":  # a styled switch: the input is drawn invisibly under its picture
        return (
            '<label class="sw"><input type="checkbox" '
            'style="opacity:0;position:absolute;width:1px;height:1px" '
            f"{checked} onchange=\"save(this.checked ? 'on' : 'off')\">"
            f'<span class="slider"></span><span>{NAME}</span></label>'
        )
    if kind == "textstate":  # the state is only the button's word
        return (
            f'<div class="row"><span>{NAME}</span>'
            f'<button onclick="textState(this)">{"On" if on else "Off"}</button></div>'
        )
    if kind == "menu":  # a button that opens a menu, and a state shown as text
        return (
            f'<h2>{NAME}</h2><p>Status: <b id="state">{"On" if on else "Off"}</b></p>'
            f'<button id="menubutton" aria-haspopup="menu" onclick="openMenu()">'
            f"{'Turn off' if on else 'Turn on'}</button>"
            '<div role="menu" id="menu" hidden>'
            '<div role="menuitem" tabindex="0" onclick="pick(true)">Turn off and delete activity</div>'
            '<div role="menuitem" tabindex="0" onclick="pick(false)">Turn off</div></div>'
        )
    if kind == "late":  # the control shows only after the person opened a section
        if not unlocked:
            return '<button onclick="unlock()">Show more settings</button>'
        return _markup("switch", on, key, unlocked)
    if kind == "password":  # the words name a password box (kept out of sight: else it is a login page)
        return f'<span id="pl">{NAME}</span><input type="password" aria-labelledby="pl" style="display:none">'
    raise AssertionError(kind)


@dataclass
class Pages:
    """Server-side state of every settings page, and what the pages were asked to do."""

    state: dict[str, bool] = field(default_factory=dict)  # key -> on
    kinds: dict[str, str] = field(default_factory=dict)
    persist: bool = True
    confirm: bool = False
    confirm_after_ms: int = 0  # how long the confirming dialog takes to show
    saves: list[tuple[str, str]] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)
    unlocked: set[str] = field(default_factory=set)
    blogs: tuple[str, ...] = ("anna-draws", "anna-writes")

    def page(self, key: str) -> str:
        kind = self.kinds.get(key) or ("switch" if key.startswith("blog-") else key)
        body = _markup(kind, self.state.setdefault(key, True), key, key in self.unlocked)
        dialog = (
            '<div role="dialog" id="dialog" hidden><p>Stop using your data?</p>'
            "<button onclick=\"document.getElementById('dialog').hidden = true\">Cancel</button>"
            '<button onclick="confirmOff()">Turn off</button></div>'
        )
        confirm = f'data-confirm="{self.confirm_after_ms}"' if self.confirm else ""
        return (
            f'<!doctype html><html lang="en"><head><title>Settings</title></head>'
            f'<body data-key="{html.escape(key)}" {confirm}>'
            f"<h1>Settings</h1>{body}{dialog}<script>{SCRIPT}</script></body></html>"
        )

    def listing(self, port: int) -> str:
        links = "".join(f'<li><a href="/s/blog-{b}">{b}</a></li>' for b in self.blogs)
        links += '<li><a href="https://elsewhere.example/s/blog-x">someone else\'s blog</a></li>'
        return f"<!doctype html><html><body><h1>Your blogs</h1><ul>{links}</ul></body></html>"


class _Handler(BaseHTTPRequestHandler):
    pages: Pages

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: str, status: int = 200) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path.startswith("/s/"):
            self._send(self.server.pages.page(path[3:]))  # type: ignore[attr-defined]
        elif path == "/blogs":
            self._send(self.server.pages.listing(self.server.server_port))  # type: ignore[attr-defined]
        else:
            self._send("not here", 404)

    def do_POST(self) -> None:
        pages: Pages = self.server.pages  # type: ignore[attr-defined]
        parts = self.path.strip("/").split("/")
        if parts[0] == "save":
            pages.saves.append((parts[1], parts[2]))
            if pages.persist:
                pages.state[parts[1]] = parts[2] == "on"
        elif parts[0] == "delete":
            pages.deletes.append(parts[1])
        elif parts[0] == "unlock":
            pages.unlocked.add(parts[1])
        self._send("{}")


@dataclass
class Site:
    server: ThreadingHTTPServer

    @property
    def pages(self) -> Pages:
        return self.server.pages  # type: ignore[attr-defined]

    @property
    def site_map(self) -> str:
        return f"{HOST}=http://127.0.0.1:{self.server.server_port}"


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def site(server):
    server.pages = Pages()
    return Site(server)


TARGET = """target = [
  { role = "switch", name = "generative ai" },
  { role = "checkbox", name = "generative ai" },
  { label = "generative ai" },
  { text = "^data for generative ai" },
]"""


def _flow(
    path: str,
    *,
    extra: str = "",
    target: str = TARGET,
    optional: bool = False,
    steps: str = "",
    want: str = "off",
) -> Flow:
    step = f"""
[[steps]]
action = "setting"
want = "{want}"
name = "{NAME}"
describe = "the switch under {NAME}"
timeout = 2
{"optional = true" if optional else ""}
{extra}
{target}
"""
    text = _flow_text(step + steps).replace(f"https://{HOST}/s/switch", f"https://{HOST}{path}")
    import tomllib

    return Flow.model_validate(tomllib.loads(text))


@dataclass
class Result:
    attempt: object  # AttemptResult
    human: ScriptedHuman
    output: str
    home: Path

    @property
    def record(self) -> dict:
        (path,) = sorted((self.home / "evidence").glob("*/*/*/record.json"))[-1:]
        record = read_record(path)
        record["_folder"] = path.parent
        return record

    def ledger_outcomes(self) -> list[str]:
        return [e["outcome"] for e in Ledger(self.home).entries() if e.get("flow") == "linkedin-test"]


def _run(browser, home: Path, site: Site, flow: Flow, answers: list, **options: object) -> Result:
    """The engine on one (account, flow), as the runner starts it, in a fresh browser context."""
    from assistant.engine import FlowRun, RunObserver
    from assistant.proof.evidence import Attempt

    settings = Settings(
        home=home,
        headless=True,
        site_map=site.site_map,
        login_timeout=10,
        confirm_timeout=5,
        step_timeout=3,
        manual_timeout=5,
    )
    buffer = io.StringIO()
    console = Console(file=buffer, width=OUTPUT_COLUMNS, highlight=False, color_system=None)
    human = ScriptedHuman(list(answers))
    context = browser.new_context()
    try:
        result = FlowRun(
            page=context.new_page(),
            flow=flow,
            account=account("anna-linkedin", "linkedin", flows=["linkedin-test"]),
            text="",
            human=human,
            reporter=Reporter(console),
            settings=settings,
            attempt=Attempt(home, "anna-linkedin", "linkedin-test"),
            ledger=Ledger(home),
            recheck=bool(options.get("recheck", False)),
            observer=options["observer"] if "observer" in options else RunObserver(),  # type: ignore[arg-type]
        ).run()
    finally:
        context.close()
    return Result(result, human, buffer.getvalue(), home)


# ------------------------------------------------------------------ reading the state


@pytest.mark.browser
def test_state_is_read_from_every_kind_of_markup(site, browser):
    """aria-checked, a checkbox, an invisible input under a styled switch, a word, labelled-by text."""
    from assistant.engine.locate import find
    from assistant.engine.page_scripts import SETTING_STATE_JS
    from assistant.engine.setting import state_of

    flow = _flow("/s/switch")
    step = flow.steps[2]
    menu_step = _flow(
        "/s/menu", extra='state_on = "^\\\\s*turn off\\\\s*$"\nstate_off = "^\\\\s*turn on\\\\s*$"'
    ).steps[2]
    port = site.server.server_port
    seen = {}
    page = browser.new_page()
    for kind in ("switch", "checkbox", "wrapped", "textstate"):
        for on in (True, False):
            site.pages.state[kind] = on
            page.goto(f"http://127.0.0.1:{port}/s/{kind}")
            found = find(page, step.target, 2)
            assert found is not None, kind
            seen[(kind, on)] = state_of(found.locator.evaluate(SETTING_STATE_JS), step)
    # a text candidate names the switch through aria-labelledby: the switch is read
    page.goto(f"http://127.0.0.1:{port}/s/switch")
    label = page.get_by_text(NAME, exact=True)
    assert state_of(label.evaluate(SETTING_STATE_JS), step) == "off"
    # the button's words say the state, through the flow's own patterns
    site.pages.state["menu"] = True
    page.goto(f"http://127.0.0.1:{port}/s/menu")
    button = page.get_by_role("button", name="Turn off")
    assert state_of(button.evaluate(SETTING_STATE_JS), menu_step) == "on"
    assert state_of(button.evaluate(SETTING_STATE_JS), step) == "unknown"  # default words: no "Turn off"
    page.close()
    assert seen == {(k, on): "on" if on else "off" for k, on in seen}, seen


# ------------------------------------------------------------------ the engine


@pytest.mark.browser
def test_already_off_changes_nothing_and_asks_nothing(browser, home, site):
    site.pages.state["switch"] = False
    result = _run(browser, home, site, _flow("/s/switch"), [])
    record = result.record
    assert result.human.asked == [] and site.pages.saves == []
    assert record["outcome"] == "confirmed" and record["kind"] == "setting"
    (entry,) = record["settings"]
    assert entry["result"] == "already-off" and entry["before"] == "off" and entry["want"] == "off"
    assert "setting-1-before.png" in record["files"]
    assert "text" not in record
    assert result.attempt.outcome.value == "confirmed"


@pytest.mark.browser
def test_yes_switches_it_and_the_reloaded_page_confirms(browser, home, site):
    result = _run(browser, home, site, _flow("/s/switch"), ["y"])
    record = result.record
    assert result.human.asked == ["setting"]
    review = result.human.setting_reviews[0]
    assert review.headline == f"LinkedIn · anna@example.org · {NAME}: ON → OFF"
    assert site.pages.saves == [("switch", "off")] and site.pages.state["switch"] is False
    (entry,) = record["settings"]
    assert entry == entry | {"name": NAME, "item": None, "want": "off", "before": "on"}
    assert entry["after_reload"] == "off" and entry["result"] == "changed"
    assert entry["approval"]["answer"] == "y"
    assert record["outcome"] == "confirmed" and record["submitted"] is False
    assert {"setting-1-before.png", "setting-1-after.png"} <= set(record["files"])
    assert result.ledger_outcomes() == ["awaiting-approval", "submitting", "confirmed"]


@pytest.mark.browser
def test_no_leaves_it_and_the_attempt_is_declined(browser, home, site):
    result = _run(browser, home, site, _flow("/s/switch"), ["n"])
    assert site.pages.saves == [] and site.pages.state["switch"] is True
    record = result.record
    assert record["outcome"] == "declined" and record["settings"][0]["result"] == "declined"
    assert result.attempt.outcome.value != "confirmed"
    assert result.ledger_outcomes() == ["awaiting-approval", "declined"]


@pytest.mark.browser
def test_m_the_person_switches_it_and_objector_reads_it(browser, home, site, runs):
    site.pages.kinds["checkbox"] = "checkbox"

    def person_switches() -> str:
        runs[-1].page.get_by_label("generative ai").uncheck()
        return "m"

    result = _run(browser, home, site, _flow("/s/checkbox"), [person_switches], observer=runs)
    (entry,) = result.record["settings"]
    assert entry["approval"]["by"] == "own-click" and entry["result"] == "changed"
    assert entry["after_reload"] == "off" and site.pages.saves == [("checkbox", "off")]
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_yes_after_the_person_switched_it_in_the_browser_does_not_switch_it_back(browser, home, site, runs):
    """The person flips the switch in the browser while the question is open, then types "y":
    objector reads it first, clicks nothing (a second click would turn the setting back on) and
    records that the person switched it."""
    site.pages.kinds["checkbox"] = "checkbox"

    def person_switches_then_says_yes() -> str:
        runs[-1].page.get_by_label("generative ai").uncheck()
        return "y"

    result = _run(browser, home, site, _flow("/s/checkbox"), [person_switches_then_says_yes], observer=runs)
    assert site.pages.saves == [("checkbox", "off")] and site.pages.state["checkbox"] is False
    (entry,) = result.record["settings"]
    assert entry["approval"]["by"] == "person switched it in the browser"
    assert entry["after_reload"] == "off" and entry["result"] == "changed"
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_a_styled_switch_is_switched_through_its_label(browser, home, site):
    result = _run(browser, home, site, _flow("/s/wrapped"), ["y"])
    assert site.pages.saves == [("wrapped", "off")]
    assert result.record["settings"][0]["result"] == "changed"


@pytest.mark.browser
def test_a_confirming_dialog_is_answered(browser, home, site):
    site.pages.confirm = True
    flow = _flow(
        "/s/switch",
        extra='confirm = [{ role = "button", name = "^\\\\s*(turn off|deaktivieren|ausschalten)\\\\s*$" }]',
    )
    result = _run(browser, home, site, flow, ["y"])
    assert site.pages.saves == [("switch", "off")]
    assert result.record["outcome"] == "confirmed"
    assert result.record["confirmed_dialogs"] == [NAME]


CONFIRM = 'confirm = [{ role = "button", name = "^\\\\s*(turn off|deaktivieren|ausschalten)\\\\s*$" }]'


@pytest.mark.browser
def test_a_confirming_dialog_that_shows_late_is_still_answered(browser, home, site):
    """No request has gone out yet (the page waits for the answer): the dialog is waited for."""
    site.pages.confirm, site.pages.confirm_after_ms = True, 1200
    result = _run(browser, home, site, _flow("/s/switch", extra=CONFIRM), ["y"])
    assert site.pages.saves == [("switch", "off")]
    assert result.record["confirmed_dialogs"] == [NAME]
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_a_change_saved_without_a_dialog_is_not_waited_on_for_one(browser, home, site, monkeypatch):
    """The page saved the change itself (its request ended, the switch shows OFF): a flow that
    allows for a confirming dialog does not wait the dialog's whole time for one."""
    from assistant.engine import setting

    monkeypatch.setattr(setting, "CONFIRM_WAIT", 60.0)
    started = time.monotonic()
    result = _run(browser, home, site, _flow("/s/switch", extra=CONFIRM), ["y"])
    assert time.monotonic() - started < 30
    assert site.pages.saves == [("switch", "off")]
    assert result.record["outcome"] == "confirmed" and "confirmed_dialogs" not in result.record


@pytest.mark.browser
def test_a_cookie_dialog_is_not_waited_for_once_the_setting_shows(browser, home, site):
    """A settings page has no form: its control showing says the page is there, so a cookie
    dialog that never comes is not waited for up to the dismiss step's own time."""
    import tomllib

    dismiss = """
[[steps]]
action = "dismiss"
optional = true
timeout = 60
target = [{ role = "button", name = "^reject all$" }]
"""
    flow = Flow.model_validate(tomllib.loads(_flow_text(dismiss + SETTING)))
    started = time.monotonic()
    result = _run(browser, home, site, flow, ["y"])
    assert time.monotonic() - started < 30
    assert result.record["outcome"] == "confirmed" and site.pages.saves == [("switch", "off")]


@pytest.mark.browser
def test_a_menu_choice_that_does_not_delete_is_picked(browser, home, site):
    flow = _flow(
        "/s/menu",
        target='target = [{ role = "button", name = "^\\\\s*turn (off|on)\\\\s*$" }]',
        extra='state_on = "^\\\\s*turn off\\\\s*$"\nstate_off = "^\\\\s*turn on\\\\s*$"\n'
        'menu = [{ role = "menuitem", name = "turn off" }]',
    )
    result = _run(browser, home, site, flow, ["y"])
    assert site.pages.deletes == []  # "Turn off and delete activity" came first and was left alone
    assert site.pages.saves == [("menu", "off")]
    assert result.record["settings"][0]["after_reload"] == "off"
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_a_change_the_page_did_not_keep_is_not_confirmed(browser, home, site):
    site.pages.persist = False
    result = _run(browser, home, site, _flow("/s/switch"), ["y"])
    record = result.record
    assert site.pages.saves == [("switch", "off")]  # clicked, the page even showed OFF until the reload
    (entry,) = record["settings"]
    assert entry["result"] == "not-persisted" and entry["after_reload"] == "on"
    assert record["outcome"] == "not-confirmed"
    assert "LinkedIn still shows ON after reload" in record["message"]
    assert result.attempt.outcome.value != "confirmed"


@pytest.mark.browser
def test_recheck_reads_without_asking_still_set_then_turned_back(browser, home, site):
    site.pages.state["switch"] = False
    first = _run(browser, home, site, _flow("/s/switch"), [], recheck=True)
    record = first.record
    assert first.human.asked == [] and site.pages.saves == []
    assert record["outcome"] == "still-set" and record["recheck_result"] == "still-off"
    assert record["settings"][0]["result"] == "still-set"
    assert "recheck-1.png" in record["files"]
    site.pages.state["switch"] = True  # the service turned it back on
    second = _run(browser, home, site, _flow("/s/switch"), [], recheck=True)
    record = second.record
    assert second.human.asked == [] and site.pages.saves == []
    assert record["outcome"] == "turned-back" and record["recheck_result"] == "turned-on-again"
    assert record["settings"][0]["result"] == "turned-back"
    assert second.attempt.outcome.value == "turned-back"


@pytest.mark.browser
@pytest.mark.parametrize("confirm", [False, True])
def test_a_missing_control_is_switched_by_the_person_and_read_afterwards(browser, home, site, runs, confirm):
    """The guidance names the page's confirming button too when the flow has one (a switch in a
    small window with Done, or a dialog asking to confirm)."""
    site.pages.kinds["late"] = "late"
    extra = 'confirm = [{ role = "button", name = "^done$" }]' if confirm else ""

    def person_opens_and_switches() -> str:
        page = runs[-1].page
        page.get_by_role("button", name="Show more settings").click()
        page.get_by_role("switch").click()
        page.wait_for_timeout(300)
        return ""

    flow = _flow("/s/late", extra=extra)
    result = _run(browser, home, site, flow, [person_opens_and_switches], observer=runs)
    guide = result.human.asked[0]
    assert guide.startswith("guide:") and NAME in guide and "OFF" in guide and "/s/late" in guide
    assert ("(such as Done, Save or Confirm) before you press Enter" in guide) is confirm
    (entry,) = result.record["settings"]
    assert entry["result"] == "by-hand" and entry["after_reload"] == "off"
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_a_missing_optional_control_is_recorded_as_absent(browser, home, site):
    steps = """
[[steps]]
action = "setting"
want = "off"
name = "Model training on voice"
optional = true
timeout = 0.5
target = [{ role = "switch", name = "voice" }]
"""
    site.pages.state["switch"] = False
    result = _run(browser, home, site, _flow("/s/switch", steps=steps), [])
    entries = result.record["settings"]
    assert [e["result"] for e in entries] == ["already-off", "absent"]
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_a_password_field_is_never_touched(browser, home, site, runs):
    site.pages.kinds["password"] = "password"
    result = _run(browser, home, site, _flow("/s/password"), ["y"], observer=runs)
    assert result.record["outcome"] == "needs-attention", result.record["message"]
    assert "password" in result.record["message"]
    assert result.human.asked == [] and site.pages.saves == []


@pytest.mark.browser
def test_each_blog_is_opened_and_set_on_its_own_page(browser, home, site):
    site.pages.state["blog-anna-writes"] = False
    flow = _flow("/blogs", extra='each = [{ role = "link", name = "." }]', want="on")
    result = _run(browser, home, site, flow, ["y"])
    entries = result.record["settings"]
    assert [(e["item"], e["result"]) for e in entries] == [
        ("anna-draws", "already-on"),
        ("anna-writes", "changed"),
    ]
    assert site.pages.saves == [("blog-anna-writes", "on")]
    assert result.record["items_skipped"] == ["https://elsewhere.example/s/blog-x"]
    assert result.human.setting_reviews[0].item == "anna-writes"
    assert result.record["outcome"] == "confirmed"


@pytest.mark.browser
def test_check_reports_the_control_and_its_state_without_changing_it(home, site, browser):
    from assistant.engine import FlowRun
    from assistant.engine.check import inspect

    settings = Settings(home=home, headless=True, site_map=site.site_map, step_timeout=3)
    page = browser.new_page()
    run = FlowRun(
        page=page,
        flow=_flow("/s/switch"),
        account=account("anna-linkedin", "linkedin"),
        text="",
        human=ScriptedHuman([]),
        reporter=Reporter(Console(file=io.StringIO())),
        settings=settings,
        attempt=None,
        ledger=None,
    )
    rows = inspect(run)
    page.close()
    setting_row = rows[-1]
    assert setting_row["status"] == "found" and setting_row["state"] == "on"
    assert "shows ON (wanted OFF)" in setting_row["detail"]
    assert site.pages.saves == []


@pytest.mark.parametrize(
    "text",
    [
        "Couldn't sign you in. This browser or app may not be secure.",
        "Dieser Browser oder diese App ist möglicherweise nicht sicher.",
        "Ce navigateur ou cette application ne sont peut-être pas sécurisés.",
        "Este navegador o aplicación puede que no sea seguro.",
        "Questo browser o questa app potrebbero non essere sicuri.",
        "Deze browser of app is mogelijk niet veilig.",
        "Your browser is not supported.",
    ],
)
def test_a_sign_in_page_that_refuses_the_automated_browser_is_recognised(text):
    from assistant.engine.login import REFUSED_RE

    assert REFUSED_RE.search(text)
    assert not REFUSED_RE.search("Sign in to continue to Gemini. Use your Google Account.")
