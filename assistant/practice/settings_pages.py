"""Markup of the practice settings pages of other services (see ``services.py``).

The controls differ from service to service as on the real sites, so that a flow
cannot rely on one kind of markup: a ``role=switch`` button named by
``aria-labelledby`` (LinkedIn), a native checkbox with ``<label for>`` (X,
WordPress.com), a state shown as text with a "Turn off" menu and a dialog
(Google), ``role=switch`` buttons named by ``aria-label`` (Microsoft), a
``role=switch`` checkbox inside its label (Pinterest), an ``aria-pressed``
button reading "Enabled"/"Disabled" (Quora), a ``div`` switch whose name names
the blog while its visible text does not (Tumblr), and a switch named by the
heading above it with its state as text beside it (Adobe).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .countries import countries
from .pages import esc, html_document
from .services import SettingsService
from .strings import STRINGS_DIR, Texts

SETTINGS_STRINGS = STRINGS_DIR / "settings.json"
#: the languages the settings pages are written in; any other page language shows English
SETTINGS_LANGUAGES: tuple[str, ...] = ("en", "de")


@cache
def settings_texts(language: str) -> Texts:
    """The texts of the settings pages in ``language`` (English for a language they lack)."""
    data = json.loads(SETTINGS_STRINGS.read_text(encoding="utf-8"))
    lang = language if language in SETTINGS_LANGUAGES else "en"
    missing = set(data["en"]) - set(data[lang])
    if missing:
        raise KeyError(f"settings.json ({lang}) lacks {', '.join(sorted(missing))}")
    result = Texts(data[lang])
    result.language = lang
    return result


#: texts the page scripts need, per language
_JS_TEXT_KEYS = (
    "on",
    "off",
    "saved",
    "save_error",
    "confirm_off_title",
    "confirm_on_title",
    "confirm_text",
    "confirm_off",
    "confirm_on",
    "cancel",
    "q_enabled",
    "q_disabled",
    "g_turn_off",
    "g_turn_on",
    "g_dialog_title",
    "g_dialog_delete_title",
    "g_dialog_text",
    "ad_saved",
    "dp_required",
    "dp_done_title",
    "dp_done_text",
    "unsaved",
)


def js_texts(t: Texts) -> dict[str, str]:
    return {key: t[key] for key in _JS_TEXT_KEYS}


# -- chrome ---------------------------------------------------------------------------------


def document(
    *,
    t: Texts,
    service: SettingsService,
    title: str,
    body: str,
    js_config: dict[str, object] | None = None,
    scripts: tuple[str, ...] = (),
) -> str:
    """A whole HTML document in the page language, styled per service."""
    return html_document(
        t=t,
        title=title,
        stylesheet="settings.css",
        body_class=f"svc svc-{esc(service.id)}",
        content=body,
        js_config=js_config,
        scripts=scripts,
    )


def practice_strip(t: Texts, service: SettingsService) -> str:
    return f'<p class="practice-strip" role="note">{esc(t("practice_notice", service=service.name))}</p>'


def header(t: Texts, service: SettingsService, user: str | None) -> str:
    user_html = ""
    if user:
        user_html = (
            f'<span class="svc-user">{esc(t("signed_in_as", user=user))}</span>'
            f'<a class="svc-signout" href="/logout">{esc(t("sign_out"))}</a>'
        )
    return (
        f'<header class="svc-top"><a class="svc-brand" href="/">{esc(service.name)}</a>'
        f'<div class="svc-account">{user_html}</div></header>{practice_strip(t, service)}'
    )


def main(t: Texts, service: SettingsService, user: str | None, content: str, crumb: str = "") -> str:
    crumb_html = f'<nav class="crumb" aria-label="breadcrumb">{esc(crumb)}</nav>' if crumb else ""
    return (
        f"{header(t, service, user)}"
        f'<main class="svc-main">{crumb_html}<div class="card">{content}</div></main>'
    )


def message_page(t: Texts, service: SettingsService, user: str | None, title_key: str, text_key: str) -> str:
    content = f"<h1>{esc(t(title_key))}</h1><p>{esc(t(text_key))}</p>"
    return document(t=t, service=service, title=t(title_key), body=main(t, service, user, content))


def links_page(
    t: Texts,
    service: SettingsService,
    user: str | None,
    title: str,
    text: str,
    links: Sequence[tuple[str, str]],
) -> str:
    """A home page or a blog/site listing: a heading and one link per entry."""
    items = "".join(f'<li><a href="{esc(href)}">{esc(label)}</a></li>' for href, label in links)
    content = f'<h1>{esc(title)}</h1><p>{esc(text)}</p><ul class="link-list">{items}</ul>'
    return document(t=t, service=service, title=title, body=main(t, service, user, content))


# -- login pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # input type
    label: str
    autocomplete: str
    fill: str  # what the self-typing stand-in types: "user", "password" or "code"


@dataclass(frozen=True)
class Step:
    fields: tuple[Field, ...]
    button: str


def login_page(
    *,
    t: Texts,
    service: SettingsService,
    title: str,
    intro: str,
    action: str,
    next_param: str,
    next_url: str,
    steps: Sequence[Step],
    error: str | None,
    js_config: dict[str, object],
    shown_user: str | None = None,
) -> str:
    """A login page; several ``steps`` are shown one after the other in the page (as X and Adobe do)."""
    parts = []
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        fields = "".join(_login_field(service, field) for field in step.fields)
        kind = "submit" if last else "button"
        next_attr = "" if last else " data-step-next"
        hidden = " hidden" if index else ""
        parts.append(
            f'<div class="login-step" data-step="{index}"{hidden}>{fields}'
            f'<button type="{kind}" class="btn primary wide" data-practice-go{next_attr}>'
            f"{esc(step.button)}</button></div>"
        )
    error_html = f'<div class="form-error" role="alert">{esc(error)}</div>' if error else ""
    user_html = f'<p class="login-user">{esc(shown_user)}</p>' if shown_user else ""
    body = (
        f'<main class="login-main"><div class="login-box"><div class="login-brand" aria-hidden="true">'
        f"{esc(service.name)}</div><h1>{esc(title)}</h1>"
        f"{f'<p>{esc(intro)}</p>' if intro else ''}{user_html}"
        f'<form method="post" action="{esc(action)}" id="svc-login" class="login-form" novalidate '
        "data-practice-login>"
        f'<input type="hidden" name="{esc(next_param)}" value="{esc(next_url)}">'
        f"{error_html}{''.join(parts)}</form>"
        f'<a class="small-link" href="#">{esc(t("login_forgot"))}</a></div>'
        f"{practice_strip(t, service)}</main>"
    )
    return document(
        t=t, service=service, title=title, body=body, js_config=js_config, scripts=("settings_login.js",)
    )


def _login_field(service: SettingsService, field: Field) -> str:
    field_id = f"{service.id}-{field.name}"
    extra = ' inputmode="numeric" maxlength="6"' if field.fill == "code" else ""
    return (
        f'<div class="field"><label for="{field_id}">{esc(field.label)}</label>'
        f'<input id="{field_id}" name="{esc(field.name)}" type="{field.kind}" '
        f'autocomplete="{field.autocomplete}" data-fill="{field.fill}" autocapitalize="off" '
        f'spellcheck="false"{extra}></div>'
    )


def choice_page(
    *,
    t: Texts,
    service: SettingsService,
    title: str,
    text: str,
    action: str,
    next_param: str,
    next_url: str,
    choices: Sequence[tuple[str, str, bool]],
    js_config: dict[str, object],
) -> str:
    """A page of buttons only ("Stay signed in?" Yes/No); the primary one is what auto_login presses."""
    buttons = "".join(
        f'<button type="submit" name="choice" value="{esc(value)}" '
        f'class="btn {"primary" if primary else "secondary"}"{" data-practice-go" if primary else ""}>'
        f"{esc(label)}</button>"
        for label, value, primary in choices
    )
    body = (
        f'<main class="login-main"><div class="login-box"><div class="login-brand" aria-hidden="true">'
        f"{esc(service.name)}</div><h1>{esc(title)}</h1><p>{esc(text)}</p>"
        f'<form method="post" action="{esc(action)}" id="svc-login" class="login-form" novalidate '
        "data-practice-login>"
        f'<input type="hidden" name="{esc(next_param)}" value="{esc(next_url)}">'
        f'<div class="choice-actions">{buttons}</div></form></div>{practice_strip(t, service)}</main>'
    )
    return document(
        t=t, service=service, title=title, body=body, js_config=js_config, scripts=("settings_login.js",)
    )


# -- settings pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLook:
    """How a settings page draws and keeps its settings (``PracticeConfig.setting_*``)."""

    first_paint: str | None = None  # None | "slow" | "placeholder"
    save: str = "on-change"  # "on-change" | "save-button" | "sticky-bar"
    markup: str | None = None  # None | "shared-card" | one of LIBRARY_MARKUPS
    neighbour_on: bool = True  # the state of the other setting a shared card or a library page shows


#: the component libraries a page can draw its switches with, and the bundle each needs
LIBRARY_MARKUPS: dict[str, str] = {
    "md-switch": "components/md-switch.js",
    "radix": "components/react-switches.js",
    "headless": "components/react-switches.js",
}
#: the setting a shared card or a library page shows before the service's own (not AI training)
NEIGHBOUR_KEY = "neighbour"


def settings_page(
    *,
    t: Texts,
    service: SettingsService,
    user: str,
    states: dict[str, bool],
    item: str | None,
    js_config: dict[str, object],
    look: PageLook = PageLook(),
) -> str:
    """The settings page of ``service`` with each setting in its current state, drawn as ``look``
    says (first paint, save button, markup)."""
    title, crumb, content = _content(t, service, states, item, look)
    if look.save == "save-button":
        content += _save_row(t)
    if look.first_paint is not None:
        content = _first_paint(t, service, states, item, look, title, content)
    status = '<div class="save-status" role="status" aria-live="polite" data-save-status></div>'
    body = main(t, service, user, content + status, crumb)
    if look.save == "sticky-bar":
        body += _sticky_bar(t)
    scripts: tuple[str, ...] = ("settings.js",)
    library = LIBRARY_MARKUPS.get(look.markup or "") if service.id != "google" else None
    if library:
        scripts = (library, *scripts)
    return document(t=t, service=service, title=title, body=body, js_config=js_config, scripts=scripts)


def _content(
    t: Texts, service: SettingsService, states: dict[str, bool], item: str | None, look: PageLook
) -> tuple[str, str, str]:
    """Title, breadcrumb and card content: the service's own markup, or the one ``look`` asks for."""
    title, crumb, content = _BUILDERS[service.id](t, states, item)
    if look.markup is None or service.id == "google":  # Google's menu and dialog stay as they are
        return title, crumb, content
    rows = [(NEIGHBOUR_KEY, t("nb_label"), look.neighbour_on)]
    rows += [
        (s.key, t(s.label_key, item=item or ""), states[s.key]) for s in service.settings if s.key in states
    ]
    heading = f"<h1>{esc(title)}</h1>"
    if look.markup == "shared-card":
        return title, crumb, heading + _shared_card(t, rows, item)
    return (
        title,
        crumb,
        heading + "".join(_library_row(t, look.markup, key, label, on, item) for key, label, on in rows),
    )


