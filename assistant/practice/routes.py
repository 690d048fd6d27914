"""What each practice server answers, per impersonated host."""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .form_pages import confirmation_html, contact_page, thanks_page
from .form_steps import next_page
from .forms import (
    FB_OBJECTION,
    FB_OBJECTION_2024,
    FB_THIRD_PARTY,
    IG_OBJECTION,
    SUBMIT_PATH,
    build_spec,
    form_for_path,
)
from .httpio import Request, Response, with_next
from .pages import (
    STATIC_DIR,
    checkpoint_page,
    cookie_dialog,
    home_page,
    interstitial_page,
    login_page,
    message_page,
    meta_help_page,
)
from .services import SETTINGS_HOSTS
from .settings_routes import settings_route
from .strings import texts
from .submit import handle_submit
from .whatsapp import WHATSAPP_HOST, whatsapp_route
from .wording import wording_for

if TYPE_CHECKING:
    from .server import PracticeSite

FOREIGN_HOST = "foreign"
META_HELP_HOST = "help.meta.com"
META_HELP_PATH = "/support/privacy"
THANKS_SUFFIX = "/submitted"
CONSENT_COOKIE = "practice_consent"
CHECKPOINT_COOKIE = "practice_checkpoint"
_CONTENT_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

# per login host and interstitial kind: where a login lands before going back to the form
_INTERSTITIAL_PATHS = {
    "www.instagram.com": {
        "save-login": "/accounts/onetap/",
        "continue-as": "/accounts/continue_as/",
        "remember-browser": "/accounts/remember_browser/",
    },
    "www.facebook.com": {
        "save-login": "/login/save-device/",
        "continue-as": "/login/continue-as/",
        "remember-browser": "/login/remember-browser/",
    },
}

# per login host: brand, login path, logout paths, checkpoint path, the form to land on
_LOGIN_HOSTS = {
    "www.instagram.com": (
        "Instagram",
        "/accounts/login/",
        ("/accounts/logout/",),
        "/challenge/",
        ("help.instagram.com", f"/contact/{IG_OBJECTION}"),
    ),
    "www.facebook.com": (
        "Facebook",
        "/login/",
        ("/logout/", "/logout.php"),
        "/checkpoint/",
        ("www.facebook.com", f"/help/contact/{FB_OBJECTION}"),
    ),
}


def brand_of(host: str) -> str:
    return "Instagram" if "instagram" in host else "Facebook"


def route(site: PracticeSite, host: str, req: Request) -> Response:
    if req.path == "/__practice__/state":
        return Response.json(site.state_json())
    if req.path == "/__practice__/touched" and req.method == "POST":
        return _touched(site, host, req)
    if req.path == "/__practice__/screen" and req.method == "POST":  # contact.js: Next was pressed
        site.state.record_screen({"host": host, "mode": "same-page"})
        return Response(204)
    if req.path.startswith("/__practice__/static/"):
        return _static(req.path.rsplit("/", 1)[-1])
    if req.path == "/favicon.ico":
        return Response(204)
    if host == FOREIGN_HOST:
        return _foreign(site, req)
    if host in SETTINGS_HOSTS:
        return settings_route(site, host, req)
    if host == WHATSAPP_HOST:  # WhatsApp's contact form: no login, a page of its own
        return whatsapp_route(site, req)
    if host == META_HELP_HOST:
        return _meta_help(site, req)
    if req.method == "POST" and req.path == SUBMIT_PATH and host != "www.instagram.com":
        return handle_submit(site, host, req)
    second_screen = next_page(site, host, req)  # a form in steps: the page after Next
    if second_screen is not None:
        return second_screen
    form = form_for_path(host, req.path)
    if form is not None:
        return _form_page(site, host, req, form[0])
    thanks = _thanks(site, host, req)
    if thanks is not None:
        return thanks
    if host in _LOGIN_HOSTS:
        answer = _login_routes(site, host, req)
        if answer is not None:
            return answer
    if req.path == "/":
        return _home(site, host, req)
    t = texts(site.config.language)
    return Response.html(message_page(t, brand_of(host), "not_found_title", "not_found_text"), 404)


