"""Markup of the contact forms, the e-mailed-code screen and the confirmation."""

from __future__ import annotations

import secrets

from .after_send import page_config
from .config import LOCALES, PracticeConfig
from .countries import countries
from .form_steps import (
    NEXT_SUFFIX,
    carried_inputs,
    choice_html,
    first_page_form,
    routing_choice_html,
    same_page_screens,
    screens,
)
from .forms import SUBMIT_PATH, FieldSpec, FormSpec
from .pages import button, cookie_dialog, esc, help_header, page
from .strings import Texts
from .wording import Wording, wording_for

#: a check mark drawn as an image without a name, for the "icon-heading" confirmation
_CHECK_SVG = (
    '<svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">'
    '<circle cx="24" cy="24" r="24" fill="#31a24c"/>'
    '<path d="M14 25l7 7 13-15" fill="none" stroke="#fff" stroke-width="4"/></svg>'
)

DELAY_MS = 1500


class _Ids:
    """Element ids that change on every page load, as Meta's generated ids do."""

    def __init__(self) -> None:
        self.salt = secrets.token_hex(2)
        self.n = 0

    def __call__(self) -> str:
        self.n += 1
        return f"u_{self.salt}_{self.n}"


def _label_text(spec: FieldSpec, form: FormSpec, t: Texts) -> str:
    alt = form.variant == "renamed"
    optional = f" {t('optional')}"
    if form.kind == "third_party":
        return {
            "request_type": t("tp_type_label"),
            "country": t("country_label"),
            "first_name": t("tp_first"),
            "last_name": t("tp_last"),
            "email": t("email_label"),
            "prompts": t("tp_prompts"),
            "screenshot": t("tp_screenshot") + ("" if spec.required else optional),
            "extra": t("tp_context") + ("" if spec.required else optional),
        }[spec.purpose]
    if spec.purpose == "country":
        return t("country_label_alt" if alt else "country_label")
    if spec.purpose == "email":
        return t("email_label_alt" if alt else "email_label")
    if spec.purpose == "reason":
        text = t("reason_label_alt" if alt else "reason_label")
        return text if spec.required else text + optional
    if spec.purpose == "confirm":
        return t("confirm_label")
    if spec.purpose == "account":
        return t("account_label")
    raise KeyError(spec.purpose)


def _options(pairs: list[tuple[str, str]], placeholder: str) -> str:
    first = f'<option value="">{esc(placeholder)}</option>'
    return first + "".join(f'<option value="{esc(v)}">{esc(n)}</option>' for v, n in pairs)


def _field(spec: FieldSpec, form: FormSpec, t: Texts, ids: _Ids, *, aria_labelled: bool) -> str:
    fid = ids()
    label = _label_text(spec, form, t)
    required = ' aria-required="true"' if spec.required else ""
    if aria_labelled:
        label_html = f'<div class="label" id="{fid}-label">{esc(label)}</div>'
        naming = f'aria-labelledby="{fid}-label"'
    else:
        label_html = f'<label class="label" for="{fid}">{esc(label)}</label>'
        naming = ""
    error = (
        f'<div class="field-error" id="{fid}-error" role="alert" '
        f'data-error-for="{esc(spec.name)}" hidden></div>'
    )
    hint = ""
    described = ""
    if spec.kind == "reason" and spec.required:
        hint = f'<div class="hint" id="{fid}-hint">{esc(t("reason_hint"))}</div>'
        described = f' aria-describedby="{fid}-hint"'
    if spec.kind == "file":
        hint = f'<div class="hint" id="{fid}-hint">{esc(t("tp_screenshot_hint"))}</div>'
        described = f' aria-describedby="{fid}-hint"'
    common = f'id="{fid}" name="{esc(spec.name)}" {naming}{required}{described}'

    if spec.kind == "typeahead":
        control = (
            '<div class="typeahead">'
            f'<input {common} type="text" role="combobox" aria-autocomplete="list" '
            f'aria-expanded="false" aria-controls="{fid}-listbox" autocomplete="off" '
            f'placeholder="{esc(t("country_placeholder"))}" data-typeahead>'
            f'<input type="hidden" name="{esc(spec.name)}_iso2_country_code" value="">'
            f'<ul id="{fid}-listbox" role="listbox" class="typeahead-list" hidden></ul>'
            f'<div class="typeahead-empty" hidden>{esc(t("country_none"))}</div></div>'
        )
    elif spec.kind == "country-select":
        options = _options(list(countries(t.language)), t("country_choose"))
        control = f"<select {common}>{options}</select>"
    elif spec.kind == "account":
        pairs = [("own", t("account_own")), ("other", t("account_other"))]
        control = f"<select {common}>{_options(pairs, t('account_choose'))}</select>"
    elif spec.kind == "email":
        owned = f' value="{esc(spec.value)}" readonly' if spec.readonly else ""
        control = (
            f'<input {common} type="email" autocomplete="email" '
            f'placeholder="{esc(t("email_placeholder"))}"{owned}>'
        )
    elif spec.kind == "reason":
        control = _text_box(spec, common, fid)
    elif spec.kind == "textarea":
        control = f'<textarea {common} rows="5" maxlength="3000"></textarea>'
    elif spec.kind == "text":
        auto = {"first_name": "given-name", "last_name": "family-name"}.get(spec.purpose, "off")
        control = f'<input {common} type="text" autocomplete="{auto}">'
    elif spec.kind == "file":
        accept = "image/jpeg,image/png,image/gif,image/tiff,image/heif,image/heic,image/webp"
        control = f'<input {common} type="file" accept="{accept}">'
    elif spec.kind == "checkbox":
        control = f'<input {common} type="checkbox" value="1">'
        return f'<div class="field checkbox-field">{control}{label_html}{error}</div>'
    elif spec.kind == "radios" and form.markup:
        return choice_html(spec, t, fid, label, error, form.markup, ids)
    elif spec.kind == "radios":
        return _radios(spec, t, ids, fid, label, error)
    else:
        raise KeyError(spec.kind)
    return f'<div class="field">{label_html}{control}{hint}{error}</div>'


