"""Objection texts: the words pasted into Meta's "object to AI at Meta" forms.

A text is rendered from a template in the person's language. The built-in
templates live in ``assistant/letters/templates/<language>/letter.toml`` -- one folder per
language, so adding a language means adding a folder (see "Template files"
below). A person may also write their own template file (plain UTF-8 text) and
pass it as ``template=``; it is filled with the same placeholders.

Rendering is deterministic: the same inputs give the same text, byte for byte.
The text never contains the current date or anything random.

Placeholders
------------
Write a placeholder as ``{name}``; write ``{{`` and ``}}`` for literal braces.

``{platform}``
    Display name of the platform, e.g. ``Instagram`` or ``Facebook`` (from the
    language's template; an unknown platform id is title-cased).
``{account}``
    The account as Meta knows it: its username or profile link when the person
    gave one (e.g. ``anna.k``), otherwise its e-mail address -- never the local
    label, which Meta cannot look up.
``{email}``
    The e-mail address of the account.
``{name}``
    The person's full name (the account's ``full_name``) if known, else empty. Empty placeholders leave no
    trace: trailing spaces are removed, doubled spaces inside a line are
    collapsed, runs of blank lines become one, and the text is trimmed. So a
    closing line such as "Kind regards" followed by ``{name}`` on its own line
    simply ends the letter when no name is known.
``{country}``
    The country's name in the text's language (via Babel), e.g. ``Deutschland``.
    Built-in templates use it after a colon ("country of residence: ..."), so
    it fits every language's grammar.
``{country_code}``
    The ISO 3166 alpha-2 code, upper case, e.g. ``DE``.
``{law}``
    The regulation's short name as the language's citations use it: e.g.
    ``GDPR`` / ``UK GDPR`` (en), ``DSGVO`` / ``UK GDPR`` (de), ``RGPD`` /
    ``UK GDPR`` (fr), ``tietosuoja-asetuksen`` / ``UK GDPR:n`` (fi, genitive as
    its citations need). The UK GDPR is used when the country is ``GB``, the
    (EU) GDPR otherwise.
``{article}``
    The citation of the right to object in the language, e.g.
    ``Article 21 GDPR``, ``Art. 21 DSGVO``, ``article 21 du RGPD`` (UK GDPR
    for ``GB``).
``{reasons}``
    One sentence per chosen reason, in the canonical order of ``REASONS``,
    joined by single spaces (empty when no reason is chosen).
``{phone}``
    The account's phone number in international format (``+49 1512 3456789``): a
    WhatsApp account is its number. A letter that names it needs one (``TextError``).

An unknown placeholder, a malformed one (``{}``, ``{0}``, ``{a.b}``,
``{x!r}``), an unclosed ``{`` or a lone ``}`` is a ``TextError`` naming the file,
the line and the placeholder.

Length
------
Meta's form fields limit length like the browser's ``maxlength``: UTF-16 code
units, a line break counting as 1 (checked against Chromium). Every text must be
at least ``MIN_LENGTH`` and at most ``max_length`` (default
``DEFAULT_MAX_LENGTH``) such characters; otherwise ``TextError`` says the length
and the limit. Texts are never silently truncated.

Output format: NFC-normalised, plain ``\\n`` line breaks, paragraphs separated
by one blank line, no trailing whitespace, no leading or trailing blank lines.

Template files
--------------
``templates/<code>/letter.toml`` (TOML, read with the standard library)::

    name = "Deutsch"            # endonym, for menus
    babel_locale = "de"         # optional; locale for country names (default: folder name)
    example_country = "DE"      # used by the generated docs/texts.md

    [law]                       # {law} and {article}, for the EU and for GB
    eu = "DSGVO"
    gb = "UK GDPR"
    article_eu = "Art. 21 DSGVO"
    article_gb = "Art. 21 UK GDPR"

    [platforms]                 # display names
    instagram = "Instagram"
    facebook = "Facebook"

    [reasons.children]          # one table per id in REASONS
    label = "Fotos von Kindern" # short label for menus
    sentence = "..."            # the sentence added to {reasons}

    [variants]                  # one template per name in VARIANTS (Meta's AI objection)
    short = '''...'''
    standard = '''...'''
    detailed = '''...'''

    [services.linkedin]         # optional: the letter to another service, one per VARIANTS name
    short = '''...'''
    standard = '''...'''
    detailed = '''...'''

The ``[variants]`` speak of AI at Meta and serve Instagram and Facebook. A letter to
another service (``LetterInput.platform`` = ``linkedin``) uses ``[services.<platform>]``
of the text's language; a language without one falls back to English's (the letter is
then in English, which the service's form accepts); another known service no language has
a letter for is a ``TextError``, and any other platform name gets ``[variants]``.

Files are read lazily (on first use) and cached. Importing this module is cheap:
Babel is imported only when a country name is needed.
"""

