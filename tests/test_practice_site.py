"""The bundled practice Help Centre, driven in real (headless) Chromium by role and label."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from practice_helpers import META_LOGIN_HOSTS

from assistant.practice import (
    DRIFT_VARIANTS,
    LANGUAGES,
    SETTINGS_HOSTS,
    PracticeConfig,
    PracticeSite,
    Submission,
)
from assistant.practice.strings import texts

browser_test = pytest.mark.browser

IG_FORM = "https://help.instagram.com/contact/767264225370182"
FB_FORM = "https://www.facebook.com/help/contact/712876720715583"
FB_FORM_2024 = "https://www.facebook.com/help/contact/6359191084165019"
TP_FORM = "https://www.facebook.com/help/contact/510058597920541"
SEND = re.compile(r"^(Send|Submit)$")
LONG_REASON = "I do not want my posts, photos and comments used to train AI models. " * 2


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def running_site() -> Iterator[PracticeSite]:
    with PracticeSite() as s:
        yield s


@pytest.fixture
def site(running_site: PracticeSite) -> PracticeSite:
    running_site.config = PracticeConfig()
    running_site.reset()
    return running_site


@pytest.fixture(scope="module")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})
    ctx.set_default_timeout(5000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def shared_page(shared_context: BrowserContext) -> Page:
    return shared_context.new_page()


@pytest.fixture
def context(shared_context: BrowserContext, shared_page: Page) -> BrowserContext:
    """One browser context and page for the module (much cheaper), emptied for each test."""
    shared_page.goto("about:blank")
    shared_context.clear_cookies()
    return shared_context


@pytest.fixture
def page(context: BrowserContext, shared_page: Page) -> Page:
    return shared_page


def log_in(context: BrowserContext, site: PracticeSite, user: str = "tester", consent: bool = True) -> None:
    """Give the browser the login cookies a person would have after logging in."""
    url = site.origin("www.facebook.com")
    cookies = []
    for host in META_LOGIN_HOSTS:
        name, value = site.new_login(host, user)
        cookies.append({"name": name, "value": value, "url": url})
    if consent:
        cookies.append({"name": "practice_consent", "value": "all", "url": url})
    context.add_cookies(cookies)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url: str, data: dict[str, str] | None = None, cookie: str = "") -> tuple[int, dict[str, str], str]:
    """GET (or POST form-encoded ``data``) without following redirects."""
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if data is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.build_opener(_NoRedirect).open(request) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def choose_country(page: Page, label: str | re.Pattern[str], country: str) -> None:
    """Pick the country in the field labelled ``label``: a typeahead or a native list
    (both have the role "combobox")."""
    field = page.get_by_role("combobox", name=label)
    field.wait_for()
    if field.evaluate("el => el.tagName") == "SELECT":
        field.select_option(label=country)
    else:
        field.fill(country[:4])
        page.get_by_role("option", name=country, exact=True).click()


def fill_objection(
    page: Page,
    *,
    country: str = "Germany",
    email: str = "ada@example.org",
    reason: str = "",
) -> None:
    """Fill an objection form the way a role/label-driven assistant does."""
    choose_country(page, re.compile("country", re.I), country)
    page.get_by_label(re.compile("e-?mail", re.I)).fill(email)
    if reason:
        page.get_by_label(re.compile("affect", re.I)).fill(reason)


# -- the Python API ------------------------------------------------------------------------


def test_public_api_addresses_and_config(site: PracticeSite) -> None:
    assert LANGUAGES == ("en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da")
    assert set(DRIFT_VARIANTS) == {
        "renamed",
        "div-buttons",
        "no-form",
        "delayed",
        "in-place",
        "extra-field",
    }
    hosts = dict(pair.split("=", 1) for pair in site.site_map.split(","))
    meta = ["help.instagram.com", "www.instagram.com", "www.facebook.com", "help.meta.com"]
    # then the settings services' hosts, then WhatsApp's contact form
    assert list(hosts) == meta + list(SETTINGS_HOSTS) + ["www.whatsapp.com"]
    origins = set(hosts.values()) | {site.foreign_origin}
    assert len(origins) == len(hosts) + 1 and all(o.startswith("http://127.0.0.1:") for o in origins)
    assert site.origin("www.facebook.com") == hosts["www.facebook.com"]
    assert site.url(FB_FORM + "?ref=x") == hosts["www.facebook.com"] + "/help/contact/712876720715583?ref=x"
    with pytest.raises(ValueError):
        site.url("https://example.org/")
    with pytest.raises(ValueError):
        PracticeConfig(language="xx")
    with pytest.raises(ValueError):
        PracticeConfig(drift="sideways")


def test_every_language_has_every_text() -> None:
    english = texts("en")
    for lang in LANGUAGES:
        t = texts(lang)
        assert set(t) == set(english), lang
        assert all(value.strip() for value in t.values()), lang
        for key, value in english.items():
            for placeholder in ("{brand}", "{email}", "{user}"):
                assert (placeholder in value) == (placeholder in t[key]), (lang, key)
        if lang != "en":
            assert t["title"] != english["title"] and t["done_text"] != english["done_text"]
    known = {
        "de": "Senden",
        "fr": "Envoyer",
        "it": "Invia",
        "nl": "Verzenden",
        "es": "Enviar",
        "pl": "Wyślij",
        "pt": "Enviar",
        "sv": "Skicka",
        "da": "Send",
        "en": "Send",
    }
    assert {lang: texts(lang)["send"] for lang in LANGUAGES} == known
    assert "KI bei Meta" in texts("de")["title"] and "Widerspruch" in texts("de")["title"]
    assert "L'IA chez Meta" in texts("fr")["title"] and "facultatif" in texts("fr")["optional"]
    assert "IA in Meta" in texts("it")["title"] and "AI bij Meta" in texts("nl")["title"]


def test_login_next_must_point_at_the_practice_site(site: PracticeSite) -> None:
    login = site.origin("www.instagram.com") + "/accounts/login/"
    status, headers, _ = http(login, {"username": "a", "password": "b", "next": "https://evil.example/x"})
    assert status == 302 and headers["Location"] == site.url(IG_FORM)
    assert "sessionid=" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
    own = site.url(IG_FORM) + "?x=1"
    status, headers, _ = http(login, {"username": "a", "password": "b", "next": own})
    assert headers["Location"] == own
    status, _, body = http(login, {"username": "", "password": ""})
    assert status == 200 and texts("en")["login_error"] in body.replace("&#x27;", "'")


def test_state_endpoint_and_error_status(site: PracticeSite) -> None:
    status, _, body = http(site.origin("www.facebook.com") + "/__practice__/state")
    assert status == 200 and json.loads(body)["submissions"] == []
    site.config = PracticeConfig(error_status=503)
    status, _, body = http(site.url(FB_FORM), cookie="c_user=1")
    assert status == 503 and "Sorry, something went wrong" in body


def test_confirmation_reads_in_each_language(site: PracticeSite) -> None:
    cookie = "c_user=" + site.state.new_session("poly", numeric=True)
    for lang in LANGUAGES:
        site.config = PracticeConfig(language=lang, country_field=False)
        locale = site.config.locale
        _, _, body = http(
            site.origin("www.facebook.com") + "/ajax/help/contact/submit/page",
            {
                "support_form_id": "712876720715583",
                "support_form_locale_id": locale,
                "Field3045739284672108": "x@example.org",
                "Field1508862935576312": "",
            },
            cookie=cookie,
        )
        answer = json.loads(body)
        t = texts(lang)
        assert answer["ok"] and answer["step"] == "done", (lang, answer)
        assert t("done_title").replace("'", "&#x27;") in answer["html"], lang
    assert [s.language for s in site.confirmed] == list(LANGUAGES)
    assert all(s.user == "poly" and s.host == "www.facebook.com" for s in site.confirmed)


# -- login, forms, code ---------------------------------------------------------------------


@browser_test
@pytest.mark.parametrize(
    ("form", "login_host", "login_path", "cookie", "user_label"),
    [
        (IG_FORM, "www.instagram.com", "/accounts/login/", "sessionid", "Phone number, username"),
        (FB_FORM, "www.facebook.com", "/login/", "c_user", "Email address or phone"),
    ],
    ids=["instagram", "facebook"],
)
def test_login_redirect_sets_cookie_and_returns_to_form(
    site: PracticeSite,
    page: Page,
    context: BrowserContext,
    form: str,
    login_host: str,
    login_path: str,
    cookie: str,
    user_label: str,
) -> None:
    site.config = PracticeConfig(cookie_dialog=False)
    page.goto(site.url(form))
    expected = site.origin(login_host) + login_path + "?next=" + urllib.parse.quote(site.url(form), safe="")
    assert page.url == expected
    page.get_by_label(user_label).fill("grace")
    page.get_by_label("Password", exact=True).fill("secret")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(site.url(form))
    jar = {c["name"]: c for c in context.cookies()}
    assert jar[cookie]["httpOnly"] and jar[cookie]["path"] == "/"
    fill_objection(page)
    page.get_by_role("button", name=SEND).click()
    page.get_by_role("status").get_by_role("heading", name=re.compile("received your objection")).wait_for()
    [sub] = site.confirmed
    assert sub.user == "grace"
    # logging out clears the cookie and the form asks for a login again
    logout = "/accounts/logout/" if "instagram" in login_host else "/logout/"
    page.goto(site.origin(login_host) + logout)
    assert cookie not in {c["name"] for c in context.cookies()}
    page.goto(site.url(form))
    assert login_path in page.url


@browser_test
def test_instagram_form_records_typeahead_country(
    site: PracticeSite, page: Page, context: BrowserContext
) -> None:
    log_in(context, site, "ada")
    page.goto(site.url(IG_FORM))
    assert page.get_by_role("heading", level=1).inner_text() == texts("en")["title"]
    assert page.locator('input[name="support_form_locale_id"]').input_value() == "en_US"
    assert page.locator('input[name="support_form_id"]').input_value() == "767264225370182"
    combo = page.get_by_role("combobox", name="Country where you live")
    combo.press_sequentially("swed")
    page.get_by_role("listbox").get_by_role("option", name="Sweden").click()
    assert combo.input_value() == "Sweden"
    assert page.locator('input[name$="_iso2_country_code"]').input_value() == "SE"
    page.get_by_label("Email address").fill("ada@example.org")
    reason = page.get_by_label(re.compile(r"affects you \(optional\)"))
    assert reason.get_attribute("maxlength") == "3000"
    reason.fill("My photos are mine.")
    page.get_by_role("button", name="Send").click()
    page.get_by_role("status").wait_for()
    assert page.url == site.url(IG_FORM)  # confirmation in place, no navigation
    [sub] = site.submissions
    assert isinstance(sub, Submission)
    assert (sub.form_id, sub.host, sub.language, sub.user, sub.confirmed) == (
        "767264225370182",
        "help.instagram.com",
        "en",
        "ada",
        True,
    )
    assert sub.fields == {
        "country": "SE",
        "email": "ada@example.org",
        "reason": "My photos are mine.",
    }


@browser_test
@pytest.mark.parametrize("form", [FB_FORM, FB_FORM_2024], ids=["2025-id", "2024-id"])
def test_facebook_form_in_german(site: PracticeSite, page: Page, context: BrowserContext, form: str) -> None:
    site.config = PracticeConfig(language="de", cookie_dialog=False)
    log_in(context, site, "hans")
    page.goto(site.url(form))
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_label("Land, in dem du lebst").select_option(label="Deutschland")
    page.get_by_label("E-Mail-Adresse").fill("hans@example.de")
    page.get_by_role("button", name="Senden").click()
    status = page.get_by_role("status")
    status.get_by_role("heading", name="Danke, wir haben deinen Widerspruch erhalten").wait_for()
    assert "ab sofort" in status.inner_text()
    [sub] = site.confirmed
    assert sub.form_id == form.rsplit("/", 1)[1] and sub.language == "de"
    assert sub.fields == {"country": "DE", "email": "hans@example.de", "reason": ""}


@browser_test
def test_errors_show_next_to_fields_and_nothing_is_recorded(site: PracticeSite, page, context) -> None:
    site.config = PracticeConfig(reason_required=True)
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    reason = page.get_by_label("Please tell us how this processing affects you")
    assert "(optional)" not in (page.locator("label", has_text="processing affects").inner_text())
    page.get_by_role("combobox", name=re.compile("Country")).fill("Germany")  # typed, not chosen
    page.get_by_label("Email address").fill("not-an-address")
    reason.fill("too short")
    page.get_by_role("button", name="Send").click()
    alerts = page.get_by_role("alert")
    alerts.first.wait_for()
    text = " | ".join(alerts.all_inner_texts())
    assert "Choose your country from the list." in text
    assert "Enter a valid email address." in text
    assert "at least 100 characters" in text
    assert page.get_by_label("Email address").get_attribute("aria-invalid") == "true"
    assert site.submissions == [] and len(site.rejected) == 1
    # The list opened by typing "Germany" closes 150 ms after the field lost focus (to the e-mail
    # field); typing again before that would have the new list closed under the click.
    expect(page.get_by_role("listbox")).to_be_hidden()
    fill_objection(page, reason=LONG_REASON)
    page.get_by_role("button", name="Send").click()
    page.get_by_role("status").wait_for()
    assert len(site.confirmed) == 1 and site.confirmed[0].fields["reason"] == LONG_REASON.strip()


@browser_test
def test_code_step_rejects_wrong_code_and_confirms_right_one(site: PracticeSite, page, context) -> None:
    mailed: list[tuple[str, str]] = []
    site.config = PracticeConfig(code_step=True, on_code=lambda email, code: mailed.append((email, code)))
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    fill_objection(page, email="code@example.org")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Enter the code we sent to code@example.org").wait_for()
    assert mailed == site.codes_sent and len(mailed) == 1
    email, code = mailed[0]
    assert email == "code@example.org" and re.fullmatch(r"\d{6}", code)
    [pending] = site.submissions
    assert not pending.confirmed and site.confirmed == []
    box = page.get_by_label("Confirmation code")
    box.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("alert").filter(has_text="isn't right").wait_for()
    assert site.confirmed == []
    box.fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("status").wait_for()
    assert len(site.submissions) == 1 and site.submissions[0].confirmed


@browser_test
def test_cookie_overlay_blocks_clicks_until_dismissed(
    site: PracticeSite, page: Page, context: BrowserContext
) -> None:
    log_in(context, site, consent=False)
    page.goto(site.url(IG_FORM))
    dialog = page.get_by_role("dialog", name=re.compile("cookies from Instagram"))
    assert dialog.is_visible()
    send = page.get_by_role("button", name="Send")
    with pytest.raises(PlaywrightTimeout):
        send.click(timeout=600)
    dialog.get_by_role("button", name="Decline optional cookies").click()
    assert dialog.count() == 0
    send.click()
    page.get_by_role("alert").first.wait_for()  # the click reached the form (empty form -> errors)
    assert "practice_consent" in {c["name"] for c in context.cookies()}
    page.goto(site.url(FB_FORM))  # consent is remembered across the practice hosts
    assert page.get_by_role("dialog").count() == 0


@browser_test
def test_each_language_serves_its_own_page(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    log_in(context, site)
    fb_cookie = "c_user=" + site.state.new_session("x", numeric=True)
    for lang in LANGUAGES:
        t = texts(lang)
        site.config = PracticeConfig(language=lang, cookie_dialog=False)
        page.goto(site.url(IG_FORM))
        assert page.locator("html").get_attribute("lang") == lang
        assert page.get_by_role("heading", level=1).inner_text() == t["title"]
        page.get_by_role("button", name=t["send"], exact=True).wait_for()
        assert page.get_by_label(t["email_label"], exact=True).count() == 1
        locale = page.locator('input[name="support_form_locale_id"]').input_value()
        assert locale == site.config.locale and locale.startswith(lang + "_")
        _, _, html = http(site.url(FB_FORM), cookie=fb_cookie)
        assert f'<html lang="{lang}">' in html and f'value="{locale}"' in html
        assert (
            f'<button type="submit" class="btn primary send-button" data-practice-send>{t["send"]}<' in html
        )


@browser_test
def test_foreign_redirect_lands_on_the_look_alike(
    site: PracticeSite, page: Page, context: BrowserContext
) -> None:
    site.config = PracticeConfig(foreign_redirect=True, cookie_dialog=False)
    log_in(context, site)
    page.goto(site.url(FB_FORM))
    assert page.url.startswith(site.foreign_origin + "/help/contact/")
    assert page.get_by_role("heading", level=1).inner_text() == texts("en")["title"]
    hits = site.foreign_hits
    assert [h["method"] for h in hits] == ["GET"]
    page.get_by_label("Email address").fill("victim@example.org")  # what the assistant must not do
    posts: list[dict[str, object]] = []
    for _ in range(30):
        posts = [h for h in site.foreign_hits if h["method"] == "POST"]
        if posts:
            break
        page.wait_for_timeout(100)
    assert posts and posts[0]["fields"]["value"] == "victim@example.org"
    assert site.submissions == []


@browser_test
def test_auto_login_with_security_check(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    site.config = PracticeConfig(
        auto_login=True, auto_login_delay=0.5, security_check=True, cookie_dialog=False
    )
    page.goto(site.url(FB_FORM))
    page.get_by_role("heading", name="Security check").wait_for()
    assert "c_user" not in {c["name"] for c in context.cookies()}  # not logged in until checked
    page.get_by_text("Enter the 6 digits from your authenticator app").first.wait_for()
    page.wait_for_url(site.url(FB_FORM))
    fill_objection(page)
    page.get_by_role("button", name="Send").click()
    page.get_by_role("status").wait_for()
    assert site.confirmed[0].user == "practice"


@browser_test
def test_security_check_by_hand(site: PracticeSite, page: Page) -> None:
    site.config = PracticeConfig(security_check=True, cookie_dialog=False)
    page.goto(site.url(IG_FORM))
    page.get_by_label(re.compile("username")).fill("kim")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    code = page.get_by_label("Security code")
    code.fill("12")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("alert").wait_for()
    page.get_by_label("Security code").fill("654321")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(site.url(IG_FORM))


@browser_test
def test_auto_send_when_highlighted(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    site.config = PracticeConfig(auto_send_when_highlighted=True, cookie_dialog=False)
    log_in(context, site)
    page.goto(site.url(IG_FORM))
    fill_objection(page)
    send = page.get_by_role("button", name="Send")
    send.focus()  # focus alone is not a highlight
    page.wait_for_timeout(900)
    assert site.submissions == []
    send.evaluate("el => { el.style.outline = '4px solid #e91e63'; }")
    page.get_by_role("status").wait_for(timeout=4000)
    assert len(site.confirmed) == 1


# -- phase 2: drift variants and the third-party form -----------------------------------


@browser_test
@pytest.mark.parametrize("form", [IG_FORM, FB_FORM], ids=["instagram", "facebook"])
@pytest.mark.parametrize("variant", DRIFT_VARIANTS)
def test_drift_variant_still_submits_by_role_and_label(
    site: PracticeSite,
    page: Page,
    context: BrowserContext,
    variant: str,
    form: str,
) -> None:
    with_dialog = variant == "div-buttons"
    site.config = PracticeConfig(drift=variant, cookie_dialog=with_dialog)
    log_in(context, site, consent=not with_dialog)
    page.goto(site.url(form))
    if with_dialog:
        allow = page.get_by_role("button", name="Allow all cookies")
        assert allow.evaluate("el => el.tagName") == "DIV"
        allow.focus()
        page.keyboard.press("Enter")
        assert page.get_by_role("dialog").count() == 0
    fill_objection(page, reason="It affects my work as a photographer.")
    send = page.get_by_role("button", name=SEND)
    if variant == "extra-field":
        send.click()
        page.get_by_role("alert").filter(has_text=re.compile("Tick this box|Choose an account")).wait_for()
        assert site.submissions == []
        extra_box = page.get_by_role("checkbox", name=re.compile("I confirm"))
        if extra_box.count():
            extra_box.check()
        else:
            page.get_by_label("Which account is this about?").select_option(label="My own account")
    if variant == "no-form":
        assert page.locator("form").count() == 0
    if variant == "div-buttons":
        assert send.evaluate("el => el.tagName") == "DIV"
        send.focus()
        page.keyboard.press("Enter")
    else:
        send.click()
    heading = re.compile("received your objection")
    if variant == "in-place":
        dialog = page.get_by_role("dialog", name=heading)
        dialog.wait_for()
        dialog.get_by_role("button", name="Close").click()
    page.get_by_role("status").get_by_role("heading", name=heading).wait_for()
    [sub] = site.confirmed
    assert sub.fields["country"] == "DE" and sub.fields["email"] == "ada@example.org"
    assert sub.fields["reason"] == "It affects my work as a photographer."
    if variant == "extra-field":
        assert sub.fields.get("confirm") == "yes" or sub.fields.get("account") == "own"


@browser_test
def test_renamed_variant_really_differs(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    log_in(context, site)
    names = {}
    for drift in (None, "renamed"):
        site.config = PracticeConfig(drift=drift, cookie_dialog=False)
        page.goto(site.url(IG_FORM))
        labels = page.locator("label").all_inner_texts()
        fields = page.locator("[name^=Field]").evaluate_all("els => els.map(e => e.name)")
        names[drift] = (labels, fields)
    (labels, fields), (labels2, fields2) = names[None], names["renamed"]
    assert labels[0].startswith("Country") and labels2[-1].startswith("Country")
    assert labels2[0] == "E-mail address you use" and not set(labels) & set(labels2)
    assert not set(fields) & set(fields2)


@browser_test
def test_third_party_form(site: PracticeSite, page: Page, context: BrowserContext) -> None:
    log_in(context, site, "lin")
    page.goto(site.url(TP_FORM))
    group = page.get_by_role("radiogroup", name="What would you like to do?")
    assert group.get_by_role("radio").count() == 4
    page.get_by_label("Country where you live").select_option(label="Ireland")
    page.get_by_label("First name").fill("Lin")
    page.get_by_label("Last name").fill("Byrne")
    page.get_by_label("Email address").fill("lin@example.ie")
    page.get_by_label("The prompts you entered").fill("Who is Lin Byrne from Cork?")
    shot = page.get_by_label(re.compile("screenshot of the response"))
    shot.set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"})
    page.get_by_label(re.compile("anything else")).fill("Please stop.")
    page.get_by_role("button", name="Send").click()
    alerts = page.get_by_role("alert")
    alerts.first.wait_for()
    text = " | ".join(alerts.all_inner_texts())
    assert "Choose what you'd like to do." in text and "Upload an image file" in text
    assert site.submissions == []
    group.get_by_role(
        "radio",
        name=re.compile("Object to or restrict the processing of my personal information from third parties"),
    ).check()
    shot.set_input_files({"name": "answer.png", "mimeType": "image/png", "buffer": b"\x89PNG" + b"1" * 2000})
    page.get_by_role("button", name="Send").click()
    page.get_by_role("status").get_by_role("heading", name="Thanks, we've received your request").wait_for()
    [sub] = site.confirmed
    assert sub.form_id == "510058597920541" and sub.user == "lin"
    assert sub.fields == {
        "request_type": "object",
        "country": "IE",
        "first_name": "Lin",
        "last_name": "Byrne",
        "email": "lin@example.ie",
        "prompts": "Who is Lin Byrne from Cork?",
        "screenshot_name": "answer.png",
        "screenshot_size": "2004",
        "extra": "Please stop.",
    }


def test_third_party_upload_over_4_mb_is_refused(site: PracticeSite) -> None:
    boundary = "practiceboundary"
    values = {
        "support_form_id": "510058597920541",
        "support_form_locale_id": "en_US",
        "Field1460393974583325": "object",
        "Field2204739146138820": "IE",
        "Field1589620371937446": "Lin",
        "Field2971536648106294": "Byrne",
        "Field1034582967813370": "lin@example.ie",
        "Field2647159023385712": "Who is Lin?",
    }
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in values.items()
    ]

    def post(size: int) -> dict[str, object]:
        upload = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="Field1873026459318654"; '
                f'filename="shot.png"\r\nContent-Type: image/png\r\n\r\n'
            ).encode()
            + b"\0" * size
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(
            site.origin("www.facebook.com") + "/ajax/help/contact/submit/page",
            data=b"".join(parts) + upload,
            method="POST",
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Cookie": "c_user=1",
            },
        )
        with urllib.request.urlopen(request) as answer:
            return json.loads(answer.read())

    refused = post(4 * 1024 * 1024 + 1)
    assert not refused["ok"] and "larger than 4 MB" in refused["errors"]["Field1873026459318654"]
    assert site.submissions == []
    accepted = post(4 * 1024 * 1024)
    assert accepted["ok"]
    assert site.confirmed[0].fields["screenshot_size"] == str(4 * 1024 * 1024)


def test_a_connection_the_browser_dropped_prints_no_traceback_but_a_real_error_does(caplog, capsys):
    """``objector practice`` runs in the person's terminal: a browser that closes a connection
    before its answer is written (a page left, a window closed) is not an error of the site."""
    import logging

    from assistant.practice import PracticeSite

    with PracticeSite() as site:
        server = next(iter(site._servers.values()))
        with caplog.at_level(logging.DEBUG, logger="assistant.practice.server"):
            for dropped in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset")):
                try:
                    raise dropped
                except OSError:
                    server.handle_error(None, ("127.0.0.1", 1))
            assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
            assert "closed the connection" in caplog.text
            assert "Traceback" not in capsys.readouterr().err
            try:
                raise ValueError("a bug in a page")
            except ValueError:
                server.handle_error(None, ("127.0.0.1", 1))
        (error,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert "ValueError: a bug in a page" in error.getMessage()
