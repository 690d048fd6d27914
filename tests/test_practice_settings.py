"""The practice settings pages of other services: logins, saving, variants, and real Chromium."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.cookiejar import CookieJar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from assistant.engine.waiting import poll_until
from assistant.practice import SETTINGS_HOSTS, SETTINGS_SERVICES, PracticeConfig, PracticeSite
from assistant.practice.services import ASSISTANT_IDS, LINKEDIN_OBJECTION_URL, Setting, SettingsService
from assistant.practice.settings_pages import settings_texts

browser_test = pytest.mark.browser
BLOGS = ("anna-writes", "anna-photos")

#: every (service, setting) pair, with the live URL of its page (the first blog/site for per-item ones)
#: (the AI assistants' single-page apps draw their controls in the browser: their server HTML holds
#: none, so they are tested in a browser, test_assistant_settings.py)
PAGE_SERVICES = [svc for svc in SETTINGS_SERVICES.values() if svc.id not in ASSISTANT_IDS]
ALL_SETTINGS: list[tuple[SettingsService, Setting]] = [
    (svc, setting) for svc in PAGE_SERVICES for setting in svc.settings
]


def _id(pair: tuple[SettingsService, Setting]) -> str:
    return f"{pair[0].id}-{pair[1].key}"


def live_url(svc: SettingsService, setting: Setting, item: str | None = None) -> str:
    return setting.url.replace("{item}", item or BLOGS[0]) if svc.items else setting.url


def item_of(svc: SettingsService, item: str | None = None) -> str | None:
    return (item or BLOGS[0]) if svc.items else None


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def running_site() -> Iterator[PracticeSite]:
    with PracticeSite() as site:
        yield site


@pytest.fixture
def site(running_site: PracticeSite) -> PracticeSite:
    running_site.config = PracticeConfig(blogs=BLOGS)
    running_site.reset()
    return running_site


# -- HTTP helpers -----------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(
    url: str, data: dict | None = None, cookie: str = "", as_json: bool = False
) -> tuple[int, dict, str]:
    """One request without following redirects (POST when ``data`` is given)."""
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if data is not None:
        if as_json:
            headers["Content-Type"] = "application/json"
            body = json.dumps(data).encode()
        else:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.build_opener(_NoRedirect).open(request) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


class _Page(HTMLParser):
    """The parts of a page the tests read: the form, its fields and the settings controls."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.action: str | None = None
        self.hidden: dict[str, str] = {}
        self.fills: list[tuple[str, str]] = []  # (input name, what a person types: user/password/code)
        self.choice: str | None = None
        self.controls: dict[tuple[str, str | None], dict[str, str | None]] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "form" and "data-practice-login" in a:
            self.action = a.get("action")
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.hidden[a["name"] or ""] = a.get("value") or ""
        if tag == "input" and a.get("data-fill"):
            self.fills.append((a.get("name") or "", a["data-fill"] or ""))
        if tag == "button" and a.get("name") == "choice" and "data-practice-go" in a:
            self.choice = a.get("value")
        if a.get("data-setting"):
            self.controls[(a["data-setting"] or "", a.get("data-item"))] = a | {"tag": tag}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")


def parse(html: str) -> _Page:
    found = _Page()
    found.feed(html)
    return found


def state_of(control: dict[str, str | None]) -> bool:
    """The on/off state a control shows, whatever its kind of markup."""
    kind = control["data-kind"]
    if kind in ("checkbox", "checkbox-switch"):
        return "checked" in control
    if kind == "pressed-button":
        return control["aria-pressed"] == "true"
    if kind == "menu-dialog":
        return control.get("aria-haspopup") == "menu"  # the "Turn off" menu is offered while on
    return control["aria-checked"] == "true"


_TYPED = {"user": "anna", "password": "secret", "code": "123456"}