from __future__ import annotations

import functools
import pathlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..engine.common import Said, shown
from ..i18n import N_

__all__ = [
    "DEFAULT_MAX_LENGTH",
    "LANGUAGES",
    "MIN_LENGTH",
    "PLACEHOLDERS",
    "REASONS",
    "VARIANTS",
    "LetterInput",
    "TextError",
    "browser_length",
    "language_name",
    "reason_label",
    "render_letter",
]

TEMPLATES_DIR = pathlib.Path(__file__).resolve().parent / "templates"
TEMPLATE_FILE = "letter.toml"

REASONS: tuple[str, ...] = (
    "private_life",
    "children",
    "creative_work",
    "private_context",
    "location_behaviour",
    "personalisation",
)
VARIANTS: tuple[str, ...] = ("short", "standard", "detailed")
MIN_LENGTH = 100
DEFAULT_MAX_LENGTH = 3000

PLACEHOLDERS: tuple[str, ...] = (
    "platform",
    "account",
    "email",
    "name",
    "country",
    "country_code",
    "law",
    "article",
    "reasons",
    "phone",
)

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class TextError(ValueError):
    """A problem with the inputs or a template; ``str(err)`` is one clear line (English), ``shown``
    the same line in the person's language (the message is a ``Said``).

    Optional attributes give the details to callers that want them: ``path``
    (the template file, if any), ``placeholder``, ``length`` and ``limit``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: pathlib.Path | None = None,
        placeholder: str | None = None,
        length: int | None = None,
        limit: int | None = None,
    ) -> None:
        super().__init__(" ".join(message.split()))
        self.shown = " ".join(shown(message).split())
        self.path = path
        self.placeholder = placeholder
        self.length = length
        self.limit = limit


@dataclass(frozen=True)
class LetterInput:
    """Everything a text depends on (and nothing else: no date, no randomness)."""

    platform: str  # "instagram" | "facebook" (display names come from the templates)
    account: str  # the account label, e.g. "anna-instagram"
    email: str
    country: str  # ISO 3166 alpha-2, upper case
    language: str  # one of LANGUAGES
    reasons: tuple[str, ...] = ()
    variant: str = "standard"
    name: str | None = None  # the person's full name if known
    phone: str | None = None  # the account's phone number (WhatsApp), international format


# --------------------------------------------------------------------------- discovery


def _discover_languages() -> tuple[str, ...]:
    """Language codes = folders under templates/ that hold a letter.toml."""
    try:
        entries = list(TEMPLATES_DIR.iterdir())
    except OSError:
        return ()
    return tuple(
        sorted(p.name for p in entries if _LANGUAGE_CODE.fullmatch(p.name) and (p / TEMPLATE_FILE).is_file())
    )


LANGUAGES: tuple[str, ...] = _discover_languages()


def _choices(values: Iterable[str]) -> str:
    return ", ".join(values)


def _check_language(language: str) -> str:
    if not isinstance(language, str) or language not in LANGUAGES:
        raise TextError(
            Said(
                N_("unknown language {language!r}; available languages: {languages}"),
                language=language,
                languages=_choices(LANGUAGES),
            )
        )
    return language


def _check_reason(reason: str) -> str:
    if reason not in REASONS:
        raise TextError(
            Said(
                N_("unknown reason {reason!r}; valid reasons: {reasons}"),
                reason=reason,
                reasons=_choices(REASONS),
            )
        )
    return reason


def _check_variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise TextError(
            Said(
                N_("unknown variant {variant!r}; valid variants: {variants}"),
                variant=variant,
                variants=_choices(VARIANTS),
            )
        )
    return variant


# --------------------------------------------------------------------------- templates


# one scan of the template: doubled braces, a placeholder on one line, or a lone brace
_TEMPLATE_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


def _parse_template(text: str, source: str, path: pathlib.Path | None) -> list[tuple[str, str]]:
    """Split a template into (literal, placeholder) pairs; placeholder '' = none.

    Raises TextError for unknown or malformed placeholders and unbalanced braces,
    naming ``source``, the line and the placeholder. One left-to-right regular
    expression scan does the work, so the time grows with the template's length
    only (a line of a million placeholders takes a moment, not minutes).
    """
    parts: list[tuple[str, str]] = []
    literal: list[str] = []
    pos = 0

    def where(at: int) -> Said:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        return Said(N_("line {line}, column {column}"), line=line, column=column)

    for match in _TEMPLATE_TOKEN.finditer(text):
        literal.append(text[pos : match.start()])
        pos = match.end()
        token = match.group()
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if token == "{":
            raise TextError(
                # TRANSLATORS: {source} is the template (a file); {position} is "line 3, column 7";
                # '{{' shows as one brace, '{{{{' as two
                Said(
                    N_("{source}: unclosed '{{' at {position} (write '{{{{' for a literal brace)"),
                    source=source,
                    position=where(match.start()),
                ),
                path=path,
            )
        if token == "}":
            raise TextError(
                # TRANSLATORS: {source} is the template (a file); {position} is "line 3, column 7";
                # '}}' shows as one brace, '}}}}' as two
                Said(
                    N_("{source}: single '}}' at {position} (write '}}}}' for a literal brace)"),
                    source=source,
                    position=where(match.start()),
                ),
                path=path,
            )
        field = match.group(1)
        if not _IDENTIFIER.fullmatch(field):
            raise TextError(
                # TRANSLATORS: {{{field}}} shows the placeholder in braces, e.g. {0}; '{{{{' shows as two
                # braces; {placeholders} lists the placeholders a template may use
                Said(
                    N_(
                        "{source}: malformed placeholder {{{field}}} at {position}; use one of "
                        "{placeholders} (write '{{{{' and '}}}}' for literal braces)"
                    ),
                    source=source,
                    field=field,
                    position=where(match.start()),
                    placeholders=_placeholder_list(),
                ),
                path=path,
                placeholder=field,
            )
        if field not in PLACEHOLDERS:
            raise TextError(
                # TRANSLATORS: {{{field}}} shows the placeholder in braces, e.g. {nmae}
                Said(
                    N_(
                        "{source}: unknown placeholder {{{field}}} at {position}; "
                        "known placeholders: {placeholders}"
                    ),
                    source=source,
                    field=field,
                    position=where(match.start()),
                    placeholders=_placeholder_list(),
                ),
                path=path,
                placeholder=field,
            )
        parts.append(("".join(literal), field))
        literal = []
    literal.append(text[pos:])
    parts.append(("".join(literal), ""))
    return parts


def _placeholder_list() -> str:
    return ", ".join("{" + p + "}" for p in PLACEHOLDERS)


@dataclass(frozen=True)
class _Language:
    code: str
    path: pathlib.Path
    name: str
    babel_locale: str
    example_country: str
    law: dict[str, str]  # keys: eu, gb, article_eu, article_gb
    platforms: dict[str, str]
    labels: dict[str, str]
    sentences: dict[str, str]
    variants: dict[str, list[tuple[str, str]]]  # parsed templates
    services: dict[str, dict[str, list[tuple[str, str]]]]  # platform -> variant -> parsed template


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _read_language_file(path: pathlib.Path, code: str) -> _Language:
    """Read and validate one letter.toml; every problem names the file."""
    import tomllib  # only needed once templates are read

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise TextError(Said(N_("template file not found: {path}"), path=path), path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # TRANSLATORS: {error} is the TOML reader's own message, in English
        raise TextError(
            Said(N_("{path}: not valid TOML: {error}"), path=path, error=exc), path=path
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        # TRANSLATORS: {error} is the system's own message, in English
        raise TextError(
            Said(N_("cannot read template file {path}: {error}"), path=path, error=exc), path=path
        ) from None

    def need_str(table: dict, key: str, where: str) -> str:
        return _need_str(path, table, key, where)

    def need_table(key: str) -> dict:
        value = data.get(key)
        if not isinstance(value, dict):
            raise TextError(Said(N_("{path}: missing table [{key}]"), path=path, key=key), path=path)
        return value

    name = need_str(data, "name", "")
    babel_locale = data.get("babel_locale", code)
    if not isinstance(babel_locale, str):
        raise TextError(Said(N_("{path}: babel_locale must be a string"), path=path), path=path)
    example_country = data.get("example_country", "")
    if not isinstance(example_country, str) or not _COUNTRY_CODE.fullmatch(example_country):
        raise TextError(
            Said(N_('{path}: example_country must be an ISO 3166 alpha-2 code such as "DE"'), path=path),
            path=path,
        )

    law_table = need_table("law")
    law = {k: need_str(law_table, k, "law.") for k in ("eu", "gb", "article_eu", "article_gb")}

    platforms: dict[str, str] = {}
    for key, value in need_table("platforms").items():
        if not isinstance(value, str) or not value.strip():
            raise TextError(
                Said(N_("{path}: platforms.{key} must be a non-empty text"), path=path, key=key), path=path
            )
        platforms[key.lower()] = _nfc(value.strip())

    labels, sentences = _read_reasons(path, need_table("reasons"))
    variants_table = need_table("variants")
    variants = {
        variant: _parse_template(
            need_str(variants_table, variant, "variants."), f"{path} [variants.{variant}]", path
        )
        for variant in VARIANTS
    }
    services = _read_services(path, data.get("services", {}))

    return _Language(
        code=code,
        path=path,
        name=name,
        babel_locale=babel_locale,
        example_country=example_country,
        law=law,
        platforms=platforms,
        labels=labels,
        sentences=sentences,
        variants=variants,
        services=services,
    )


def _need_str(path: pathlib.Path, table: dict, key: str, where: str) -> str:
    """The text at ``table[key]``, trimmed, in NFC, with ``\\n`` line ends; a missing or empty
    one is an error that names the file."""
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        # TRANSLATORS: {key} is where in the file, e.g. variants.short or law.eu
        raise TextError(
            Said(N_("{path}: missing or empty text {key}"), path=path, key=f"{where}{key}"), path=path
        )
    return _nfc(value.replace("\r\n", "\n").strip())


def _read_reasons(path: pathlib.Path, table: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Each reason's label and its one-line sentence, from ``[reasons.<reason>]``."""
    labels: dict[str, str] = {}
    sentences: dict[str, str] = {}
    for reason in REASONS:
        entry = table.get(reason)
        if not isinstance(entry, dict):
            raise TextError(
                Said(N_("{path}: missing table [{key}]"), path=path, key=f"reasons.{reason}"), path=path
            )
        labels[reason] = _need_str(path, entry, "label", f"reasons.{reason}.")
        sentence = _need_str(path, entry, "sentence", f"reasons.{reason}.")
        if "{" in sentence or "}" in sentence or "\n" in sentence:
            raise TextError(
                Said(
                    N_("{path}: reasons.{reason}.sentence must be one line without braces"),
                    path=path,
                    reason=reason,
                ),
                path=path,
            )
        sentences[reason] = sentence
    unknown = sorted(set(table) - set(REASONS))
    if unknown:
        raise TextError(
            Said(
                N_("{path}: unknown reason {reason!r}; valid reasons: {reasons}"),
                path=path,
                reason=unknown[0],
                reasons=_choices(REASONS),
            ),
            path=path,
        )
    return labels, sentences


