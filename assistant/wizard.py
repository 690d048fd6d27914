"""Adding accounts: from command-line options, or by asking in the terminal."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from .accounts import PLATFORMS, Account, _describe, load_accounts, save_accounts
from .errors import UserError
from .human import TerminalHuman

_OPTION_OF = {
    "name": "--name",
    "platform": "--platform",
    "email": "--email",
    "country": "--country",
    "language": "--language",
    "reasons": "--reason",
}


def _suggest_name(email: str | None, platform: str | None) -> str | None:
    if not email or not platform:
        return None
    local = re.sub(r"[^A-Za-z0-9_-]+", "-", email.split("@")[0]).strip("-")[:40] or "me"
    return f"{local}-{platform}"


def _ask_missing(values: dict, settings, human: TerminalHuman, console) -> dict | None:
    from .text import LANGUAGES, REASONS, reason_label

    questions = [
        ("platform", f"Platform ({' / '.join(PLATFORMS)})", None),
        ("email", "The e-mail address of that account", None),
        ("name", "A short name for it", None),
        ("country", "Country you live in (two letters, e.g. DE)", settings.country),
        ("language", f"Language of the objection text ({', '.join(LANGUAGES)})", settings.language),
    ]
    for key, question, default in questions:
        if values.get(key):
            continue
        if key == "name":
            default = _suggest_name(values.get("email"), values.get("platform"))
        answer = human.ask(f"  {question}", default)
        if answer is None:
            return None
        values[key] = answer.strip()
    if values.get("reasons") is None:
        console.print("  Reasons that apply to you (they add a sentence each to your objection):")
        for number, reason in enumerate(REASONS, start=1):
            console.print(f"    {number}. {reason_label(reason, 'en')}")
        answer = human.ask("  Numbers separated by spaces, or Enter for none", "")
        if answer is None:
            return None
        chosen = []
        for part in answer.replace(",", " ").split():
            if part.isdigit() and 1 <= int(part) <= len(REASONS):
                chosen.append(REASONS[int(part) - 1])
        values["reasons"] = chosen
    return values


def add_account(settings, path: Path, given: dict, human: TerminalHuman, console) -> Account | None:
    existing = load_accounts(path)
    values = {k: v for k, v in given.items() if v not in (None, "")}
    required = ("name", "platform", "email", "country", "language")
    if not human.interactive:
        values.setdefault("country", settings.country)
        values.setdefault("language", settings.language)
        values = {k: v for k, v in values.items() if v is not None}
        if "name" not in values:
            suggested = _suggest_name(values.get("email"), values.get("platform"))
            if suggested:
                values["name"] = suggested
        missing = [_OPTION_OF[k] for k in required if k not in values]
        if missing:
            raise UserError(
                f"accounts add: {', '.join(missing)} missing (in a terminal, objector asks for them)."
            )
    else:
        filled = _ask_missing(values, settings, human, console)
        if filled is None:
            console.print("Nothing added.")
            return None
        values = filled
    values = {k: v for k, v in values.items() if v not in (None, [])}
    try:
        account = Account.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        option = _OPTION_OF.get(str(err["loc"][0]) if err["loc"] else "", "account")
        detail = _describe(exc).split(": ", 1)[-1]
        raise UserError(f"accounts add: {option}: {detail}") from None
    if any(a.name == account.name for a in existing):
        raise UserError(
            f"accounts add: an account named '{account.name}' exists already; choose another --name."
        )
    save_accounts(path, [*existing, account])
    console.print(f"Added {account.name} ({account.platform}, {account.email}) to {path}.")
    return account


def add_accounts_interactively(settings, path: Path, human: TerminalHuman, console) -> list[Account]:
    console.print(f"No accounts yet. Let's add them ({path}).")
    while True:
        if add_account(settings, path, {}, human, console) is None:
            break
        if not human.confirm("Add another account?"):
            break
    return load_accounts(path)
