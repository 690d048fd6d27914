"""Drawn pages: a practice site switched into a random combination of behaviours, one real run of
the engine against it, and the server's verdict on the run's proof (``assistant.practice.judge``).

Used by ``tests/test_page_mutations.py`` (a few drawn pages per run, fixed seed) and by
``bench/mutations.py`` (many, any seed).
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from practice_helpers import account, run_practice
from scripted_human import ScriptedHuman

from assistant.config.accounts import DEFAULT_FLOWS
from assistant.practice import LANGUAGES, PracticeConfig, PracticeSite
from assistant.practice.behaviours import FORM, SETTINGS, draw
from assistant.practice.judge import Broken, judge_form, judge_setting
from assistant.practice.services import AUTO_LOGIN_USER, SETTINGS_SERVICES
from assistant.practice.settings_pages import SETTINGS_LANGUAGES

FORM_PLATFORMS = ("instagram", "facebook")
SETTING_PLATFORMS = tuple(sorted(SETTINGS_SERVICES))
#: the person's stand-ins on the practice site: fast automatic logins
FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2}
#: the engine's waits for a drawn page: short, so that the bound below means something
TIMEOUTS = {"login_timeout": 15, "settings_overrides": {"manual_timeout": 6}}
#: seconds one drawn page's run may take, whatever the page does
BOUND = 75.0


@dataclass
class DrawnPage:
    """One drawn page: which kind, service and language, and the behaviours switched on."""

    kind: str
    platform: str
    language: str
    behaviours: dict[str, object] = field(default_factory=dict)

    def config(self) -> PracticeConfig:
        return PracticeConfig(**{**FAST, "language": self.language, **self.behaviours})  # type: ignore[arg-type]

    def __str__(self) -> str:
        switched = ", ".join(f"{k}={v!r}" for k, v in sorted(self.behaviours.items())) or "defaults"
        return f"{self.kind} {self.platform} ({self.language}): {switched}"


def draw_page(rng: random.Random, kind: str, *, held_out: bool = False) -> DrawnPage:
    """A page of ``kind`` (FORM or SETTINGS) with behaviours drawn from the catalogue."""
    if kind == FORM:
        platform, language = rng.choice(FORM_PLATFORMS), rng.choice(LANGUAGES)
    else:
        platform, language = rng.choice(SETTING_PLATFORMS), rng.choice(SETTINGS_LANGUAGES)
    return DrawnPage(kind, platform, language, draw(rng, kind, held_out=held_out))


class HastyPerson(ScriptedHuman):
    """The person who says yes to everything at once: every Send, every switch, every "does this
    page confirm it?", and Enter to every request to do something by hand (without doing it).
    The e-mailed code is the one the practice site sent. Nothing this person does can make a
    run's proof true: only what the server kept can."""

    def __init__(self, site: PracticeSite) -> None:
        super().__init__([])
        self.site = site

    def _next(self, question: str) -> str | None:
        self.asked.append(question)
        if question == "code":
            codes = self.site.codes_sent
            return codes[-1][1] if codes else None
        if question.startswith("guide: "):
            return ""
        return "y"


@dataclass
class Verdict:
    page: DrawnPage
    outcomes: list[str]
    seconds: float
    broken: list[Broken]
    output: str

    @property
    def held(self) -> bool:
        return not self.broken


def run_drawn(page: DrawnPage, home: Path | None = None) -> Verdict:
    """One real run of the runner and engine against ``page``, judged by the server's state."""
    with tempfile.TemporaryDirectory(prefix="objector-drawn-") as scratch:
        home = home or Path(scratch)
        with PracticeSite(page.config()) as site:
            person = account(f"anna-{page.platform}", page.platform, language=page.language)
            human = HastyPerson(site)
            started = time.monotonic()
            result = run_practice(home, site, [person], [], logged_in=True, **TIMEOUTS, human=human)
            seconds = time.monotonic() - started
            # a request still on its way when the run ended (a slow server) is kept now or never
            time.sleep(float(page.behaviours.get("submit_delay", 0) or 0) + 0.2)  # type: ignore[arg-type]
            records = result.records()
            if page.kind == FORM:
                broken = judge_form(site, records, seconds=seconds, bound=BOUND)
            else:
                broken = judge_setting(
                    site, records, service=page.platform, user=AUTO_LOGIN_USER, seconds=seconds, bound=BOUND
                )
        return Verdict(page, [str(r.get("outcome")) for r in records], seconds, broken, result.output)


def flow_of(page: DrawnPage) -> str:
    return DEFAULT_FLOWS[page.platform]


__all__ = ["FORM", "SETTINGS", "DrawnPage", "HastyPerson", "Verdict", "draw_page", "flow_of", "run_drawn"]
