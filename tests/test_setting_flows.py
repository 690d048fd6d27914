"""The bundled setting flows of the nine services beyond Meta, end to end: the real runner and
engine in headless Chromium against the practice settings pages (login on the service's own
sign-in host, switching, reading again after a reload, re-checking), and LinkedIn's objection form.

One practice site serves the whole module; each test starts from a fresh state. The nine services
and the service that refuses the automated browser sign in on each service's practice sign-in
page; the other tests start with profiles that hold a practice login (``logged_in``).
"""

from __future__ import annotations

import re

import pytest
from practice_helpers import account, run_practice

from assistant.config.accounts import DEFAULT_FLOWS, PLATFORMS
from assistant.config.flows import load_flows
from assistant.practice import PracticeConfig, PracticeSite
from assistant.practice.services import ASSISTANT_IDS, AUTO_LOGIN_USER, SETTINGS_SERVICES

pytestmark = pytest.mark.browser

FAST_LOGIN = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2}
BLOGS = ("anna-writes", "anna-photos")
NEW_PLATFORMS = [p for p in PLATFORMS if p not in ("instagram", "facebook", "whatsapp")]  # whatsapp: a form
#: the AI assistants' flows (single-page apps) have their own module: test_assistant_settings.py
NEW_PLATFORMS = [p for p in NEW_PLATFORMS if p not in ASSISTANT_IDS]


@pytest.fixture(scope="module")
def running_site():
    with PracticeSite(PracticeConfig(**FAST_LOGIN, blogs=BLOGS)) as site:
        yield site


@pytest.fixture
def site(running_site):
    running_site.config = PracticeConfig(**FAST_LOGIN, blogs=BLOGS)
    running_site.reset()
    return running_site


def _states(site, service: str) -> dict[tuple[str, str | None], bool]:
    svc = SETTINGS_SERVICES[service]
    items = BLOGS if svc.items else (None,)
    return {(s.key, i): site.setting(service, AUTO_LOGIN_USER, s.key, i) for s in svc.settings for i in items}


def _wanted(service: str) -> dict[tuple[str, str | None], bool]:
    svc = SETTINGS_SERVICES[service]
    items = BLOGS if svc.items else (None,)
    return {(s.key, i): s.wanted_on for s in svc.settings for i in items}


def test_every_platform_has_a_default_flow_that_exists():
    flows = load_flows()
    for platform in PLATFORMS:
        assert DEFAULT_FLOWS[platform] in flows
        assert flows[DEFAULT_FLOWS[platform]].flow.platform == platform
    kinds = {flow_id: loaded.flow.kind for flow_id, loaded in flows.items()}
    assert kinds["linkedin-ai-objection"] == "form"
    assert {kinds[DEFAULT_FLOWS[p]] for p in NEW_PLATFORMS} == {"setting"}


# English and German words of each control, as the services' help pages and translations put
# them: every setting flow's first candidates must find both (not the practice site's strings)
PHRASES = {
    "linkedin-ai-training": ["Data for Generative AI Improvement", "Daten zur Verbesserung generativer KI"],
    "x-grok-training": [
        "Allow your posts as well as your interactions, inputs, and results with Grok to be used for "
        "training and fine-tuning.",
        "Erlaube, dass deine Beiträge sowie deine Interaktionen, Eingaben und Ergebnisse mit Grok für "
        "Training und Feinabstimmung verwendet werden.",
    ],
    "google-gemini-activity": ["Turn off", "Deaktivieren"],
    "microsoft-copilot-training": ["Model training on text", "Modelltraining mit Text"],
    "pinterest-ai-training": [
        "Use your data to train Pinterest Canvas",
        "Deine Daten zum Trainieren von Pinterest Canvas verwenden",
    ],
    "quora-llm-training": [
        "Allow large language models to be trained on your content",
        "Erlauben, dass große Sprachmodelle mit deinen Inhalten trainiert werden",
    ],
    "tumblr-third-party-sharing": [
        "Prevent third-party sharing for anna-writes",
        "Weitergabe an Dritte verhindern",
    ],
    "wordpress-third-party-sharing": ["Prevent third-party sharing", "Weitergabe an Dritte verhindern"],
    "adobe-content-analysis": ["Content analysis", "Inhaltsanalyse"],
}