def _text_box(spec: FieldSpec, common: str, fid: str) -> str:
    """The reason box with its limits: ``maxlength`` and a live counter below it, when it has them."""
    maxlength = f' maxlength="{spec.maxlength}"' if spec.maxlength else ""
    if not spec.counter:
        return f'<textarea {common} rows="5"{maxlength}></textarea>'
    counter = (
        f'<div class="char-counter" id="{fid}-counter" data-counter-max="{spec.maxlength}" '
        f'aria-live="polite">0/{spec.maxlength}</div>'
    )
    return f'<textarea {common} rows="5"{maxlength} data-counter="{fid}-counter"></textarea>{counter}'


def _radios(spec: FieldSpec, t: Texts, ids: _Ids, fid: str, label: str, error: str) -> str:
    options = []
    for value in ("access", "correct", "delete", "object"):
        rid = ids()
        options.append(
            f'<div class="radio-option"><input type="radio" id="{rid}" name="{esc(spec.name)}" '
            f'value="{value}"><label for="{rid}">{esc(t("tp_" + value))}</label></div>'
        )
    return (
        f'<div class="field" role="radiogroup" aria-labelledby="{fid}-label" aria-required="true">'
        f'<div class="label" id="{fid}-label">{esc(label)}</div>{"".join(options)}{error}</div>'
    )


def _form_unit(
    form: FormSpec, t: Texts, ids: _Ids, banner: str = "", carried: dict[str, str] | None = None
) -> str:
    """The form (its fields, Send, the hidden ids); a form in steps (``form.steps``) in its screens:
    ``carried`` holds the first screen's posted values on the second page of a "navigate" form."""
    variant = form.variant
    no_form = variant == "no-form"
    send_label = t("send_alt") if variant == "renamed" else t("send")
    hidden = (
        f'<input type="hidden" name="support_form_id" value="{esc(form.form_id)}">'
        f'<input type="hidden" name="support_form_locale_id" value="{LOCALES[t.language]}">'
        f'<input type="hidden" name="lsd" value="{secrets.token_urlsafe(9)}">'
    )
    rendered = [_field(f, form, t, ids, aria_labelled=no_form) for f in form.fields]
    fields = "".join(rendered)
    send = button(
        send_label,
        cls="primary send-button",
        div=variant == "div-buttons",
        attrs="data-practice-send",
        submit=not no_form,
    )
    form_error = '<div class="field-error" role="alert" data-error-for="__form__" hidden></div>'
    banner_html = f'<div class="error-banner">{esc(banner)}</div>' if banner else ""
    inner = f'{banner_html}{hidden}{fields}{form_error}<div class="actions">{send}</div>'
    if form.steps == "same-page":
        send_part = f'{form_error}<div class="actions">{send}</div>'
        inner = f"{banner_html}{hidden}{same_page_screens(form, rendered, send_part)}"
    elif form.steps == "navigate" and carried is None:
        return first_page_form(form, hidden, rendered, _path_of(form) + NEXT_SUFFIX + "/", banner_html)
    elif form.steps == "navigate" and carried is not None:
        _, rest = screens(form.fields)
        two = "".join(html for f, html in zip(form.fields, rendered, strict=True) if f in rest)
        carried_html = carried_inputs(carried)
        inner = f'{banner_html}{hidden}{carried_html}{two}{form_error}<div class="actions">{send}</div>'
    if no_form:
        return f'<div class="contact-form" data-contact-unit>{inner}</div>'
    enctype = ' enctype="multipart/form-data"' if form.kind == "third_party" else ""
    return (
        f'<form class="contact-form" data-contact-unit method="post" action="{SUBMIT_PATH}"'
        f"{enctype} novalidate>{inner}</form>"
    )


