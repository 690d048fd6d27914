"""The language objector speaks to the person in: one gettext catalogue, used by every wing.

Every string the person reads goes through ``_`` (or ``ngettext`` / ``pgettext``); a string
that must exist before the language is known (a module-level table) is marked with ``N_`` and
translated where it is shown. The catalogues are ``locales/<lang>/LC_MESSAGES/objector.po``
beside this file (docs/translating.md). What is stored as proof (``record.json``,
``ledger.jsonl``) never goes through here: it keeps language-neutral codes.

The language is chosen once, before the command line is read (``startup.prepare``): the
``--ui-lang`` option, else ``OBJECTOR_UI_LANGUAGE``, else the locale, else English.
"""

from __future__ import annotations

import gettext as _gettext
import sys
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from .languages import ENGLISH, PSEUDO, SUPPORTED, Choice

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "objector"

__all__ = [
    "DOMAIN",
    "N_",
    "SUPPORTED",
    "Choice",
    "_",
    "choice",
    "choose",
    "describe",
    "format_date",
    "format_datetime",
    "format_number",
    "language",
    "language_name",
    "ngettext",
    "pgettext",
    "translations",
    "use",
]

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = ENGLISH
_choice = Choice(ENGLISH)


def _(message: str) -> str:
    """``message`` in the language in use (English when there is no translation)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, as the language in use counts."""
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (for short words that mean different things)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it now (translate it with ``_``)."""
    return message


def language() -> str:
    """The code of the language in use (``en`` when none was chosen)."""
    return _language


def translations() -> _gettext.NullTranslations:
    """The gettext catalogue in use (for Jinja2's i18n extension: ``env.install_gettext_translations``)."""
    return _translations


def choose(override: str | None = None, environ: Mapping[str, str] | None = None) -> Choice:
    """The language to speak (see ``languages.choose``); a bad override or variable is a UserError."""
    from .languages import choose as _choose

    return _choose(override, environ)


def use(code: str, why: Choice | None = None) -> None:
    """Speak ``code`` from now on: load its catalogue and have Click's and Typer's messages follow."""
    global _translations, _language, _choice
    if code not in SUPPORTED:
        raise ValueError(f"not a supported language: {code!r}")
    if code == ENGLISH:
        found: _gettext.NullTranslations = _gettext.NullTranslations()
    elif code == PSEUDO:
        from .pseudo import PseudoTranslations

        found = PseudoTranslations()
    else:
        from .catalogues import load

        found = load(code)
    _translations, _language = found, code
    _choice = why if why is not None and why.code == code else Choice(code, "option", "use()", code)
    if code != ENGLISH or f"{__name__}.toolkit" in sys.modules:  # Click's own words are English
        from . import toolkit

        toolkit.follow()


def choice() -> Choice:
    """The current language and why it was chosen."""
    return _choice


def describe() -> str:
    """One line for ``objector doctor``: e.g. ``Language: Deutsch (de), from LANG=de_DE.UTF-8``."""
    return _("Language: {name} ({code}), {reason}").format(
        name=language_name(_language), code=_language, reason=_choice.reason
    )


def _babel_locale() -> Locale:
    from babel import Locale

    return Locale.parse(ENGLISH if _language == PSEUDO else _language)


def format_date(value: date) -> str:
    """``value`` as the language in use writes a date (e.g. ``12.03.2025``, ``12 mars 2025``)."""
    from babel.dates import format_date as _format_date

    return _format_date(value, format="medium", locale=_babel_locale())


def format_datetime(value: datetime) -> str:
    """``value`` as the language in use writes a date and time (in ``value``'s own time zone)."""
    from babel.dates import format_datetime as _format_datetime

    return _format_datetime(value, format="medium", tzinfo=value.tzinfo, locale=_babel_locale())


def format_number(value: float) -> str:
    """``value`` with the language's digit grouping and decimal sign (``1.234,5`` in German)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_babel_locale())


def language_name(code: str) -> str:
    """The name of language ``code`` in the language in use (``Deutsch`` for ``de`` in German)."""
    if code == PSEUDO:
        return _("pseudo-language")
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_language_name(_babel_locale())
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code
