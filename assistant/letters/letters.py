"""From an account (or command-line choices) to the objection text it sends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..config.accounts import Account, find_account, load_accounts
from ..config.settings import Settings
from ..errors import UserError
from ..i18n import N_, _

#: the number ``objector text --platform whatsapp`` shows without an account (a made-up example)
EXAMPLE_PHONE = "+49 1512 3456789"


def meta_reference(account: Account) -> str:
    """How Meta can find the account: its username or profile link, else its e-mail address
    (WhatsApp: its phone number, which is the account).

    Never the local label (``name``), which only the person knows.
    """
    if account.phone:
        return _phone_written(account.phone)
    return account.username or account.email


def _phone_written(phone: str) -> str:
    from ..config.phones import international

    return international(phone)


def letter_input(account: Account):
    from .text import LetterInput

    name = account.full_name or " ".join(p for p in (account.first_name, account.last_name) if p) or None
    return LetterInput(
        platform=account.platform,
        account=meta_reference(account),
        email=account.email,
        country=account.country,
        language=account.language,
        reasons=account.reasons,
        variant=account.text_variant,
        name=name,
        phone=_phone_written(account.phone) if account.phone else None,
    )


def text_for_account(account: Account, settings: Settings, max_length: int) -> str:
    """The account's objection text within ``max_length`` (a shorter variant or whole sentences
    left out when it is longer: ``fit.fit_letter``), or UserError naming the account and the problem."""
    return fitted_for_account(account, settings, max_length).text


def fitted_for_account(account: Account, settings: Settings, max_length: int):
    """The account's letter fitted to ``max_length`` (``fit.Fitted``: the text and what was done).

    The UserError's message is in the person's language; its ``said`` is the same line as a
    ``Said`` (English in a record, the person's language when shown)."""
    from ..engine.common import Said
    from .fit import fit_letter
    from .text import TextError

    template = account.text_template or settings.text_template
    try:
        return fit_letter(letter_input(account), max_length, template=template)
    except TextError as exc:
        # TRANSLATORS: {account} is the account's name in accounts.toml; {problem} says why there is no letter
        said = Said(N_("account {account}: {problem}"), account=account.name, problem=exc)
        error = UserError(said.shown)
        error.said = said  # type: ignore[attr-defined]
        raise error from None


def text_for_cli(
    settings: Settings,
    accounts_file: Path,
    *,
    account: str | None,
    lang: str | None,
    reasons: list[str] | None,
    variant: str | None,
    platform: str,
    country: str | None,
    template: Path | None,
) -> tuple[str, str | None]:
    """The text for ``objector text`` and a note for the terminal (or None)."""
    from .text import DEFAULT_MAX_LENGTH, LetterInput, TextError, example_country, render_letter

    note = None
    if account:
        chosen = find_account(load_accounts(accounts_file), account)
        base = letter_input(chosen)
        template = template or chosen.text_template
        updates: dict[str, Any] = {}
        if reasons is not None:
            updates["reasons"] = tuple(reasons)
        if variant:
            updates["variant"] = variant
        if lang:  # that account's letter in another language (what it would send in that one)
            updates["language"] = lang.strip().lower()
        from dataclasses import replace

        inp = replace(base, **updates)
    else:
        language = (lang or settings.language).lower()
        try:
            country_code = (country or settings.country or example_country(language)).upper()
        except TextError as exc:
            # TRANSLATORS: "text" is the command, --lang its option; {problem} says what is wrong
            raise UserError(_("text: --lang: {problem}").format(problem=exc.shown)) from None
        inp = LetterInput(
            platform=platform.lower(),
            account="your.username",
            email="you@example.org",
            country=country_code,
            language=language,
            reasons=tuple(reasons or ()),
            variant=variant or "standard",
            phone=EXAMPLE_PHONE,
        )
        note = _("(example details: use --account NAME for the text of one of your accounts)")
    try:
        body = render_letter(inp, max_length=DEFAULT_MAX_LENGTH, template=template or settings.text_template)
    except TextError as exc:
        # TRANSLATORS: "text" is the command; {problem} says what is wrong
        raise UserError(_("text: {problem}").format(problem=exc.shown)) from None
    return body, note
