"""The practice Help Centre's modes (wording pools, confirmation styles, errors after
Send, routing question, login interstitials, moved forms), in real headless Chromium."""

# ruff: noqa: F811 - the shared fixtures are imported, and pytest passes them in by name

from __future__ import annotations

import json
import re
import time
import tomllib
from html import escape, unescape
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

# the fixtures and helpers of the practice-site tests, shared rather than copied
from test_practice_site import (  # noqa: F401 - fixtures are found by name
    FB_FORM,
    IG_FORM,
    browser_test,
    choose_country,
    context,
    http,
    log_in,
    page,
    running_site,
    shared_context,
    shared_page,
    site,
)

from assistant.config.accounts import META_PLATFORMS
from assistant.practice import LANGUAGES, PracticeConfig, PracticeSite
from assistant.practice.config import CONFIRMATION_STYLES, INTERSTITIALS, SUBMIT_ERRORS
from assistant.practice.countries import countries
from assistant.practice.strings import Texts, texts
from assistant.practice.wording import (
    HELD_OUT_CONFIRMATIONS,
    confirmation_phrasings,
    cookie_phrasings,
    routing_phrasings,
    submit_error_phrasings,
    wording,
    wording_for,
)

FLOWS = Path(__file__).resolve().parent.parent / "flows"
SUBMIT = "**/ajax/help/contact/submit/page"
FB_FIELDS = {"support_form_id": "712876720715583", "Field3045739284672108": "ada@example.org"}


def fill_form(page: Page, t: Texts, email: str = "ada@example.org") -> None:
    """Fill an objection form by its labels in the page language (country: Germany)."""
    choose_country(page, t["country_label"], dict(countries(t.language))["DE"])
    page.get_by_label(t["email_label"], exact=True).fill(email)


def send(page: Page, t: Texts) -> None:
    page.get_by_role("button", name=t["send"], exact=True).click()


def expect_regexes() -> list[re.Pattern[str]]:
    """Every regex the bundled Meta flows' ``expect`` steps match a confirmation with (the held-out
    wordings are the practice Help Centre's; other services' forms have pages of their own)."""
    found = []
    for path in sorted(FLOWS.glob("*.toml")):
        flow = tomllib.loads(path.read_text(encoding="utf-8"))
        if flow["platform"] not in META_PLATFORMS:
            continue
        for step in flow["steps"]:
            if step.get("action") != "expect":
                continue
            targets = step["target"] if isinstance(step["target"], list) else [step["target"]]
            for target in targets:
                found += [re.compile(target[key], re.I) for key in ("name", "text") if key in target]
    return found


# -- wording pools (no browser) ---------------------------------------------------------


def test_pools_hold_several_phrasings_in_every_language() -> None:
    for lang in LANGUAGES:
        least = 4 if lang in ("en", "de") else 2
        pools = {
            "confirmation": confirmation_phrasings(lang),
            "routing": routing_phrasings(lang),
            "cookie": cookie_phrasings(lang),
            "submit_error": submit_error_phrasings(lang),
        }
        for name, pool in pools.items():
            assert len(set(pool)) == len(pool) >= least, (lang, name)
        assert all("{brand}" in c.title for c in pools["cookie"]), lang
        assert len(HELD_OUT_CONFIRMATIONS[lang]) >= (2 if lang in ("en", "de") else 1), lang
    assert routing_phrasings("de")[0] == (
        "Bezieht sich deine Anfrage auf KI bei Meta?",
        "Ja",
        "Nein",
        "Weiter",
    )


def test_without_a_seed_the_wording_is_the_default() -> None:
    for lang in LANGUAGES:
        t = texts(lang)
        words = wording(lang)
        assert words.confirmation == (t["done_title"], t["done_text"])
        assert words.cookie.allow == t["cookie_allow"] and words.routing.question == t["routing_question"]
        assert words.submit_error == t["submit_failed"]


def test_same_seed_same_wording_and_seeds_differ() -> None:
    for lang in ("en", "de", "fr"):
        assert wording(lang, 7) == wording(lang, 7)
        assert wording_for(PracticeConfig(language=lang, wording_seed=7)) == wording(lang, 7)
        picks = [wording(lang, seed) for seed in range(12)]
        for pool in ("confirmation", "routing", "cookie", "submit_error"):
            assert len({getattr(w, pool) for w in picks}) > 1, (lang, pool)
        assert {w.confirmation for w in picks} <= set(confirmation_phrasings(lang))


