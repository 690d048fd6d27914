"""What the practice servers of the settings services answer (see ``services.py``).

Per service: its login (one page; steps inside one page as on X and Adobe; or
steps on separate pages as on Google and Microsoft), its settings page(s), the
background save request, a blog/site listing where settings are per blog/site,
and LinkedIn's Data Processing Objection form. A logged-out visit to a settings
page goes to the service's login with the page in the service's own "next"
parameter; a login goes back there.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from .config import Submission
from .countries import is_country
from .httpio import Request, Response
from .services import (
    ASSISTANT_IDS,
    AUTO_LOGIN_USER,
    LINKEDIN_OBJECTION_ID,
    LINKEDIN_OBJECTION_URL,
    SETTINGS_SERVICES,
    Setting,
    SettingChange,
    SettingsService,
    service,
    services_on,
)
from .settings_pages import (
    NEIGHBOUR_KEY,
    Field,
    PageLook,
    Step,
    choice_page,
    js_texts,
    links_page,
    login_page,
    message_page,
    objection_page,
    settings_page,
    settings_texts,
)
from .strings import Texts

if TYPE_CHECKING:
    from .server import PracticeSite

#: the cookie that carries a half-done multi-page login (Google, Microsoft)
SIGNIN_COOKIE = "practice_signin"
OBJECTION_PATH = urlsplit(LINKEDIN_OBJECTION_URL).path
OBJECTION_SUBMIT_PATH = "/help/linkedin/api/cases"

#: where a one-page login form posts to, when not to the login page itself
_LOGIN_POST = {"linkedin": "/checkpoint/lg/login-submit"}
#: services whose login shows its steps one after another inside one page
_IN_PAGE_STEPS = ("x", "adobe")

_GOOGLE_PWD = "/v3/signin/challenge/pwd"
_GOOGLE_TOTP = "/v3/signin/challenge/totp"
_GOOGLE_IDENTIFIER_PATHS = ("/v3/signin/identifier", "/signin", "/ServiceLogin", "/")
_MS_EMAIL_PATHS = ("/", "/login.srf")
_MS_PWD = "/ppsecure/post.srf"
_MS_KMSI = "/kmsi"
#: the background request a settings page keeps open (``setting_long_poll``), on every settings host
LONG_POLL_PATH = "/realtime/connect"


def settings_route(site: PracticeSite, host: str, req: Request) -> Response:
    """The answer of the practice server for ``host``, one of ``SETTINGS_HOSTS``."""
    t = settings_texts(site.config.language)
    on_host = services_on(host)
    if on_host[0].id in ASSISTANT_IDS:  # the AI assistants: single-page apps of their own module
        from .assistant_pages import assistant_route

        return assistant_route(site, on_host[0], host, req)
    path = req.path
    if path.rstrip("/") == "/logout":
        bye = Response.redirect(_login_address(site, on_host[0], None))
        for svc in on_host:
            bye.delete_cookie(svc.cookie)
        return bye
    answer: Response | None
    for svc in on_host:
        if svc.login_host == host:
            answer = _login_routes(site, svc, req, t)
            if answer is not None:
                return answer
    for svc in on_host:
        if svc.settings_host != host:
            continue
        answer = _settings_routes(site, svc, req, t)
        if answer is not None:
            return answer
    svc = on_host[0]
    return Response.html(
        message_page(t, svc, _user(site, svc, req), "not_found_title", "not_found_text"), 404
    )


# -- sessions and addresses ---------------------------------------------------------------


def _user(site: PracticeSite, svc: SettingsService, req: Request) -> str | None:
    return site.state.user_for(req.cookies.get(svc.cookie))


def _login_address(site: PracticeSite, svc: SettingsService, next_url: str | None) -> str:
    url = site.origin(svc.login_host) + svc.login_path
    return f"{url}?{urlencode({svc.next_param: next_url})}" if next_url else url


def _to_login(site: PracticeSite, svc: SettingsService, host: str, req: Request) -> Response:
    return Response.redirect(_login_address(site, svc, site.origin(host) + req.target))


def _default_next(site: PracticeSite, svc: SettingsService) -> str:
    live = svc.listing_url or svc.settings[0].url
    return site.url(live)


def _safe_next(site: PracticeSite, svc: SettingsService, next_url: str) -> str:
    """Go back only to a page of this practice site (never to another origin)."""
    if next_url.startswith("/") and not next_url.startswith("//"):
        return site.origin(svc.settings_host) + next_url
    parts = urlsplit(next_url)
    if f"{parts.scheme}://{parts.netloc}" in site.own_origins():
        return next_url
    return _default_next(site, svc)


def _next_of(site: PracticeSite, svc: SettingsService, req: Request) -> str:
    values, _ = req.form() if req.method == "POST" else ({}, {})
    wanted = values.get(svc.next_param) or req.query.get(svc.next_param) or req.query.get("next", "")
    return _safe_next(site, svc, wanted) if wanted else _default_next(site, svc)


def _logged_in(site: PracticeSite, svc: SettingsService, user: str, next_url: str) -> Response:
    session = site.state.new_session(user, where=svc.id)
    return Response.redirect(next_url).set_cookie(svc.cookie, session)


def _with_next(svc: SettingsService, path: str, next_url: str) -> str:
    return f"{path}?{urlencode({svc.next_param: next_url})}"


def _login_js(site: PracticeSite) -> dict[str, object]:
    return {
        "page": "login",
        "autoLogin": site.config.auto_login,
        "autoLoginDelay": site.config.auto_login_delay,
        "autoLoginKeyMs": site.config.auto_login_key_ms,
        "autoUser": AUTO_LOGIN_USER,
    }


# -- logins ---------------------------------------------------------------------------------


def _login_routes(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    if svc.id == "google":
        return _google_login(site, svc, req, t)
    if svc.id == "microsoft":
        return _microsoft_login(site, svc, req, t)
    post_path = _LOGIN_POST.get(svc.id, svc.login_path)
    paths = {svc.login_path, svc.login_path.rstrip("/") or "/", post_path}
    if req.path not in paths:
        return None
    if svc.id == "quora" and req.method != "POST" and _user(site, svc, req):
        return None  # Quora's home page, logged in
    next_url = _next_of(site, svc, req)
    error = None
    if req.method == "POST":
        values, _ = req.form()
        user = (values.get("session_key") or values.get("username") or values.get("email") or "").strip()
        if user and values.get("password"):
            return _logged_in(site, svc, user, next_url)
        error = t("login_error")
    user_field = Field(
        "session_key" if svc.id == "linkedin" else "username",
        "text",
        t("login_username") if svc.id == "x" else t("login_email"),
        "username",
        "user",
    )
    password = Field("password", "password", t("login_password"), "current-password", "password")
    if svc.id in _IN_PAGE_STEPS:
        go = t("login_log_in") if svc.id == "x" else t("login_continue")
        steps = [Step((user_field,), t("login_next")), Step((password,), go)]
    else:
        steps = [Step((user_field, password), t("login_submit"))]
    intro = t("q_home_text") if svc.id == "quora" else ""
    page = login_page(
        t=t,
        service=svc,
        title=t("login_to", service=svc.name),
        intro=intro,
        action=_with_next(svc, post_path, next_url),
        next_param=svc.next_param,
        next_url=next_url,
        steps=steps,
        error=error,
        js_config=_login_js(site),
    )
    return Response.html(page)


def _pending(site: PracticeSite, req: Request, stage: str) -> str | None:
    """The user name of a half-done login at ``stage``, or None."""
    found = site.state.checkpoint(req.cookies.get(SIGNIN_COOKIE))
    return found[0] if found is not None and found[1] == stage else None


def _next_stage(site: PracticeSite, req: Request, user: str, stage: str, location: str) -> Response:
    old = req.cookies.get(SIGNIN_COOKIE)
    if old:
        site.state.end_checkpoint(old)
    token = site.state.start_checkpoint(user, stage)
    return Response.redirect(location).set_cookie(SIGNIN_COOKIE, token, max_age=None)


def _finish(site: PracticeSite, svc: SettingsService, req: Request, user: str, next_url: str) -> Response:
    site.state.end_checkpoint(req.cookies.get(SIGNIN_COOKIE) or "")
    return _logged_in(site, svc, user, next_url).delete_cookie(SIGNIN_COOKIE)


def _step_page(
    site: PracticeSite,
    svc: SettingsService,
    t: Texts,
    *,
    title: str,
    intro: str,
    path: str,
    next_url: str,
    field: Field,
    button: str,
    error: str | None,
    shown_user: str | None = None,
) -> Response:
    page = login_page(
        t=t,
        service=svc,
        title=title,
        intro=intro,
        action=_with_next(svc, path, next_url),
        next_param=svc.next_param,
        next_url=next_url,
        steps=[Step((field,), button)],
        error=error,
        js_config=_login_js(site),
        shown_user=shown_user,
    )
    return Response.html(page)


def _google_login(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    """accounts.google.com: e-mail, then password, then (``security_check``) a 2-step code."""
    next_url = _next_of(site, svc, req)
    values, _ = req.form() if req.method == "POST" else ({}, {})
    host = svc.login_host
    if req.path in _GOOGLE_IDENTIFIER_PATHS and site.config.refuse_automation:
        return Response.html(message_page(t, svc, None, "g_refused_title", "g_refused_text"))
    if req.path in _GOOGLE_IDENTIFIER_PATHS:
        error = None
        if req.method == "POST":
            user: str | None = values.get("identifier", "").strip()
            if user:
                return _next_stage(site, req, user, f"{host}/pwd", _with_next(svc, _GOOGLE_PWD, next_url))
            error = t("login_error")
        field = Field("identifier", "email", t("login_email"), "username", "user")
        return _step_page(
            site,
            svc,
            t,
            title=t("login_title"),
            intro=t("g_identifier_text"),
            path=svc.login_path,
            next_url=next_url,
            field=field,
            button=t("login_next"),
            error=error,
        )
    if req.path == _GOOGLE_PWD:
        user = _pending(site, req, f"{host}/pwd")
        if user is None:
            return Response.redirect(_with_next(svc, svc.login_path, next_url))
        error = None
        if req.method == "POST":
            if values.get("Passwd"):
                if site.config.security_check:
                    return _next_stage(
                        site, req, user, f"{host}/totp", _with_next(svc, _GOOGLE_TOTP, next_url)
                    )
                return _finish(site, svc, req, user, next_url)
            error = t("login_error")
        field = Field("Passwd", "password", t("g_pwd_label"), "current-password", "password")
        return _step_page(
            site,
            svc,
            t,
            title=t("g_pwd_title"),
            intro="",
            path=_GOOGLE_PWD,
            next_url=next_url,
            field=field,
            button=t("login_next"),
            error=error,
            shown_user=user,
        )
    if req.path == _GOOGLE_TOTP:
        user = _pending(site, req, f"{host}/totp")
        if user is None:
            return Response.redirect(_with_next(svc, svc.login_path, next_url))
        error = None
        if req.method == "POST":
            code = "".join(values.get("totpPin", "").split())
            if len(code) == 6 and code.isdigit():
                return _finish(site, svc, req, user, next_url)
            error = t("g_2sv_error")
        field = Field("totpPin", "text", t("g_2sv_label"), "one-time-code", "code")
        return _step_page(
            site,
            svc,
            t,
            title=t("g_2sv_title"),
            intro=t("g_2sv_text"),
            path=_GOOGLE_TOTP,
            next_url=next_url,
            field=field,
            button=t("login_next"),
            error=error,
            shown_user=user,
        )
    return None


def _microsoft_login(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    """login.live.com: e-mail, then password, then "Stay signed in?" (either answer goes on)."""
    next_url = _next_of(site, svc, req)
    values, _ = req.form() if req.method == "POST" else ({}, {})
    host = svc.login_host
    if req.path in _MS_EMAIL_PATHS:
        error = None
        if req.method == "POST":
            user: str | None = values.get("loginfmt", "").strip()
            if user:
                return _next_stage(site, req, user, f"{host}/pwd", _with_next(svc, _MS_PWD, next_url))
            error = t("login_error")
        field = Field("loginfmt", "email", t("login_email"), "username", "user")
        return _step_page(
            site,
            svc,
            t,
            title=t("login_title"),
            intro="",
            path="/login.srf",
            next_url=next_url,
            field=field,
            button=t("login_next"),
            error=error,
        )
    if req.path == _MS_PWD:
        user = _pending(site, req, f"{host}/pwd")
        if user is None:
            return Response.redirect(_with_next(svc, svc.login_path, next_url))
        error = None
        if req.method == "POST":
            if values.get("passwd"):
                return _next_stage(site, req, user, f"{host}/kmsi", _with_next(svc, _MS_KMSI, next_url))
            error = t("login_error")
        field = Field("passwd", "password", t("login_password"), "current-password", "password")
        return _step_page(
            site,
            svc,
            t,
            title=t("ms_pwd_title"),
            intro="",
            path=_MS_PWD,
            next_url=next_url,
            field=field,
            button=t("login_submit"),
            error=None if error is None else error,
            shown_user=user,
        )
    if req.path == _MS_KMSI:
        user = _pending(site, req, f"{host}/kmsi")
        if user is None:
            return Response.redirect(_with_next(svc, svc.login_path, next_url))
        if req.method == "POST":
            return _finish(site, svc, req, user, next_url)
        page = choice_page(
            t=t,
            service=svc,
            title=t("ms_kmsi_title"),
            text=t("ms_kmsi_text"),
            action=_with_next(svc, _MS_KMSI, next_url),
            next_param=svc.next_param,
            next_url=next_url,
            choices=[(t("no"), "no", False), (t("yes"), "yes", True)],
            js_config=_login_js(site),
        )
        return Response.html(page)
    return None


# -- settings -------------------------------------------------------------------------------


def _check_item(svc: SettingsService, item: str | None, blogs: tuple[str, ...]) -> None:
    if svc.items is None and item is not None:
        raise ValueError(f"{svc.id} settings are not per blog or site; leave item out")
    if svc.items is not None and item not in blogs:
        raise ValueError(
            f"{svc.id} settings are per {svc.items[:-1]}: item must be one of {', '.join(blogs)}"
        )


def current_setting(
    site: PracticeSite, service_id: str, user: str, key: str, item: str | None = None
) -> bool:
    """The state a setting has now: the stored one, else the service's default."""
    svc = service(service_id)
    setting = svc.setting(key)
    _check_item(svc, item, site.config.blogs)
    stored = site.state.stored_setting((svc.id, user, key, item))
    if stored is not None:
        return stored
    return setting.wanted_on if site.config.setting_already else setting.default_on


