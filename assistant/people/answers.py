"""Reading what a person types about an account: platforms, countries, usernames.

People answer in their own words: ``insta`` for Instagram, ``Deutschland`` or
``UK`` for a country, ``@anna.k`` or a profile link for the account. These
functions turn such answers into the values ``accounts.toml`` stores, or raise
``ValueError`` with a reason short enough to print after the question.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

from ..errors import shown
from ..i18n import N_, _

PLATFORM_ALIASES: dict[str, str] = {
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "facebook": "facebook",
    "fb": "facebook",
    "linkedin": "linkedin",
    "x": "x",
    "twitter": "x",
    "grok": "x",
    "google": "google",
    "gemini": "google",
    "microsoft": "microsoft",
    "copilot": "microsoft",
    "pinterest": "pinterest",
    "quora": "quora",
    "tumblr": "tumblr",
    "wordpress": "wordpress",
    "wordpress.com": "wordpress",
    "adobe": "adobe",
    "whatsapp": "whatsapp",
    "chatgpt": "chatgpt",
    "openai": "chatgpt",
    "claude": "claude",
    "anthropic": "claude",
    "perplexity": "perplexity",
    "lechat": "lechat",
    "le chat": "lechat",
    "mistral": "lechat",
}

# Codes people use that are not ISO 3166 alpha-2 (or mean another country there).
COUNTRY_ALIASES: dict[str, str] = {
    "UK": "GB",
    "EL": "GR",  # the EU's code for Greece
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "NORTHERN IRELAND": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "USA": "US",
    "UAE": "AE",
}

# Instagram: 1-30 letters, digits, periods and underscores; no leading, trailing or double period.
_INSTAGRAM_USER = re.compile(r"(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9._]{1,30}")
# Facebook: a username of 5-50 letters, digits and periods, or a numeric profile id.
_FACEBOOK_USER = re.compile(r"[A-Za-z0-9.]{5,50}|[0-9]{5,20}")
_HOSTS = {
    "instagram": {"instagram.com", "www.instagram.com", "m.instagram.com"},
    "facebook": {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.com"},
}
_USER_SHAPE = {
    # TRANSLATORS: follows "an Instagram username has"
    "instagram": N_("1-30 letters, digits, periods or underscores (like anna.k)"),
    # TRANSLATORS: follows "a Facebook username has"
    "facebook": N_("5-50 letters, digits or periods (like anna.kowalska), or the profile's number"),
}


def platform_of(answer: str) -> str:
    """``insta`` -> ``instagram``; ValueError naming the accepted words."""
    key = answer.strip().lower()
    if key in PLATFORM_ALIASES:
        return PLATFORM_ALIASES[key]
    raise ValueError(
        # TRANSLATORS: the words to type are typed as shown (instagram, ig, insta, …): do not translate them
        _(
            "type instagram (or ig, insta), facebook (or fb), linkedin, x (or twitter), google (or gemini), "
            "microsoft (or copilot), pinterest, quora, tumblr, wordpress, adobe or whatsapp"
        )
    )


def _folded(value: str) -> str:
    """Case- and accent-insensitive form of a name: ``Österreich`` ~ ``osterreich``."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.cache
def _country_names() -> dict[str, str]:
    """Every country's name in every language objector writes, folded -> ISO code."""
    from babel import Locale

    from ..config.accounts import _known_countries
    from ..letters.text import LANGUAGES

    known = _known_countries()
    names: dict[str, str] = {}
    for language in ("en", *LANGUAGES):
        for code, name in Locale.parse(language).territories.items():
            if code in known:
                names.setdefault(_folded(name), code)
    return names


def country_code(answer: str) -> str:
    """An ISO 3166 alpha-2 code from a code, a common alias or a country's name in any text language."""
    from ..config.accounts import _known_countries

    value = " ".join(answer.split())
    upper = value.upper()
    if upper in _known_countries():
        return upper
    if upper in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[upper]
    found = _country_names().get(_folded(value))
    if found:
        return found
    raise ValueError(
        _("{answer} is not a country objector knows; type its name or code, like Germany or DE").format(
            answer=shown(value)
        )
    )