def test_held_out_confirmations_avoid_every_word_the_flows_expect() -> None:
    patterns = expect_regexes()
    assert len(patterns) >= 6  # a heading and a text pattern per bundled flow
    for lang, phrasings in HELD_OUT_CONFIRMATIONS.items():
        for title, body in phrasings:
            for pattern in patterns:
                for text in (title, body, f"{title} {body}"):
                    assert not pattern.search(text), (lang, text, pattern.pattern)
        assert not set(phrasings) & set(confirmation_phrasings(lang)), lang  # no seed ever picks them
        for seed in range(5):
            assert wording(lang, seed, held_out=True).confirmation in phrasings
    # the check itself bites: every default confirmation is recognised
    for lang in LANGUAGES:
        title, body = confirmation_phrasings(lang)[0]
        assert any(p.search(title) for p in patterns) and any(p.search(body) for p in patterns), lang


def test_config_rejects_unknown_modes() -> None:
    bad = [
        {"confirmation_style": "banner"},
        {"submit_error": "teapot"},
        {"submit_error_times": 0},
        {"submit_error_times": True},
        {"routing_question": "dropdown"},
        {"interstitial": "captcha"},
        {"moved_to": "evil.example"},
        {"wording_seed": "3"},
        {"submit_delay": 31},
        {"auto_login_key_ms": -1},
        {"auto_login_key_ms": 2.5},
        {"auto_login_key_ms": True},
    ]
    for fields in bad:
        with pytest.raises(ValueError, match=next(iter(fields))):
            PracticeConfig(**fields)
    public = PracticeConfig(wording_seed=3, confirmation_style="toast").public()
    assert public["wording_seed"] == 3 and public["confirmation_style"] == "toast"
    assert PracticeConfig().confirmation_style == CONFIRMATION_STYLES[0] == "in-place"


# -- errors after Send over HTTP ------------------------------------------------------------


def test_error_then_success_counts_refusals_and_records_only_the_success(site: PracticeSite) -> None:
    site.config = PracticeConfig(country_field=False, submit_error="alert", submit_error_times=2)
    url = site.origin("www.facebook.com") + "/ajax/help/contact/submit/page"
    cookie = "c_user=" + site.state.new_session("eve", numeric=True)
    answers = [json.loads(http(url, FB_FIELDS, cookie)[2]) for _ in range(3)]
    message = texts("en")["submit_failed"]
    assert [a["ok"] for a in answers] == [False, False, True]
    assert answers[0]["errors"] == {"__form__": message}
    assert site.refused_submits == 2 and len(site.confirmed) == 1
    status, _, body = http(site.origin("www.facebook.com") + "/__practice__/state")
    assert json.loads(body)["refused_submits"] == 2
    site.reset()
    assert site.refused_submits == 0
    # an invalid post is a validation error, not one of the refused submits
    answer = json.loads(http(url, {**FB_FIELDS, "Field3045739284672108": "nope"}, cookie)[2])
    assert "Field3045739284672108" in answer["errors"] and site.refused_submits == 0


def test_status_error_answers_500_and_submit_delay_slows_the_answer(site: PracticeSite) -> None:
    site.config = PracticeConfig(country_field=False, submit_error="status", submit_delay=0.4)
    url = site.origin("www.facebook.com") + "/ajax/help/contact/submit/page"
    started = time.monotonic()
    status, _, body = http(url, FB_FIELDS, "c_user=1")
    assert time.monotonic() - started >= 0.4
    assert status == 500 and json.loads(body) == {"ok": False, "error": texts("en")["submit_failed"]}
    assert site.submissions == [] and site.refused_submits == 1


def test_moved_form_answers_302_to_another_host(site: PracticeSite) -> None:
    site.config = PracticeConfig(moved_to="help.meta.com")
    status, headers, _ = http(site.url(IG_FORM), cookie="sessionid=x")
    assert status == 302 and headers["Location"] == site.origin("help.meta.com") + "/support/privacy"
    assert "help.meta.com=" + site.origin("help.meta.com") in site.site_map.split(",")
    site.config = PracticeConfig(moved_to="lookalike")
    status, headers, _ = http(site.url(FB_FORM), cookie="c_user=1")
    assert status == 302 and headers["Location"].startswith(site.foreign_origin + "/help/contact/")