def store_setting(
    site: PracticeSite, service_id: str, user: str, key: str, on: bool, item: str | None, by: str
) -> SettingChange:
    svc = service(service_id)
    svc.setting(key)
    _check_item(svc, item, site.config.blogs)
    change = SettingChange(svc.id, user, key, item, bool(on), time.time(), by)
    site.state.store_setting(change)
    return change


def _template_match(template: str, path: str) -> tuple[bool, str | None]:
    """Does ``path`` match ``template`` (with an optional ``{item}``)? And which item."""
    path = path.rstrip("/") or "/"
    template = template.rstrip("/") or "/"
    if "{item}" not in template:
        return path == template, None
    pattern = re.escape(template).replace(re.escape("{item}"), "([^/]+)")
    found = re.fullmatch(pattern, path)
    return (found is not None, found.group(1) if found else None)


def _settings_on_path(svc: SettingsService, path: str) -> tuple[list[Setting], str | None] | None:
    settings: list[Setting] = []
    item = None
    for setting in svc.settings:
        matched, found = _template_match(setting.path, path)
        if matched:
            settings.append(setting)
            item = found
    return (settings, item) if settings else None


def _settings_routes(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    host = svc.settings_host
    user = _user(site, svc, req)
    matched, item = _template_match(svc.save_path, req.path)
    if matched and req.method == "POST":
        return _save(site, svc, req, user, item)
    if req.path == LONG_POLL_PATH and site.config.setting_long_poll is not None:
        return _long_poll(site)
    if svc.id == "linkedin":
        answer = _objection_routes(site, svc, req, t, user)
        if answer is not None:
            return answer
    on_path = _settings_on_path(svc, req.path)
    listing = svc.listing_url is not None and _template_match(urlsplit(svc.listing_url).path, req.path)[0]
    if on_path is None and not listing and req.path != "/":
        return None
    if user is None:
        return _to_login(site, svc, host, req)
    if listing:
        return _listing(site, svc, t, user)
    if on_path is None:
        return _home(site, svc, t, user)
    settings, item = on_path
    if svc.items is not None and item not in site.config.blogs:
        return Response.html(message_page(t, svc, user, "not_found_title", "not_found_text"), 404)
    states = {s.key: current_setting(site, svc.id, user, s.key, item) for s in settings}
    js = {
        "page": "settings",
        "service": svc.id,
        "saveUrl": svc.save_path,
        "confirm": site.config.setting_confirm and svc.id != "google",
        "texts": js_texts(t),
        **_look_js(site, svc),
    }
    look = PageLook(
        first_paint=site.config.setting_first_paint,
        save=site.config.setting_save if svc.id != "google" else "on-change",
        markup=site.config.setting_markup,
        neighbour_on=_neighbour_on(site, svc, user, item),
    )
    page = settings_page(t=t, service=svc, user=user, states=states, item=item, js_config=js, look=look)
    return Response.html(page)


def _look_js(site: PracticeSite, svc: SettingsService) -> dict[str, object]:
    """What settings.js needs to draw late, save with a button and keep a request open."""
    config = site.config
    return {
        "saveMode": config.setting_save if svc.id != "google" else "on-change",
        "paintDelay": int(config.setting_paint_delay * 1000) if config.setting_first_paint else 0,
        "longPollUrl": LONG_POLL_PATH if config.setting_long_poll is not None else "",
    }


def _neighbour_on(site: PracticeSite, svc: SettingsService, user: str, item: str | None) -> bool:
    """The other setting a shared card shows (on until the page changed it)."""
    stored = site.state.stored_setting((svc.id, user, NEIGHBOUR_KEY, item))
    return True if stored is None else stored


def _long_poll(site: PracticeSite) -> Response:
    """A request the page keeps open: answered only after ``setting_long_poll`` seconds."""
    time.sleep(site.config.setting_long_poll or 0)
    return Response.json({"ok": True, "events": []})


def _truth(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in ("true", "1", "on", "yes"):
        return True
    if lowered in ("false", "0", "off", "no"):
        return False
    return None


def _save(
    site: PracticeSite, svc: SettingsService, req: Request, user: str | None, path_item: str | None
) -> Response:
    """The background save of one setting; ``setting_no_persist`` answers alike but keeps nothing."""
    if user is None:
        return Response.json({"ok": False, "error": "not signed in"}, status=401)
    values, _ = req.form()
    key = values.get("setting", "")
    on = _truth(values.get("value", ""))
    item = path_item or values.get("item") or None
    if key == NEIGHBOUR_KEY and on is not None:  # the other setting of a shared card: kept, never judged
        site.state.store_setting(SettingChange(svc.id, user, key, item, on, time.time(), "page"))
        return Response.json({"ok": True, "setting": key, "item": item, "value": on})
    try:
        svc.setting(key)
        _check_item(svc, item, site.config.blogs)
    except ValueError as exc:
        return Response.json({"ok": False, "error": str(exc)}, status=400)
    if on is None:
        return Response.json({"ok": False, "error": "value must be true or false"}, status=400)
    if not site.config.setting_no_persist:
        store_setting(site, svc.id, user, key, on, item, "page")
    return Response.json({"ok": True, "setting": key, "item": item, "value": on})


def _listing(site: PracticeSite, svc: SettingsService, t: Texts, user: str) -> Response:
    template = svc.settings[0].path
    links = [(template.replace("{item}", blog), blog) for blog in site.config.blogs]
    if svc.id == "tumblr":
        title, text = t("tb_blogs_title"), t("tb_blogs_text")
    else:
        title, text = t("wp_sites_title"), t("wp_sites_text")
    return Response.html(links_page(t, svc, user, title, text, links))


def _home(site: PracticeSite, svc: SettingsService, t: Texts, user: str) -> Response:
    links: list[tuple[str, str]] = []
    if svc.listing_url:
        links.append(
            (urlsplit(svc.listing_url).path, t("tb_blogs_title" if svc.id == "tumblr" else "wp_sites_title"))
        )
    else:
        for setting in svc.settings:
            path = setting.path
            if all(path != href for href, _ in links):
                links.append((path, t(setting.label_key)))
    if svc.id == "linkedin":
        links.append((OBJECTION_PATH, t("dp_title")))
    return Response.html(links_page(t, svc, user, svc.name, t("home_text"), links))


# -- LinkedIn's objection form ----------------------------------------------------------------


def _objection_routes(
    site: PracticeSite, svc: SettingsService, req: Request, t: Texts, user: str | None
) -> Response | None:
    if req.path == OBJECTION_SUBMIT_PATH and req.method == "POST":
        return _objection_submit(site, req, t, user)
    if req.path.rstrip("/") != OBJECTION_PATH:
        return None
    if user is None:
        return _to_login(site, svc, svc.settings_host, req)
    js = {
        "page": "objection",
        "submitUrl": OBJECTION_SUBMIT_PATH,
        "autoSend": site.config.auto_send_when_highlighted,
        "texts": js_texts(t),
    }
    page = objection_page(t=t, service=svc, user=user, js_config=js, language=site.config.language)
    return Response.html(page)


def _objection_submit(site: PracticeSite, req: Request, t: Texts, user: str | None) -> Response:
    if user is None:
        return Response.json({"ok": False, "error": "not signed in"}, status=401)
    values, _ = req.form()
    fields = {name: values.get(name, "").strip() for name in ("request_type", "country", "details")}
    errors = {}
    if fields["request_type"] not in ("object", "restrict"):
        errors["request_type"] = t("dp_required")
    if not is_country(fields["country"]):
        errors["country"] = t("dp_required")
    if not fields["details"]:
        errors["details"] = t("dp_required")
    if errors:
        site.state.add_rejected({"form_id": LINKEDIN_OBJECTION_ID, "errors": errors, "at": time.time()})
        return Response.json({"ok": False, "errors": errors})
    submission = Submission(
        form_id=LINKEDIN_OBJECTION_ID,
        host=SETTINGS_SERVICES["linkedin"].settings_host,
        language=t.language,
        user=user,
        fields=fields,
        confirmed=True,
        at=time.time(),
    )
    site.state.add_submission(submission)
    return Response.json({"ok": True, "step": "done"})
