"""Adding accounts: from command-line options, or by asking in the terminal.

In a terminal each answer is checked as soon as it is given and the question is
asked again with the reason, so one typo never costs a full re-entry. The
account is shown as it will be saved and written only after the person agrees
(Enter agrees: after nine answers, the easy key must not throw them away); each
account is saved on its own, so Ctrl-C later keeps the ones before. The answers
to an account not saved yet are kept in a draft beside the accounts file, so a
wizard stopped half-way (Ctrl-C, a closed terminal) resumes where it was.

Every line the wizard prints goes through ``say``: a Rich ``Text``, never
markup, so a value typed by the person is shown as typed and no style tag is
ever printed raw, whatever the console's markup setting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from pathlib import Path

from pydantic import ValidationError
from rich.text import Text

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
from ..i18n import N_, _
from ..i18n import language as ui_language
from ..i18n.answers import NO, YES, answers
from ..storage import atomic_write
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
    "phone": "--phone",
}

#: services with a form that sends the person's objection; the others switch an AI-training setting off
FORM_PLATFORMS = ("instagram", "facebook", "whatsapp", "linkedin")
GROUP_TITLES = {
    "form": N_("Objection forms (objector fills in the service's form and sends your letter)"),
    "setting": N_("AI-training settings (objector switches the setting off)"),
}


def platform_groups() -> dict[str, list[str]]:
    """The platforms objector knows, by what it does for them: ``form`` and ``setting``."""
    forms = [p for p in FORM_PLATFORMS if p in PLATFORMS]
    return {"form": forms, "setting": [p for p in PLATFORMS if p not in forms]}


def say(console, message: str, style: str | None = None) -> None:
    """One line for the person, shown literally (never read as markup) in an optional style."""
    console.print(Text(message, style=style or ""), highlight=False)


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
        if not answer.strip():
            # TRANSLATORS: said after a question; {what}: what to type, e.g. "e.g. Germany or DE"
            raise ValueError(_("an answer is required ({what})").format(what=_(_WHAT.get(field, field))))
        value = parse(answer) if parse else answer.strip()
        problem = _field_problem(field, value, platform)
        if problem:
            raise ValueError(problem)
        return value

    return check


_WHAT = {
    "email": N_("the e-mail address you log in with"),
    "platform": N_("the service, e.g. instagram"),
    "country": N_("e.g. Germany or DE"),
    "name": N_("a short label such as anna-instagram"),
}


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
            raise ValueError(
                _("there is no reason {answer}; type numbers from 1 to {last}").format(
                    answer=shown(part), last=len(REASONS)
                )
            )
    return tuple(dict.fromkeys(chosen))


def _language_of(answer: str) -> str:
    """A language code, or the language's own or English name (``Deutsch``, ``German``)."""
    from .answers import language_code

    return language_code(answer)


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
            # TRANSLATORS: {problem}: why the answer was refused (begins in lower case)
            say(console, _("  ✗ {problem}. Please try again.").format(problem=exc), "yellow")
            continue
        if isinstance(value, str) and value and value != answer.strip():
            say(console, f"  → {value}", "dim")  # how the answer was understood
        return value


