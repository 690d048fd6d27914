"""Page chrome (layout, header, cookie dialog) and the simple pages: login,
security check, error, not found, home."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from .strings import Texts
from .wording import Cookie

STATIC_DIR = Path(__file__).parent / "static"


@cache
def static_text(name: str) -> str:
    """A stylesheet or script from static/, inlined so every page is self-contained."""
    return (STATIC_DIR / name).read_text(encoding="utf-8")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def json_script(element_id: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{payload}</script>'


def brand_logo(brand: str) -> str:
    if brand == "Instagram":
        return (
            '<span class="logo-ig" aria-hidden="true"></span>'
            '<span class="wordmark-ig" aria-hidden="true">Instagram</span>'
        )
    if brand == "Meta":
        return '<span class="logo-meta" aria-hidden="true">∞</span>'
    return '<span class="logo-fb" aria-hidden="true">f</span>'


def page(
    *,
    t: Texts,
    title: str,
    brand: str,
    body: str,
    js_config: dict[str, object] | None = None,
    scripts: tuple[str, ...] = (),
    cookie_dialog: str = "",
    body_class: str = "",
) -> str:
    """A whole Help Centre page in the page language."""
    theme = "ig" if brand == "Instagram" else "fb"
    return html_document(
        t=t,
        title=title,
        stylesheet="practice.css",
        body_class=f"theme-{theme} {esc(body_class)}",
        content=f"{body}\n{cookie_dialog}",
        js_config=js_config,
        scripts=scripts,
    )


def html_document(
    *,
    t: Texts,
    title: str,
    stylesheet: str,
    body_class: str,
    content: str,
    js_config: dict[str, object] | None = None,
    scripts: tuple[str, ...] = (),
) -> str:
    """A whole HTML document of the practice site: page language, one inline style sheet, the page's
    settings for its scripts, ``practice.js`` and then ``scripts`` at the end of the body."""
    config = dict(js_config or {})
    config.setdefault("lang", t.language)
    tags = "".join(f"<script>\n{static_text(name)}</script>\n" for name in ("practice.js", *scripts))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(t.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"<style>\n{static_text(stylesheet)}</style>\n"
        f"{json_script('practice-config', config)}\n</head>\n"
        f'<body class="{body_class}">\n{content}\n{tags}</body>\n</html>\n'
    )


def help_header(t: Texts, brand: str, user: str | None, *, notice: bool = True) -> str:
    user_html = f'<span class="topbar-user">{esc(t("logged_in_as", user=user))}</span>' if user else ""
    strip = f'<div class="practice-strip" role="note">{esc(t("practice_notice"))}</div>' if notice else ""
    return (
        f'<header class="topbar"><a class="brand" href="/" '
        f'aria-label="{esc(brand)} {esc(t("help_centre"))}">{brand_logo(brand)}'
        f'<span class="brand-sub">{esc(t("help_centre"))}</span></a>'
        f"{user_html}</header>{strip}"
    )


def button(label: str, *, cls: str, div: bool, attrs: str = "", submit: bool = False) -> str:
    """A native button, or (drift "div-buttons") a div with role=button."""
    if div:
        return (
            f'<div role="button" tabindex="0" class="btn {cls}" aria-label="{esc(label)}" {attrs}>'
            f"{esc(label)}</div>"
        )
    kind = "submit" if submit else "button"
    return f'<button type="{kind}" class="btn {cls}" {attrs}>{esc(label)}</button>'


def cookie_dialog(
    t: Texts, brand: str, *, div_buttons: bool = False, words: Cookie | None = None, markers: bool = False
) -> str:
    """The cookie consent dialog; ``markers`` adds the data attributes Meta's real dialog carries."""
    words = words or Cookie(t["cookie_title"], t["cookie_text"], t["cookie_allow"], t["cookie_decline"])
    decline_attrs, allow_attrs, dialog_attrs = 'data-consent="essential"', 'data-consent="all"', ""
    if markers:
        decline_attrs += (
            ' data-cookiebanner="accept_only_essential_button"'
            ' data-testid="cookie-policy-manage-dialog-decline-button"'
        )
        allow_attrs += ' data-cookiebanner="accept_button"'
        dialog_attrs = ' data-testid="cookie-policy-manage-dialog"'
    decline = button(words.decline, cls="secondary", div=div_buttons, attrs=decline_attrs)
    allow = button(words.allow, cls="primary", div=div_buttons, attrs=allow_attrs)
    return (
        '<div class="overlay" id="cookie-overlay">'
        f'<div class="dialog cookie-dialog" role="dialog" aria-modal="true"{dialog_attrs} '
        'aria-labelledby="cookie-title" aria-describedby="cookie-text">'
        f'<h2 id="cookie-title">{esc(words.title.format(brand=brand))}</h2>'
        f'<p id="cookie-text">{esc(words.text)}</p>'
        f'<div class="dialog-actions">{decline}{allow}</div>'
        "</div></div>"
    )


def message_page(t: Texts, brand: str, title_key: str, text_key: str, user: str | None = None) -> str:
    body = (
        f"{help_header(t, brand, user)}"
        f'<main class="help-main"><div class="card message-card"><h1>{esc(t(title_key))}</h1>'
        f"<p>{esc(t(text_key))}</p></div></main>"
    )
    return page(t=t, title=t(title_key), brand=brand, body=body)


