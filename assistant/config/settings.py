"""Settings from the environment, with a ``.env`` file in the current folder.

Every setting is an ``OBJECTOR_*`` variable; ``.env.example`` documents each
one with its default. Values already in the environment win over ``.env``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import UserError, shown
from ..i18n import _
from ..storage import read_bounded
from .home import Home
from .hosts import SiteMap
from .timestamps import parse_tsa_urls

ENV_PREFIX = "OBJECTOR_"
MAX_SECONDS = 86_400  # a day: longer waits are a typo
# the home folder holds paths several levels deep (evidence/<account>/<flow>/<stamp>/<file>);
# a home longer than this would fail somewhere in the middle of a run, so it is refused up front
MAX_HOME_CHARS = 1024
MAX_NAME_CHARS = 255  # one folder name, the limit of common file systems

# variable name -> model field
_FIELDS = {
    "OBJECTOR_HOME": "home",
    "OBJECTOR_BROWSER": "browser",
    "OBJECTOR_HEADLESS": "headless",
    "OBJECTOR_SITE_MAP": "site_map",
    "OBJECTOR_LANGUAGE": "language",
    "OBJECTOR_COUNTRY": "country",
    "OBJECTOR_TEXT_TEMPLATE": "text_template",
    "OBJECTOR_LOGIN_TIMEOUT": "login_timeout",
    "OBJECTOR_STEP_TIMEOUT": "step_timeout",
    "OBJECTOR_CONFIRM_TIMEOUT": "confirm_timeout",
    "OBJECTOR_MANUAL_TIMEOUT": "manual_timeout",
    "OBJECTOR_PAGE_TIMEOUT": "page_timeout",
    "OBJECTOR_IMAP_HOST": "imap_host",
    "OBJECTOR_IMAP_PORT": "imap_port",
    "OBJECTOR_IMAP_USER": "imap_user",
    "OBJECTOR_IMAP_FOLDER": "imap_folder",
    "OBJECTOR_IMAP_CAFILE": "imap_cafile",
    "OBJECTOR_MAIL_WAIT": "mail_wait",
    "OBJECTOR_PASSWORD_STORE": "password_store",
    "OBJECTOR_TSA_URL": "tsa_url",
    "OBJECTOR_TSA_CAFILE": "tsa_cafile",
}
# read by other parts of the program, not by Settings: the mailbox password (mail.client), the
# terminal's language (i18n, before any command)
_OTHER_KNOWN = {"OBJECTOR_IMAP_PASSWORD", "OBJECTOR_UI_LANGUAGE"}


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("objector", appauthor=False))


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    home: Path = Field(default_factory=default_home)
    browser: str | None = None
    headless: bool = False
    site_map: str = ""
    language: str = "en"
    country: str | None = None
    text_template: Path | None = None
    login_timeout: float = Field(600.0, gt=0, le=MAX_SECONDS)
    step_timeout: float = Field(15.0, gt=0, le=MAX_SECONDS)
    confirm_timeout: float = Field(60.0, gt=0, le=MAX_SECONDS)
    manual_timeout: float = Field(900.0, gt=0, le=MAX_SECONDS)
    page_timeout: float = Field(45.0, gt=0, le=MAX_SECONDS)
    imap_host: str | None = None
    imap_port: int = Field(993, gt=0, lt=65536)
    imap_user: str | None = None
    imap_folder: str = "INBOX"
    imap_cafile: Path | None = None
    mail_wait: float = Field(90.0, ge=0, le=MAX_SECONDS)
    # how the browser profiles' logins are encrypted at rest (engine/keystore.py)
    password_store: str = "auto"
    tsa_url: str | None = None  # None: the public TSAs of config/timestamps.py; "off": no time-stamps
    tsa_cafile: Path | None = None

    @field_validator("home", mode="before")
    @classmethod
    def _expand_home(cls, value: object) -> object:
        if isinstance(value, str):
            if not value.strip():
                # TRANSLATORS: follows "OBJECTOR_HOME='': " (the subject is the setting's value)
                raise ValueError(_("must not be empty"))
            if "\x00" in value:
                raise ValueError(_("contains a NUL character"))
            try:
                value = Path(value).expanduser()
            except RuntimeError:
                raise ValueError(_("names a home folder (~user) that does not exist")) from None
        if isinstance(value, Path):
            _check_home_length(value)
        return value

    @field_validator(
        "browser",
        "country",
        "text_template",
        "imap_host",
        "imap_user",
        "imap_cafile",
        "tsa_cafile",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("text_template", "imap_cafile", "tsa_cafile")
    @classmethod
    def _path(cls, value: Path | None) -> Path | None:
        if value is not None and "\x00" in str(value):
            raise ValueError(_("contains a NUL character"))
        if value is not None:
            try:
                return value.expanduser()
            except RuntimeError:
                raise ValueError(_("names a home folder (~user) that does not exist")) from None
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().upper()
        if len(value) != 2 or not value.isalpha() or not value.isascii():
            raise ValueError(_("must be a two-letter country code such as DE"))
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        value = value.strip().lower()
        if not (2 <= len(value) <= 3 and value.isalpha() and value.isascii()):
            raise ValueError(_("must be a language code such as en or de"))
        return value

    @field_validator("password_store")
    @classmethod
    def _password_store(cls, value: str) -> str:
        text = value.strip().lower() or "auto"
        if text not in ("auto", "keyring", "basic"):
            # TRANSLATORS: keep auto, keyring and basic: they are the values to type
            raise ValueError(_("use auto (the system keyring when there is one), keyring or basic"))
        return text

    @field_validator("site_map")
    @classmethod
    def _site_map(cls, value: str) -> str:
        SiteMap.parse(value)  # raises UserError with its own line
        return value

    @field_validator("tsa_url")
    @classmethod
    def _tsa_url(cls, value: str | None) -> str | None:
        parse_tsa_urls(value)  # raises ValueError with the reason
        return value

    @property
    def tsa_urls(self) -> tuple[str, ...]:
        """The time-stamping authorities to ask, in order (none when OBJECTOR_TSA_URL=off)."""
        return parse_tsa_urls(self.tsa_url)

    @property
    def sites(self) -> SiteMap:
        return SiteMap.parse(self.site_map)

    def mail_settings(self):
        """The mailbox to read Meta's e-mails from, or None when not configured (opt-in)."""
        if not self.imap_host:
            return None
        from ..mail.client import MailSettings

        return MailSettings(
            host=self.imap_host,
            port=self.imap_port,
            user=self.imap_user or "",
            folder=self.imap_folder,
            cafile=str(self.imap_cafile) if self.imap_cafile else None,
        )

    @property
    def layout(self) -> Home:
        """Where everything lives in the home folder."""
        return Home(self.home)

    @property
    def accounts_file(self) -> Path:
        return self.layout.accounts_file

    def with_home(self, home: Path | None) -> Settings:
        """These settings with the home folder given by ``--home`` (checked like OBJECTOR_HOME)."""
        if home is None:
            return self
        try:
            home = home.expanduser()
            _check_home_length(home)
        except (ValueError, RuntimeError) as exc:
            # TRANSLATORS: {home} is the folder given, quoted; {problem} says what is wrong with it
            raise UserError(_("--home {home}: {problem}.").format(home=shown(home), problem=exc)) from None
        return self.model_copy(update={"home": home})


