"""Forms in steps and choices in other markups, for the practice contact forms.

Real Help Centre forms sometimes come in two screens: the first asks for the country and the
e-mail address, and a "Next" button shows the text box and Send — on the same page, or on a
second page after a post. And a question such as the third-party form's "What would you like to
do?" is not always a group of radios: it can be a native list, a list that opens on a click, or a
row of buttons. ``PracticeConfig.form_steps``, ``next_held_out`` and ``choice_markup`` switch
these on; the server (``submit.py``) checks the same fields whatever the markup, so what it
keeps (``PracticeSite.submissions``) is the judge.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from .pages import esc

if TYPE_CHECKING:
    from .config import PracticeConfig
    from .forms import FieldSpec, FormSpec
    from .httpio import Request, Response
    from .server import PracticeSite
    from .strings import Texts
    from .wording import Routing

#: per page language: the wordings of a Next button (the first is the default, a seed picks one)
NEXT_LABELS: dict[str, tuple[str, ...]] = {
    "en": ("Next", "Continue"),
    "de": ("Weiter", "Fortfahren"),
    "fr": ("Suivant", "Continuer"),
    "it": ("Avanti", "Continua"),
    "es": ("Siguiente", "Continuar"),
    "nl": ("Volgende", "Doorgaan"),
    "pl": ("Dalej",),
    "pt": ("Seguinte", "Continuar"),
    "sv": ("Nästa", "Fortsätt"),
    "da": ("Næste", "Fortsæt"),
}

#: Next wordings held out of every word list: a page that says them is a page objector does not
#: know how to go on from, and must hand to the person instead of pressing an unknown button
HELD_OUT_NEXT: dict[str, str] = {
    "en": "Go on",
    "de": "Nächster Schritt",
    "fr": "Étape suivante",
    "it": "Passo successivo",
    "es": "Paso siguiente",
    "nl": "Ga verder",
    "pl": "Przejdź dalej",
    "pt": "Avançar",
    "sv": "Gå vidare",
    "da": "Gå videre",
}

#: the fields the first screen asks for; the others (the texts, the file, Send) come after Next
FIRST_SCREEN = frozenset({"request_type", "country", "first_name", "last_name", "email"})

#: the second page of a form in steps ("navigate"): the form's address plus this
NEXT_SUFFIX = "/next"

REQUEST_TYPE_VALUES = ("access", "correct", "delete", "object")


def next_label(config: PracticeConfig, language: str) -> str:
    """The Next button's words in ``language``: held out, the default, or a seeded pick."""
    if config.next_held_out:
        return HELD_OUT_NEXT[language]
    pool = NEXT_LABELS[language]
    if config.wording_seed is None:
        return pool[0]
    return random.Random(f"{config.wording_seed}/{language}/next").choice(pool)


def screens(fields: tuple[FieldSpec, ...]) -> tuple[tuple[FieldSpec, ...], tuple[FieldSpec, ...]]:
    """The fields of the first screen and those of the second, each in the form's order."""
    first = tuple(f for f in fields if f.purpose in FIRST_SCREEN)
    return first, tuple(f for f in fields if f.purpose not in FIRST_SCREEN)


def next_button(form: FormSpec, *, submit: bool) -> str:
    """The Next button (a div with role=button in the "div-buttons" drift, unless it must post), or
    a link styled as one (``next_as_link``: on the second page's way it posts the form by script)."""
    from .pages import button

    if form.next_link:
        posts = " data-submits" if submit else ""
        return f'<a href="#" class="btn primary next-button" data-form-next{posts}>{esc(form.next_label)}</a>'
    div = form.variant == "div-buttons" and not submit
    return button(form.next_label, cls="primary next-button", div=div, attrs="data-form-next", submit=submit)


def same_page_screens(form: FormSpec, render: list[str], send_part: str) -> str:
    """Both screens in one unit: the second (with ``send_part``) hidden until Next is pressed.

    ``render`` holds each field's markup in ``form.fields`` order."""
    first, _ = screens(form.fields)
    one = "".join(html for f, html in zip(form.fields, render, strict=True) if f in first)
    two = "".join(html for f, html in zip(form.fields, render, strict=True) if f not in first)
    step_error = '<div class="field-error" role="alert" data-step-error hidden></div>'
    return (
        f'<div class="form-screen" data-form-screen="1">{one}{step_error}'
        f'<div class="step-actions">{next_button(form, submit=False)}</div></div>'
        f'<div class="form-screen" data-form-screen="2" hidden>{two}{send_part}</div>'
    )


def first_page_form(form: FormSpec, hidden: str, render: list[str], action: str, banner: str = "") -> str:
    """The first screen of a "navigate" form: a plain form that posts to the second page (with the
    error banner of a form the server sent back)."""
    first, _ = screens(form.fields)
    one = "".join(html for f, html in zip(form.fields, render, strict=True) if f in first)
    return (
        f'<form class="contact-form" method="post" action="{esc(action)}" data-form-screen="1">'
        f'{banner}{hidden}{one}<div class="step-actions">{next_button(form, submit=True)}</div></form>'
    )


