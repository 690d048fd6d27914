"""Practice copies of the AI assistants' settings (ChatGPT, Claude, Perplexity, Le Chat).

They are single-page apps, as the live ones are: the server sends an app shell, and
``static/assistants.js`` asks the server for the account's settings, draws them, and sends a
change by a background request. What each copy does (from the services' help pages and
public behaviour; the live pages were not opened from here):

- **ChatGPT** (``chatgpt.com``): an app shell; the address ``#settings/DataControls`` (or the
  "Settings" button) opens a Settings dialog over it, whose "Data controls" tab first shows a
  busy panel, then a row "Improve the model for everyone  On" (state as text). The row opens a
  sub-dialog "Model improvement" with the switch and a "Done" button. The change is sent
  **only when Done is pressed**; closing the sub-dialog otherwise ("Close", Escape) drops it.
- **Claude** (``claude.ai/settings/data-privacy-controls``), **Perplexity**
  (``www.perplexity.ai/settings/preferences``), **Le Chat** (``chat.mistral.ai/settings/privacy``):
  a settings page that first draws a placeholder — the switch greyed out, disabled, inside an
  ``aria-busy`` section, **in the wrong state** (the opposite of the stored one) — and the real
  switch (a new element) ``setting_paint_delay`` seconds later. Each change is sent **on change**.
  Claude and Le Chat show a second switch (``NEIGHBOUR_KEY``) that the flows must not touch.

Logins: ChatGPT ``auth.openai.com/log-in``, Claude ``claude.ai/login``, Perplexity
``www.perplexity.ai/auth/signin``, Le Chat ``auth.mistral.ai/ui/login``: e-mail and password (a
practice stand-in for the live e-mail codes), or "Continue with Google", which goes through the
practice Google sign-in (``accounts.google.com``) and back through the service's callback.
The practice stand-in person (``auto_login``) takes the Google way with ``sign_in_with="google"``.

Behaviours honoured: ``setting_already``, ``setting_no_persist``, ``setting_paint_delay``,
``setting_long_poll``, ``language`` (English and German; others show English). The others
(save buttons, markups, confirming dialogs) belong to the other services' pages.
"""

from __future__ import annotations

import json
import time
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from .httpio import Request, Response
from .pages import esc, html_document
from .services import AUTO_LOGIN_USER, SettingChange, SettingsService
from .settings_pages import NEIGHBOUR_KEY
from .strings import STRINGS_DIR, Texts

if TYPE_CHECKING:
    from .server import PracticeSite

ASSISTANT_STRINGS = STRINGS_DIR / "assistants.json"
#: where each app asks for the account's settings (GET); a change is POSTed to ``save_path``
STATE_PATHS = {
    "chatgpt": "/backend-api/settings/user",
    "claude": "/api/account/settings",
    "perplexity": "/rest/user/settings/get",
    "lechat": "/api/trpc/user.settings",
}
#: the path of each service's return from "Continue with Google" (on its login host)
GOOGLE_CALLBACK = "/callback/google"
GOOGLE_SIGN_IN = "https://accounts.google.com/v3/signin/identifier"
#: the background request a page keeps open (``setting_long_poll``)
LONG_POLL_PATH = "/realtime/connect"


@cache
def assistant_texts(language: str) -> Texts:
    """The texts of these pages in ``language`` (English for a language they lack)."""
    data = json.loads(ASSISTANT_STRINGS.read_text(encoding="utf-8"))
    lang = language if language in data else "en"
    result = Texts(data[lang])
    result.language = lang
    return result


def assistant_route(site: PracticeSite, svc: SettingsService, host: str, req: Request) -> Response:
    """The answer of ``svc``'s practice server on ``host`` (its app host, login host or another)."""
    t = assistant_texts(site.config.language)
    if host == svc.login_host:
        answer = _login_routes(site, svc, req, t)
        if answer is not None:
            return answer
    if host == svc.settings_host:
        answer = _app_routes(site, svc, req, t)
        if answer is not None:
            return answer
    return Response.html(
        _document(t, svc, t("not_found"), f"<main><h1>{esc(t('not_found'))}</h1></main>"), 404
    )


