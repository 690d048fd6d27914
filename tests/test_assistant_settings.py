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
    accounts = [account(f"anna-{p}", p) for p in FLOWS]
    result = run_practice(home, site, accounts, ["y"] * 4, logged_in=True)
    assert result.summary.exit_code == 0, result.output
    records = {r["account"]: r for r in result.records()}
    for platform in FLOWS:
        assert _held(site, platform) is False, platform
        record = records[f"anna-{platform}"]
        assert record["outcome"] == "confirmed", (platform, record["message"])
        (entry,) = record["settings"]
        assert entry["result"] == "changed" and entry["before"] == "on" and entry["after_reload"] == "off"
    assert records["anna-chatgpt"]["confirmed_dialogs"] == ["Improve the model for everyone"]
    assert all(c.key != NEIGHBOUR_KEY for c in site.setting_changes)  # the other switches untouched