def _shared_card(t: Texts, rows: list[tuple[str, str, bool]], item: str | None) -> str:
    """Every setting in one card with no row of its own: a label, a description, a switch named
    only "Toggle" (the label names it for the eye, not for the accessibility tree)."""
    parts = []
    for key, label, on in rows:
        parts.append(
            f'<span class="setting-label">{esc(label)}</span><p class="desc">{esc(t("nb_desc"))}</p>'
            f'<button type="button" role="switch" class="switch" aria-checked="{str(on).lower()}" '
            f'aria-label="{esc(t("toggle"))}" {_data(key, "switch-button", item)}>'
            '<span class="knob"></span></button>'
        )
    return f'<div class="shared-card">{"".join(parts)}</div>'


def _library_row(t: Texts, markup: str, key: str, label: str, on: bool, item: str | None) -> str:
    """One setting in its own row, drawn by a component library's switch."""
    if markup == "md-switch":  # a <label> around the web component names it
        selected = " selected" if on else ""
        return (
            '<div class="setting-row"><label class="md-row">'
            f'<span class="setting-label">{esc(label)}</span>'
            f"<md-switch{selected} {_data(key, 'md-switch', item)}></md-switch></label></div>"
        )
    label_id = f"lib-{key}"
    return (
        f'<div class="setting-row"><span id="{label_id}" class="setting-label">{esc(label)}</span>'
        f'<span data-react-switch data-library="{esc(markup)}" data-checked="{str(on).lower()}" '
        f'data-label-id="{label_id}" {_data(key, "react", item)}></span></div>'
    )


