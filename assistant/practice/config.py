"""Configuration and records of the practice Help Centre (no behaviour here).

Modes that make the practice site behave in the ways real Help Centres do,
so that tests do not only ever see one page (all off by default; the defaults
give the same pages as before these modes existed):

``wording_seed``
    ``None``: the default wording. An int: per language, one phrasing per pool
    (confirmation, routing question, cookie dialog, error after Send), picked
    with ``random.Random`` from ``wording.py``; the same seed gives the same page.
``held_out``
    Confirm in a phrasing from ``wording.HELD_OUT_CONFIRMATIONS``, which avoids
    every word the bundled flows' ``expect`` step looks for.
``confirmation_style``
    How the page confirms an accepted objection: ``in-place`` (default: the form
    is replaced by a ``role=status`` block with a heading), ``page`` (the whole
    card, title included, becomes a plain confirmation with an ``h1``; no live
    region), ``dialog`` (a modal ``role=dialog`` over the untouched form),
    ``toast`` (the form goes; a short thank-you, not a heading, appears in a
    ``role=status``/``aria-live=polite`` region), ``icon-heading`` (the form is
    replaced by paragraphs under a heading that holds only an unnamed icon; no
    live region), ``navigate`` (the browser goes to a thanks page, the form's
    address plus ``/submitted/``, on the same host).
``submit_error`` / ``submit_error_times``
    The first N otherwise valid submits are refused: ``alert`` (answer
    ``ok: false``, the message in the form's ``role=alert``, the form stays),
    ``status`` (HTTP 500; the page shows the message as plain text above Send),
    ``form-again`` (a fresh, empty form comes back with an error banner). Refused
    submits are counted (``PracticeSite.refused_submits``), never recorded as
    submissions; the submit after them succeeds.
``routing_question``
    ``radios`` (a radio group "Is your request about AI at Meta?" with Yes/No and
    a Next button), ``select`` or ``combobox`` (the same as a native list, or as a
    list that opens on a click, with Next) or ``buttons`` (Yes/No buttons) before
    every form; Yes shows the form, No a dead end without it.
``interstitial``
    After a successful login the browser lands on ``save-login`` ("Save your
    login info?"; ``/accounts/onetap/`` on Instagram, ``/login/save-device/`` on
    Facebook), ``continue-as`` ("Continue as <name>") or ``remember-browser``;
    the login cookie is already set there, and either button goes on to ``next``.
``moved_to``
    The form addresses answer 302 to another host: ``help.meta.com`` (its
    ``/support/privacy`` page, a Meta host no flow allows) or ``lookalike`` (the
    look-alike host, as ``foreign_redirect``).
``submit_delay``
    Seconds the submit endpoint waits before it answers (a slow server).
``after_send``
    What stands between Send and the answer (``after_send.py``): ``session-expired``
    (the session ends while the form is shown; Send is refused and the page goes
    to the login page; after a new login the form works), ``challenge`` (a
    security check in a dialog; only a Send with its answer is kept) or, held
    out, ``challenge-unnamed`` (the check in words no list has, above Send). With
    ``auto_login`` the practice stand-in logs in again or completes the check.
``form_steps``
    The form comes in two screens (``form_steps.py``): the first asks for the
    country, e-mail (and on the third-party form the request type and names), a
    Next button goes on. ``same-page``: Next reveals the rest of the form and Send
    on the same page; ``navigate``: Next posts the first screen to a second page
    (the form's address plus ``/next/``) that carries its values in hidden inputs.
    Each move is recorded (``PracticeSite.screens``).
``next_held_out``
    The Next button says a wording from ``form_steps.HELD_OUT_NEXT``, which no
    flow's or the engine's word list contains.
``next_as_link``
    The Next of a form in steps is a link styled as a button (``<a href="#">``),
    not a button: a script shows the second screen, or posts the first.
``choice_markup``
    How the third-party form asks its request type, and WhatsApp's contact form
    its topic (``whatsapp.py``) (default: radios):
    ``select`` (a native list), ``combobox`` (an ARIA listbox that opens on a
    click) or ``buttons`` (a row of toggle buttons, ``aria-pressed``).
``readonly_email``
    The e-mail box comes prefilled and read-only (the page chose the address):
    ``same`` holds the practice account's address (``PRACTICE_EMAIL``), ``other``
    another one (``OTHER_EMAIL``). The server keeps whatever the page posts.
``text_maxlength``
    The text box has ``maxlength`` set to this many characters and a visible
    counter (``0/500``) below it; the server refuses a longer text too.
``length_error``
    The text box has no ``maxlength`` and no counter, but the server refuses a
    text longer than this many characters with a message naming the limit
    (``err_reason_long``); the form stays, with what was typed.

Modes of the AI-training settings pages of other services (``services.py`` lists
the services, their addresses and setting keys):

``setting_already``
    Every setting starts in the opted-out state (off; on for Tumblr's and
    WordPress's "Prevent third-party sharing").
``setting_confirm``
    Changing a switch opens a confirmation dialog (``role=dialog``,
    ``aria-modal``; "Turn off"/"Turn on" and "Cancel"); only confirming saves.
    Google's page has its own menu and dialog and is not changed by this.
``setting_no_persist``
    The page flips the control and the save request is answered 200, but the
    server keeps nothing: after a reload the old state is back.
``refuse_automation``
    Google's sign-in page refuses the browser ("Couldn't sign you in: this browser
    or app may not be secure"), as it does for browsers it takes for automated.
Modes of every page (``chrome.py``): ``chrome_language`` (a site header with a search box and a
footer with a language menu, in one of the 24 EU languages or Norwegian or Icelandic) and
``alert_banner`` (a site-wide ``role=alert`` notice, ``static`` or ``late``).

``blogs``
    The user's blogs on Tumblr and sites on WordPress.com (lower-case names of
    letters, digits and hyphens), each with its own settings page.
``setting_first_paint`` / ``setting_paint_delay``
    ``slow``: the page first shows only its heading and draws its controls
    ``setting_paint_delay`` seconds later; ``placeholder``: it first shows a
    greyed-out copy of its controls (disabled, ``aria-busy`` around them) in the
    *wrong* state, and the real ones after the delay.
``setting_save``
    ``on-change`` (default: each switch saves itself), ``save-button`` (a
    "Save settings" button below the controls, enabled by a change) or
    ``sticky-bar`` (a bar with "Save changes"/"Discard" shows after a change):
    the server keeps a change only when the page's Save is pressed.
``setting_markup``
    ``shared-card``: the settings share one card with no row of their own, after
    another setting (``NEIGHBOUR_KEY``, first), all switches named alike;
    ``md-switch``, ``radix``, ``headless``: each setting (after the neighbour,
    in rows of their own) is a switch of that component library (Material Web,
    Radix UI, Headless UI; bundles in ``static/components``). Not Google's page.
``setting_long_poll``
    Seconds a background request of the settings page stays open before it is
    answered (and opened again), as a page's long polling does; ``None``: none.
``sign_in_with``
    ``google``: on the AI assistants' practice login pages (``assistant_pages.py``)
    the stand-in person (``auto_login``) signs in with Google instead of the form.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .chrome import ALERT_BANNERS, CHROME_LANGUAGES

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da")

#: page language -> the ``support_form_locale_id`` the forms carry
LOCALES: dict[str, str] = {
    "en": "en_US",
    "de": "de_DE",
    "fr": "fr_FR",
    "it": "it_IT",
    "es": "es_ES",
    "nl": "nl_NL",
    "pl": "pl_PL",
    "pt": "pt_PT",
    "sv": "sv_SE",
    "da": "da_DK",
}

#: alternative markups of the objection forms (see ``forms.py``)
DRIFT_VARIANTS: tuple[str, ...] = (
    "renamed",
    "div-buttons",
    "no-form",
    "delayed",
    "in-place",
    "extra-field",
)

#: how the page shows that an objection was accepted (the first is the default)
CONFIRMATION_STYLES: tuple[str, ...] = ("in-place", "page", "dialog", "toast", "icon-heading", "navigate")

#: how a submit can be refused
SUBMIT_ERRORS: tuple[str, ...] = ("alert", "status", "form-again")

#: how the routing question "Is your request about AI at Meta?" is asked
ROUTING_QUESTIONS: tuple[str, ...] = ("radios", "buttons", "select", "combobox")

#: pages a login can land on before going back to the form
INTERSTITIALS: tuple[str, ...] = ("save-login", "continue-as", "remember-browser")

#: where the form addresses can be moved to
MOVED_TO: tuple[str, ...] = ("help.meta.com", "lookalike")

#: what can stand between Send and the answer (see ``after_send.py``)
AFTER_SEND: tuple[str, ...] = ("session-expired", "challenge", "challenge-unnamed")

#: how a settings page draws itself first, how it keeps a change, and its markups (PracticeConfig)
SETTING_FIRST_PAINTS: tuple[str, ...] = ("slow", "placeholder")
SETTING_SAVES: tuple[str, ...] = ("on-change", "save-button", "sticky-bar")
SETTING_MARKUPS: tuple[str, ...] = ("shared-card", "md-switch", "radix", "headless")

#: the e-mail a read-only e-mail box can hold: the practice account's own, or another address
READONLY_EMAILS: tuple[str, ...] = ("same", "other")
PRACTICE_EMAIL = "anna@example.org"  # the demo's and the tests' account
OTHER_EMAIL = "other@example.org"

#: how a form can come in steps, and the markups a choice can have (see ``form_steps.py``)
FORM_STEPS: tuple[str, ...] = ("same-page", "navigate")
CHOICE_MARKUPS: tuple[str, ...] = ("select", "combobox", "buttons")

#: the live hosts the practice site impersonates, one local server each
LIVE_HOSTS: tuple[str, ...] = ("help.instagram.com", "www.instagram.com", "www.facebook.com", "help.meta.com")


@dataclass
class PracticeConfig:
    """How the practice Help Centre behaves; read afresh on every request."""

    language: str = "en"
    cookie_dialog: bool = True
    code_step: bool = False
    code: str | None = None
    country_field: bool = True
    reason_required: bool = False
    auto_login: bool = False
    auto_login_delay: float = 1.0
    auto_login_key_ms: int = 30  # how fast the stand-in person types, in milliseconds a key
    auto_send_when_highlighted: bool = False
    security_check: bool = False
    foreign_redirect: bool = False
    drift: str | None = None
    error_status: int | None = None
    wording_seed: int | None = None
    held_out: bool = False
    confirmation_style: str = "in-place"
    submit_error: str | None = None
    submit_error_times: int = 1
    routing_question: str | None = None
    interstitial: str | None = None
    moved_to: str | None = None
    submit_delay: float = 0.0
    after_send: str | None = None  # session-expired | challenge | challenge-unnamed
    form_steps: str | None = None  # same-page | navigate: the form in two screens
    next_held_out: bool = False  # the Next button in a wording no list has
    next_as_link: bool = False  # the Next of a form in steps is a link styled as a button
    choice_markup: str | None = None  # select | combobox | buttons: third-party request type, WhatsApp topic
    readonly_email: str | None = None  # same | other: the e-mail box prefilled and read-only
    text_maxlength: int | None = None  # maxlength and a counter on the text box
    length_error: int | None = None  # no maxlength, but the server refuses a longer text
    setting_already: bool = False
    setting_confirm: bool = False
    setting_no_persist: bool = False
    refuse_automation: bool = False
    chrome_language: str | None = None  # see chrome.py: site chrome in a language no flow names
    alert_banner: str | None = None  # see chrome.py: a site-wide role=alert banner (static | late)
    blogs: tuple[str, ...] = ("anna-writes", "anna-photos")
    setting_first_paint: str | None = None
    setting_paint_delay: float = 0.8
    setting_save: str = "on-change"
    setting_markup: str | None = None
    setting_long_poll: float | None = None
    sign_in_with: str | None = None  # google: the assistants' practice logins go through Google's
    on_code: Callable[[str, str], None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if self.drift is not None and self.drift not in DRIFT_VARIANTS:
            raise ValueError(f"drift must be None or one of {', '.join(DRIFT_VARIANTS)}, not {self.drift!r}")
        if self.code is not None and not (len(self.code) == 6 and self.code.isdigit()):
            raise ValueError("code must be six digits")
        if self.error_status is not None and not 400 <= self.error_status <= 599:
            raise ValueError("error_status must be an HTTP error status (400-599)")
        if self.wording_seed is not None and (
            isinstance(self.wording_seed, bool) or not isinstance(self.wording_seed, int)
        ):
            raise ValueError(f"wording_seed must be None or an int, not {self.wording_seed!r}")
        _one_of("confirmation_style", self.confirmation_style, CONFIRMATION_STYLES, optional=False)
        _one_of("submit_error", self.submit_error, SUBMIT_ERRORS)
        _one_of("routing_question", self.routing_question, ROUTING_QUESTIONS)
        _one_of("interstitial", self.interstitial, INTERSTITIALS)
        _one_of("moved_to", self.moved_to, MOVED_TO)
        _one_of("after_send", self.after_send, AFTER_SEND)
        _one_of("form_steps", self.form_steps, FORM_STEPS)
        _one_of("choice_markup", self.choice_markup, CHOICE_MARKUPS)
        for name in ("next_held_out", "next_as_link"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")
        _check_form_limits(self)
        _one_of("chrome_language", self.chrome_language, CHROME_LANGUAGES)
        _one_of("alert_banner", self.alert_banner, ALERT_BANNERS)
        times = self.submit_error_times
        if isinstance(times, bool) or not (isinstance(times, int) and times >= 1):
            raise ValueError(f"submit_error_times must be a whole number >= 1, not {times!r}")
        keys = self.auto_login_key_ms
        if isinstance(keys, bool) or not (isinstance(keys, int) and 0 <= keys <= 1000):
            raise ValueError(f"auto_login_key_ms must be a whole number from 0 to 1000, not {keys!r}")
        if not 0 <= self.submit_delay <= 30:
            raise ValueError(f"submit_delay must be between 0 and 30 seconds, not {self.submit_delay!r}")
        for name in ("setting_already", "setting_confirm", "setting_no_persist", "refuse_automation"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")
        _check_blogs(self.blogs)
        _check_setting_pages(self)
        _one_of("sign_in_with", self.sign_in_with, ("google",))
        self.blogs = tuple(self.blogs)

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    def public(self) -> dict[str, object]:
        """The settings as plain JSON-able data (without the callback)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "on_code"}


