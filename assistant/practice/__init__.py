"""The bundled practice Help Centre: local replicas of Meta's login pages and
AI-at-Meta objection forms, for the demo and the integration tests.

    with PracticeSite(PracticeConfig(language="de", code_step=True)) as site:
        page.goto(site.url("https://help.instagram.com/contact/767264225370182"))
        ...
        assert site.confirmed

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
from .wording import HELD_OUT_CONFIRMATIONS, confirmation_phrasings, wording

__all__ = [
    "CONFIRMATION_STYLES",
    "DRIFT_VARIANTS",
    "HELD_OUT_CONFIRMATIONS",
    "INTERSTITIALS",
    "LANGUAGES",
    "MOVED_TO",
    "ROUTING_QUESTIONS",
    "SUBMIT_ERRORS",
    "PracticeConfig",
    "PracticeSite",
    "Submission",
    "confirmation_phrasings",
    "wording",
]
