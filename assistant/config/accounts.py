"""The person's accounts: ``accounts.toml`` <-> validated pydantic models."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import UserError, shown
from ..i18n import _
from ..storage import atomic_write, parse_toml, read_bounded

Platform = Literal[
    "instagram",
    "facebook",
    "linkedin",
    "x",
    "google",
    "microsoft",
    "pinterest",
    "quora",
    "tumblr",
    "wordpress",
    "adobe",
    "whatsapp",
    "chatgpt",
    "claude",
    "perplexity",
    "lechat",
]
PLATFORMS: tuple[str, ...] = get_args(Platform)
NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")  # always used with fullmatch

DEFAULT_FLOWS: dict[str, str] = {
    "instagram": "instagram-ai-objection",
    "facebook": "facebook-ai-objection",
    "linkedin": "linkedin-ai-training",
    "x": "x-grok-training",
    "google": "google-gemini-activity",
    "microsoft": "microsoft-copilot-training",
    "pinterest": "pinterest-ai-training",
    "quora": "quora-llm-training",
    "tumblr": "tumblr-third-party-sharing",
    "wordpress": "wordpress-third-party-sharing",
    "adobe": "adobe-content-analysis",
    "whatsapp": "whatsapp-ai-objection",
    "chatgpt": "chatgpt-model-training",
    "claude": "claude-model-training",
    "perplexity": "perplexity-ai-data",
    "lechat": "lechat-model-training",
}
#: platforms whose accounts have a username Meta's forms ask about
META_PLATFORMS = ("instagram", "facebook")
#: platforms with a form that sends a letter (the others' flows switch settings: no letter)
LETTER_PLATFORMS = ("instagram", "facebook", "linkedin", "whatsapp")
#: platforms whose account is a phone number (field ``phone``, required there and only there)
PHONE_PLATFORMS = ("whatsapp",)


@functools.cache
def email_check() -> TypeAdapter[str]:
    """pydantic's EmailStr check, built once (building it costs more than using it)."""
    return TypeAdapter(EmailStr)


def check_email(value: str) -> str:
    """The address as given, if email-validator (pydantic's EmailStr check) accepts it.

    A well-kept validator refuses what a hand-written pattern lets through, such as
    brackets in the local part (``x[/]y@example.org``) that a terminal would read as markup.
    """
    value = value.strip()
    try:
        email_check().validate_python(value)
    except ValidationError as exc:
        reason = str(exc.errors()[0].get("ctx", {}).get("reason", "")).rstrip(".")
        if reason:
            raise ValueError(
                # TRANSLATORS: follows "field 'email': "; {reason} is email-validator's own English reason
                _("is not an e-mail address (like anna@example.org): {reason}").format(reason=reason)
            ) from None
        # TRANSLATORS: follows "field 'email': " (the subject is the address the person gave)
        raise ValueError(_("is not an e-mail address (like anna@example.org)")) from None
    return value


@functools.cache
def _known_countries() -> frozenset[str]:
    from babel import Locale

    not_countries = {"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"}  # unknown, outlying, unions, pseudo
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(c for c in codes if len(c) == 2 and c.isalpha() and c not in not_countries)


