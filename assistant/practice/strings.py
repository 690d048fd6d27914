"""Per-language page texts of the practice Help Centre.

The texts live in ``static/strings/<language>.json`` (one file per language,
all with the same keys as ``en.json``); this module loads and checks them.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .config import LANGUAGES

STRINGS_DIR = Path(__file__).parent / "static" / "strings"


class Texts(dict[str, str]):
    """The texts of one language; ``t("key", name=value)`` fills placeholders."""

    language: str

    def __call__(self, key: str, **values: str) -> str:
        text = self[key]
        return text.format(**values) if values else text


@cache
def texts(language: str) -> Texts:
    if language not in LANGUAGES:
        raise KeyError(f"no practice texts for language {language!r}")
    data = json.loads((STRINGS_DIR / f"{language}.json").read_text(encoding="utf-8"))
    if language != "en":
        missing = set(texts("en")) - set(data)
        if missing:
            raise KeyError(f"{language}.json lacks {', '.join(sorted(missing))}")
    result = Texts(data)
    result.language = language
    return result
