"""The page behaviours the practice site can be switched into, as one catalogue to draw from.

Each behaviour is a field of ``PracticeConfig`` and the values it can take besides its default.
Property tests draw combinations from here (``draw``), run the real engine against the site so
configured, and judge the run by the server's own state (``PracticeSite.submissions``,
``setting_changes``, ``touched``), never by what objector says. A behaviour added to the
practice site is added here too, so that the drawn pages meet it.

``held_out`` values are kept out of the quick draws a test makes by default: they stand for the
pages nobody wrote a word list for, and a separate draw (``draw(..., held_out=True)``) uses them
so that the engine is tried on what the flows do not name.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from .chrome import CHROME_LANGUAGES
from .config import DRIFT_VARIANTS

#: the kinds of page a behaviour applies to
FORM, SETTINGS = "form", "settings"


@dataclass(frozen=True)
class Behaviour:
    """One switch of the practice site: a ``PracticeConfig`` field and its other values."""

    field: str
    values: tuple[object, ...]
    pages: frozenset[str]
    held_out: tuple[object, ...] = ()  # values drawn only when held-out pages are asked for
    why: str = ""

    def choices(self, *, held_out: bool) -> tuple[object, ...]:
        return self.values + (self.held_out if held_out else ())


def _both() -> frozenset[str]:
    return frozenset({FORM, SETTINGS})


#: every behaviour, by field name (the default value of each field is left out: it is drawn too,
#: as "not switched on")
CATALOGUE: dict[str, Behaviour] = {
    behaviour.field: behaviour
    for behaviour in (
        Behaviour("cookie_dialog", (True,), frozenset({FORM}), why="a cookie dialog over the form"),
        Behaviour("code_step", (True,), frozenset({FORM}), why="an e-mailed code after Send"),
        Behaviour(
            "confirmation_style",
            ("page", "dialog", "toast", "icon-heading", "navigate"),
            frozenset({FORM}),
            why="how an accepted objection is shown",
        ),
        Behaviour("held_out", (), frozenset({FORM}), held_out=(True,), why="confirmation words no list has"),
        Behaviour("submit_delay", (1.5,), frozenset({FORM}), why="a slow server after Send"),
        Behaviour("drift", DRIFT_VARIANTS, frozenset({FORM}), why="the form's markup of another version"),
        Behaviour(
            "readonly_email", ("same", "other"), frozenset({FORM}), why="the page owns the e-mail (read-only)"
        ),
        Behaviour("text_maxlength", (300, 500), frozenset({FORM}), why="maxlength and a counter on the text"),
        Behaviour("length_error", (300,), frozenset({FORM}), why="the server refuses a text over a limit"),
        Behaviour("setting_already", (True,), frozenset({SETTINGS}), why="the setting is already as wanted"),
        Behaviour("setting_confirm", (True,), frozenset({SETTINGS}), why="a dialog confirms the change"),
        Behaviour("setting_no_persist", (True,), frozenset({SETTINGS}), why="the server ignores the change"),
        Behaviour(
            "setting_first_paint",
            ("slow", "placeholder"),
            frozenset({SETTINGS}),
            why="the switch is drawn late, first as a disabled placeholder in the wrong state",
        ),
        Behaviour(
            "setting_save",
            ("save-button",),
            frozenset({SETTINGS}),
            held_out=("sticky-bar",),
            why="the server keeps a change only when the page's Save button (or save bar) is pressed",
        ),
        Behaviour(
            "setting_markup",
            ("shared-card", "md-switch", "radix"),
            frozenset({SETTINGS}),
            held_out=("headless",),
            why="switches sharing one card after another setting; switches of real component libraries",
        ),
        Behaviour(
            "setting_long_poll", (20.0,), frozenset({SETTINGS}), why="a background request that never ends"
        ),
        Behaviour(
            "chrome_language",
            ("en", "de", "fr"),
            _both(),
            held_out=tuple(code for code in CHROME_LANGUAGES if code not in ("en", "de", "fr")),
            why="site chrome (search box, language menu) in a language no flow names",
        ),
        Behaviour("alert_banner", ("static", "late"), _both(), why="a site-wide role=alert banner"),
    )
}


def register(*behaviours: Behaviour) -> None:
    """Add behaviours to the catalogue (the practice pages that implement them call this)."""
    for behaviour in behaviours:
        CATALOGUE[behaviour.field] = behaviour


def behaviours_for(page: str) -> list[Behaviour]:
    return [b for b in CATALOGUE.values() if page in b.pages]


def draw(
    rng: random.Random,
    page: str,
    *,
    held_out: bool = False,
    chance: float = 0.35,
    only: Iterable[str] | None = None,
) -> dict[str, object]:
    """``PracticeConfig`` keyword arguments for one drawn page of kind ``page``: each behaviour is
    switched on with probability ``chance`` (to one of its values), else left at its default."""
    wanted = set(only) if only is not None else None
    drawn: dict[str, object] = {}
    for behaviour in behaviours_for(page):
        if wanted is not None and behaviour.field not in wanted:
            continue
        choices = behaviour.choices(held_out=held_out)
        if choices and rng.random() < chance:
            drawn[behaviour.field] = rng.choice(choices)
    return drawn


# forms in steps and choices in other markups (form_steps.py)
register(
    Behaviour(
        "form_steps",
        ("same-page", "navigate"),
        frozenset({FORM}),
        why="the form in two screens: Next reveals the rest, or goes on to a second page",
    ),
    Behaviour("next_held_out", (), frozenset({FORM}), held_out=(True,), why="a Next wording no list has"),
    Behaviour("next_as_link", (True,), frozenset({FORM}), why="the form's Next is a link styled as a button"),
    Behaviour(
        "choice_markup",
        ("select", "combobox", "buttons"),
        frozenset({FORM}),
        why="the third-party form's request type as a list, a combobox or a row of buttons",
    ),
    Behaviour(
        "routing_question",
        ("radios", "buttons", "select", "combobox"),
        frozenset({FORM}),
        why="'Is your request about AI at Meta?' before the form, in one of four markups",
    ),
)
