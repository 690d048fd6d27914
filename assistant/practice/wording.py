"""Wording pools of the practice Help Centre.

Meta words the same step differently per language and over time, so a test
that only ever sees one phrasing teaches the assistant that phrasing. Each pool
below holds several phrasings per language: the default one (from
``static/strings/<language>.json``, what an unseeded server shows) followed by
the variants in ``static/strings/wording.json``. A server with
``wording_seed`` set picks one phrasing per pool and language with
``random.Random``, so the same seed always gives the same page.

``HELD_OUT_CONFIRMATIONS`` are confirmations that no seed ever picks and that
avoid the words the bundled flows look for: a server with ``held_out=True``
confirms in them, to check that a confirmation is recognised by what the page
does and not by a word list.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from .config import LANGUAGES, PracticeConfig
from .strings import STRINGS_DIR, texts

WORDING_FILE = STRINGS_DIR / "wording.json"


class Routing(NamedTuple):
    """The routing question before a form, its two answers and the button that goes on."""

    question: str
    yes: str
    no: str
    next: str


class Cookie(NamedTuple):
    """The cookie dialog: title (may hold ``{brand}``), text and its two buttons."""

    title: str
    text: str
    allow: str
    decline: str


@dataclass(frozen=True)
class Wording:
    """The phrasings one practice server uses in one language."""

    confirmation: tuple[str, str]  # (title, body) of an objection's confirmation
    routing: Routing
    cookie: Cookie
    submit_error: str  # the error shown when a submit is refused


@cache
def _variants(language: str) -> dict[str, list]:
    if language not in LANGUAGES:
        raise KeyError(f"no practice wording for language {language!r}")
    return json.loads(WORDING_FILE.read_text(encoding="utf-8"))[language]


def confirmation_phrasings(language: str) -> list[tuple[str, str]]:
    """Every (title, body) a seeded server may confirm an objection with; the first is the default."""
    t = texts(language)
    return [(t["done_title"], t["done_text"]), *(tuple(p) for p in _variants(language)["confirmation"])]


def routing_phrasings(language: str) -> list[Routing]:
    """Every wording of the routing question; the first is the default."""
    t = texts(language)
    default = Routing(t["routing_question"], t["routing_yes"], t["routing_no"], t["routing_next"])
    return [default, *(Routing(*p) for p in _variants(language)["routing"])]


def cookie_phrasings(language: str) -> list[Cookie]:
    """Every wording of the cookie dialog; the first is the default."""
    t = texts(language)
    default = Cookie(t["cookie_title"], t["cookie_text"], t["cookie_allow"], t["cookie_decline"])
    return [default, *(Cookie(*p) for p in _variants(language)["cookie"])]


def submit_error_phrasings(language: str) -> list[str]:
    """Every wording of the error after a refused Send; the first is the default."""
    return [texts(language)["submit_failed"], *_variants(language)["submit_error"]]


#: language -> confirmations (title, body) that no seed picks and that avoid the flows' words
HELD_OUT_CONFIRMATIONS: dict[str, list[tuple[str, str]]] = {
    lang: [(title, body) for title, body in _variants(lang)["held_out_confirmation"]] for lang in LANGUAGES
}


@cache
def wording(language: str, seed: int | None = None, held_out: bool = False) -> Wording:
    """The phrasings for one language: defaults without a seed, else one pick per pool.

    Each pool draws from its own ``random.Random``, seeded with the seed, the
    language and the pool's name, so adding a phrasing to one pool does not
    change what the others pick.
    """

    def pick(pool: str, options: list):
        if seed is None:
            return options[0]
        return random.Random(f"{seed}/{language}/{pool}").choice(options)

    confirmations = HELD_OUT_CONFIRMATIONS[language] if held_out else confirmation_phrasings(language)
    return Wording(
        confirmation=pick("confirmation", confirmations),
        routing=pick("routing", routing_phrasings(language)),
        cookie=pick("cookie", cookie_phrasings(language)),
        submit_error=pick("submit_error", submit_error_phrasings(language)),
    )


def wording_for(config: PracticeConfig, language: str | None = None) -> Wording:
    """The wording a server with this configuration shows in ``language`` (default: its own)."""
    return wording(language or config.language, config.wording_seed, config.held_out)
