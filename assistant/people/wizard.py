"""Adding accounts: from command-line options, or by asking in the terminal.

In a terminal each answer is checked as soon as it is given and the question is
asked again with the reason, so one typo never costs a full re-entry. The
account is shown as it will be saved and written only after the person agrees;
each account is saved on its own, so Ctrl-C later keeps the ones before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

from pydantic import ValidationError

from ..config.accounts import (
    LETTER_PLATFORMS,
    META_PLATFORMS,
    PLATFORMS,
    Account,
    _describe,
    load_accounts,
    save_accounts,
)
from ..errors import UserError, shown
from .answers import account_reference, country_code, full_name, platform_of
from .human import TerminalHuman

_OPTION_OF = {
    "name": "--name",
    "platform": "--platform",
    "email": "--email",
    "country": "--country",
    "language": "--language",
    "reasons": "--reason",
    "username": "--username",
    "full_name": "--full-name",
}

# Values that pass every check, used to check one answer at a time against Account's own rules.
_PROBE = {
    "name": "probe",
    "platform": "instagram",
    "email": "probe@example.org",
    "country": "DE",
    "language": "en",
}


def _suggest_name(
    email: str | None, platform: str | None, taken: AbstractSet[str] = frozenset()
) -> str | None:
    """A free local label like ``anna-instagram`` (``anna-instagram-2`` when that is taken)."""
    if not email or not platform:
        return None
    local = re.sub(r"[^A-Za-z0-9_-]+", "-", email.split("@")[0]).strip("-")[:40] or "me"
    name, number = f"{local}-{platform}", 2
    while name in taken:
        name, number = f"{local}-{platform}-{number}", number + 1
    return name


def _field_problem(field: str, value: object, platform: str = "instagram") -> str | None:
    """What Account says about this one value (None when it is fine)."""
    try:
        Account.model_validate({**_PROBE, "platform": platform, field: value})
    except ValidationError as exc:
        return _describe(exc).split(": ", 1)[-1].rstrip(".")
    return None


def _checked(field: str, parse: Callable[[str], object] | None = None, platform: str = "instagram"):
    """A checker: parse the answer (if given), then apply Account's rule for ``field``."""

    def check(answer: str) -> object:
        value = parse(answer) if parse else answer.strip()
        problem = _field_problem(field, value, platform)
        if problem:
            raise ValueError(problem)
        return value

    return check


def _reasons_of(answer: str) -> tuple[str, ...]:
    """``1 3`` -> the first and third reason; any other number is refused with the range."""
    from ..letters.text import REASONS

    chosen: list[str] = []
    for part in answer.replace(",", " ").split():
        if part in REASONS:
            chosen.append(part)
        elif part.isdigit() and 1 <= int(part) <= len(REASONS):
            chosen.append(REASONS[int(part) - 1])
        else:
            raise ValueError(f"there is no reason {shown(part)}; type numbers from 1 to {len(REASONS)}")
    return tuple(dict.fromkeys(chosen))


def _language_of(answer: str) -> str:
    """A language code, or the language's own or English name (``Deutsch``, ``German``)."""
    from babel import Locale

    from ..letters.text import LANGUAGES, language_name

    value = answer.strip().lower()
    for code in LANGUAGES:
        names = {code, language_name(code).lower(), Locale("en").languages.get(code, "").lower()}
        if value in names:
            return code
    raise ValueError(
        f"there is no objection text in {shown(answer.strip())}; choose one of {', '.join(LANGUAGES)}"
    )


def _language_of_country(country: str) -> str | None:
    """The country's first official language that objector writes (DE -> de, AT -> de, IE -> en)."""
    from babel.languages import get_official_languages

    from ..letters.text import LANGUAGES

    for language in get_official_languages(country, de_facto=True):
        if language in LANGUAGES:
            return language
    return None


class _Stop(Exception):
    """The input ended while asking: nothing more is added."""


def _ask(human: TerminalHuman, console, question: str, default: str | None, check) -> object:
    """Ask until the answer passes ``check``; say why when it does not."""
    while True:
        answer = human.ask(f"  {question}", default)
        if answer is None:
            raise _Stop
        try:
            value = check(answer)
        except ValueError as exc:
            console.print(f"  [yellow]✗ {exc}.[/] Please try again.", highlight=False)
            continue
        if isinstance(value, str) and value and value != answer.strip():
            console.print(f"  [dim]→ {value}[/]", highlight=False)  # how the answer was understood
        return value