class Visitor:
    """A person with a cookie jar who follows redirects, as a browser would."""

    def __init__(self) -> None:
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[str, str]:
        with self.opener.open(url) as answer:
            return answer.geturl(), answer.read().decode()

    def post(self, url: str, data: dict[str, str]) -> tuple[str, str]:
        with self.opener.open(url, urllib.parse.urlencode(data).encode()) as answer:
            return answer.geturl(), answer.read().decode()

    def open_logged_in(self, url: str, user: str = "anna") -> tuple[str, str]:
        """Open ``url``; answer every login page on the way (up to five steps)."""
        where, html = self.get(url)
        for _ in range(5):
            page = parse(html)
            if page.action is None:
                return where, html
            data = dict(page.hidden)
            data.update({name: user if fill == "user" else _TYPED[fill] for name, fill in page.fills})
            if page.choice is not None:
                data["choice"] = page.choice
            where, html = self.post(urllib.parse.urljoin(where, page.action), data)
        raise AssertionError(f"still on a login page after five steps: {where}")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def logged_in_cookie(site: PracticeSite, svc: SettingsService, user: str = "anna") -> str:
    return f"{svc.cookie}={site.state.new_session(user)}"


def save(site: PracticeSite, svc: SettingsService, setting: Setting, on: bool, cookie: str, item=None):
    path = svc.save_path.replace("{item}", item or "")
    body = {"setting": setting.key, "value": on}
    if item:
        body["item"] = item
    return http(site.origin(svc.settings_host) + path, body, cookie=cookie, as_json=True)


def shown_state(site: PracticeSite, svc: SettingsService, setting: Setting, cookie: str, item=None) -> bool:
    status, _, html = http(site.url(live_url(svc, setting, item)), cookie=cookie)
    assert status == 200
    return state_of(parse(html).controls[(setting.key, item_of(svc, item))])


# -- the table --------------------------------------------------------------------------------


def test_the_table_names_every_service_once_with_its_live_addresses(site: PracticeSite) -> None:
    assert set(SETTINGS_SERVICES) == {
        "linkedin",
        "x",
        "google",
        "microsoft",
        "pinterest",
        "quora",
        "tumblr",
        "wordpress",
        "adobe",
        *ASSISTANT_IDS,
    }
    mapped = dict(pair.split("=", 1) for pair in site.site_map.split(","))
    for svc in SETTINGS_SERVICES.values():
        assert set(svc.hosts) <= set(mapped), svc.id
        for setting in svc.settings:
            assert setting.url.startswith("https://") and svc.login_url.startswith("https://")
            assert setting.default_on != setting.wanted_on, f"{svc.id} starts opted out"
            assert site.url(live_url(svc, setting)).startswith(mapped[svc.settings_host])
    assert len(set(mapped.values())) == len(mapped)
    assert set(SETTINGS_HOSTS) <= set(mapped)
    assert site.login_cookie("accounts.google.com") == site.login_cookie("myactivity.google.com") == "SID"
    assert site.url("https://twitter.com/settings/grok_settings") == site.url(
        "https://x.com/settings/grok_settings"
    )


# -- logins and redirects -------------------------------------------------------------------


@pytest.mark.parametrize("svc", PAGE_SERVICES, ids=lambda s: s.id)
def test_a_logged_out_visit_goes_to_the_login_and_the_login_comes_back(site: PracticeSite, svc) -> None:
    setting = svc.settings[0]
    url = site.url(live_url(svc, setting))
    status, headers, _ = http(url)
    assert status == 302
    location = urllib.parse.urlsplit(headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == site.origin(svc.login_host)
    assert location.path == svc.login_path
    assert urllib.parse.parse_qs(location.query)[svc.next_param] == [url]
    # a stale session cookie is no login either
    assert http(url, cookie=f"{svc.cookie}=stale")[0] == 302

    visitor = Visitor()
    where, html = visitor.open_logged_in(url)
    assert where == url
    control = parse(html).controls[(setting.key, item_of(svc))]
    assert state_of(control) is setting.default_on
    assert svc.cookie in {cookie.name for cookie in visitor.jar}


def _page_config(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="practice-config">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))


def test_every_login_page_is_told_how_fast_the_stand_in_person_types(site: PracticeSite) -> None:
    logins = [site.origin(svc.login_host) + svc.login_path for svc in SETTINGS_SERVICES.values()]
    logins += [
        site.url("https://www.instagram.com/accounts/login/"),
        site.url("https://www.facebook.com/login/"),
    ]
    for key_ms in (30, 0):
        site.config = PracticeConfig(auto_login=True, auto_login_key_ms=key_ms)
        for url in logins:
            status, _, html = http(url)
            assert status == 200, url
            config = _page_config(html)
            assert config["autoLogin"] is True and config["autoLoginKeyMs"] == key_ms, url
    assert PracticeConfig().auto_login_key_ms == 30