def login_page(
    *,
    t: Texts,
    brand: str,
    action: str,
    next_url: str,
    error: bool,
    js_config: dict[str, object],
    cookie_html: str,
) -> str:
    ig = brand == "Instagram"
    user_name, pass_name = ("username", "password") if ig else ("email", "pass")
    user_label = t("login_user_ig") if ig else t("login_user_fb")
    error_html = f'<div class="form-error" role="alert">{esc(t("login_error"))}</div>' if error else ""
    wordmark = (
        '<div class="login-wordmark ig" aria-hidden="true">Instagram</div>'
        if ig
        else '<div class="login-wordmark fb" aria-hidden="true">facebook</div>'
    )
    body = (
        f'<main class="login-main">{wordmark}<div class="login-box">'
        f"<h1>{esc(t('login_title', brand=brand))}</h1>"
        f'<form method="post" action="{esc(action)}" class="login-form" id="login-form">'
        f'<input type="hidden" name="next" value="{esc(next_url)}">'
        f'<div class="field"><label for="login-user">{esc(user_label)}</label>'
        f'<input id="login-user" name="{user_name}" type="text" autocomplete="username" '
        'autocapitalize="off" spellcheck="false"></div>'
        f'<div class="field"><label for="login-pass">{esc(t("login_password"))}</label>'
        f'<input id="login-pass" name="{pass_name}" type="password" '
        'autocomplete="current-password"></div>'
        f"{error_html}"
        f'<button type="submit" class="btn primary wide">{esc(t("login_button"))}</button>'
        f'<a class="small-link" href="#">{esc(t("login_forgot"))}</a>'
        "</form></div>"
        f'<p class="practice-strip" role="note">{esc(t("practice_notice"))}</p></main>'
    )
    return page(
        t=t,
        title=t("login_title", brand=brand),
        brand=brand,
        body=body,
        js_config=js_config,
        scripts=("login.js",),
        cookie_dialog=cookie_html,
        body_class="login",
    )


def checkpoint_page(
    *, t: Texts, brand: str, action: str, next_url: str, error: bool, js_config: dict[str, object]
) -> str:
    error_html = f'<div class="form-error" role="alert">{esc(t("check_error"))}</div>' if error else ""
    body = (
        f'<main class="login-main"><div class="login-box">'
        f"<h1>{esc(t('check_title'))}</h1><p>{esc(t('check_text'))}</p>"
        f'<form method="post" action="{esc(action)}" class="login-form" id="checkpoint-form">'
        f'<input type="hidden" name="next" value="{esc(next_url)}">'
        f'<div class="field"><label for="approvals-code">{esc(t("check_label"))}</label>'
        '<input id="approvals-code" name="approvals_code" type="text" inputmode="numeric" '
        'autocomplete="one-time-code" maxlength="6"></div>'
        f"{error_html}"
        f'<button type="submit" class="btn primary wide">{esc(t("check_button"))}</button>'
        "</form></div>"
        f'<p class="practice-strip" role="note">{esc(t("practice_notice"))}</p></main>'
    )
    return page(
        t=t,
        title=t("check_title"),
        brand=brand,
        body=body,
        js_config=js_config,
        scripts=("login.js",),
        body_class="login",
    )


def home_page(t: Texts, brand: str, user: str | None, links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' for href, label in links)
    body = (
        f"{help_header(t, brand, user)}"
        f'<main class="help-main"><div class="card"><h1>{esc(t("home_title"))}</h1>'
        f'<h2>{esc(t("home_forms"))}</h2><ul class="form-links">{items}</ul></div></main>'
    )
    return page(t=t, title=t("home_title"), brand=brand, body=body)


#: interstitial kind -> (title key, text key, button key) of the page after a login
_INTERSTITIAL_KEYS = {
    "save-login": ("inter_save_title", "inter_save_text", "inter_save_yes"),
    "continue-as": ("inter_continue_title", "inter_continue_text", "inter_continue_yes"),
    "remember-browser": ("inter_remember_title", "inter_remember_text", "inter_remember_yes"),
}


def interstitial_page(*, t: Texts, brand: str, kind: str, user: str, action: str, next_url: str) -> str:
    """A page between login and form ("Save your login info?" and the like); both buttons go on."""
    title_key, text_key, yes_key = _INTERSTITIAL_KEYS[kind]
    title = t(title_key, user=user) if "{user}" in t[title_key] else t(title_key)
    body = (
        '<main class="login-main"><div class="login-box interstitial">'
        f"<h1>{esc(title)}</h1><p>{esc(t(text_key))}</p>"
        f'<form method="post" action="{esc(action)}" class="login-form" id="interstitial-form">'
        f'<input type="hidden" name="next" value="{esc(next_url)}">'
        f'<button type="submit" name="choice" value="yes" class="btn primary wide">{esc(t(yes_key))}</button>'
        f'<button type="submit" name="choice" value="no" class="btn secondary wide">'
        f"{esc(t('inter_not_now'))}</button>"
        "</form></div>"
        f'<p class="practice-strip" role="note">{esc(t("practice_notice"))}</p></main>'
    )
    return page(t=t, title=title, brand=brand, body=body, body_class="login")


def meta_help_page(t: Texts, user: str | None = None) -> str:
    """help.meta.com's privacy help page: where a moved form's address can lead."""
    topics = "".join(
        f'<li><a href="#">{esc(t(key))}</a></li>' for key in ("meta_topic_request", "meta_topic_question")
    )
    body = (
        f"{help_header(t, 'Meta', user)}"
        f'<main class="help-main"><div class="card"><h1>{esc(t("meta_help_title"))}</h1>'
        f'<p>{esc(t("meta_help_text"))}</p><ul class="form-links">{topics}</ul></div></main>'
    )
    return page(t=t, title=t("meta_help_title"), brand="Meta", body=body)