def _save_row(t: Texts) -> str:
    """A page-level Save button below the controls: disabled until something changed."""
    return (
        '<div class="save-row"><button type="button" class="btn primary" data-page-save disabled>'
        f"{esc(t('save_settings'))}</button></div>"
    )


def _sticky_bar(t: Texts) -> str:
    """A bar fixed to the bottom of the window, shown after a change: Discard or Save changes."""
    return (
        f'<div class="sticky-save" role="region" aria-label="{esc(t("unsaved"))}" data-sticky-save hidden>'
        f"<span>{esc(t('unsaved'))}</span>"
        f'<button type="button" class="btn secondary" data-page-discard>{esc(t("discard"))}</button>'
        f'<button type="button" class="btn primary" data-page-save>{esc(t("save_changes"))}</button></div>'
    )


def _first_paint(
    t: Texts,
    service: SettingsService,
    states: dict[str, bool],
    item: str | None,
    look: PageLook,
    title: str,
    content: str,
) -> str:
    """What the page shows before its settings arrive (its heading, or a greyed-out copy of its
    controls in the wrong state), with the real content kept for settings.js to draw."""
    if look.first_paint == "slow":
        shown = f'<h1>{esc(title)}</h1><p class="desc" aria-busy="true">{esc(t("loading"))}</p>'
    else:
        wrong = {key: not on for key, on in states.items()}
        _title, _crumb, copy = _content(
            t, service, wrong, item, PageLook(markup=look.markup, neighbour_on=not look.neighbour_on)
        )
        copy = copy.replace(" data-setting=", ' disabled aria-disabled="true" data-placeholder-setting=')
        shown = f'<div class="skeleton" aria-busy="true">{copy}</div>'
    return f"<div data-first-paint>{shown}</div><template data-real-content>{content}</template>"


