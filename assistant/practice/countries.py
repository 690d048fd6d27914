"""Localised country names (from Babel) for the country fields."""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale

# Babel territories that are not countries a person would pick as residence
_NOT_COUNTRIES = {
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "EU",
    "EZ",
    "IC",
    "QO",
    "TA",
    "UN",
    "XA",
    "XB",
    "ZZ",
}


def fold(text: str) -> str:
    """Lower-case, accent-free form used for sorting and matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def countries(language: str) -> tuple[tuple[str, str], ...]:
    """(ISO2 code, localised name) pairs sorted by name for a page language."""
    territories = Locale.parse(language).territories
    pairs = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    ]
    return tuple(sorted(pairs, key=lambda pair: fold(pair[1])))


def country_name(code: str, language: str) -> str | None:
    return dict(countries(language)).get(code.upper())


def is_country(code: str) -> bool:
    return any(c == code for c, _ in countries("en"))
