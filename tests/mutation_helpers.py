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

from practice_helpers import RunsSeen, account, run_practice
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
    careful: bool = False  # asked to do something by hand, the person does it (CarefulPerson)

    def config(self) -> PracticeConfig:
        return PracticeConfig(**{**FAST, "language": self.language, **self.behaviours})  # type: ignore[arg-type]

    def __str__(self) -> str:
        switched = ", ".join(f"{k}={v!r}" for k, v in sorted(self.behaviours.items())) or "defaults"
        person = ", a careful person" if self.careful else ""
        return f"{self.kind} {self.platform} ({self.language}{person}): {switched}"


def draw_page(rng: random.Random, kind: str, *, held_out: bool = False) -> DrawnPage:
    """A page of ``kind`` (FORM or SETTINGS) with behaviours drawn from the catalogue."""
    if kind == FORM:
        platform, language = rng.choice(FORM_PLATFORMS), rng.choice(LANGUAGES)
    else:
        platform, language = rng.choice(SETTING_PLATFORMS), rng.choice(SETTINGS_LANGUAGES)
    behaviours = draw(rng, kind, held_out=held_out)
    return DrawnPage(kind, platform, language, behaviours, careful=rng.random() < 0.5)


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


class CarefulPerson(HastyPerson):
    """The same person, except that asked to do something by hand they do it in the browser, as
    the page lets a person do it. On a settings page: each of the flow's switches (the practice
    page knows which control is which: ``data-setting``) that the server does not hold as wanted is
    clicked, a dialog asking to confirm is confirmed, a Save button or save bar the change brought
    up is pressed. On a form: the Next button (``data-form-next``) of a form in steps is pressed, and
    a text they are asked to paste is pasted into the form's one text box. Then Enter.
    What objector then records is still judged only by what the server kept."""

    def __init__(self, site: PracticeSite, service: str, runs: list) -> None:
        super().__init__(site)
        self.service = SETTINGS_SERVICES.get(service)
        self.runs = runs

    def guide(self, guidance) -> bool:
        if self.runs:
            page = self.runs[-1].page
            if self.service is not None:
                self._switch(page)
            else:
                self._go_on(page, guidance.text_to_paste)
        return super().guide(guidance)

    def _go_on(self, page, paste: str | None) -> None:
        for button in page.locator("[data-form-next]").all():
            if button.is_visible():
                button.click()
                page.wait_for_timeout(500)
                break
        if paste:  # "paste the text shown below into the box": the form's one visible text box
            boxes = [box for box in page.locator("form textarea").all() if box.is_visible()]
            if len(boxes) == 1:
                boxes[0].fill(paste)

    def _switch(self, page) -> None:
        assert self.service is not None
        for setting in self.service.settings:
            for control in page.locator(f'[data-setting="{setting.key}"]').all():
                if not control.is_visible():
                    continue
                held = self.site.setting(
                    self.service.id, AUTO_LOGIN_USER, setting.key, control.get_attribute("data-item")
                )
                if held == setting.wanted_on:
                    continue
                control.click()
                page.wait_for_timeout(300)
                confirm = page.locator("[role=dialog] .btn.primary")
                if confirm.count() and confirm.first.is_visible():
                    confirm.first.click()
                    page.wait_for_timeout(300)
        for save in page.locator("[data-page-save]").all():
            if save.is_visible() and save.is_enabled():
                save.click()
                page.wait_for_timeout(500)
                break


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
            runs = RunsSeen()
            human = CarefulPerson(site, page.platform, runs) if page.careful else HastyPerson(site)
            started = time.monotonic()
            result = run_practice(
                home, site, [person], [], logged_in=True, **TIMEOUTS, human=human, observer=runs
            )
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


__all__ = [
    "FORM",
    "SETTINGS",
    "CarefulPerson",
    "DrawnPage",
    "HastyPerson",
    "Verdict",
    "draw_page",
    "flow_of",
    "run_drawn",
]