# -- sessions ---------------------------------------------------------------------------------


def _user(site: PracticeSite, svc: SettingsService, req: Request) -> str | None:
    return site.state.user_for(req.cookies.get(svc.cookie))


def _with_session(svc: SettingsService, response: Response, session: str) -> Response:
    """Set the session cookie; a ``__Secure-`` cookie is kept by the browser only with Secure
    (Chromium accepts Secure cookies from http://127.0.0.1)."""
    parts = [f"{svc.cookie}={session}", "Path=/", "SameSite=Lax", "Max-Age=31536000", "HttpOnly"]
    if svc.cookie.startswith(("__Secure-", "__Host-")):
        parts.append("Secure")
    response.headers.append(("Set-Cookie", "; ".join(parts)))
    return response


def _logged_in(site: PracticeSite, svc: SettingsService, user: str, next_url: str) -> Response:
    return _with_session(svc, Response.redirect(next_url), site.state.new_session(user, where=svc.id))


def _login_address(site: PracticeSite, svc: SettingsService, next_url: str) -> str:
    return f"{site.origin(svc.login_host)}{svc.login_path}?{urlencode({svc.next_param: next_url})}"


def _safe_next(site: PracticeSite, svc: SettingsService, wanted: str) -> str:
    """Back only to a page of this practice site (never to another origin)."""
    home = site.url(svc.settings[0].url)
    if not wanted:
        return home
    if wanted.startswith("/") and not wanted.startswith("//"):
        return site.origin(svc.settings_host) + wanted
    parts = urlsplit(wanted)
    return wanted if f"{parts.scheme}://{parts.netloc}" in site.own_origins() else home


# -- logins -----------------------------------------------------------------------------------