def test_google_asks_for_a_code_in_the_security_check_mode(site: PracticeSite) -> None:
    site.config = PracticeConfig(security_check=True)
    svc = SETTINGS_SERVICES["google"]
    visitor = Visitor()
    url = site.url(svc.settings[0].url)
    _, html = visitor.get(url)
    page = parse(html)
    where, html = visitor.post(
        urllib.parse.urljoin(site.origin(svc.login_host), page.action or ""),
        page.hidden | {"identifier": "anna"},
    )
    page = parse(html)
    where, html = visitor.post(urllib.parse.urljoin(where, page.action or ""), page.hidden | {"Passwd": "x"})
    page = parse(html)
    assert [fill for _, fill in page.fills] == ["code"]
    where, html = visitor.post(
        urllib.parse.urljoin(where, page.action or ""), page.hidden | {"totpPin": "12"}
    )
    assert parse(html).fills, "a short code is refused"
    where, html = visitor.open_logged_in(where)
    assert where == url and ("gemini-activity", None) in parse(html).controls


def test_a_login_never_goes_back_to_another_origin(site: PracticeSite) -> None:
    svc = SETTINGS_SERVICES["pinterest"]
    visitor = Visitor()
    login = (
        site.origin(svc.login_host) + svc.login_path + "?next=" + urllib.parse.quote("https://evil.example/")
    )
    status, headers, _ = http(login, {"username": "anna", "password": "x", "next": "https://evil.example/"})
    assert status == 302 and headers["Location"].startswith(site.origin(svc.settings_host))
    assert visitor.open_logged_in(login)[0] == site.url(svc.settings[0].url)


# -- saving -----------------------------------------------------------------------------------


@pytest.mark.parametrize("pair", ALL_SETTINGS, ids=_id)
def test_a_change_is_stored_per_user_and_shown_after_a_reload(site: PracticeSite, pair) -> None:
    svc, setting = pair
    item = item_of(svc)
    anna, ben = logged_in_cookie(site, svc, "anna"), logged_in_cookie(site, svc, "ben")
    assert shown_state(site, svc, setting, anna) is setting.default_on
    status, _, body = save(site, svc, setting, setting.wanted_on, anna, item)
    assert status == 200 and json.loads(body)["ok"] is True
    assert site.setting(svc.id, "anna", setting.key, item) is setting.wanted_on
    assert shown_state(site, svc, setting, anna) is setting.wanted_on
    assert shown_state(site, svc, setting, ben) is setting.default_on, "another user keeps the default"
    [change] = site.setting_changes
    assert (change.service, change.user, change.key, change.item, change.on, change.by) == (
        svc.id,
        "anna",
        setting.key,
        item,
        setting.wanted_on,
        "page",
    )
    for other in svc.settings:
        if other.key != setting.key:
            assert site.setting(svc.id, "anna", other.key) is other.default_on


def test_a_save_needs_a_login_a_known_setting_and_a_known_blog(site: PracticeSite) -> None:
    li = SETTINGS_SERVICES["linkedin"]
    tumblr = SETTINGS_SERVICES["tumblr"]
    assert save(site, li, li.settings[0], False, "")[0] == 401
    cookie = logged_in_cookie(site, li)
    bad = Setting("nope", li.settings[0].url, "off", True, "checkbox", "", "li_label")
    assert save(site, li, bad, False, cookie)[0] == 400
    status, _, _ = http(
        site.origin(li.settings_host) + li.save_path,
        {"setting": "ai-training", "value": "maybe"},
        cookie,
        True,
    )
    assert status == 400
    assert (
        save(site, tumblr, tumblr.settings[0], True, logged_in_cookie(site, tumblr), "someone-else")[0] == 400
    )
    assert site.setting_changes == []


def test_no_persist_answers_ok_but_a_reload_shows_the_old_state(site: PracticeSite) -> None:
    site.config = PracticeConfig(setting_no_persist=True)
    for svc, setting in ALL_SETTINGS:
        cookie = logged_in_cookie(site, svc)
        status, _, body = save(site, svc, setting, setting.wanted_on, cookie, item_of(svc))
        assert status == 200 and json.loads(body)["ok"] is True
        assert shown_state(site, svc, setting, cookie) is setting.default_on, svc.id
        assert site.setting(svc.id, "anna", setting.key, item_of(svc)) is setting.default_on
    assert site.setting_changes == []


