"""The AI assistants that train on the person's own chats — ChatGPT, Claude, Perplexity, Le Chat:
their bundled setting flows, end to end in headless Chromium against the practice copies of their
settings (single-page apps, ``assistant/practice/assistant_pages.py``), judged by what the
practice server holds (``PracticeSite.setting``).

ChatGPT's switch lives in a dialog over the app, behind a row that opens a sub-dialog whose change
is sent only when "Done" is pressed; the other three draw a disabled placeholder in the wrong state
(``aria-busy``) before the real switch. One practice site serves the module; each test starts from
a fresh state.
"""

from __future__ import annotations

import re

import pytest
from practice_helpers import account, run_practice

from assistant.config.accounts import DEFAULT_FLOWS
from assistant.config.flows import load_flows
from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.services import ASSISTANT_IDS, AUTO_LOGIN_USER, SETTINGS_SERVICES
from assistant.practice.settings_pages import NEIGHBOUR_KEY

pytestmark = pytest.mark.browser

FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2, "setting_paint_delay": 0.5}
FLOWS = {
    "chatgpt": "chatgpt-model-training",
    "claude": "claude-model-training",
    "perplexity": "perplexity-ai-data",
    "lechat": "lechat-model-training",
}


@pytest.fixture(scope="module")
def running_site():
    with PracticeSite(PracticeConfig(**FAST)) as site:
        yield site


@pytest.fixture
def site(running_site):
    running_site.config = PracticeConfig(**FAST)
    running_site.reset()
    return running_site


def _held(site, service: str) -> bool:
    """What the practice server holds for the service's AI-training setting (True: on)."""
    return site.setting(service, AUTO_LOGIN_USER, SETTINGS_SERVICES[service].settings[0].key)


def test_each_assistant_has_its_flow_and_platform():
    flows = load_flows()
    assert set(ASSISTANT_IDS) == set(FLOWS)
    for platform, flow_id in FLOWS.items():
        assert DEFAULT_FLOWS[platform] == flow_id
        flow = flows[flow_id].flow
        assert flow.platform == platform and flow.kind == "setting"
        assert "accounts.google.com" in flow.login.providers


def test_all_four_are_switched_off_and_the_server_holds_it(home, site):
    """One account per assistant, each logging in on its own (practice) login page first."""
    accounts = [account(f"anna-{p}", p) for p in FLOWS]
    result = run_practice(home, site, accounts, ["y"] * 4, login_timeout=30)
    assert result.summary.exit_code == 0, result.output
    # each on its own practice login page, as the server saw it (whether objector saw the login
    # page or only its result depends on how quickly the stand-in person typed)
    assert sorted(where for where, _user in site.state.logins) == sorted(FLOWS)
    records = {r["account"]: r for r in result.records()}
    for platform in FLOWS:
        assert _held(site, platform) is False, platform
        record = records[f"anna-{platform}"]
        assert record["outcome"] == "confirmed", (platform, record["message"])
        (entry,) = record["settings"]
        assert entry["result"] == "changed" and entry["before"] == "on" and entry["after_reload"] == "off"
    assert records["anna-chatgpt"]["confirmed_dialogs"] == ["Improve the model for everyone"]
    assert all(c.key != NEIGHBOUR_KEY for c in site.setting_changes)  # the other switches untouched


