"""The language objector speaks to the person in: one gettext catalogue, used by every wing.

Every string the person reads goes through ``_`` (or ``ngettext`` / ``pgettext``); a string
that must exist before the language is known (a module-level table) is marked with ``N_`` and
translated where it is shown. The catalogues are ``locales/<lang>/LC_MESSAGES/objector.po``
beside this file. What is stored as proof (``record.json``, ``ledger.jsonl``) never goes
through here: it keeps language-neutral codes.
"""

from __future__ import annotations

import gettext as _gettext

DOMAIN = "objector"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


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