def _login_routes(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    values, _ = req.form() if req.method == "POST" else ({}, {})
    next_url = _safe_next(site, svc, values.get(svc.next_param) or req.query.get(svc.next_param, ""))
    if req.path == GOOGLE_CALLBACK:  # back from "Continue with Google": Google's session says who
        user = site.state.user_for(req.cookies.get("SID"))
        if user is None:
            return Response.redirect(_login_address(site, svc, next_url))
        return _logged_in(site, svc, user, next_url)
    if req.path.rstrip("/") != svc.login_path.rstrip("/"):
        return None
    error = None
    if req.method == "POST":
        user = values.get("email", "").strip()
        if user and values.get("password"):
            return _logged_in(site, svc, user, next_url)
        error = t("login_error")
    return Response.html(_login_page(site, svc, t, next_url, error))


def _login_page(site: PracticeSite, svc: SettingsService, t: Texts, next_url: str, error: str | None) -> str:
    callback = f"{site.origin(svc.login_host)}{GOOGLE_CALLBACK}"
    google = site.url(GOOGLE_SIGN_IN)
    fields = "".join(
        f'<div class="field"><label for="a-{name}">{esc(t(label))}</label>'
        f'<input id="a-{name}" name="{name}" type="{kind}" autocomplete="{auto}" data-fill="{fill}" '
        'autocapitalize="off" spellcheck="false"></div>'
        for name, kind, label, auto, fill in (
            ("email", "email", "login_email", "username", "user"),
            ("password", "password", "login_password", "current-password", "password"),
        )
    )
    error_html = f'<div class="form-error" role="alert">{esc(error)}</div>' if error else ""
    body = (
        f'<main class="a-login"><div class="a-login-box"><div class="a-brand" aria-hidden="true">'
        f"{esc(svc.name)}</div><h1>{esc(t('login_title'))}</h1>"
        f"<p>{esc(t('login_intro', service=svc.name))}</p>"
        f'<button type="button" class="a-provider" data-provider="google" data-sign-in="{esc(google)}" '
        f'data-callback="{esc(callback)}">{esc(t("login_google"))}</button>'
        f'<p class="a-or">{esc(t("login_or"))}</p>'
        f'<form method="post" action="{esc(svc.login_path)}" class="a-login-form" novalidate '
        "data-practice-login>"
        f'<input type="hidden" name="{esc(svc.next_param)}" value="{esc(next_url)}" data-next>'
        f'{error_html}<div class="login-step" data-step="0">{fields}'
        f'<button type="submit" class="a-primary" data-practice-go>{esc(t("login_continue"))}</button>'
        f"</div></form></div>{_strip(t, svc)}</main>"
    )
    config = site.config
    js = {
        "page": "login",
        "service": svc.id,
        # the stand-in person: the form (settings_login.js), or Google's way (assistants.js)
        "autoLogin": config.auto_login and config.sign_in_with is None,
        "autoProvider": config.sign_in_with if config.auto_login else None,
        "autoLoginDelay": config.auto_login_delay,
        "autoLoginKeyMs": config.auto_login_key_ms,
        "autoUser": AUTO_LOGIN_USER,
    }
    return _document(t, svc, t("login_title"), body, js, ("settings_login.js", "assistants.js"))


# -- the apps ---------------------------------------------------------------------------------


def _app_routes(site: PracticeSite, svc: SettingsService, req: Request, t: Texts) -> Response | None:
    user = _user(site, svc, req)
    if req.path == "/logout":
        bye = Response.redirect(_login_address(site, svc, site.url(svc.settings[0].url)))
        secure = "; Secure" if svc.cookie.startswith("__Secure-") else ""
        bye.headers.append(("Set-Cookie", f"{svc.cookie}=; Path=/; Max-Age=0; SameSite=Lax{secure}"))
        return bye
    if req.path == LONG_POLL_PATH and site.config.setting_long_poll is not None:
        time.sleep(site.config.setting_long_poll)
        return Response.json({"ok": True, "events": []})
    if req.path == STATE_PATHS[svc.id] and req.method == "GET":
        if user is None:
            return Response.json({"ok": False, "error": "not signed in"}, status=401)
        return Response.json(
            {"ok": True, "value": _state(site, svc, user), "neighbour": _neighbour(site, svc, user)}
        )
    if req.path == svc.save_path and req.method == "POST":
        return _save(site, svc, req, user)
    if req.method != "GET":
        return None
    page = _page_of(svc, req.path)
    if page is None:
        return None
    if user is None:
        return Response.redirect(_login_address(site, svc, site.origin(svc.settings_host) + req.target))
    return Response.html(_app_page(site, svc, t, user, page))


def _page_of(svc: SettingsService, path: str) -> str | None:
    """The page at ``path``: "settings", "home" (the app's start page) or None (no page)."""
    setting_path = urlsplit(svc.settings[0].url).path
    if svc.id == "chatgpt":  # one app at every address; the settings are a dialog over it
        return "home" if path == "/" or path.startswith("/c/") else None
    if path.rstrip("/") == setting_path.rstrip("/"):
        return "settings"
    return "home" if path in ("/", "/new", "/chat") else None


def _state(site: PracticeSite, svc: SettingsService, user: str) -> bool:
    from .settings_routes import current_setting

    return current_setting(site, svc.id, user, svc.settings[0].key)


def _neighbour(site: PracticeSite, svc: SettingsService, user: str) -> bool:
    stored = site.state.stored_setting((svc.id, user, NEIGHBOUR_KEY, None))
    return True if stored is None else stored


def _save(site: PracticeSite, svc: SettingsService, req: Request, user: str | None) -> Response:
    """The background save; ``setting_no_persist`` answers alike but keeps nothing."""
    from .settings_routes import store_setting

    if user is None:
        return Response.json({"ok": False, "error": "not signed in"}, status=401)
    values, _ = req.form()
    key, value = values.get("setting", ""), values.get("value", "").strip().lower()
    if value not in ("true", "false"):
        return Response.json({"ok": False, "error": "value must be true or false"}, status=400)
    on = value == "true"
    if key == NEIGHBOUR_KEY:  # the other switch of the page: kept, and the judge sees it touched
        site.state.store_setting(SettingChange(svc.id, user, key, None, on, time.time(), "page"))
        return Response.json({"ok": True, "setting": key, "value": on})
    if key != svc.settings[0].key:
        return Response.json({"ok": False, "error": f"no setting {key!r}"}, status=400)
    if not site.config.setting_no_persist:
        store_setting(site, svc.id, user, key, on, None, "page")
    return Response.json({"ok": True, "setting": key, "value": on})


def _app_page(site: PracticeSite, svc: SettingsService, t: Texts, user: str, page: str) -> str:
    """The app shell: the page is drawn by assistants.js. A settings page's shell already holds
    the placeholder of its switch, in the wrong state (the opposite of the stored one)."""
    on = _state(site, svc, user)
    config = site.config
    js = {
        "page": page,
        "service": svc.id,
        "key": svc.settings[0].key,
        "neighbourKey": NEIGHBOUR_KEY,
        "stateUrl": STATE_PATHS[svc.id],
        "saveUrl": svc.save_path,
        "paintDelay": int(config.setting_paint_delay * 1000),
        "longPollUrl": LONG_POLL_PATH if config.setting_long_poll is not None else "",
        "settingsUrl": urlsplit(svc.settings[0].url).path,
        "texts": dict(t),
    }
    title = t(f"{_prefix(svc)}_settings") if page == "settings" else svc.name
    words = esc(t("open_settings"))
    opener = (
        f'<button type="button" class="a-open-settings" data-open-settings>{words}</button>'
        if svc.id == "chatgpt"  # ChatGPT's settings are a dialog over the app
        else f'<a class="a-open-settings" href="{esc(js["settingsUrl"])}">{words}</a>'
    )
    main = _placeholder(svc, t, on) if page == "settings" else _home(t)
    body = (
        f'<div class="a-app" data-service="{esc(svc.id)}"><nav class="a-side" aria-label="{esc(svc.name)}">'
        f'<span class="a-brand">{esc(svc.name)}</span><a href="/" class="a-new">{esc(t("new_chat"))}</a>'
        f'<span class="a-user">{esc(user)}</span>{opener}</nav><main class="a-main" id="app">{main}'
        f"</main></div>{_strip(t, svc)}"
    )
    return _document(t, svc, title, body, js, ("assistants.js",))


def _home(t: Texts) -> str:
    return (
        f'<div class="a-chat"><label class="a-ask"><span class="sr">{esc(t("ask"))}</span>'
        f'<textarea placeholder="{esc(t("ask"))}" rows="2"></textarea></label></div>'
    )


def _placeholder(svc: SettingsService, t: Texts, on: bool) -> str:
    """The settings page before its data: a greyed-out, disabled switch in the wrong state."""
    p = _prefix(svc)
    wrong = "false" if on else "true"
    if svc.id == "perplexity":
        control = (
            f'<input type="checkbox" role="switch" id="px-ai-data" disabled{" checked" if not on else ""} '
            'class="a-switch is-placeholder">'
        )
        label = f'<label for="px-ai-data" class="a-label">{esc(t("px_label"))}</label>'
    else:
        named = 'aria-labelledby="a-label"' if svc.id == "claude" else f'aria-label="{esc(t(f"{p}_label"))}"'
        control = (
            f'<button type="button" role="switch" aria-checked="{wrong}" {named} disabled '
            'class="a-switch is-placeholder"></button>'
        )
        label = f'<span id="a-label" class="a-label">{esc(t(f"{p}_label"))}</span>'
    return (
        f'<h1>{esc(t(f"{p}_settings"))}</h1><section class="a-settings is-loading" aria-busy="true" '
        f'data-placeholder><div class="a-row"><div>{label}<p class="a-help">{esc(t(f"{p}_text"))}</p>'
        f"</div>{control}</div></section>"
    )


def _prefix(svc: SettingsService) -> str:
    return {"chatgpt": "cg", "claude": "cl", "perplexity": "px", "lechat": "lc"}[svc.id]


def _strip(t: Texts, svc: SettingsService) -> str:
    return f'<p class="practice-strip" role="note">{esc(t("practice_notice", service=svc.name))}</p>'


def _document(
    t: Texts,
    svc: SettingsService,
    title: str,
    body: str,
    js: dict[str, object] | None = None,
    scripts: tuple[str, ...] = (),
) -> str:
    return html_document(
        t=t,
        title=title,
        stylesheet="assistants.css",
        body_class=f"assistant a-{esc(svc.id)}",
        content=body,
        js_config=js,
        scripts=scripts,
    )
