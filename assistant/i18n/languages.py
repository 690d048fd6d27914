"""Which language objector speaks in the terminal: the option, the variable, the locale, else English.

Only the standard library is used here: this runs before every command, ``objector --version``
included.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass

#: The languages objector writes letters in; the terminal speaks each of them.
LETTER_LANGUAGES = ("cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "pl", "pt", "ro", "sv")
#: The pseudo-language of the tests: every translated string accented, longer and bracketed.
PSEUDO = "qps"
SUPPORTED = (*LETTER_LANGUAGES, PSEUDO)
ENGLISH = "en"

ENV_VARIABLE = "OBJECTOR_UI_LANGUAGE"
OPTION = "--ui-lang"
#: The locale variables in gettext's order of strength (LANGUAGE is read first, as a list).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Choice:
    """The language in use and why it was chosen (``how``: option, variable, locale, system, default)."""

    code: str
    how: str = "default"
    source: str = ""
    value: str = ""

    @property
    def reason(self) -> str:
        """A short sentence saying why, in the language in use (for ``objector doctor``)."""
        from . import _

        if self.how == "option":
            return _("from {option} {value}").format(option=self.source, value=self.value)
        if self.how in ("variable", "locale"):
            return _("from {variable}={value}").format(variable=self.source, value=self.value)
        if self.how == "system":
            return _("from the system's language ({value})").format(value=self.value)
        return _("by default")


def normalise(value: str) -> str | None:
    """The supported code a language or locale name means (``de_DE.UTF-8``, ``de-AT``, ``pt_BR``), or None.

    ``C`` and ``POSIX`` mean English.
    """
    text = value.strip()
    if not text:
        return None
    text = text.split(".", 1)[0].split("@", 1)[0]
    if text.upper() in ("C", "POSIX"):
        return ENGLISH
    primary = text.replace("-", "_").split("_", 1)[0].lower()
    return primary if primary in SUPPORTED else None


def _refused(where: str, value: str) -> Exception:
    from ..errors import UserError, shown
    from . import _

    return UserError(
        _("{where}: {value} is not a language objector speaks; use one of {codes}.").format(
            where=where, value=shown(value), codes=", ".join(SUPPORTED)
        )
    )


def choose(override: str | None = None, environ: Mapping[str, str] | None = None) -> Choice:
    """The language to speak: ``override`` (``--ui-lang``), else OBJECTOR_UI_LANGUAGE, else the locale.

    An unsupported override or variable is a UserError; an unsupported locale means English.
    """
    env = os.environ if environ is None else environ
    if override is not None:
        code = normalise(override)
        if code is None:
            raise _refused(OPTION, override)
        return Choice(code, "option", OPTION, override)
    wanted = env.get(ENV_VARIABLE, "")
    if wanted.strip():
        code = normalise(wanted)
        if code is None:
            raise _refused(ENV_VARIABLE, wanted)
        return Choice(code, "variable", ENV_VARIABLE, wanted)
    return from_locale(env)


def from_locale(env: Mapping[str, str]) -> Choice:
    """The language of the locale variables (as gettext reads them), else the system's, else English."""
    effective = next(((name, env[name]) for name in LOCALE_VARIABLES if env.get(name, "").strip()), None)
    if effective is not None and effective[1].split(".", 1)[0].strip().upper() in ("C", "POSIX"):
        return Choice(ENGLISH, "locale", *effective)  # gettext ignores LANGUAGE under the C locale
    for entry in env.get("LANGUAGE", "").split(":"):
        code = normalise(entry)
        if code is not None and code != PSEUDO:
            return Choice(code, "locale", "LANGUAGE", env["LANGUAGE"])
    if effective is not None:
        code = normalise(effective[1])
        if code is None or code == PSEUDO:
            return Choice(ENGLISH)
        return Choice(code, "locale", *effective)
    system = system_language()
    if system:
        code = normalise(system)
        if code is not None and code != PSEUDO:
            return Choice(code, "system", "", system)
    return Choice(ENGLISH)


def system_language() -> str | None:
    """The user's interface language on Windows and macOS (None elsewhere or when it cannot be read)."""
    try:
        if sys.platform == "win32":
            return _windows_language()
        if sys.platform == "darwin":
            return _macos_language()
    except Exception:  # noqa: BLE001 - the platform's answer is a nicety; English is a fine default
        return None
    return None


def _windows_language() -> str | None:
    import ctypes
    import locale

    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    langid = int(windll.kernel32.GetUserDefaultUILanguage())
    return locale.windows_locale.get(langid)


def _macos_language() -> str | None:
    import subprocess  # only on macOS, only when no locale variable says anything

    result = subprocess.run(
        ["defaults", "read", "-g", "AppleLanguages"],
        capture_output=True,
        text=True,
        timeout=1,
        check=False,
    )
    if result.returncode != 0:
        return None
    for line in result.stdout.splitlines():
        entry = line.strip().strip(",").strip('"')
        if entry and entry not in "()":
            return entry
    return None