def test_a_placeholder_in_the_wrong_state_is_never_taken_for_the_setting(home, site):
    """Already OFF on the server, the pages first draw a disabled ON placeholder (ChatGPT: a busy
    panel) for a second: nothing is asked, nothing is sent, and already-off is recorded only after a
    second reading on a fresh load agrees — in German."""
    site.config = PracticeConfig(**{**FAST, "setting_paint_delay": 1.2}, setting_already=True, language="de")
    accounts = [account(f"anna-{p}", p, language="de") for p in FLOWS]
    result = run_practice(home, site, accounts, [], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert result.human.asked == [] and site.setting_changes == []
    for record in result.records():
        assert record["outcome"] == "confirmed", record["message"]
        (entry,) = record["settings"]
        assert (entry["before"], entry["after_reload"], entry["result"]) == ("off", "off", "already-off")
        folder = record["_folder"]
        assert (folder / "setting-1-before.png").is_file() and (folder / "setting-1-after.png").is_file()
    assert result.output.count("(read again after a reload); nothing changed") == 4


def test_a_change_the_service_does_not_keep_is_not_confirmed(home, site):
    site.config = PracticeConfig(**FAST, setting_no_persist=True)
    accounts = [account("anna-chatgpt", "chatgpt"), account("anna-claude", "claude")]
    result = run_practice(home, site, accounts, ["y", "y"], logged_in=True)
    assert result.summary.exit_code == 1
    for record in result.records():
        assert record["outcome"] == "not-confirmed", record["message"]
        assert "still shows ON after reload" in record["message"]


def test_recheck_reads_still_set_and_turned_back_and_changes_nothing(home, site):
    site.set_setting("chatgpt", AUTO_LOGIN_USER, "model-training", False)  # switched off earlier
    site.set_setting("perplexity", AUTO_LOGIN_USER, "ai-data", False)
    site.set_setting("claude", AUTO_LOGIN_USER, "model-training", True)  # the service turned it back on
    site.set_setting("lechat", AUTO_LOGIN_USER, "model-training", True)
    accounts = [account(f"anna-{p}", p) for p in FLOWS]
    result = run_practice(home, site, accounts, [], recheck=True, logged_in=True)
    assert result.human.asked == [] and all(c.by == "service" for c in site.setting_changes)
    records = {r["account"]: r for r in result.records()}
    for platform, outcome in (("chatgpt", "still-set"), ("perplexity", "still-set")):
        assert records[f"anna-{platform}"]["outcome"] == outcome, records[f"anna-{platform}"]["message"]
        assert records[f"anna-{platform}"]["recheck_result"] == "still-off"
    for platform in ("claude", "lechat"):
        assert records[f"anna-{platform}"]["outcome"] == "turned-back"
        assert records[f"anna-{platform}"]["recheck_result"] == "turned-on-again"
    assert "Claude shows ON again" in records["anna-claude"]["message"]
    assert _held(site, "claude") is True and _held(site, "chatgpt") is False


def test_a_login_through_sign_in_with_google_is_still_logging_in(home, site):
    """Not logged in: the practice person chooses "Continue with Google" on ChatGPT's and Claude's
    login pages, signs in on (practice) accounts.google.com and comes back: objector waits there,
    acts on nothing, and switches the setting once back on the service's own page."""
    site.config = PracticeConfig(**FAST, sign_in_with="google")
    accounts = [account("anna-chatgpt", "chatgpt"), account("anna-claude", "claude")]
    result = run_practice(home, site, accounts, ["y", "y"], login_timeout=30)
    assert result.summary.exit_code == 0, result.output
    assert _held(site, "chatgpt") is False and _held(site, "claude") is False
    assert "not ChatGPT's" not in result.output and "moved" not in result.output
    assert result.output.count("not logged in — log in to") == 2
    for record in result.records():
        assert record["outcome"] == "confirmed", record["message"]
        assert record["settings"][0]["result"] == "changed"


def test_without_providers_a_google_sign_in_page_stops_the_flow(home, site):
    """The same login with a user's copy of the flow that names no providers: Google's page is a
    stranger's host, and the attempt stops there — which is why the bundled flows name them."""
    # the person takes a moment on Google's page (a stand-in that leaves it at once may be gone
    # before objector looks: then nothing was done there either)
    site.config = PracticeConfig(**{**FAST, "auto_login_delay": 2.0}, sign_in_with="google")
    source = load_flows()["claude-model-training"].path.read_text(encoding="utf-8")
    (home / "flows").mkdir()
    patched = re.sub(r"(?m)^providers = .*\n", "", source)
    (home / "flows" / "claude-model-training.toml").write_text(patched, encoding="utf-8")
    result = run_practice(home, site, [account("anna-claude", "claude")], ["y"], login_timeout=20)
    (record,) = result.records()
    assert record["outcome"] == "blocked", record["message"]
    assert "accounts.google.com" in record["message"] and site.setting_changes == []


def test_chatgpt_keeps_the_change_only_when_done_is_pressed(site, browser):
    """The practice ChatGPT as a person sees it: the hash opens Settings › Data controls, the row
    opens the sub-dialog; a switch closed with Escape sends nothing, one closed with Done is kept."""
    context = browser.new_context()
    try:
        name, value = site.new_login("auth.openai.com", AUTO_LOGIN_USER)
        cookie = {"name": name, "value": value, "domain": "127.0.0.1", "path": "/", "secure": True}
        context.add_cookies([cookie])  # type: ignore[list-item]
        page = context.new_page()
        page.goto(site.url("https://chatgpt.com/#settings/DataControls"))
        row = page.get_by_role("button", name=re.compile("Improve the model"))
        row.wait_for()
        assert "On" in row.inner_text()
        row.click()
        page.get_by_role("switch", name="Improve the model for everyone").click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert site.setting_changes == [] and "On" in row.inner_text()
        row.click()
        switch = page.get_by_role("switch", name="Improve the model for everyone")
        assert switch.get_attribute("aria-checked") == "true"  # the dropped change is not kept either
        switch.click()
        page.get_by_role("button", name="Done").click()
        page.get_by_role("dialog", name="Model improvement").wait_for(state="detached")
        assert _held(site, "chatgpt") is False and "Off" in row.inner_text()
    finally:
        context.close()


def test_demo_all_includes_the_assistants():
    from assistant.demo import demo_services

    assert set(FLOWS) <= set(demo_services(["all"]))


@pytest.mark.parametrize("platform", ["claude", "perplexity", "lechat"])
def test_the_first_paint_is_a_disabled_busy_placeholder_in_the_wrong_state(site, platform):
    """What the server sends before the app has its data: the switch greyed out, disabled, inside an
    aria-busy section, showing OFF while the service holds ON (and ON while it holds OFF)."""
    import urllib.request

    svc = SETTINGS_SERVICES[platform]
    for held in (True, False):
        site.set_setting(platform, AUTO_LOGIN_USER, svc.settings[0].key, held)
        name, value = site.new_login(svc.login_host, AUTO_LOGIN_USER)
        request = urllib.request.Request(site.url(svc.settings[0].url), headers={"Cookie": f"{name}={value}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            html = answer.read().decode("utf-8")
        placeholder = re.search(r'<section[^>]*aria-busy="true"[^>]*>.*?</section>', html, re.S)
        assert placeholder is not None, platform
        control = re.search(r"<(input|button)[^>]*role=\"switch\"[^>]*>", placeholder.group(0)).group(0)
        assert " disabled" in control
        shows_on = " checked" in control if platform == "perplexity" else 'aria-checked="true"' in control
        assert shows_on is not held


def test_chatgpt_switched_by_the_person_is_read_after_their_done(home, site, runs):
    """[m] on ChatGPT: the person opens the row, flips the switch and presses Done themselves;
    objector waits for that (the row shows OFF once Done has sent it), then reloads and reads it."""
    person = """() => setTimeout(() => {
        document.querySelector('.a-row-btn').click();
        setTimeout(() => {
          document.querySelector('[role=dialog] [role=switch]').click();
          setTimeout(() => Array.from(document.querySelectorAll('button'))
            .find(b => b.textContent === 'Done').click(), 400);
        }, 400);
      }, 600)"""

    def m_then_switch_in_the_browser() -> str:
        runs[-1].page.evaluate(person)
        return "m"

    accounts = [account("anna-chatgpt", "chatgpt")]
    result = run_practice(home, site, accounts, [m_then_switch_in_the_browser], logged_in=True, observer=runs)
    (record,) = result.records()
    assert record["outcome"] == "confirmed", (record["message"], result.output)
    (entry,) = record["settings"]
    assert entry["result"] == "changed" and entry["approval"]["by"] == "own-click"
    assert "confirmed_dialogs" not in record  # objector pressed nothing: Done was the person's
    said = " ".join(result.output.split())
    assert "and to press the button that confirms it (such as Done or Save)" in said
    assert _held(site, "chatgpt") is False and len(site.setting_changes) == 1


def test_a_login_spec_names_providers_as_plain_hosts():
    from pydantic import ValidationError

    from assistant.config.flows import LoginSpec

    spec = LoginSpec(url="https://claude.ai/login", providers=["Accounts.Google.com"])
    assert spec.providers == ["accounts.google.com"]
    for bad in ("https://accounts.google.com", "accounts.google.com/o", "*.google.com", ""):
        with pytest.raises(ValidationError, match="plain host name"):
            LoginSpec(url="https://claude.ai/login", providers=[bad])