def carried_inputs(values: dict[str, str]) -> str:
    """The first screen's values, carried on the second page in hidden inputs."""
    skip = {"support_form_id", "support_form_locale_id", "lsd"}
    return "".join(
        f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'
        for name, value in values.items()
        if name not in skip
    )


def choice_html(spec: FieldSpec, t: Texts, fid: str, label: str, error: str, markup: str, ids: object) -> str:
    """The request type as a native list, an ARIA combobox with its listbox, or a row of buttons."""
    pairs = [(value, t("tp_" + value)) for value in REQUEST_TYPE_VALUES]
    name = esc(spec.name)
    if markup == "select":
        options = '<option value="">—</option>' + "".join(
            f'<option value="{v}">{esc(text)}</option>' for v, text in pairs
        )
        return (
            f'<div class="field"><label class="label" for="{fid}">{esc(label)}</label>'
            f'<select id="{fid}" name="{name}" aria-required="true">{options}</select>{error}</div>'
        )
    hidden = f'<input type="hidden" name="{name}" value="">'
    if markup == "combobox":
        options = "".join(
            f'<li role="option" id="{fid}-opt-{v}" aria-selected="false" data-value="{v}">{esc(text)}</li>'
            for v, text in pairs
        )
        return (
            f'<div class="field"><div class="label" id="{fid}-label">{esc(label)}</div>'
            f'<div class="choice-combobox" data-choice-combobox>{hidden}'
            f'<button type="button" id="{fid}" class="btn secondary" role="combobox" '
            f'aria-haspopup="listbox" aria-expanded="false" aria-controls="{fid}-list" '
            f'aria-labelledby="{fid}-label" aria-required="true">—</button>'
            f'<ul id="{fid}-list" role="listbox" aria-labelledby="{fid}-label" class="typeahead-list" '
            f"hidden>{options}</ul></div>{error}</div>"
        )
    buttons = "".join(
        f'<button type="button" class="btn secondary" aria-pressed="false" data-value="{v}">'
        f"{esc(text)}</button>"
        for v, text in pairs
    )
    return (
        f'<div class="field"><div class="label" id="{fid}-label">{esc(label)}</div>'
        f'<div role="group" class="choice-buttons" aria-labelledby="{fid}-label" data-choice-buttons>'
        f"{hidden}{buttons}</div>{error}</div>"
    )


def next_page(site: PracticeSite, host: str, req: Request) -> Response | None:
    """The second page of a "navigate" form (a post to the form's address plus ``/next``); None for
    any other request. A first screen that does not validate comes back as it was sent."""
    from .form_pages import contact_page
    from .forms import build_spec, form_for_path, validate
    from .httpio import Response
    from .routes import CONSENT_COOKIE
    from .strings import texts

    path = req.path.rstrip("/")
    if req.method != "POST" or not path.endswith(NEXT_SUFFIX):
        return None
    found = form_for_path(host, path.removesuffix(NEXT_SUFFIX))
    config = site.config
    if found is None or config.form_steps != "navigate":
        return None
    if not req.cookies.get(site.login_cookie(host)):
        return Response.redirect(path.removesuffix(NEXT_SUFFIX))
    spec = build_spec(host, found[0], config)
    assert spec is not None
    values, _ = req.form()
    t = texts(config.language)
    first, _ = screens(spec.fields)
    _, errors = validate(replace(spec, fields=first), values, {}, config, t)
    site.state.record_screen({"host": host, "form_id": spec.form_id, "mode": "navigate", "ok": not errors})
    page = contact_page(
        form=spec,
        t=t,
        config=config,
        user=site.user_for(host, req),
        with_cookie_dialog=config.cookie_dialog and CONSENT_COOKIE not in req.cookies,
        carried=None if errors else values,
    )
    return Response.html(page)


def routing_choice_html(q: Routing, mode: str, qid: str, next_html: str) -> str:
    """The routing question "Is your request about AI at Meta?" as a native list ("select") or a
    list that opens on a click ("combobox"), with its Next button."""
    answers = (("yes", q.yes), ("no", q.no))
    error = '<div class="field-error" role="alert" data-routing-error hidden></div>'
    actions = f'<div class="actions">{next_html}</div>'
    if mode == "select":
        options = '<option value="">—</option>' + "".join(
            f'<option value="{v}">{esc(text)}</option>' for v, text in answers
        )
        return (
            f'<label class="question" id="{qid}" for="{qid}-list">{esc(q.question)}</label>'
            f'<select id="{qid}-list" name="routing_answer" aria-required="true">{options}</select>'
            f"{error}{actions}"
        )
    items = "".join(
        f'<li role="option" aria-selected="false" data-value="{v}">{esc(text)}</li>' for v, text in answers
    )
    return (
        f'<div class="question" id="{qid}">{esc(q.question)}</div>'
        '<div class="choice-combobox" data-choice-combobox>'
        '<input type="hidden" name="routing_answer" value="">'
        f'<button type="button" class="btn secondary" role="combobox" aria-haspopup="listbox" '
        f'aria-expanded="false" aria-controls="{qid}-list" aria-labelledby="{qid}">—</button>'
        f'<ul id="{qid}-list" role="listbox" aria-labelledby="{qid}" class="typeahead-list" hidden>'
        f"{items}</ul></div>{error}{actions}"
    )