def test_already_mode_starts_every_setting_opted_out(site: PracticeSite) -> None:
    site.config = PracticeConfig(setting_already=True)
    for svc, setting in ALL_SETTINGS:
        cookie = logged_in_cookie(site, svc)
        assert shown_state(site, svc, setting, cookie) is setting.wanted_on, svc.id
        assert site.setting(svc.id, "anna", setting.key, item_of(svc)) is setting.wanted_on


def test_the_service_can_turn_a_setting_back_on(site: PracticeSite) -> None:
    svc = SETTINGS_SERVICES["linkedin"]
    setting = svc.settings[0]
    cookie = logged_in_cookie(site, svc)
    save(site, svc, setting, False, cookie)
    site.set_setting("linkedin", "anna", "ai-training", True)
    assert shown_state(site, svc, setting, cookie) is True
    assert [c.by for c in site.setting_changes] == ["page", "service"]
    with pytest.raises(ValueError, match="no practice service"):
        site.setting("myspace", "anna", "ai-training")
    with pytest.raises(ValueError, match="no setting"):
        site.setting("linkedin", "anna", "training")
    with pytest.raises(ValueError, match="per blog"):
        site.setting("tumblr", "anna", "third-party-sharing")
    with pytest.raises(ValueError, match="not per blog"):
        site.set_setting("x", "anna", "grok-training", False, item="anna-writes")


def test_the_confirm_mode_is_told_to_every_page_but_googles(site: PracticeSite) -> None:
    for confirm in (False, True):
        site.config = PracticeConfig(setting_confirm=confirm)
        for svc, setting in ALL_SETTINGS:
            _, _, html = http(site.url(live_url(svc, setting)), cookie=logged_in_cookie(site, svc))
            assert _page_config(html)["confirm"] is (confirm and svc.id != "google"), svc.id


# -- blogs and sites --------------------------------------------------------------------------


@pytest.mark.parametrize("service_id", ["tumblr", "wordpress"])
def test_listing_links_each_blog_and_each_blog_has_its_own_setting(site: PracticeSite, service_id) -> None:
    site.config = PracticeConfig(blogs=("notes", "cats", "travel-2024"))
    svc = SETTINGS_SERVICES[service_id]
    setting = svc.settings[0]
    cookie = logged_in_cookie(site, svc)
    assert svc.listing_url is not None
    status, _, html = http(site.url(svc.listing_url), cookie=cookie)
    assert status == 200
    origin = site.origin(svc.settings_host)
    wanted = [site.url(setting.url.replace("{item}", blog)) for blog in ("notes", "cats", "travel-2024")]
    assert [
        urllib.parse.urljoin(origin, link) for link in parse(html).links if "/settings/" in link
    ] == wanted
    assert http(site.url(svc.listing_url))[0] == 302
    save(site, svc, setting, True, cookie, "cats")
    assert shown_state(site, svc, setting, cookie, "cats") is True
    assert shown_state(site, svc, setting, cookie, "notes") is False
    assert http(site.url(setting.url.replace("{item}", "not-mine")), cookie=cookie)[0] == 404


def test_blogs_are_checked() -> None:
    for bad in ((), ("Anna",), ("a", "a"), ("-x",), ("ok", 3), "anna"):
        with pytest.raises(ValueError, match="blogs"):
            PracticeConfig(blogs=bad)  # type: ignore[arg-type]
    for name in ("setting_already", "setting_confirm", "setting_no_persist"):
        with pytest.raises(ValueError, match=name):
            PracticeConfig(**{name: "yes"})  # type: ignore[arg-type]
    assert PracticeConfig(blogs=["a-1", "b"]).blogs == ("a-1", "b")


# -- languages ------------------------------------------------------------------------------


def test_pages_follow_the_language_and_have_every_text_in_german(site: PracticeSite) -> None:
    english, german = settings_texts("en"), settings_texts("de")
    assert set(english) == set(german)
    assert english["li_title"] != german["li_title"]
    for language, t in (("en", english), ("de", german)):
        site.config = PracticeConfig(language=language)
        for svc, setting in ALL_SETTINGS:
            cookie = logged_in_cookie(site, svc)
            _, _, html = http(site.url(live_url(svc, setting)), cookie=cookie)
            assert parse(html).lang == language, svc.id
            label = t[setting.label_key].format(item=item_of(svc) or "")
            assert label.replace("&", "&amp;") in html, (svc.id, language)
            login = site.origin(svc.login_host) + svc.login_path
            assert parse(http(login)[2]).lang == language
    site.config = PracticeConfig(language="fr")
    x = SETTINGS_SERVICES["x"]
    _, _, html = http(site.url(x.settings[0].url), cookie=logged_in_cookie(site, x))
    assert parse(html).lang == "en", "a language without settings texts shows English, and says so"