def _read_services(path: pathlib.Path, table: object) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """The letters of ``[services.<platform>]``: one template per variant, for a service beyond Meta."""
    if not isinstance(table, dict):
        raise TextError(
            Said(N_("{path}: [services] must be a table of [services.<platform>] tables"), path=path),
            path=path,
        )
    services: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for platform, entry in table.items():
        if not isinstance(entry, dict):
            raise TextError(
                Said(N_("{path}: [services.{platform}] must be a table"), path=path, platform=platform),
                path=path,
            )
        services[platform.lower()] = {
            variant: _parse_template(
                _need_str(path, entry, variant, f"services.{platform}."),
                f"{path} [services.{platform}.{variant}]",
                path,
            )
            for variant in VARIANTS
        }
    return services


#: the platforms [variants] is written for (the objection to AI at Meta)
META_LETTER_PLATFORMS = ("instagram", "facebook")


def _letter_language(inp: LetterInput) -> _Language:
    """The language file whose letter fits the platform: the text's language, else English's."""
    lang = _language(inp.language)
    platform = (inp.platform or "").strip().lower()
    if platform in META_LETTER_PLATFORMS or platform in lang.services:
        return lang
    if "en" in LANGUAGES and platform in _language("en").services:
        return _language("en")
    from ..config.hosts import SERVICE_NAMES

    if not platform or SERVICE_NAMES.get(platform, "Meta") == "Meta":
        return lang  # a Meta product (Threads...) gets [variants]; an empty one is reported later
    raise TextError(
        # TRANSLATORS: {platform} is a service's id (e.g. quora); {letters} lists the ids of the services
        # there are letters for
        Said(
            N_("there is no letter for {platform} (letters: {letters})"),
            platform=platform,
            letters=", ".join((*META_LETTER_PLATFORMS, *sorted(lang.services))),
        )
    )


