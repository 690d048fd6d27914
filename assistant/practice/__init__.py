"""The bundled practice Help Centre: local replicas of Meta's login pages and
AI-at-Meta objection forms, for the demo and the integration tests.

    with PracticeSite(PracticeConfig(language="de", code_step=True)) as site:
        page.goto(site.url("https://help.instagram.com/contact/767264225370182"))
        ...
        assert site.confirmed
"""

from .config import DRIFT_VARIANTS, LANGUAGES, PracticeConfig, Submission
from .server import PracticeSite

__all__ = ["DRIFT_VARIANTS", "LANGUAGES", "PracticeConfig", "PracticeSite", "Submission"]
