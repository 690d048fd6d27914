"""The bundled practice Help Centre: local replicas of Meta's login pages and
AI-at-Meta objection forms, for the demo and the integration tests.

    with PracticeSite(PracticeConfig(language="de", code_step=True)) as site:
        page.goto(site.url("https://help.instagram.com/contact/767264225370182"))
        ...
        assert site.confirmed

Settings pages of other services (LinkedIn, X, Google, Microsoft, Pinterest,
Quora, Tumblr, WordPress.com, Adobe) where a person switches AI training off:
``services.SETTINGS_SERVICES`` lists their addresses, cookies and setting keys;
``PracticeSite.setting()``/``set_setting()``/``setting_changes`` read and change them.

The modes that vary wording, confirmation, errors, routing, interstitials and
moved forms are listed in ``config.py``; the wording pools are in ``wording.py``.
"""

from .config import (
    CONFIRMATION_STYLES,
    DRIFT_VARIANTS,
    INTERSTITIALS,
    LANGUAGES,
    MOVED_TO,
    ROUTING_QUESTIONS,
    SUBMIT_ERRORS,
    PracticeConfig,
    Submission,
)
from .server import PracticeSite
from .services import SETTINGS_HOSTS, SETTINGS_SERVICES, Setting, SettingChange, SettingsService
from .wording import HELD_OUT_CONFIRMATIONS, confirmation_phrasings, wording

__all__ = [
    "CONFIRMATION_STYLES",
    "DRIFT_VARIANTS",
    "HELD_OUT_CONFIRMATIONS",
    "INTERSTITIALS",
    "LANGUAGES",
    "MOVED_TO",
    "ROUTING_QUESTIONS",
    "SETTINGS_HOSTS",
    "SETTINGS_SERVICES",
    "SUBMIT_ERRORS",
    "PracticeConfig",
    "PracticeSite",
    "Setting",
    "SettingChange",
    "SettingsService",
    "Submission",
    "confirmation_phrasings",
    "wording",
]
