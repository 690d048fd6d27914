"""The proof report's page: the Jinja2 environment its templates are rendered in, and the
formatting of dates and numbers in the language of the report.

The HTML lives in ``templates/`` beside this file. The environment escapes every value put into
an HTML template (autoescape) and translates every sentence through objector's one catalogue
(``jinja2.ext.i18n`` with ``assistant.i18n``'s ``_`` and ``ngettext``, new-style: placeholders are
named, ``_("%(n)s files", n=…)``, and a literal percent sign is written ``%%``). Sentences made in
Python use objector's usual ``_("{n} files").format(n=…)``. The style sheet is
``templates/report.css``, inlined into the page: no external fonts, scripts or images.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from functools import cache

import jinja2

from ..i18n import _, language, ngettext


def esc(value: object) -> str:
    """Text from the proof, safe to put between tags or inside a quoted attribute (for the few
    pieces of HTML still built outside the templates)."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def css_string(value: str) -> str:
    """A CSS string literal holding ``value`` (used for the printed page footer): only letters,
    digits and a few punctuation marks get through, so it cannot leave the string or the style."""
    safe = "".join(ch if ch.isalnum() or ch in " ·.,:-_()" else " " for ch in value)
    return f'"{safe}"'


def css_counter(sentence: str) -> str:
    """``page {page} of {pages}`` (translated) as a CSS ``content`` value with the page counters."""
    parts = re.split(r"(\{pages?\})", sentence)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(css_string(part.replace("{{", "{").replace("}}", "}")))
    return " ".join(out) or '""'


@cache
def environment() -> jinja2.Environment:
    """The one environment the report's templates are rendered in."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("assistant.proof", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # the callables look the language up when called, so one environment serves every language
    env.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["number"] = format_number
    return env


# --------------------------------------------------------------------------- dates and numbers


def locale_code() -> str:
    """The Babel locale of the language in use (``en`` when it is not one Babel knows)."""
    code = (language() or "en").replace("-", "_")
    try:
        from babel import Locale

        Locale.parse(code)
    except Exception:  # noqa: BLE001 - an unknown code falls back to English, never stops the report
        return "en"
    return code


def format_date(moment: datetime) -> str:
    """``27 Nov 2026`` in English; the locale's medium date elsewhere (``27.11.2026``)."""
    from babel.dates import format_date as babel_date

    code = locale_code()
    if code == "en":
        return babel_date(moment, "dd MMM y", locale="en")
    return babel_date(moment, format="medium", locale=code)


def format_time(moment: datetime, *, seconds: bool = True) -> str:
    """``05:06:31`` (or ``05:06``): the 24-hour clock every report language writes."""
    from babel.dates import format_time as babel_time

    return babel_time(moment, "HH:mm:ss" if seconds else "HH:mm", tzinfo=moment.tzinfo, locale=locale_code())


def format_number(value: int) -> str:
    """A whole number as the language groups its digits (``1,234``, ``1.234``, ``1 234``)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=locale_code())


def language_name(code: str, in_language: str | None = None, *, capital: bool = False) -> str:
    """The name of language ``code`` in the report's language (or in ``in_language``); "" if unknown."""
    try:
        from babel import Locale

        name = Locale.parse(code.strip().replace("-", "_")).get_display_name(in_language or locale_code())
    except Exception:  # noqa: BLE001 - a code from the proof may be anything
        return ""
    return (name[:1].upper() + name[1:]) if capital and name else name or ""


def country_name(code: str) -> str:
    """The name of a country (ISO code) in the report's language; "" if unknown."""
    try:
        from babel import Locale

        return str(Locale.parse(locale_code()).territories.get(code.upper(), ""))
    except Exception:  # noqa: BLE001 - a code from the proof may be anything
        return ""