@pytest.mark.parametrize("flow_id", sorted(PHRASES))
def test_each_setting_is_named_in_english_and_german(flow_id):
    step = next(s for s in load_flows()[flow_id].flow.steps if s.action == "setting")
    for phrase in PHRASES[flow_id]:
        assert re.search(step.target[0].name, phrase, re.IGNORECASE), (flow_id, phrase)


def test_google_picks_turn_off_never_turn_off_and_delete():
    step = next(s for s in load_flows()["google-gemini-activity"].flow.steps if s.action == "setting")
    names = [c.name for c in step.menu]
    for words in ("Turn off", "Deaktivieren", "Désactiver"):
        assert any(re.search(n, words, re.IGNORECASE) for n in names), words
    for words in ("Turn off and delete activity", "Deaktivieren und Aktivitäten löschen"):
        assert not any(re.search(n, words, re.IGNORECASE) for n in names), words


#: the nine services in three runs (three workers can take them at once); together they ask 12
#: questions: 1 each, 2 for Copilot, 2 blogs, 2 sites
NINE_IN_THREE = [
    ("linkedin", "x", "tumblr"),
    ("google", "microsoft", "pinterest"),
    ("quora", "wordpress", "adobe"),
]


def test_the_three_runs_cover_the_nine_services():
    assert sorted(p for group in NINE_IN_THREE for p in group) == sorted(NEW_PLATFORMS)


@pytest.mark.parametrize("platforms", NINE_IN_THREE, ids="-".join)
def test_all_nine_services_are_switched_and_read_again_after_a_reload(home, site, platforms):
    accounts = [account(f"anna-{p}", p) for p in platforms]
    result = run_practice(home, site, accounts, ["y"] * 20, login_timeout=30)
    assert result.summary.exit_code == 0, result.output
    for platform in platforms:
        assert _states(site, platform) == _wanted(platform), platform
    records = {r["account"]: r for r in result.records()}
    assert set(records) == {f"anna-{p}" for p in platforms}
    for name, record in records.items():
        assert record["outcome"] == "confirmed" and record["kind"] == "setting", (name, record["message"])
        present = [e for e in record["settings"] if e["result"] != "absent"]
        assert present and all(e["result"] == "changed" and e["after_reload"] == e["want"] for e in present)
        assert "text" not in record and record["submitted"] is False
    if "tumblr" in platforms:
        assert [e["item"] for e in records["anna-tumblr"]["settings"]] == list(BLOGS)
    if "microsoft" in platforms:
        assert len(records["anna-microsoft"]["settings"]) == 2
    # every question named the service, the account and the change
    heads = [r.headline for r in result.human.setting_reviews]
    if "linkedin" in platforms:
        assert "LinkedIn · anna@example.org · Data for Generative AI Improvement: ON → OFF" in heads
    expected = {"tumblr": 2, "wordpress": 2, "microsoft": 2}
    assert len(heads) == sum(expected.get(p, 1) for p in platforms)
    assert "moved" not in result.output


def test_recheck_reads_still_set_and_turned_back_and_skips_forms(home, site):
    site.set_setting("linkedin", AUTO_LOGIN_USER, "ai-training", False)  # switched off earlier
    site.set_setting("quora", AUTO_LOGIN_USER, "llm-training", True)  # the service turned it back on
    accounts = [account("anna-linkedin", "linkedin"), account("anna-quora", "quora"), account()]
    result = run_practice(home, site, accounts, [], recheck=True, logged_in=True)
    assert result.human.asked == [] and site.state.setting_changes[-1].by == "service"
    records = {r["account"]: r for r in result.records()}
    assert set(records) == {"anna-linkedin", "anna-quora"}  # the Instagram form: nothing to re-check
    assert records["anna-linkedin"]["outcome"] == "still-set"
    assert records["anna-linkedin"]["recheck_result"] == "still-off"
    assert records["anna-quora"]["outcome"] == "turned-back"
    assert records["anna-quora"]["recheck_result"] == "turned-on-again"
    assert "Quora shows ON again" in records["anna-quora"]["message"]
    assert "nothing to re-check" in result.output
    assert site.setting("quora", AUTO_LOGIN_USER, "llm-training") is True  # nothing was changed