def _check_home_length(home: Path) -> None:
    """Refuse a home folder whose own path leaves no room for the proof folders below it."""
    text = str(home)
    if "\x00" in text:
        raise ValueError(_("contains a NUL character"))
    if len(text) > MAX_HOME_CHARS:
        raise ValueError(
            # TRANSLATORS: the subject is the home folder's path; {length} and {limit} count characters
            _("is {length} characters long; use a folder path under {limit} characters").format(
                length=f"{len(text):,}", limit=f"{MAX_HOME_CHARS:,}"
            )
        )
    if any(len(part) > MAX_NAME_CHARS for part in home.parts):
        raise ValueError(
            _("has a folder name longer than {limit} characters; use a shorter one").format(
                limit=MAX_NAME_CHARS
            )
        )


def load_settings(environ: Mapping[str, str] | None = None, *, dotenv: Path | None = None) -> Settings:
    """Build Settings from ``environ`` (default: the process environment plus ``./.env``)."""
    if environ is None:
        env_file = dotenv if dotenv is not None else Path.cwd() / ".env"
        values = dict(os.environ)
        for key, value in _read_dotenv(env_file).items():
            if value is not None:
                values.setdefault(key, value)
        environ = values
    unknown = sorted(
        k for k in environ if k.startswith(ENV_PREFIX) and k not in _FIELDS and k not in _OTHER_KNOWN
    )
    if unknown:
        known = ", ".join(sorted(_FIELDS))
        raise UserError(
            # TRANSLATORS: {name} is an environment variable name; {known} a list of them
            _("{name}: not a setting objector knows (known: {known}).").format(name=unknown[0], known=known)
        )
    data: dict[str, Any] = {field: environ[var] for var, field in _FIELDS.items() if var in environ}
    if "headless" in data:
        data["headless"] = _parse_bool("OBJECTOR_HEADLESS", data["headless"])
    try:
        return Settings(**data)
    except UserError:
        raise
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "?"
        var = next((v for v, f in _FIELDS.items() if f == field), field)
        given = environ.get(var, "")
        raise UserError(
            # TRANSLATORS: {name} is an environment variable, {value} its value (quoted),
            # {problem} what is wrong with it
            _("{name}={value}: {problem}. Fix it in .env or the environment.").format(
                name=var, value=shown(given), problem=_plain(err["msg"])
            )
        ) from None


def _read_dotenv(env_file: Path) -> dict[str, str | None]:
    """The variables in ``env_file`` (none when it does not exist); never blocks on a pipe or device."""
    import io

    from dotenv import dotenv_values

    try:
        raw = read_bounded(env_file)
    except FileNotFoundError:
        return {}
    try:
        return dict(dotenv_values(stream=io.StringIO(raw.decode("utf-8-sig"))))
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{path}: is not UTF-8 text (bad byte at offset {offset}).").format(
                path=env_file, offset=exc.start
            )
        ) from None


def _parse_bool(var: str, value: str) -> bool:
    text = value.strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"", "0", "false", "no", "off"}:
        return False
    raise UserError(
        _("{name}={value}: use 1 or 0. Fix it in .env or the environment.").format(
            name=var, value=repr(value)
        )
    )


def _plain(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