# -- LinkedIn's objection form ------------------------------------------------------------------


def test_linkedin_objection_form_records_a_complete_request_only(site: PracticeSite) -> None:
    svc = SETTINGS_SERVICES["linkedin"]
    url = site.url(LINKEDIN_OBJECTION_URL)
    assert http(url)[0] == 302
    cookie = logged_in_cookie(site, svc)
    status, _, html = http(url, cookie=cookie)
    assert status == 200 and 'name="request_type"' in html and 'name="country"' in html
    submit = site.origin(svc.settings_host) + "/help/linkedin/api/cases"
    _, _, body = http(submit, {"request_type": "object", "country": "DE", "details": " "}, cookie, True)
    assert set(json.loads(body)["errors"]) == {"details"}
    _, _, body = http(submit, {"request_type": "stop", "country": "XX", "details": "no"}, cookie, True)
    assert set(json.loads(body)["errors"]) == {"request_type", "country"}
    assert site.submissions == []
    _, _, body = http(submit, {"request_type": "restrict", "country": "DE", "details": "Stop."}, cookie, True)
    assert json.loads(body)["ok"] is True
    [sent] = site.submissions
    assert (sent.form_id, sent.host, sent.user, sent.confirmed) == (
        "TS-DPRO",
        "www.linkedin.com",
        "anna",
        True,
    )
    assert sent.fields == {"request_type": "restrict", "country": "DE", "details": "Stop."}


# -- real Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})
    ctx.set_default_timeout(6000)
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def shared_page(shared_context: BrowserContext) -> Page:
    return shared_context.new_page()


@pytest.fixture
def page(shared_context: BrowserContext, shared_page: Page) -> Page:
    """One context and page for the module (much cheaper), emptied for each test."""
    shared_page.goto("about:blank")
    shared_context.clear_cookies()
    return shared_page


@pytest.fixture
def auto(site: PracticeSite) -> PracticeSite:
    site.config = PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0, blogs=BLOGS)
    return site


def arrive(page: Page, site: PracticeSite, live: str) -> None:
    """Open a live address on the practice site; the practice login types for the person."""
    page.goto(site.url(live))
    expect(page).to_have_url(site.url(live), timeout=10000)


@browser_test
def test_linkedin_switch_by_role_and_name_survives_a_reload(page: Page, auto: PracticeSite) -> None:
    svc = SETTINGS_SERVICES["linkedin"]
    arrive(page, auto, svc.settings[0].url)
    switch = page.get_by_role("switch", name=re.compile("training content creation AI", re.I))
    expect(switch).to_have_attribute("aria-checked", "true")
    switch.click()
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.reload()
    expect(switch).to_have_attribute("aria-checked", "false")
    assert auto.setting("linkedin", "practice", "ai-training") is False


@browser_test
def test_x_checkbox_by_label_survives_a_reload(page: Page, auto: PracticeSite) -> None:
    arrive(page, auto, SETTINGS_SERVICES["x"].settings[0].url)
    box = page.get_by_label(re.compile("used for training and fine-tuning"))
    expect(box).to_be_checked()
    box.uncheck()
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.reload()
    expect(box).not_to_be_checked()
    assert [c.on for c in auto.setting_changes] == [False]


def _until_kept(page: Page, auto: PracticeSite, service: str, key: str, value: bool) -> None:
    """Wait (up to 5 s) until the practice server holds ``value``: the page shows a change at
    once and saves it in the background, and a reload before the save lands would cancel it."""
    if poll_until(page, 5, lambda: True if auto.setting(service, "practice", key) is value else None) is None:
        raise AssertionError(f"{service} {key} was not saved as {value} within 5 s")