@functools.cache
def _language(code: str) -> _Language:
    _check_language(code)
    return _read_language_file(TEMPLATES_DIR / code / TEMPLATE_FILE, code)


# --------------------------------------------------------------------------- values


@functools.cache
def _country_name(country: str, babel_locale: str) -> str | None:
    from babel import Locale, UnknownLocaleError  # imported lazily: it is slow

    try:
        locale = Locale.parse(babel_locale)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    name = locale.territories.get(country)
    if name is None and str(locale) != "en":
        name = Locale.parse("en").territories.get(country)
    return name


def _one_line(value: str) -> str:
    """Values are inserted as one line: whitespace runs (and line breaks) -> one space."""
    return " ".join(_nfc(value).split())


def _values(inp: LetterInput, lang: _Language) -> dict[str, str]:
    account = _one_line(inp.account or "")
    if not account:
        raise TextError(Said(N_("the account label is empty; the text must name the account")))
    email = _one_line(inp.email or "")
    if not email:
        raise TextError(Said(N_("the e-mail address for account {account!r} is empty"), account=account))
    country = (inp.country or "").strip().upper()
    if not _COUNTRY_CODE.fullmatch(country):
        raise TextError(
            Said(
                N_("country {country!r} is not an ISO 3166 alpha-2 code (two letters, e.g. DE)"),
                country=inp.country,
            )
        )
    country_name = _country_name(country, lang.babel_locale)
    if country_name is None:
        raise TextError(
            Said(N_("unknown country code {country!r} (expected ISO 3166 alpha-2, e.g. DE)"), country=country)
        )
    platform_id = _one_line(inp.platform or "")
    if not platform_id:
        raise TextError(Said(N_("the platform is empty (expected e.g. instagram or facebook)")))
    platform = lang.platforms.get(platform_id.lower()) or platform_id.title()

    if inp.reasons is None:
        chosen: set[str] = set()
    elif isinstance(inp.reasons, str):  # a lone id, not a tuple of ids
        chosen = {_check_reason(inp.reasons)}
    else:
        chosen = {_check_reason(r) for r in inp.reasons}
    sentences = [lang.sentences[r] for r in REASONS if r in chosen]

    region = "gb" if country == "GB" else "eu"
    return {
        "platform": platform,
        "account": account,
        "email": email,
        "name": _one_line(inp.name or ""),
        "country": _nfc(country_name),
        "country_code": country,
        "law": lang.law[region],
        "article": lang.law[f"article_{region}"],
        "reasons": " ".join(sentences),
        "phone": _one_line(inp.phone or ""),
    }