def _ask_account(
    settings, given: dict, human: TerminalHuman, console, taken: set[str], last: Account | None
) -> dict:
    """Every value of the new account, each checked when given."""
    from ..letters.text import LANGUAGES, REASONS, reason_label

    values = dict(given)
    if "platform" not in values:
        values["platform"] = _ask(
            human, console, f"Platform ({' / '.join(PLATFORMS)})", None, _checked("platform", platform_of)
        )
    platform = values["platform"]
    letter = platform in LETTER_PLATFORMS  # the other platforms' flows switch settings: no letter
    if "email" not in values:
        values["email"] = _ask(human, console, "The e-mail address of that account", None, _checked("email"))
    if "username" not in values and platform in META_PLATFORMS:
        reference = _ask(
            human,
            console,
            f"Its {platform.title()} username or profile link (Enter to skip; it helps Meta find it)",
            "",
            lambda a: account_reference(platform, a) if a.strip() else "",
        )
        values["username"] = reference or None
    if "full_name" not in values and letter:
        previous = last.full_name if last else None
        question = "Your full name, to sign the letter" + ("" if previous else " (Enter to skip)")
        name = _ask(human, console, question, previous, full_name)
        values["full_name"] = name or None
    if "name" not in values:

        def free_label(answer: str) -> str:
            label = _checked("name")(answer)
            if label in taken:
                raise ValueError(f"an account named '{label}' exists already; choose another name")
            return str(label)

        suggested = _suggest_name(values["email"], platform, taken)
        values["name"] = _ask(human, console, "A short name for it (only for you)", suggested, free_label)
    if "country" not in values:
        default = settings.country or (last.country if last else None)
        values["country"] = _ask(
            human, console, "Country you live in (name or code, e.g. Germany or DE)", default,
            _checked("country", country_code),
        )  # fmt: skip
    if "language" not in values and not letter:
        values["language"] = _language_of_country(values["country"]) or settings.language
    if "language" not in values:
        values["language"] = _ask(
            human, console, f"Language of the objection text ({', '.join(LANGUAGES)})",
            _language_of_country(values["country"]) or settings.language, _language_of,
        )  # fmt: skip
    if values.get("reasons") is None and letter:
        console.print("  Reasons that apply to you (they add a sentence each to your objection):")
        for number, reason in enumerate(REASONS, start=1):
            console.print(f"    {number}. {reason_label(reason, 'en')}")
        values["reasons"] = _ask(
            human, console, "Numbers separated by spaces, or Enter for none", "", _reasons_of
        )
    return values


def _validated(values: dict) -> Account:
    values = {k: v for k, v in values.items() if v not in (None, [], ())}
    try:
        return Account.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        option = _OPTION_OF.get(str(err["loc"][0]) if err["loc"] else "", "account")
        detail = _describe(exc).split(": ", 1)[-1]
        raise UserError(f"accounts add: {option}: {detail}") from None


def _from_options(settings, values: dict) -> Account:
    """Without a terminal every value comes from options (or settings); a problem is one line."""
    values.setdefault("country", settings.country)
    values.setdefault("language", settings.language)
    values = {k: v for k, v in values.items() if v is not None}
    if "platform" in values:
        try:
            values["platform"] = platform_of(values["platform"])
        except ValueError as exc:
            raise UserError(f"accounts add: --platform: {exc}.") from None
    if "name" not in values:
        suggested = _suggest_name(values.get("email"), values.get("platform"))  # taken: refused below
        if suggested:
            values["name"] = suggested
    required = ("name", "platform", "email", "country", "language")
    missing = [_OPTION_OF[k] for k in required if k not in values]
    if missing:
        raise UserError(
            f"accounts add: {', '.join(missing)} missing (in a terminal, objector asks for them)."
        )
    return _validated(values)


def add_account(
    settings, path: Path, given: dict, human: TerminalHuman, console, *, confirm: bool = True
) -> Account | None:
    """Add one account; returns None when the person stopped or declined (nothing written)."""
    existing = load_accounts(path)
    taken = {a.name for a in existing}
    values = {k: v for k, v in given.items() if v not in (None, "")}
    if not human.interactive:
        account = _from_options(settings, values)
    else:
        if "platform" in values:
            values["platform"] = _checked("platform", platform_of)(values["platform"])
        try:
            filled = _ask_account(settings, values, human, console, taken, existing[-1] if existing else None)
        except _Stop:
            console.print("Nothing added.")
            return None
        account = _validated(filled)
        if confirm:
            console.print("  This account will be saved as:")
            console.print(account.to_toml(), markup=False, highlight=False)
            if not human.confirm("  Save it?"):
                console.print("Not saved.")
                return None
    if account.name in taken:
        raise UserError(
            f"accounts add: an account named '{account.name}' exists already; choose another --name."
        )
    save_accounts(path, [*existing, account])
    console.print(f"Added {account.name} ({account.platform}, {account.email}) to {path}.")
    return account


def add_accounts_interactively(settings, path: Path, human: TerminalHuman, console) -> list[Account]:
    console.print(f"No accounts yet. Let's add them ({path}).")
    while True:
        add_account(settings, path, {}, human, console)
        if not human.confirm("Add another account?"):
            break
    return load_accounts(path)