def _touched(site: PracticeSite, host: str, req: Request) -> Response:
    """practice.js reports a key typed into a box the page owns (see PracticeSite.touched)."""
    try:
        data = json.loads(req.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        return Response(400, b"not json", "text/plain")
    if not isinstance(data, dict):
        return Response(400, b"not an object", "text/plain")
    fields = ("kind", "event", "path", "name")
    entry: dict[str, object] = {key: str(data.get(key, ""))[:200] for key in fields}
    entry["host"] = host
    site.state.record_touch(entry)
    return Response(204)


def _static(name: str) -> Response:
    path = STATIC_DIR / name
    kind = _CONTENT_TYPES.get(path.suffix)
    if kind is None or not path.is_file():
        return Response(404, b"not found", "text/plain")
    return Response(200, path.read_bytes(), kind)


def _login_url(site: PracticeSite, host: str) -> str:
    login_host = "www.instagram.com" if "instagram" in host else "www.facebook.com"
    return site.origin(login_host) + _LOGIN_HOSTS[login_host][1]


def _form_page(site: PracticeSite, host: str, req: Request, form_id: str) -> Response:
    config = site.config
    if config.foreign_redirect or config.moved_to == "lookalike":
        return Response.redirect(f"{site.foreign_origin}/help/contact/{form_id}")
    if config.moved_to == META_HELP_HOST:
        return Response.redirect(site.origin(META_HELP_HOST) + META_HELP_PATH)
    t = texts(config.language)
    if config.error_status:
        page = message_page(t, brand_of(host), "error_title", "error_text")
        return Response.html(page, config.error_status)
    if not req.cookies.get(site.login_cookie(host)):
        return Response.redirect(with_next(_login_url(site, host), site.origin(host) + req.target))
    spec = build_spec(host, form_id, config)
    assert spec is not None
    page = contact_page(
        form=spec,
        t=t,
        config=config,
        user=site.user_for(host, req),
        with_cookie_dialog=config.cookie_dialog and CONSENT_COOKIE not in req.cookies,
    )
    return Response.html(page)


def _safe_next(site: PracticeSite, next_url: str, default: str) -> str:
    if next_url.startswith("/") and not next_url.startswith("//"):
        return next_url
    parts = urlsplit(next_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    return next_url if origin in site.own_origins() else default


def _login_routes(site: PracticeSite, host: str, req: Request) -> Response | None:
    brand, login_path, logout_paths, check_path, (form_host, form_path) = _LOGIN_HOSTS[host]
    config = site.config
    t = texts(config.language)
    cookie = site.login_cookie(host)
    default_next = site.origin(form_host) + form_path
    values, _ = req.form() if req.method == "POST" else ({}, {})
    next_url = _safe_next(site, values.get("next") or req.query.get("next", ""), default_next)
    js = {
        "page": "login",
        "autoLogin": config.auto_login,
        "autoLoginDelay": config.auto_login_delay,
        "autoLoginKeyMs": config.auto_login_key_ms,
    }

    if req.path in logout_paths or (req.path + "/") in logout_paths:
        return Response.redirect(login_path).delete_cookie(cookie)
    if req.path in (login_path, login_path.rstrip("/"), "/login.php"):
        if req.method == "POST":
            username = (values.get("username") or values.get("email") or "").strip()
            password = values.get("password") or values.get("pass") or ""
            if username and password:
                if config.security_check:
                    token = site.state.start_checkpoint(username, host)
                    answer = Response.redirect(with_next(check_path, next_url))
                    return answer.set_cookie(CHECKPOINT_COOKIE, token, max_age=None)
                return _logged_in(site, host, username, next_url)
        dialog = ""
        if config.cookie_dialog and CONSENT_COOKIE not in req.cookies:
            dialog = cookie_dialog(
                t,
                brand,
                div_buttons=config.drift == "div-buttons",
                words=wording_for(config).cookie,
                markers=config.wording_seed is not None,
            )
        page = login_page(
            t=t,
            brand=brand,
            action=with_next(login_path, next_url),
            next_url=next_url,
            error=req.method == "POST",
            js_config=js,
            cookie_html=dialog,
        )
        return Response.html(page)
    if req.path in (check_path, check_path.rstrip("/")):
        check_token = req.cookies.get(CHECKPOINT_COOKIE)
        pending = site.state.checkpoint(check_token)
        if pending is None:
            return Response.redirect(with_next(login_path, next_url))
        if req.method == "POST":
            code = "".join(values.get("approvals_code", "").split())
            if len(code) == 6 and code.isdigit():
                site.state.end_checkpoint(check_token or "")
                answer = _logged_in(site, host, pending[0], next_url)
                return answer.delete_cookie(CHECKPOINT_COOKIE)
        page = checkpoint_page(
            t=t,
            brand=brand,
            action=with_next(check_path, next_url),
            next_url=next_url,
            error=req.method == "POST",
            js_config=js,
        )
        return Response.html(page)
    kind = _interstitial_kind(host, req.path)
    if kind is not None:
        return _interstitial(site, host, req, kind, next_url)
    return None


def _interstitial_kind(host: str, path: str) -> str | None:
    wanted = path.rstrip("/") + "/"
    return next((kind for kind, p in _INTERSTITIAL_PATHS[host].items() if p == wanted), None)


def _interstitial(site: PracticeSite, host: str, req: Request, kind: str, next_url: str) -> Response:
    """A page after login ("Save your login info?"); the session cookie is already set."""
    user = site.user_for(host, req)
    if user is None:
        return Response.redirect(with_next(_LOGIN_HOSTS[host][1], next_url))
    if req.method == "POST":
        return Response.redirect(next_url)
    page = interstitial_page(
        t=texts(site.config.language),
        brand=brand_of(host),
        kind=kind,
        user=user,
        action=req.path,
        next_url=next_url,
    )
    return Response.html(page)


def _logged_in(site: PracticeSite, host: str, username: str, next_url: str) -> Response:
    cookie, value = site.new_login(host, username)
    kind = site.config.interstitial
    target = with_next(_INTERSTITIAL_PATHS[host][kind], next_url) if kind else next_url
    return Response.redirect(target).set_cookie(cookie, value)


def _thanks(site: PracticeSite, host: str, req: Request) -> Response | None:
    """The thanks page of the "navigate" confirmation style, at the form's address + /submitted/."""
    path = req.path.rstrip("/")
    if not path.endswith(THANKS_SUFFIX):
        return None
    form = form_for_path(host, path.removesuffix(THANKS_SUFFIX))
    if form is None:
        return None
    _, kind, brand = form
    t = texts(site.config.language)
    return Response.html(thanks_page(t, site.config, brand, kind, site.user_for(host, req)))


def _meta_help(site: PracticeSite, req: Request) -> Response:
    """help.meta.com: a privacy help page at /support/privacy, where a moved form can lead."""
    t = texts(site.config.language)
    if req.path.rstrip("/") in ("", META_HELP_PATH):
        return Response.html(meta_help_page(t))
    return Response.html(message_page(t, "Meta", "not_found_title", "not_found_text"), 404)


def _home(site: PracticeSite, host: str, req: Request) -> Response:
    t = texts(site.config.language)
    if host in _LOGIN_HOSTS and not req.cookies.get(site.login_cookie(host)):
        return Response.redirect(_login_url(site, host))
    if "instagram" in host:
        links = [(site.origin("help.instagram.com") + f"/contact/{IG_OBJECTION}", t("title"))]
    else:
        fb = site.origin("www.facebook.com")
        links = [
            (f"{fb}/help/contact/{FB_OBJECTION}", t("title")),
            (f"{fb}/help/contact/{FB_OBJECTION_2024}", f"{t('title')} (2024)"),
            (f"{fb}/help/contact/{FB_THIRD_PARTY}", t("tp_title")),
        ]
    return Response.html(home_page(t, brand_of(host), site.user_for(host, req), links))


def _foreign(site: PracticeSite, req: Request) -> Response:
    """The look-alike host: records every visit and every post, and accepts anything."""
    if req.method == "POST":
        values, uploads = req.form()
        fields = dict(values)
        fields.update({name: upload.filename for name, upload in uploads.items()})
        site.state.record_foreign({"method": "POST", "path": req.target, "fields": fields})
        if req.path == SUBMIT_PATH:
            t = texts(site.config.language)
            return Response.json({"ok": True, "step": "done", "html": confirmation_html(t, "objection")})
        return Response.json({"ok": True})
    site.state.record_foreign({"method": req.method, "path": req.target, "at": time.time()})
    config = site.config
    if IG_OBJECTION in req.path:
        host, form_id = "help.instagram.com", IG_OBJECTION
    else:
        host, form_id = "www.facebook.com", FB_OBJECTION
    spec = build_spec(host, form_id, config)
    assert spec is not None
    page = contact_page(
        form=spec,
        t=texts(config.language),
        config=config,
        user=None,
        foreign=True,
        with_cookie_dialog=config.cookie_dialog and CONSENT_COOKIE not in req.cookies,
    )
    return Response.html(page)
