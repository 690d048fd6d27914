"""Configuration and records of the practice Help Centre (no behaviour here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "it", "es", "nl", "pl", "pt", "sv", "da")

#: page language -> the ``support_form_locale_id`` the forms carry
LOCALES: dict[str, str] = {
    "en": "en_US",
    "de": "de_DE",
    "fr": "fr_FR",
    "it": "it_IT",
    "es": "es_ES",
    "nl": "nl_NL",
    "pl": "pl_PL",
    "pt": "pt_PT",
    "sv": "sv_SE",
    "da": "da_DK",
}

#: alternative markups of the objection forms (see ``forms.py``)
DRIFT_VARIANTS: tuple[str, ...] = (
    "renamed",
    "div-buttons",
    "no-form",
    "delayed",
    "in-place",
    "extra-field",
)

#: the live hosts the practice site impersonates, one local server each
LIVE_HOSTS: tuple[str, ...] = ("help.instagram.com", "www.instagram.com", "www.facebook.com")


@dataclass
class PracticeConfig:
    """How the practice Help Centre behaves; read afresh on every request."""

    language: str = "en"
    cookie_dialog: bool = True
    code_step: bool = False
    code: str | None = None
    country_field: bool = True
    reason_required: bool = False
    auto_login: bool = False
    auto_login_delay: float = 1.0
    auto_send_when_highlighted: bool = False
    security_check: bool = False
    foreign_redirect: bool = False
    drift: str | None = None
    error_status: int | None = None
    on_code: Callable[[str, str], None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if self.drift is not None and self.drift not in DRIFT_VARIANTS:
            raise ValueError(f"drift must be None or one of {', '.join(DRIFT_VARIANTS)}, not {self.drift!r}")
        if self.code is not None and not (len(self.code) == 6 and self.code.isdigit()):
            raise ValueError("code must be six digits")
        if self.error_status is not None and not 400 <= self.error_status <= 599:
            raise ValueError("error_status must be an HTTP error status (400-599)")

    @property
    def locale(self) -> str:
        return LOCALES[self.language]

    def public(self) -> dict[str, object]:
        """The settings as plain JSON-able data (without the callback)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "on_code"}


@dataclass
class Submission:
    """One accepted post to a practice contact form."""

    form_id: str
    host: str
    language: str
    user: str | None
    fields: dict[str, str]
    confirmed: bool
    at: float