# --------------------------------------------------------------------------- rendering

_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    text = _nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_INNER_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n").strip()


def _fill(parts: list[tuple[str, str]], values: dict[str, str]) -> str:
    if values["account"].casefold() == values["email"].casefold():
        parts = _without_account_name(parts)
    return "".join(literal + (values[field] if field else "") for literal, field in parts)


# quotation marks the built-in templates put around {account}, in any of their languages
_OPENING_QUOTE = re.compile(r"(?::)?\s*[„“”«»‘’‚\"']\s?$")
_CLOSING_QUOTE = re.compile(r"^\s?[“”«»’‘\"']")


def _without_account_name(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An account known only by its e-mail address (a settings service's account, say) is named by
    that address once: "my LinkedIn account (e-mail address: …)", not "my LinkedIn account “a@b.eu”
    (e-mail address: a@b.eu …)". The quoted ``{account}`` and its quotation marks are left out; a
    template that names the account in another way keeps it."""
    out: list[tuple[str, str]] = []
    skip_quote = False
    for literal, field in parts:
        if skip_quote:
            literal = _CLOSING_QUOTE.sub("", literal, count=1)
            skip_quote = False
        if field == "account" and _OPENING_QUOTE.search(literal) and "email" in {f for _l, f in parts}:
            out.append((_OPENING_QUOTE.sub("", literal, count=1), ""))
            skip_quote = True
            continue
        out.append((literal, field))
    return out


def _read_custom_template(path: pathlib.Path) -> str:
    """The person's template file: a regular UTF-8 file of bounded size (never a pipe or device)."""
    from ..errors import UserError
    from ..storage import read_bounded

    path = pathlib.Path(path)
    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        raise TextError(Said(N_("template file not found: {path}"), path=path), path=path) from None
    except UserError as exc:
        # TRANSLATORS: {problem} says what is wrong with the file, e.g. "file … is too large"
        raise TextError(Said(N_("template {problem}"), problem=exc), path=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TextError(
            Said(
                N_("template file {path} is not UTF-8 text (bad byte at offset {offset})"),
                path=path,
                offset=exc.start,
            ),
            path=path,
        ) from None


def render_letter(
    inp: LetterInput,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
    template: pathlib.Path | None = None,
) -> str:
    """Render the objection text for ``inp``.

    ``template`` is an optional custom template file (plain UTF-8 text with the
    placeholders above); when given, it replaces the built-in variant text, while
    the reason sentences, platform names and law phrases still come from the
    language's built-in template.

    Raises ``TextError`` (one clear line) for an unknown language, reason or
    variant, bad inputs, a bad template, or a text shorter than ``MIN_LENGTH`` or
    longer than ``max_length`` (counted with ``browser_length``).
    """
    if isinstance(max_length, bool) or not isinstance(max_length, int):
        raise TextError(Said(N_("the length limit must be a whole number, not {limit!r}"), limit=max_length))
    if max_length < MIN_LENGTH:
        raise TextError(
            Said(
                N_("the length limit {limit} is below the minimum text length {minimum}"),
                limit=max_length,
                minimum=MIN_LENGTH,
            ),
            limit=max_length,
        )
    _check_language(inp.language)
    variant = _check_variant(inp.variant)
    lang = _letter_language(inp)
    values = _values(inp, lang)

    if template is not None:
        path = pathlib.Path(template)
        # TRANSLATORS: names the person's own letter template (a file) before a colon
        source = Said(N_("template {path}"), path=path)
        parts = _parse_template(_read_custom_template(path), source, path)
    else:
        path = lang.path
        service = lang.services.get((inp.platform or "").strip().lower())
        parts = service[variant] if service is not None else lang.variants[variant]
    # the values that name the person's own template, or the built-in one
    what: dict[str, object] = {"path": path}
    if template is None:
        what.update(variant=variant, language=lang.name)

    if not values["phone"] and any(field == "phone" for _literal, field in parts):
        if template is not None:
            message = N_("template {path} names the phone number, and there is none (field 'phone')")
        else:
            # TRANSLATORS: {variant} is short, standard or detailed (as written); {language} the language's
            # own name (Deutsch); {path} the template file
            message = N_(
                "the {variant} {language} text ({path}) names the phone number, "
                "and there is none (field 'phone')"
            )
        raise TextError(Said(message, **what), path=path)
    text = _tidy(_fill(parts, values))
    length = browser_length(text)
    if length < MIN_LENGTH:
        if template is not None:
            message = N_("template {path} is {length} characters; it must be at least {minimum}")
        else:
            # TRANSLATORS: {variant} is short, standard or detailed (as written); {language} the language's
            # own name (Deutsch); {path} the template file
            message = N_(
                "the {variant} {language} text ({path}) is {length} characters; it must be at least {minimum}"
            )
        raise TextError(
            Said(message, **what, length=length, minimum=MIN_LENGTH),
            path=path,
            length=length,
            limit=MIN_LENGTH,
        )
    if length > max_length:
        if template is not None:
            message = N_(
                "template {path} is {length} characters, over the limit of {limit} "
                "(choose fewer reasons or a shorter variant)"
            )
        else:
            # TRANSLATORS: {variant} is short, standard or detailed (as written); {language} the language's
            # own name (Deutsch); {path} the template file
            message = N_(
                "the {variant} {language} text ({path}) is {length} characters, over the limit of {limit} "
                "(choose fewer reasons or a shorter variant)"
            )
        raise TextError(
            Said(message, **what, length=length, limit=max_length),
            path=path,
            length=length,
            limit=max_length,
        )
    return text


def browser_length(text: str) -> int:
    """Length as the browser's ``maxlength`` counts it.

    UTF-16 code units (an emoji outside the BMP counts 2, a combining accent 1),
    and a line break counts 1 whether written as ``\\n``, ``\\r\\n`` or ``\\r``.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return len(normalised.encode("utf-16-le", "surrogatepass")) // 2


def reason_label(reason: str, language: str = "en") -> str:
    """Short human label of a reason for menus, e.g. "Photos of children"."""
    _check_reason(reason)
    return _language(_check_language(language)).labels[reason]


def language_name(code: str) -> str:
    """The language's own name for menus, e.g. "Deutsch"."""
    return _language(_check_language(code)).name


def example_country(code: str) -> str:
    """The country a language's examples use, e.g. "DE" for de."""
    return _language(_check_language(code)).example_country