def _path_of(form: FormSpec) -> str:
    from .forms import FORM_PATHS

    paths = FORM_PATHS.items()
    return next(path for (host, path), found in paths if host == form.host and found[0] == form.form_id)


def form_again_html(form: FormSpec, t: Texts, message: str) -> str:
    """A fresh, empty form with an error banner on top, as a server re-rendering it would send."""
    return _form_unit(form, t, _Ids(), banner=message)


def _routing_html(form: FormSpec, t: Texts, words: Wording, mode: str, ids: _Ids) -> str:
    """The routing question shown in place of the form until it is answered.

    The form and the dead end wait in templates (outside the document), so
    nothing of the form can be found or filled before the person says Yes.
    """
    q = words.routing
    div = form.variant == "div-buttons"
    qid = ids()
    if mode == "radios":
        options = ""
        for value, label in (("yes", q.yes), ("no", q.no)):
            rid = ids()
            options += (
                f'<div class="radio-option"><input type="radio" id="{rid}" name="routing_answer" '
                f'value="{value}"><label for="{rid}">{esc(label)}</label></div>'
            )
        nxt = button(q.next, cls="primary", div=div, attrs="data-routing-next")
        question = (
            f'<div role="radiogroup" aria-labelledby="{qid}" aria-required="true">'
            f'<div class="question" id="{qid}">{esc(q.question)}</div>{options}</div>'
            '<div class="field-error" role="alert" data-routing-error hidden></div>'
            f'<div class="actions">{nxt}</div>'
        )
    elif mode in ("select", "combobox"):
        nxt = button(q.next, cls="primary", div=div, attrs="data-routing-next")
        question = routing_choice_html(q, mode, qid, nxt)
    else:
        yes = button(q.yes, cls="primary", div=div, attrs='data-routing-answer="yes"')
        no = button(q.no, cls="secondary", div=div, attrs='data-routing-answer="no"')
        question = f'<p class="question" id="{qid}">{esc(q.question)}</p><div class="answers">{yes}{no}</div>'
    dead_end = (
        f'<div class="dead-end"><h2 tabindex="-1">{esc(t("dead_end_title"))}</h2>'
        f'<p>{esc(t("dead_end_text"))}</p><a href="/">{esc(t("dead_end_link"))}</a></div>'
    )
    return (
        f'<div class="routing" data-routing="{mode}">{question}</div>'
        f'<template id="contact-form-template">{_form_unit(form, t, ids)}</template>'
        f'<template id="routing-dead-end">{dead_end}</template>'
    )


def contact_page(
    *,
    form: FormSpec,
    t: Texts,
    config: PracticeConfig,
    user: str | None,
    with_cookie_dialog: bool,
    foreign: bool = False,
    carried: dict[str, str] | None = None,
) -> str:
    """The whole page of one contact form (objection or third-party); ``carried``: the second page
    of a form in steps, holding the first screen's values."""
    ids = _Ids()
    if form.kind == "third_party":
        title, intro = t("tp_title"), t("tp_intro")
    else:
        title, intro = t("title"), t("intro", brand=form.brand)
    words = wording_for(config, t.language)
    if carried is not None:
        content = _form_unit(form, t, ids, carried=carried)
    elif config.routing_question:
        content = _routing_html(form, t, words, config.routing_question, ids)
    else:
        content = _form_unit(form, t, ids)
    card = (
        f'<h1>{esc(title)}</h1><div class="intro"><p>{esc(intro)}</p></div>'
        f'<div id="contact-body">{content}</div>'
    )
    if form.variant == "delayed":
        card = (
            f'<div class="spinner" role="progressbar" aria-label="{esc(t("loading"))}"></div>'
            f'<template id="contact-deferred">{card}</template>'
        )
    strings = {"err_generic": t("err_generic"), "close": t("close")}
    if config.routing_question:
        strings["routing_choose"] = t("routing_choose")
    js_config: dict[str, object] = {
        "page": "contact",
        "submitUrl": SUBMIT_PATH,
        "variant": form.variant,
        "delayMs": DELAY_MS if form.variant == "delayed" else 0,
        "autoSend": config.auto_send_when_highlighted,
        "beacon": foreign,
        "strings": strings,
    }
    if any(f.kind == "typeahead" for f in form.fields):
        js_config["countries"] = countries(t.language)
    after_send_config, after_send_scripts = page_config(config)  # a login or a check after Send
    js_config.update(after_send_config)
    toast = (
        '<div id="toast-region" class="toast-region" role="status" aria-live="polite"></div>'
        if config.confirmation_style == "toast"
        else ""
    )
    body = (
        f"{help_header(t, form.brand, None if foreign else user, notice=not foreign)}"
        '<main class="help-main"><div class="card contact-card" id="contact-root">'
        f"{card}</div></main>{toast}"
    )
    dialog = (
        cookie_dialog(
            t,
            form.brand,
            div_buttons=form.variant == "div-buttons",
            words=words.cookie,
            markers=config.wording_seed is not None,
        )
        if with_cookie_dialog
        else ""
    )
    return page(
        t=t,
        title=title,
        brand=form.brand,
        body=body,
        js_config=js_config,
        scripts=("contact.js", *after_send_scripts),
        cookie_dialog=dialog,
    )