def test_seeded_cookie_dialog_uses_the_pool_and_meta_markers(site: PracticeSite) -> None:
    seed = next(s for s in range(50) if wording("de", s).cookie != cookie_phrasings("de")[0])
    site.config = PracticeConfig(language="de", wording_seed=seed)
    words = wording("de", seed).cookie
    _, _, html = http(site.url(FB_FORM), cookie="c_user=1")
    assert words.title.format(brand="Facebook") in html and words.decline in html
    assert 'data-testid="cookie-policy-manage-dialog"' in html
    assert 'data-cookiebanner="accept_only_essential_button"' in html
    site.config = PracticeConfig(language="de")
    _, _, html = http(site.url(FB_FORM), cookie="c_user=1")
    assert "data-cookiebanner" not in html and texts("de")["cookie_decline"] in html


def test_every_mode_speaks_every_language(site: PracticeSite) -> None:
    """Each mode's page or answer carries the texts of the page language (seeded or not)."""
    submit_url = site.origin("www.facebook.com") + "/ajax/help/contact/submit/page"
    for lang, seed in zip(LANGUAGES, (None, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True):
        t = texts(lang)
        words = wording(lang, seed)
        base = {"language": lang, "country_field": False, "wording_seed": seed}
        site.config = PracticeConfig(**base, routing_question="buttons")
        _, _, html = http(site.url(IG_FORM), cookie="sessionid=x")
        assert escape(words.routing.question) in html and escape(words.routing.yes) in html, lang
        assert escape(t["dead_end_title"]) in html, lang
        fields = {**FB_FIELDS, "support_form_locale_id": site.config.locale}
        for style in ("page", "icon-heading"):
            site.config = PracticeConfig(**base, confirmation_style=style)
            answer = json.loads(http(submit_url, fields, "c_user=1")[2])
            assert escape(words.confirmation[0]) in answer["html"], (lang, style)
        for mode in SUBMIT_ERRORS:
            site.config = PracticeConfig(**base, submit_error=mode)
            site.reset()
            _, _, body = http(submit_url, fields, "c_user=1")
            assert words.submit_error in unescape(body) and site.refused_submits == 1, (lang, mode)
        _, _, html = http(site.origin("help.meta.com") + "/support/privacy")
        assert f'lang="{lang}"' in html and escape(t["meta_help_title"]) in html, lang
        site.config = PracticeConfig(**base, interstitial="continue-as")
        cookie = "c_user=" + site.state.new_session("Bo", numeric=True)
        _, _, html = http(site.origin("www.facebook.com") + "/login/continue-as/", cookie=cookie)
        assert escape(t("inter_continue_title", user="Bo")) in html and escape(t["inter_not_now"]) in html


# -- confirmation styles in Chromium ------------------------------------------------------


@browser_test
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("style", CONFIRMATION_STYLES)
def test_confirmation_style(
    site: PracticeSite, page: Page, context: BrowserContext, style: str, lang: str
) -> None:
    site.config = PracticeConfig(
        language=lang, cookie_dialog=False, confirmation_style=style, wording_seed=11
    )
    t = texts(lang)
    title, body = wording(lang, 11).confirmation
    log_in(context, site)
    page.goto(site.url(FB_FORM))
    fill_form(page, t)
    send(page, t)
    if style == "in-place":
        page.get_by_role("status").get_by_role("heading", name=title).wait_for()
    elif style == "page":
        page.get_by_role("heading", level=1, name=title).wait_for()
        assert page.get_by_role("heading").count() == 1 and page.get_by_role("status").count() == 0
        assert page.get_by_text(t["title"]).count() == 0 and page.locator("form").count() == 0
    elif style == "dialog":
        dialog = page.get_by_role("dialog", name=title)
        dialog.wait_for()
        assert body in dialog.inner_text()
        assert page.locator("form").is_visible()  # the form stays behind the dialog
        dialog.get_by_role("button", name=t["close"]).click()
        assert page.get_by_role("dialog").count() == 0
        assert page.get_by_label(t["email_label"], exact=True).input_value() == ""
    elif style == "toast":
        status = page.get_by_role("status")
        page.wait_for_function("() => document.getElementById('toast-region').textContent.length > 0")
        assert status.inner_text() == title and status.get_attribute("aria-live") == "polite"
        assert status.get_by_role("heading").count() == 0
        assert page.get_by_role("heading").all_inner_texts() == [t["title"]]
        assert page.locator("form").count() == 0
    elif style == "icon-heading":
        page.get_by_text(body).wait_for()
        headings = page.get_by_role("heading")
        assert headings.count() == 2 and headings.nth(1).inner_text().strip() == ""
        assert page.get_by_role("heading", name=title).count() == 0
        assert page.get_by_text(title, exact=True).evaluate("el => el.tagName") == "P"
        assert page.get_by_role("status").count() == 0
    else:  # navigate
        page.wait_for_url(site.url(FB_FORM) + "/submitted/")
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert body in page.locator("main").inner_text()
    [sub] = site.confirmed
    assert sub.language == lang and sub.fields["country"] == "DE"


@browser_test
@pytest.mark.parametrize("lang", ["en", "de"])
def test_held_out_confirmation_on_the_page(
    site: PracticeSite, page: Page, context: BrowserContext, lang: str
) -> None:
    site.config = PracticeConfig(language=lang, cookie_dialog=False, held_out=True, wording_seed=2)
    t = texts(lang)
    title, body = wording(lang, 2, held_out=True).confirmation
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    fill_form(page, t)
    send(page, t)
    status = page.get_by_role("status")
    status.get_by_role("heading", name=title).wait_for()
    assert body in status.inner_text()
    text = status.inner_text()
    assert not any(p.search(text) for p in expect_regexes())
    assert len(site.confirmed) == 1


# -- errors after Send in Chromium ----------------------------------------------------------


@browser_test
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("mode", SUBMIT_ERRORS)
def test_error_then_success(
    site: PracticeSite, page: Page, context: BrowserContext, mode: str, lang: str
) -> None:
    site.config = PracticeConfig(language=lang, cookie_dialog=False, submit_error=mode, wording_seed=4)
    t = texts(lang)
    message = wording(lang, 4).submit_error
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    fill_form(page, t)
    with page.expect_response(SUBMIT) as answer:
        send(page, t)
    assert answer.value.status == (500 if mode == "status" else 200)
    email = page.get_by_label(t["email_label"], exact=True)
    if mode == "alert":
        page.get_by_role("alert").filter(has_text=message).wait_for()
        assert email.input_value() == "ada@example.org"
    elif mode == "status":
        shown = page.get_by_text(message, exact=True)
        shown.wait_for()
        assert shown.get_attribute("role") is None and page.get_by_role("alert").count() == 0
        assert email.input_value() == "ada@example.org"
    else:
        page.locator(".error-banner", has_text=message).wait_for()
        assert email.input_value() == "" and page.get_by_role("alert").count() == 0
    assert site.submissions == [] and site.refused_submits == 1
    if mode == "form-again":
        fill_form(page, t)
    send(page, t)
    page.get_by_role("status").get_by_role("heading", name=wording(lang, 4).confirmation[0]).wait_for()
    assert page.get_by_text(message).count() == 0
    assert len(site.confirmed) == 1 and site.refused_submits == 1


# -- the routing question -----------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("form", [IG_FORM, FB_FORM], ids=["instagram", "facebook"])
@pytest.mark.parametrize("mode", ["radios", "buttons"])
def test_routing_question_yes_shows_the_form(
    site: PracticeSite, page: Page, context: BrowserContext, mode: str, form: str, lang: str
) -> None:
    site.config = PracticeConfig(language=lang, cookie_dialog=False, routing_question=mode)
    t = texts(lang)
    q = wording(lang).routing
    log_in(context, site)
    page.goto(site.url(form))
    assert page.get_by_label(t["email_label"], exact=True).count() == 0  # no form before the answer
    if mode == "radios":
        group = page.get_by_role("radiogroup", name=q.question)
        page.get_by_role("button", name=q.next).click()
        page.get_by_role("alert").filter(has_text=t["routing_choose"]).wait_for()
        group.get_by_role("radio", name=q.yes, exact=True).check()
        page.get_by_role("button", name=q.next).click()
    else:
        page.get_by_text(q.question).wait_for()
        page.get_by_role("button", name=q.yes, exact=True).click()
    page.get_by_label(t["email_label"], exact=True).wait_for()
    assert page.get_by_text(q.question).count() == 0
    fill_form(page, t)
    send(page, t)
    page.get_by_role("status").wait_for()
    assert len(site.confirmed) == 1


@browser_test
@pytest.mark.parametrize("mode", ["radios", "buttons"])
def test_routing_question_no_is_a_dead_end(
    site: PracticeSite, page: Page, context: BrowserContext, mode: str
) -> None:
    seed = next(s for s in range(50) if wording("de", s).routing != routing_phrasings("de")[0])
    site.config = PracticeConfig(language="de", routing_question=mode, wording_seed=seed, cookie_dialog=False)
    t = texts("de")
    q = wording("de", seed).routing
    log_in(context, site)
    page.goto(site.url(FB_FORM))
    if mode == "radios":
        page.get_by_role("radiogroup", name=q.question).get_by_role("radio", name=q.no, exact=True).check()
        page.get_by_role("button", name=q.next).click()
    else:
        page.get_by_role("button", name=q.no, exact=True).click()
    page.get_by_role("heading", name=t["dead_end_title"]).wait_for()
    assert page.get_by_role("link", name=t["dead_end_link"]).is_visible()
    assert page.get_by_role("textbox").count() == 0 and page.locator("form").count() == 0


# -- after-login interstitials ---------------------------------------------------------------


@browser_test
@pytest.mark.parametrize(
    ("form", "login_host", "cookie"),
    [(IG_FORM, "www.instagram.com", "sessionid"), (FB_FORM, "www.facebook.com", "c_user")],
    ids=["instagram", "facebook"],
)
@pytest.mark.parametrize("kind", INTERSTITIALS)
def test_interstitial_after_login(
    site: PracticeSite,
    page: Page,
    context: BrowserContext,
    kind: str,
    form: str,
    login_host: str,
    cookie: str,
) -> None:
    lang = "de" if kind == "continue-as" else "en"
    t = texts(lang)
    site.config = PracticeConfig(language=lang, cookie_dialog=False, interstitial=kind)
    page.goto(site.url(form))
    page.get_by_label(t["login_user_ig"] if "instagram" in login_host else t["login_user_fb"]).fill("grace")
    page.get_by_label(t["login_password"], exact=True).fill("secret")
    page.get_by_role("button", name=t["login_button"]).click()
    title = {
        "save-login": t["inter_save_title"],
        "continue-as": t("inter_continue_title", user="grace"),
        "remember-browser": t["inter_remember_title"],
    }[kind]
    page.get_by_role("heading", name=title).wait_for()
    assert page.url.startswith(site.origin(login_host) + "/")
    if kind == "save-login":
        path = "/accounts/onetap/" if "instagram" in login_host else "/login/save-device/"
        assert page.url.startswith(site.origin(login_host) + path + "?next=")
    assert cookie in {c["name"] for c in context.cookies()}  # logged in already
    assert page.get_by_label(t["email_label"], exact=True).count() == 0
    page.get_by_role("button", name=t["inter_not_now"]).click()
    page.wait_for_url(site.url(form))
    page.get_by_label(t["email_label"], exact=True).wait_for()


@browser_test
def test_interstitial_other_button_and_reopening_the_form(
    site: PracticeSite, page: Page, context: BrowserContext
) -> None:
    site.config = PracticeConfig(cookie_dialog=False, interstitial="save-login")
    t = texts("en")
    page.goto(site.url(IG_FORM))
    page.get_by_label(t["login_user_ig"]).fill("ida")
    page.get_by_label(t["login_password"], exact=True).fill("pw")
    page.get_by_role("button", name=t["login_button"]).click()
    page.get_by_role("button", name=t["inter_save_yes"]).wait_for()
    page.goto(site.url(IG_FORM))  # what the assistant does once the cookie is there
    fill_form(page, t)
    send(page, t)
    page.get_by_role("status").wait_for()
    assert site.confirmed[0].user == "ida"
    context.clear_cookies()
    page.goto(site.origin("www.instagram.com") + "/accounts/onetap/")
    assert "/accounts/login/" in page.url  # without a login the interstitial sends you to log in


# -- forms that moved ----------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize("lang", ["en", "de"])
def test_moved_to_help_meta_com(site: PracticeSite, page: Page, context: BrowserContext, lang: str) -> None:
    site.config = PracticeConfig(language=lang, moved_to="help.meta.com")
    t = texts(lang)
    log_in(context, site)
    page.goto(site.url(FB_FORM))
    assert page.url == site.origin("help.meta.com") + "/support/privacy"
    assert page.get_by_role("heading", level=1).inner_text() == t["meta_help_title"]
    assert page.get_by_role("link", name=t["meta_topic_request"]).is_visible()
    assert page.get_by_role("textbox").count() == 0 and site.foreign_hits == []


@browser_test
def test_moved_to_lookalike(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    site.config = PracticeConfig(moved_to="lookalike", cookie_dialog=False)
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    assert page.url.startswith(site.foreign_origin + "/help/contact/")
    assert [h["method"] for h in site.foreign_hits] == ["GET"]