def _data(key: str, kind: str, item: str | None = None) -> str:
    item_attr = f' data-item="{esc(item)}"' if item else ""
    return f'data-setting="{esc(key)}" data-kind="{kind}"{item_attr}'


def _checked(on: bool) -> str:
    return " checked" if on else ""


def _state_text(t: Texts, on: bool, *, hidden: bool = True) -> str:
    aria = ' aria-hidden="true"' if hidden else ""
    return f'<span class="state-text" data-state-text{aria}>{esc(t("on") if on else t("off"))}</span>'


def _linkedin(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["ai-training"]
    content = (
        f'<h1>{esc(t("li_title"))}</h1><p class="desc">{esc(t("li_text"))}</p>'
        '<div class="setting-row">'
        f'<p id="li-ai-label" class="setting-label">{esc(t("li_label"))}</p>'
        f'<div class="switch-wrap">{_state_text(t, on)}'
        f'<button type="button" role="switch" class="switch" aria-checked="{str(on).lower()}" '
        f'aria-labelledby="li-ai-label" {_data("ai-training", "switch-button")}>'
        '<span class="knob"></span></button></div></div>'
        f'<p class="note">{esc(t("li_note"))}</p>'
    )
    return t("li_title"), t("li_crumb"), content


def _x(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["grok-training"]
    content = (
        f"<h1>{esc(t('x_title'))}</h1>"
        '<div class="setting-row">'
        f'<label for="x-grok-training" class="setting-label">{esc(t("x_label"))}</label>'
        f'<input type="checkbox" id="x-grok-training" aria-describedby="x-grok-help"'
        f"{_checked(on)} {_data('grok-training', 'checkbox')}></div>"
        f'<p id="x-grok-help" class="desc">{esc(t("x_text"))}</p>'
    )
    return t("x_title"), t("x_crumb"), content


def _google(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["gemini-activity"]
    if on:
        action = (
            '<button type="button" id="g-action" class="btn primary" aria-haspopup="menu" '
            f'aria-expanded="false" aria-controls="g-menu" {_data("gemini-activity", "menu-dialog")}>'
            f'{esc(t("g_turn_off"))}<span class="caret" aria-hidden="true"> ▾</span></button>'
        )
    else:
        action = (
            '<button type="button" id="g-action" class="btn primary" aria-controls="g-menu" '
            f"{_data('gemini-activity', 'menu-dialog')}>{esc(t('g_turn_on'))}</button>"
        )
    menu = (
        '<div role="menu" id="g-menu" class="menu" aria-labelledby="g-action" hidden>'
        f'<div role="menuitem" tabindex="-1" data-action="off">{esc(t("g_turn_off"))}</div>'
        f'<div role="menuitem" tabindex="-1" data-action="off-delete">{esc(t("g_turn_off_delete"))}</div>'
        "</div>"
    )
    content = (
        '<section class="g-card" aria-labelledby="g-title">'
        f'<h1 id="g-title">{esc(t("g_title"))}</h1>'
        f'<p class="g-state">{_state_text(t, on, hidden=False)}</p>'
        f'<p class="desc">{esc(t("g_text"))}</p>'
        f'<div class="g-actions">{action}{menu}</div></section>'
    )
    return t("g_title"), "", content


def _microsoft(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    rows = []
    for key, label_key in (("text-training", "ms_text"), ("voice-training", "ms_voice")):
        on = states[key]
        rows.append(
            '<div class="setting-row">'
            f'<div><span class="setting-label">{esc(t(label_key))}</span>'
            f'<p class="desc">{esc(t("ms_desc"))}</p></div>'
            f'<button type="button" role="switch" class="switch" aria-checked="{str(on).lower()}" '
            f'aria-label="{esc(t(label_key))}" {_data(key, "switch-button")}>'
            '<span class="knob"></span></button></div>'
        )
    content = f"<h1>{esc(t('ms_title'))}</h1>{''.join(rows)}"
    return t("ms_title"), "", content


def _pinterest(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["canvas-training"]
    content = (
        f"<h1>{esc(t('pin_title'))}</h1>"
        '<div class="setting-block"><label class="setting-row toggle-label">'
        f'<span class="setting-label">{esc(t("pin_label"))}</span>'
        f'<input type="checkbox" role="switch" class="toggle"{_checked(on)} '
        f"{_data('canvas-training', 'checkbox-switch')}></label>"
        f'<p class="desc">{esc(t("pin_desc"))}</p></div>'
    )
    return t("pin_title"), "", content


def _quora(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["llm-training"]
    content = (
        f"<h1>{esc(t('q_title'))}</h1>"
        '<div class="setting-row">'
        f'<div><div id="q-llm-label" class="setting-label">{esc(t("q_label"))}</div>'
        f'<p class="desc">{esc(t("q_desc"))}</p></div>'
        f'<button type="button" class="pill" aria-pressed="{str(on).lower()}" aria-labelledby="q-llm-label" '
        f"{_data('llm-training', 'pressed-button')}>{esc(t('q_enabled') if on else t('q_disabled'))}</button>"
        "</div>"
    )
    return t("q_title"), "", content


def _tumblr(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    assert item is not None
    on = states["third-party-sharing"]
    title = t("tb_blog_settings", item=item)
    content = (
        f"<h1>{esc(title)}</h1><h2>{esc(t('tb_title'))}</h2>"
        '<div class="setting-row">'
        f'<div><span class="setting-label">{esc(t("tb_visible"))}</span>'
        f'<p class="desc">{esc(t("tb_desc"))}</p></div>'
        f'<div role="switch" tabindex="0" class="switch" aria-checked="{str(on).lower()}" '
        f'aria-label="{esc(t("tb_label", item=item))}" {_data("third-party-sharing", "div-switch", item)}>'
        '<span class="knob"></span></div></div>'
    )
    return title, "", content


def _wordpress(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    assert item is not None
    on = states["third-party-sharing"]
    content = (
        f'<h1>{esc(t("wp_title"))}</h1><p class="site-name">{esc(item)}</p>'
        f"<h2>{esc(t('wp_privacy'))}</h2>"
        '<div class="components-toggle-control setting-row">'
        '<span class="components-form-toggle">'
        '<input class="components-form-toggle__input" id="inspector-toggle-control-0" type="checkbox" '
        f'aria-describedby="inspector-toggle-control-0__help"{_checked(on)} '
        f"{_data('third-party-sharing', 'checkbox', item)}>"
        '<span class="components-form-toggle__track"></span></span>'
        f'<label for="inspector-toggle-control-0" class="setting-label">{esc(t("wp_label"))}</label></div>'
        f'<p id="inspector-toggle-control-0__help" class="desc">{esc(t("wp_desc"))}</p>'
    )
    return t("wp_site_settings", item=item), "", content


def _adobe(t: Texts, states: dict[str, bool], item: str | None) -> tuple[str, str, str]:
    on = states["content-analysis"]
    content = (
        f'<section class="ad-section"><h2 id="ad-content-analysis">{esc(t("ad_title"))}</h2>'
        f'<p class="desc">{esc(t("ad_desc"))}</p>'
        '<label class="spectrum-Switch">'
        '<input type="checkbox" role="switch" class="spectrum-Switch-input" '
        f'aria-labelledby="ad-content-analysis"{_checked(on)} {_data("content-analysis", "checkbox-switch")}>'
        '<span class="spectrum-Switch-switch"></span>'
        f'<span class="spectrum-Switch-label" data-state-text>{esc(t("on") if on else t("off"))}</span>'
        "</label></section>"
    )
    return t("ad_crumb"), t("ad_crumb"), content


_BUILDERS = {
    "linkedin": _linkedin,
    "x": _x,
    "google": _google,
    "microsoft": _microsoft,
    "pinterest": _pinterest,
    "quora": _quora,
    "tumblr": _tumblr,
    "wordpress": _wordpress,
    "adobe": _adobe,
}


# -- LinkedIn's Data Processing Objection form -------------------------------------------------


def objection_page(
    *, t: Texts, service: SettingsService, user: str, js_config: dict[str, object], language: str
) -> str:
    """LinkedIn's "Data Processing Objection" form: request type, country, free text, Submit."""
    options = "".join(
        f'<option value="{esc(code)}">{esc(name)}</option>'
        for code, name in countries(language if language in SETTINGS_LANGUAGES else "en")
    )
    radios = "".join(
        f'<label class="radio-option"><input type="radio" name="request_type" value="{value}">'
        f"<span>{esc(t(key))}</span></label>"
        for value, key in (("object", "dp_object"), ("restrict", "dp_restrict"))
    )
    content = (
        f'<h1>{esc(t("dp_title"))}</h1><p class="desc">{esc(t("dp_intro"))}</p>'
        '<div id="dp-result" role="status"></div>'
        '<form id="dp-form" class="dp-form" novalidate>'
        f'<fieldset class="field"><legend class="label">{esc(t("dp_type"))}</legend>{radios}'
        '<div class="field-error" data-error-for="request_type" hidden></div></fieldset>'
        f'<div class="field"><label class="label" for="dp-country">{esc(t("dp_country"))}</label>'
        f'<select id="dp-country" name="country"><option value="">{esc(t("dp_country_pick"))}</option>'
        f'{options}</select><div class="field-error" data-error-for="country" hidden></div></div>'
        f'<div class="field"><label class="label" for="dp-details">{esc(t("dp_details"))}</label>'
        '<textarea id="dp-details" name="details" rows="6"></textarea>'
        '<div class="field-error" data-error-for="details" hidden></div></div>'
        '<div class="actions"><button type="submit" class="btn primary" data-practice-send>'
        f"{esc(t('dp_submit'))}</button></div></form>"
    )
    body = main(t, service, user, content)
    return document(
        t=t,
        service=service,
        title=t("dp_title"),
        body=body,
        js_config=js_config,
        scripts=("settings_form.js",),
    )