def _ask_account(
    settings, values: dict, human: TerminalHuman, console, existing: list[Account], taken: set[str]
) -> dict:
    """Every value of the new account, each checked when given (``values`` is filled in place, so a
    ``Draft`` keeps each answer as it comes)."""
    from ..letters.text import LANGUAGES, REASONS, reason_label

    last = existing[-1] if existing else None
    if "platform" not in values:
        # TRANSLATORS: {platforms}: the services' names, e.g. "instagram / facebook / …" (typed as shown)
        question = _("Platform ({platforms})").format(platforms=" / ".join(PLATFORMS))
        values["platform"] = _ask(human, console, question, None, _checked("platform", platform_of))
    platform = values["platform"]
    letter = platform in LETTER_PLATFORMS  # the other platforms' flows switch settings: no letter
    if "email" not in values:
        question = _("The e-mail address of that account")
        values["email"] = _ask(human, console, question, last.email if last else None, _checked("email"))
        twin = _same_account(existing, platform, values["email"])
        if twin is not None:
            # TRANSLATORS: {name}: the account's short name; {platform}: e.g. instagram
            warning = _(
                "  ! {name} is already your {platform} account with this e-mail; "
                "go on only if this is another one."
            ).format(name=twin.name, platform=platform)
            say(console, warning, "yellow")
    if "phone" not in values and platform == "whatsapp":
        values["phone"] = _ask(
            human, console, _("The phone number of that WhatsApp account, with its country code (+49 …)"),
            last.phone if last and last.phone else None, _checked("phone", platform="whatsapp"),
        )  # fmt: skip
    if "username" not in values and platform in META_PLATFORMS:
        reference = _ask(
            human,
            console,
            _("Its {service} username or profile link (Enter to skip; it helps Meta find it)").format(
                service=platform.title()
            ),
            "",
            lambda a: account_reference(platform, a) if a.strip() else "",
        )
        values["username"] = reference or None
    if "linked_with" not in values and platform in META_PLATFORMS:
        values["linked_with"] = _ask_linked(human, console, existing)
    if "full_name" not in values and letter:
        previous = last.full_name if last else None
        if previous:
            question = _("Your full name, to sign the letter")
        else:
            question = _("Your full name, to sign the letter (Enter to skip)")
        name = _ask(human, console, question, previous, full_name)
        values["full_name"] = name or None
    if "name" not in values:

        def free_label(answer: str) -> str:
            label = _checked("name")(answer)
            if label in taken:
                raise ValueError(
                    _("an account named '{name}' exists already; choose another name").format(name=label)
                )
            return str(label)

        suggested = _suggest_name(values["email"], platform, taken)
        question = _("A short name for it (only for you)")
        values["name"] = _ask(human, console, question, suggested, free_label)
    if "country" not in values:
        default = settings.country or (last.country if last else None)
        values["country"] = _ask(
            human, console, _("Country you live in (name or code, e.g. Germany or DE)"), default,
            _checked("country", country_code),
        )  # fmt: skip
    if "language" not in values and not letter:
        values["language"] = _language_of_country(values["country"]) or settings.language
    if "language" not in values:
        values["language"] = _ask(
            human, console, _("Language of the objection text ({codes})").format(codes=", ".join(LANGUAGES)),
            _language_of_country(values["country"]) or settings.language, _language_of,
        )  # fmt: skip
    if values.get("reasons") is None and letter:
        say(console, _("  Reasons that apply to you (they add a sentence each to your objection):"))
        # the reasons' labels come with the letters (one per letter language): in the terminal's
        labels_in = ui_language() if ui_language() in LANGUAGES else "en"
        for number, reason in enumerate(REASONS, start=1):
            say(console, f"    {number}. {reason_label(reason, labels_in)}")
        values["reasons"] = _ask(
            human, console, _("Numbers separated by spaces, or Enter for none"), "", _reasons_of
        )
    return values


def _ask_linked(human: TerminalHuman, console, existing: list[Account]) -> str | None:
    """A Meta account in the same Accounts Centre as one already added: one objection covers both
    (``linked_with``). Asked only when there is a Meta account to link to; Enter is no."""
    meta = [a.name for a in existing if a.platform in META_PLATFORMS and not a.linked_with]
    if not meta:
        return None
    one = meta[0] if len(meta) == 1 else None
    valid = answers(YES, NO)
    if one:
        # TRANSLATORS: {name}: an account's short name; {yes}: the key for yes, e.g. y
        question = _(
            "Is it in the same Meta Accounts Centre as {name}? "
            "One objection covers both ({yes}, or Enter for no)"
        ).format(name=one, yes=valid.key(YES))
    else:
        question = _(
            "In the same Meta Accounts Centre as one of yours ({names})? Its name, or Enter for no"
        ).format(names=", ".join(meta))

    def linked(answer: str) -> str:
        value = answer.strip()
        meaning = valid.read(value)
        if one and meaning == YES:
            return one
        if not value or meaning == NO:
            return ""
        if value in meta:
            return value
        if one:
            # TRANSLATORS: {yes}, {no}: the keys for yes and no, e.g. y and n
            raise ValueError(_("type {yes} or {no}").format(yes=valid.key(YES), no=valid.key(NO)))
        raise ValueError(_("type one of {names}").format(names=", ".join(meta)))

    return str(_ask(human, console, question, "", linked)) or None


def _validated(values: dict) -> Account:
    values = {k: v for k, v in values.items() if v not in (None, [], ())}
    try:
        return Account.model_validate(values)
    except ValidationError as exc:
        err = exc.errors()[0]
        option = _OPTION_OF.get(str(err["loc"][0]) if err["loc"] else "", "account")
        detail = _describe(exc).split(": ", 1)[-1]
        # TRANSLATORS: {option}: a command-line option, e.g. --email; {problem}: what is wrong with it
        raise UserError(
            _("accounts add: {option}: {problem}").format(option=option, problem=detail)
        ) from None