def _one_of(name: str, value: str | None, allowed: tuple[str, ...], *, optional: bool = True) -> None:
    if value is None and optional:
        return
    if value not in allowed:
        choices = ", ".join(allowed)
        raise ValueError(f"{name} must be {'None or ' if optional else ''}one of {choices}, not {value!r}")


def _check_setting_pages(config: PracticeConfig) -> None:
    """The settings pages' behaviours (see the module's docstring)."""
    _one_of("setting_first_paint", config.setting_first_paint, SETTING_FIRST_PAINTS)
    _one_of("setting_save", config.setting_save, SETTING_SAVES, optional=False)
    _one_of("setting_markup", config.setting_markup, SETTING_MARKUPS)
    if not 0 <= config.setting_paint_delay <= 5:
        raise ValueError(f"setting_paint_delay must be 0 to 5 seconds, not {config.setting_paint_delay!r}")
    poll = config.setting_long_poll
    if poll is not None and not 0.5 <= poll <= 120:
        raise ValueError(f"setting_long_poll must be None or 0.5 to 120 seconds, not {poll!r}")


def _check_form_limits(config: PracticeConfig) -> None:
    """The page-owned e-mail and the text box's limits (see the module's docstring)."""
    _one_of("readonly_email", config.readonly_email, READONLY_EMAILS)
    for name in ("text_maxlength", "length_error"):
        limit = getattr(config, name)
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 100):
            raise ValueError(f"{name} must be None or a whole number of at least 100, not {limit!r}")


def _check_blogs(blogs: object) -> None:
    names = list(blogs) if isinstance(blogs, (tuple, list)) else None
    if (
        not names
        or len(set(names)) != len(names)
        or not all(
            isinstance(n, str) and re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?", n) for n in names
        )
    ):
        raise ValueError(
            "blogs must be a non-empty tuple of different names of lower-case letters, digits and "
            f"hyphens, not {blogs!r}"
        )


@dataclass
class Submission:
    """One accepted post to a practice contact form."""

    form_id: str
    host: str
    language: str
    user: str | None
    fields: dict[str, str]
    confirmed: bool
    at: float