def code_step_html(t: Texts, email: str, ref: str, variant: str | None) -> str:
    ids = _Ids()
    cid = ids()
    no_form = variant == "no-form"
    label = t("code_label_alt" if variant == "renamed" else "code_label")
    if no_form:
        label_html = f'<div class="label" id="{cid}-label">{esc(label)}</div>'
        naming = f' aria-labelledby="{cid}-label"'
    else:
        label_html = f'<label class="label" for="{cid}">{esc(label)}</label>'
        naming = ""
    send = button(
        t("code_button"),
        cls="primary send-button",
        div=variant == "div-buttons",
        attrs="data-practice-send",
        submit=not no_form,
    )
    inner = (
        f'<input type="hidden" name="submission_ref" value="{esc(ref)}">'
        f'<div class="field">{label_html}<input id="{cid}" name="confirmation_code" type="text" '
        'inputmode="numeric" autocomplete="one-time-code" maxlength="6" '
        f'aria-required="true"{naming}><div class="field-error" id="{cid}-error" role="alert" '
        'data-error-for="confirmation_code" hidden>'
        f'</div></div><div class="actions">{send}</div>'
    )
    unit = (
        f'<div class="contact-form" data-contact-unit>{inner}</div>'
        if no_form
        else f'<form class="contact-form" data-contact-unit novalidate>{inner}</form>'
    )
    return (
        f'<div class="code-step"><h2 tabindex="-1">{esc(t("code_title"))}</h2>'
        f"<p>{esc(t('code_text', email=email))}</p>{unit}</div>"
    )


def confirmation_texts(t: Texts, kind: str, words: Wording | None = None) -> tuple[str, str]:
    """(title, body) confirming a form of this kind; objections follow the server's wording pool."""
    if kind == "third_party":
        return t("tp_done_title"), t("tp_done_text")
    if words is not None:
        return words.confirmation
    return t("done_title"), t("done_text")


def confirmation_html(t: Texts, kind: str, words: Wording | None = None, style: str = "in-place") -> str:
    """The confirmation markup for one style (see ``CONFIRMATION_STYLES``)."""
    title, text = confirmation_texts(t, kind, words)
    if style == "page":
        return (
            f'<div class="confirmation confirmation-page"><h1 tabindex="-1">{esc(title)}</h1>'
            f"<p>{esc(text)}</p></div>"
        )
    if style == "icon-heading":
        return (
            f'<div class="confirmation"><h2 class="icon-heading" tabindex="-1">{_CHECK_SVG}</h2>'
            f"<p>{esc(title)}</p><p>{esc(text)}</p></div>"
        )
    return (
        '<div class="confirmation" role="status"><div class="check-icon" aria-hidden="true">✓</div>'
        f'<h2 tabindex="-1">{esc(title)}</h2><p>{esc(text)}</p></div>'
    )


def confirmation_dialog_html(t: Texts, kind: str, words: Wording | None = None) -> str:
    title, text = confirmation_texts(t, kind, words)
    close = button(t("close"), cls="primary", div=False, attrs="data-close-dialog")
    return (
        '<div class="overlay" id="confirmation-overlay"><div class="dialog confirmation-dialog" '
        'role="dialog" aria-modal="true" aria-labelledby="confirmation-title" '
        'aria-describedby="confirmation-text"><div class="check-icon" aria-hidden="true">✓</div>'
        f'<h2 id="confirmation-title" tabindex="-1">{esc(title)}</h2>'
        f'<p id="confirmation-text">{esc(text)}</p>'
        f'<div class="dialog-actions">{close}</div></div></div>'
    )


def thanks_page(t: Texts, config: PracticeConfig, brand: str, kind: str, user: str | None) -> str:
    """The separate page the "navigate" confirmation style sends the browser to."""
    title, text = confirmation_texts(t, kind, wording_for(config, t.language))
    body = (
        f"{help_header(t, brand, user)}"
        f'<main class="help-main"><div class="card message-card"><h1>{esc(title)}</h1>'
        f"<p>{esc(text)}</p></div></main>"
    )
    return page(t=t, title=title, brand=brand, body=body)