def _from_options(settings, values: dict) -> Account:
    """Without a terminal every value comes from options (or settings); a problem is one line."""
    values.setdefault("country", settings.country)
    values.setdefault("language", settings.language)
    values = {k: v for k, v in values.items() if v is not None}
    if "platform" in values:
        try:
            values["platform"] = platform_of(values["platform"])
        except ValueError as exc:
            raise UserError(_("accounts add: --platform: {problem}.").format(problem=exc)) from None
    if "name" not in values:
        suggested = _suggest_name(values.get("email"), values.get("platform"))  # taken: refused below
        if suggested:
            values["name"] = suggested
    required: tuple[str, ...] = ("name", "platform", "email", "country", "language")
    required += ("phone",) if values.get("platform") == "whatsapp" else ()
    missing = [_OPTION_OF[k] for k in required if k not in values]
    if missing:
        # TRANSLATORS: {options}: the options not given, e.g. "--email, --country"
        raise UserError(
            _("accounts add: {options} missing (in a terminal, objector asks for them).").format(
                options=", ".join(missing)
            )
        )
    return _validated(values)


def _same_account(existing: list[Account], platform: str, email: str) -> Account | None:
    """The account already on this platform with this e-mail (any case), if there is one."""
    for account in existing:
        if account.platform == platform and account.email.lower() == email.strip().lower():
            return account
    return None