@browser_test
def test_gemini_turn_off_goes_through_menu_and_dialog(page: Page, auto: PracticeSite) -> None:
    auto.config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=0, security_check=True, language="de"
    )
    arrive(page, auto, SETTINGS_SERVICES["google"].settings[0].url)  # e-mail, password, 2-step code
    card = page.get_by_role("region", name="Gemini-Apps-Aktivitäten")
    expect(card.get_by_text("An", exact=True)).to_be_visible()
    page.get_by_role("button", name="Deaktivieren").click()
    page.get_by_role("menuitem", name="Deaktivieren", exact=True).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_attribute("aria-modal", "true")
    dialog.get_by_role("button", name="Abbrechen").click()
    expect(dialog).to_have_count(0)
    assert auto.setting_changes == [], "cancelling keeps the setting"
    page.get_by_role("button", name="Deaktivieren").click()
    page.get_by_role("menuitem", name="Deaktivieren", exact=True).click()
    page.get_by_role("dialog").get_by_role("button", name="Deaktivieren").click()
    expect(page.get_by_role("button", name="Aktivieren")).to_be_visible()
    _until_kept(page, auto, "google", "gemini-activity", False)
    page.reload()
    expect(card.get_by_text("Aus", exact=True)).to_be_visible()
    assert auto.setting("google", "practice", "gemini-activity") is False


@browser_test
def test_copilot_login_in_three_steps_and_two_switches(page: Page, auto: PracticeSite) -> None:
    arrive(page, auto, SETTINGS_SERVICES["microsoft"].settings[0].url)  # e-mail, password, stay signed in
    for name, key in (
        ("Model training on text", "text-training"),
        ("Model training on voice", "voice-training"),
    ):
        switch = page.get_by_role("switch", name=name)
        switch.click()
        expect(switch).to_have_attribute("aria-checked", "false")
        _until_kept(page, auto, "microsoft", key, False)  # each switch saves on its own
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.reload()
    expect(page.get_by_role("switch", name="Model training on voice")).to_have_attribute(
        "aria-checked", "false"
    )
    assert not auto.setting("microsoft", "practice", "text-training")
    assert not auto.setting("microsoft", "practice", "voice-training")


@browser_test
def test_tumblr_setting_is_per_blog(page: Page, auto: PracticeSite) -> None:
    svc = SETTINGS_SERVICES["tumblr"]
    assert svc.listing_url is not None
    arrive(page, auto, svc.listing_url)
    page.get_by_role("link", name="anna-photos").click()
    switch = page.get_by_role("switch", name="Prevent third-party sharing for anna-photos")
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_have_text("Saved")
    page.reload()
    expect(switch).to_have_attribute("aria-checked", "true")
    assert auto.setting("tumblr", "practice", "third-party-sharing", "anna-photos") is True
    assert auto.setting("tumblr", "practice", "third-party-sharing", "anna-writes") is False


@browser_test
def test_quora_pressed_button_shows_its_state_as_text(page: Page, auto: PracticeSite) -> None:
    arrive(page, auto, SETTINGS_SERVICES["quora"].settings[0].url)  # login form on the home page
    button = page.get_by_role("button", name=re.compile("large language models"))
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_have_text("Enabled")
    button.click()
    expect(button).to_have_text("Disabled")
    _until_kept(page, auto, "quora", "llm-training", False)
    page.reload()
    expect(button).to_have_attribute("aria-pressed", "false")


@browser_test
def test_confirm_mode_saves_only_after_confirming(page: Page, auto: PracticeSite) -> None:
    auto.config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=0, setting_confirm=True
    )
    arrive(page, auto, SETTINGS_SERVICES["pinterest"].settings[0].url)
    toggle = page.get_by_role("switch", name="Use your data to train Pinterest Canvas")
    toggle.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_attribute("aria-modal", "true")
    dialog.get_by_role("button", name="Cancel").click()
    expect(toggle).to_be_checked()
    toggle.click()
    page.get_by_role("dialog").get_by_role("button", name="Turn off").click()
    expect(toggle).not_to_be_checked()
    expect(page.get_by_role("status")).to_have_text("Saved")
    assert [c.on for c in auto.setting_changes] == [False]


@browser_test
def test_no_persist_flips_the_switch_but_a_reload_brings_it_back(page: Page, auto: PracticeSite) -> None:
    auto.config = PracticeConfig(
        auto_login=True, auto_login_key_ms=2, auto_login_delay=0, setting_no_persist=True
    )
    arrive(page, auto, SETTINGS_SERVICES["adobe"].settings[0].url)
    toggle = page.get_by_role("switch", name="Content analysis")
    toggle.click()
    expect(toggle).not_to_be_checked()
    expect(page.get_by_role("status")).to_have_text(re.compile("saved", re.I))
    page.reload()
    expect(toggle).to_be_checked()
    assert auto.setting_changes == []