class Account(BaseModel):
    """One account of the person on one platform."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    platform: Platform
    email: str
    country: str
    language: str
    username: str | None = Field(None, max_length=200)  # as Meta knows it: username or profile link
    full_name: str | None = Field(None, max_length=100)  # signs the letter
    flows: tuple[str, ...] | None = None
    reasons: tuple[str, ...] = ()
    text_variant: str = "standard"
    text_template: Path | None = None
    linked_with: str | None = None
    first_name: str | None = Field(None, max_length=100)
    last_name: str | None = Field(None, max_length=100)
    prompts: str | None = Field(None, max_length=5000)
    screenshot: Path | None = None
    # a WhatsApp account is its phone number: international format, kept in E.164
    phone: str | None = Field(None, max_length=40, validate_default=True)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME_RE.fullmatch(value):
            # TRANSLATORS: follows "field 'name': " (the account's short label)
            raise ValueError(_("use 1-64 letters, digits, - or _ (for example anna-instagram)"))
        return value

    @field_validator("platform", mode="before")
    @classmethod
    def _platform(cls, value: object) -> object:
        """The words the wizard accepts (``IG``, ``twitter``) are stored as the platform's id."""
        from ..people.answers import PLATFORM_ALIASES

        if not isinstance(value, str):
            return value
        key = " ".join(value.split()).lower()
        return PLATFORM_ALIASES.get(key, key)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        return check_email(value)

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        """A code, or what the wizard accepts (``UK``, ``Germany``, ``Deutschland``), stored as the code."""
        from ..people.answers import country_code

        try:
            return country_code(value)
        except ValueError:
            raise ValueError(
                # TRANSLATORS: follows "field 'country': "; {value} is what the person wrote, quoted
                _(
                    "{value} is not a country objector knows; "
                    "use an ISO 3166 two-letter code like DE or FR, or the country's name"
                ).format(value=shown(" ".join(value.split())))
            ) from None

    @field_validator("username")
    @classmethod
    def _username(cls, value: str | None, info: ValidationInfo) -> str | None:
        """A username or profile link in the shape the platform uses (``@`` dropped, link tidied)."""
        from ..people.answers import account_reference

        platform = info.data.get("platform")
        if value is None or platform is None:
            return value
        return account_reference(platform, value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Required for a WhatsApp account (its phone number is the account), refused elsewhere;
        checked with libphonenumber and stored in E.164."""
        from .phones import normalise_phone

        platform = info.data.get("platform")
        if value is None:
            if platform in PHONE_PLATFORMS:
                raise ValueError(
                    # TRANSLATORS: follows "field 'phone': "
                    _(
                        "is missing; a WhatsApp account needs its phone number in international format, "
                        "like +49 1512 3456789"
                    )
                )
            return None
        if platform is not None and platform not in PHONE_PLATFORMS:
            raise ValueError(
                # TRANSLATORS: follows "field 'phone': "; {platform} is a platform id such as instagram
                _("only WhatsApp accounts have one; remove it from this {platform} account").format(
                    platform=platform
                )
            )
        return normalise_phone(value)

    @field_validator("full_name", "first_name", "last_name")
    @classmethod
    def _full_name(cls, value: str | None) -> str | None:
        """A name that signs or fills the letter: one line, no control characters (escape
        sequences would reach the terminal and the letter)."""
        from ..people.answers import full_name

        return full_name(value) or None if value is not None else None

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        """A code, or the language's own or English name (``Deutsch``, ``German``), stored as the code."""
        from ..letters.text import LANGUAGES
        from ..people.answers import language_code

        try:
            return language_code(value)
        except ValueError:
            raise ValueError(
                # TRANSLATORS: follows "field 'language': "; {value} is what the person wrote, quoted;
                # {languages} is a list of language codes
                _("no objection text in {value}; choose one of {languages}").format(
                    value=shown(value), languages=", ".join(LANGUAGES)
                )
            ) from None

    @field_validator("text_template", "screenshot")
    @classmethod
    def _paths(cls, value: Path | None) -> Path | None:
        return _check_path(value)

    @field_validator("reasons")
    @classmethod
    def _reasons(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from ..letters.text import REASONS

        for reason in value:
            if reason not in REASONS:
                raise ValueError(
                    # TRANSLATORS: follows "field 'reasons': "; {reasons} is a list of reason ids
                    _("unknown reason '{reason}'; choose from {reasons}").format(
                        reason=reason, reasons=", ".join(REASONS)
                    )
                )
        return tuple(dict.fromkeys(value))

    @field_validator("text_variant")
    @classmethod
    def _variant(cls, value: str) -> str:
        from ..letters.text import VARIANTS

        if value not in VARIANTS:
            # TRANSLATORS: follows "field 'text_variant': "; {choices} is a list of ids
            raise ValueError(_("must be one of {choices}").format(choices=", ".join(VARIANTS)))
        return value

    @field_validator("flows")
    @classmethod
    def _flows(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value is not None and not value:
            # TRANSLATORS: follows "field 'flows': "
            raise ValueError(_("lists no flow; leave it out to use the platform's objection form"))
        return value

    @model_validator(mode="after")
    def _not_linked_to_itself(self) -> Account:
        if self.linked_with == self.name:
            raise ValueError(_("linked_with names the account itself"))
        return self

    @property
    def flow_ids(self) -> tuple[str, ...]:
        return self.flows or (DEFAULT_FLOWS[self.platform],)

    def to_toml(self) -> str:
        lines = ["[[account]]"]
        for key, value in self.model_dump(exclude_defaults=True).items():
            if key in {"name", "platform", "email", "country", "language"} or value is not None:
                lines.append(f"{key} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    # JSON string escapes are valid TOML basic-string escapes
    return json.dumps(str(value), ensure_ascii=False)


class AccountsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    account: list[dict] = Field(default_factory=list)


def load_accounts(path: Path) -> list[Account]:
    """The accounts in ``path`` (none if the file does not exist)."""
    try:
        data = parse_toml(path, read_bounded(path))
    except FileNotFoundError:
        return []
    try:
        raw = AccountsFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = err["loc"][0] if err["loc"] else "?"
        if err["type"] == "extra_forbidden":
            raise UserError(
                _("{path}: unknown key '{key}' at the top level; write each account as [[account]].").format(
                    path=path, key=key
                )
            ) from None
        raise UserError(
            _("{path}: 'account' must be a list of [[account]] tables.").format(path=path)
        ) from None
    accounts: list[Account] = []
    for index, item in enumerate(raw.account, start=1):
        # TRANSLATORS: where in accounts.toml a problem is: the account's position in the file
        label = _("account {index}").format(index=index)
        if isinstance(item.get("name"), str):
            name = item["name"]
            # TRANSLATORS: where in accounts.toml a problem is: position and the account's name
            label = _("account {index} ({name})").format(
                index=index, name=name if NAME_RE.fullmatch(name) else shown(name)
            )
        try:
            account = Account.model_validate(item)
        except ValidationError as exc:
            raise UserError(
                # TRANSLATORS: {path} is a file, {where} e.g. "account 2 (anna)",
                # {problem} a sentence about one field
                _("{path}: {where}: {problem}").format(path=path, where=label, problem=_describe(exc))
            ) from None
        account = _resolve_paths(account, path.parent)
        if account.screenshot is not None:
            from ..engine.uploads import screenshot_problem

            problem = screenshot_problem(account.screenshot)
            if problem:
                raise UserError(
                    _("{path}: {where}: field 'screenshot': {problem}.").format(
                        path=path, where=label, problem=problem
                    )
                )
        accounts.append(account)
    _check_together(path, accounts)
    return accounts


def _resolve_paths(account: Account, base: Path) -> Account:
    """Relative file paths in the accounts file are relative to the file's folder."""
    updates = {}
    for key in ("text_template", "screenshot"):
        value = getattr(account, key)
        if value is not None:
            value = value.expanduser()
            updates[key] = value if value.is_absolute() else base / value
    return account.model_copy(update=updates) if updates else account


def _check_path(value: Path | None) -> Path | None:
    """A file path from the accounts file: no NUL bytes, and ~user must exist."""
    if value is None:
        return None
    if "\x00" in str(value):
        # TRANSLATORS: follows "field 'text_template': " or "field 'screenshot': "
        raise ValueError(_("contains a NUL character"))
    try:
        value.expanduser()
    except RuntimeError:
        raise ValueError(
            # TRANSLATORS: {path} is a file path from accounts.toml, like ~bob/letter.txt
            _("{path} names a home folder that does not exist").format(path=shown(value))
        ) from None
    return value


def _describe(exc: ValidationError) -> str:
    errors = exc.errors()
    # a misspelt key (``emial``) also makes its field missing: name the misspelling, it is the cause
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    field = ".".join(str(p) for p in err["loc"]) or "account"
    if err["type"] == "missing":
        return _("field '{field}' is missing.").format(field=field)
    if err["type"] == "extra_forbidden":
        import difflib

        known = ", ".join(Account.model_fields)
        near = difflib.get_close_matches(field, list(Account.model_fields), n=1)
        if near:  # ``emial`` -> email
            return _("unknown field '{field}' (did you mean '{near}'? known fields: {known}).").format(
                field=field, near=near[0], known=known
            )
        return _("unknown field '{field}' (known fields: {known}).").format(field=field, known=known)
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if err["type"] == "literal_error" and field == "platform":
        message = _("must be one of {choices}").format(choices=", ".join(PLATFORMS))
    # TRANSLATORS: keep "': " right after the field name: the wizard shows only what follows it
    return _("field '{field}': {problem}.").format(field=field, problem=message)


def _check_together(path: Path, accounts: list[Account]) -> None:
    names = [a.name for a in accounts]
    for name in names:
        if names.count(name) > 1:
            raise UserError(
                _("{path}: the name '{name}' is used by two accounts; names must be unique.").format(
                    path=path, name=name
                )
            )
    for account in accounts:
        if account.linked_with and account.linked_with not in names:
            raise UserError(
                _("{path}: account ({name}): field 'linked_with': no account is named {linked}.").format(
                    path=path, name=account.name, linked=shown(account.linked_with)
                )
            )


HEADER = """\
# objector accounts: one [[account]] table per account.
# Fields: name, platform (instagram | facebook | linkedin | x | google | microsoft | pinterest |
# quora | tumblr | wordpress | adobe | whatsapp), email, country (ISO code), language;
# phone (WhatsApp only, international format like +49 1512 3456789);
# optional: username (or profile link), full_name, flows, reasons, text_variant,
# text_template, linked_with, first_name,
# last_name, prompts, screenshot. See README.md.

"""


def save_accounts(path: Path, accounts: list[Account]) -> None:
    body = "\n".join(a.to_toml() for a in accounts)
    atomic_write(path, HEADER + body)


def find_account(accounts: list[Account], name: str) -> Account:
    for account in accounts:
        if account.name == name:
            return account
    if not accounts:
        raise UserError(_("No account named {name} (accounts: none yet).").format(name=shown(name)))
    known = ", ".join(a.name for a in accounts)
    raise UserError(_("No account named {name} (accounts: {known}).").format(name=shown(name), known=known))