class Draft(dict):
    """The answers to the account being added, written to disk after each one (a ``dict``).

    ``queue`` holds the platforms still to add after this one (the checklist's
    rest). The file is removed once the account is saved or the person says no.
    """

    def __init__(self, path: Path, values: dict | None = None, queue: list[str] | None = None) -> None:
        super().__init__(values or {})
        self.path = path
        self.queue = list(queue or [])
        self.stopped = False  # the input ended or Ctrl-C came before the account was saved

    @staticmethod
    def path_for(accounts: Path) -> Path:
        return accounts.with_name(f".{accounts.name}.draft.json")

    @classmethod
    def load(cls, accounts: Path) -> Draft | None:
        """The draft a stopped wizard left, or None (a damaged draft is ignored: it only saves typing)."""
        path = cls.path_for(accounts)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            values, queue = data["values"], data["queue"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(values, dict) or not isinstance(queue, list) or not (values or queue):
            return None
        return cls(path, values, [str(p) for p in queue])

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        self.save()

    def save(self) -> None:
        data = {"values": {k: list(v) if isinstance(v, tuple) else v for k, v in self.items()},
                "queue": self.queue}  # fmt: skip
        atomic_write(self.path, json.dumps(data, ensure_ascii=False))

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


def add_account(
    settings,
    path: Path,
    given: dict,
    human: TerminalHuman,
    console,
    *,
    confirm: bool = True,
    draft: Draft | None = None,
) -> Account | None:
    """Add one account; returns None when the person stopped or declined (nothing written).

    In a terminal the answers go into ``draft`` (a new one when not given): a
    stop keeps it for the next wizard, a saved account or a "no" removes it.
    """
    existing = load_accounts(path)
    taken = {a.name for a in existing}
    values = {k: v for k, v in given.items() if v not in (None, "")}
    if not human.interactive:
        account = _from_options(settings, values)
        twin = _same_account(existing, account.platform, account.email)
        if twin is not None and (twin.username or None) == (account.username or None):
            raise UserError(
                _(
                    "accounts add: an {platform} account with {email} exists already "
                    "({name}); give its --username if this is another account."
                ).format(platform=twin.platform, email=account.email, name=twin.name)
            )
    else:
        if "platform" in values:
            values["platform"] = _checked("platform", platform_of)(values["platform"])
        draft = draft if draft is not None else Draft(Draft.path_for(path))
        for key, value in values.items():
            dict.__setitem__(draft, key, value)
        try:
            filled = _ask_account(settings, draft, human, console, existing, taken)
        except _Stop:
            _kept(console, draft)
            return None
        except KeyboardInterrupt:
            _kept(console, draft)
            raise
        account = _validated(dict(filled))
        if confirm:
            say(console, _("  This account will be saved as:"))
            say(console, account.to_toml())
            if not human.confirm(_("  Save it?"), default=True):
                say(console, _("Not saved."))
                _advance(draft)
                return None
    if account.name in taken:
        raise UserError(
            _("accounts add: an account named '{name}' exists already; choose another --name.").format(
                name=account.name
            )
        )
    save_accounts(path, [*existing, account])
    if human.interactive and draft is not None:
        _advance(draft)
    added = _("Added {name} ({platform}, {email}) to {path}.")
    say(console, added.format(name=account.name, platform=account.platform, email=account.email, path=path))
    return account


def _kept(console, draft: Draft) -> None:
    """Tell the person that what they typed is not lost (only when there is something to keep)."""
    draft.stopped = True
    if dict(draft) or draft.queue:
        draft.save()
        say(
            console, _("Nothing added yet; your answers are kept: 'objector accounts add' goes on from them.")
        )
    else:
        draft.drop()
        say(console, _("Nothing added."))


def _advance(draft: Draft) -> None:
    """The account is saved: the draft holds the checklist's rest, or goes."""
    dict.clear(draft)
    if draft.queue:
        draft.save()
    else:
        draft.drop()


def _checklist(human: TerminalHuman, console) -> list[str]:
    """Every account the person has, in one answer: numbers or names from a list grouped by what
    objector does there (one platform may be named twice for two accounts)."""
    groups = platform_groups()
    numbered = [p for kind in ("form", "setting") for p in groups[kind]]
    from ..config.hosts import platform_title

    say(console, _("Which accounts do you have? objector can help with these services:"))
    for kind in ("form", "setting"):
        say(console, f"  {_(GROUP_TITLES[kind])}:", "bold")
        for platform in groups[kind]:
            say(console, f"    {numbered.index(platform) + 1:>2}. {platform_title(platform)}")

    def chosen(answer: str) -> list[str]:
        picked = []
        for part in answer.replace(",", " ").split():
            if part.isdigit() and 1 <= int(part) <= len(numbered):
                picked.append(numbered[int(part) - 1])
            elif part.isdigit():
                raise ValueError(
                    _("there is no service {answer}; type numbers from 1 to {last}").format(
                        answer=shown(part), last=len(numbered)
                    )
                )
            else:
                picked.append(platform_of(part))
        if not picked:
            raise ValueError(_("an answer is required (numbers or names, e.g. 1 2 5)"))
        return picked

    question = _(
        "All your accounts at once: numbers or names, separated by spaces (a number twice: two accounts)"
    )
    return list(_ask(human, console, question, None, chosen))  # type: ignore[call-overload]


def add_accounts(settings, path: Path, given: dict, human: TerminalHuman, console) -> list[Account]:
    """``objector accounts add``: in a terminal with no platform given, every account in one sitting
    (the checklist, or the draft a stopped wizard left); otherwise one account."""
    values = {k: v for k, v in given.items() if v not in (None, "", [], ())}
    if not human.interactive or values:
        added = add_account(settings, path, given, human, console)
        return [added] if added else []
    return _add_many(settings, path, human, console, ask_more=False)


def _resumed(path: Path, human: TerminalHuman, console) -> Draft | None:
    """The stopped wizard's draft, if the person wants to go on with it."""
    draft = Draft.load(path)
    if draft is None:
        return None
    doing = ", ".join(str(v) for k, v in draft.items() if k in ("platform", "email", "name"))
    doing = doing or _("not started")
    if draft.queue:
        # TRANSLATORS: {doing}: the account being added (platform, e-mail…); {rest}: the platforms after it
        stopped = _("You were adding accounts when objector stopped ({doing}; then {rest}).").format(
            doing=doing, rest=", ".join(draft.queue)
        )
    else:
        stopped = _("You were adding accounts when objector stopped ({doing}).").format(doing=doing)
    say(console, stopped)
    if human.confirm(_("Go on from there?"), default=True):
        return draft
    draft.drop()
    return None


def _add_many(settings, path: Path, human: TerminalHuman, console, *, ask_more: bool) -> list[Account]:
    """The checklist, then one account per chosen platform; ``ask_more``: "Add another account?" after."""
    added: list[Account] = []
    draft = _resumed(path, human, console)
    if draft is None:
        draft = Draft(Draft.path_for(path))
        try:
            platforms = _checklist(human, console)
        except _Stop:
            say(console, _("Nothing added."))
            return added
        dict.__setitem__(draft, "platform", platforms[0])
        draft.queue = platforms[1:]
    while True:
        if "platform" not in draft and draft.queue:
            dict.__setitem__(draft, "platform", draft.queue.pop(0))
        if "platform" not in draft and not (ask_more and human.confirm(_("Add another account?"))):
            return added
        total = len(added) + 1 + len(draft.queue)
        if "platform" in draft and total > 1:
            heading = _("Account {number} of {total}: {platform}").format(
                number=len(added) + 1, total=total, platform=draft["platform"]
            )
            say(console, heading, "bold")
        account = add_account(settings, path, {}, human, console, draft=draft)
        if account is None:
            if draft.stopped:  # the draft waits for the next wizard
                return added
            if not draft.queue and not ask_more:
                return added
        else:
            added.append(account)


def add_accounts_interactively(settings, path: Path, human: TerminalHuman, console) -> list[Account]:
    """The first run of ``objector run``: no accounts yet, so ask for all of them."""
    say(console, _("No accounts yet. Let's add them ({path}).").format(path=path))
    _add_many(settings, path, human, console, ask_more=True)
    return load_accounts(path)