def language_code(answer: str) -> str:
    """A text language's code from its code, its own name or its English name (``Deutsch``, ``German``)."""
    from babel import Locale

    from ..letters.text import LANGUAGES, language_name

    value = answer.strip().lower()
    for code in LANGUAGES:
        names = {code, language_name(code).lower(), Locale("en").languages.get(code, "").lower()}
        if value in names:
            return code
    raise ValueError(
        # TRANSLATORS: {answer}: what the person typed as a language; {codes}: the letter languages' codes
        _("there is no objection text in {answer}; choose one of {codes}").format(
            answer=shown(answer.strip()), codes=", ".join(LANGUAGES)
        )
    )


def country_hint(value: str) -> str | None:
    """For a strict field (a flag, accounts.toml): ``UK`` -> ``use GB``, else None."""
    try:
        code = country_code(value)
    except ValueError:
        return None
    # TRANSLATORS: a hint after a country written another way; {code}: e.g. GB
    return _("use {code}").format(code=code) if code != value.strip().upper() else None


def account_reference(platform: str, answer: str) -> str:
    """A username (``@`` dropped) or a profile link on the platform's own host, checked for shape.

    A profile link becomes the username it ends with (``instagram.com/anna.k`` ->
    ``anna.k``: the letter names the account as Meta shows it); only Facebook's
    ``profile.php?id=…`` stays a link, as those profiles have no username.
    """
    value = answer.strip()
    if not value:
        # TRANSLATORS: follows a field's name, e.g. "field 'username': is empty"
        raise ValueError(_("is empty"))
    if platform not in _HOSTS:  # only Meta's forms ask for it: elsewhere it is kept as written
        return full_name(value)
    if "/" in value or value.lower().startswith(tuple(_HOSTS[platform])):
        return _profile_link(platform, value)
    username = value.removeprefix("@")
    if not _user_pattern(platform).fullmatch(username):
        raise ValueError(
            # TRANSLATORS: {service}: Instagram or Facebook; {shape}: e.g. "1-30 letters, digits, …"
            _("a {service} username has {shape}").format(
                service=platform.title(), shape=_(_USER_SHAPE[platform])
            )
        )
    return username


def _user_pattern(platform: str) -> re.Pattern[str]:
    return _INSTAGRAM_USER if platform == "instagram" else _FACEBOOK_USER


def _profile_link(platform: str, value: str) -> str:
    link = value if "://" in value else f"https://{value}"
    parts = urlsplit(link)
    hosts = _HOSTS[platform]
    if parts.scheme not in ("http", "https") or (parts.hostname or "").lower() not in hosts:
        raise ValueError(
            _("a {service} profile link starts with {start}").format(
                service=platform.title(), start=f"https://{sorted(hosts)[-1]}/"
            )
        )
    path = parts.path.strip("/")
    if platform == "facebook" and path == "profile.php":
        profile_id = parse_qs(parts.query).get("id", [""])[0]
        if not profile_id.isdigit():
            raise ValueError(_("a profile.php link needs its id=NUMBER"))
        return f"https://www.facebook.com/profile.php?id={profile_id}"
    if "/" in path or not _user_pattern(platform).fullmatch(path):
        raise ValueError(
            _("the link does not end with a username ({shape})").format(shape=_(_USER_SHAPE[platform]))
        )
    return path


def full_name(answer: str) -> str:
    """The person's name as it should sign the letter: one line, at most 100 characters."""
    value = " ".join(answer.split())
    if len(value) > 100:
        # TRANSLATORS: follows a field's name, e.g. "field 'full_name': is longer than 100 characters"
        raise ValueError(_("is longer than 100 characters"))
    if any(unicodedata.category(c).startswith("C") for c in value):
        raise ValueError(_("contains control characters"))
    return value