def test_german_pages_with_a_confirming_dialog(home, site):
    site.config = PracticeConfig(**FAST_LOGIN, blogs=BLOGS, language="de", setting_confirm=True)
    accounts = [account("anna-microsoft", "microsoft", language="de")]
    result = run_practice(home, site, accounts, ["y", "y"], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert _states(site, "microsoft") == _wanted("microsoft")
    (record,) = result.records()
    assert record["confirmed_dialogs"] == ["Model training on text", "Model training on voice"]


def test_a_change_the_service_does_not_keep_is_not_confirmed(home, site):
    site.config = PracticeConfig(**FAST_LOGIN, blogs=BLOGS, setting_no_persist=True)
    result = run_practice(home, site, [account("anna-pinterest", "pinterest")], ["y"], logged_in=True)
    (record,) = result.records()
    assert record["outcome"] == "not-confirmed"
    assert "Pinterest still shows ON after reload" in record["message"]
    assert result.summary.exit_code == 1


def test_linkedin_objection_form_sends_a_letter_that_names_linkedin(home, site):
    accounts = [account("anna-linkedin", "linkedin", flows=["linkedin-ai-objection"], language="de")]
    result = run_practice(home, site, accounts, ["y"], logged_in=True)
    (record,) = result.records()
    assert record["kind"] == "form"
    assert "LinkedIn" in record["text"] and "Meta" not in record["text"] and "DSGVO" in record["text"]
    assert record["outcome"] == "confirmed", (record["message"], result.output)
    (sent,) = site.confirmed
    assert record["text"] in sent.fields.values()


def test_settings_already_as_wanted_are_recorded_and_nothing_is_asked_or_changed(home, site):
    site.config = PracticeConfig(**FAST_LOGIN, blogs=BLOGS, language="de", setting_already=True)
    services = ["linkedin", "google", "quora", "tumblr"]
    accounts = [account(f"anna-{p}", p, language="de") for p in services]
    result = run_practice(home, site, accounts, [], logged_in=True)
    assert result.summary.exit_code == 0, result.output
    assert result.human.asked == [] and site.setting_changes == []
    records = {r["account"]: r for r in result.records()}
    for service in services:
        record = records[f"anna-{service}"]
        assert record["outcome"] == "confirmed", (service, record["message"])
        wanted = "already-on" if service == "tumblr" else "already-off"
        present = [e["result"] for e in record["settings"] if e["result"] != "absent"]  # optional ones
        assert present and present == [wanted] * len(present), service
        numbers = [n for n, e in enumerate(record["settings"], 1) if e["result"] != "absent"]
        assert all((record["_folder"] / f"setting-{n}-before.png").is_file() for n in numbers), service


def test_a_service_that_refuses_the_automated_browser_is_handed_to_the_person(home, site):
    site.config = PracticeConfig(**FAST_LOGIN, blogs=BLOGS, refuse_automation=True)
    result = run_practice(home, site, [account("anna-google", "google")], [""], login_timeout=30)
    (record,) = result.records()
    assert record["outcome"] == "needs-attention" and site.setting_changes == []
    assert "may not be secure" in record["refused_by_service"]["text"]
    assert record["refused_by_service"]["done_by_person"] is True
    assert "not recorded as confirmed" in record["message"]
    (asked,) = [q for q in result.human.asked if q.startswith("guide:")]
    assert "myactivity.google.com/product/gemini" in asked
    assert "“Gemini Apps Activity" in asked and "OFF" in asked
    assert "refuses to sign in in this browser" in result.output and "does not hide" in result.output
    assert (record["_folder"] / "refused.png").is_file()
    assert result.summary.exit_code == 1
