"""Small wording helpers shared by the engine's steps."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..i18n import _


class Said(str):
    """A sentence both kept and shown: its value is the English (what ``record.json`` keeps) and
    ``shown`` the same sentence in the person's language. Mark the message with ``N_``:
    ``Said(N_("opened {address}"), address=...)``."""

    shown: str

    def __new__(cls, message: str, **values: Any) -> Said:
        said = super().__new__(cls, message.format(**values) if values else message)
        # a value that is a Said itself is shown in the person's language too
        said.shown = _(message).format(**{k: shown(v) for k, v in values.items()}) if values else _(message)
        return said


def shown(text: Any) -> Any:
    """``text`` as the person reads it: a ``Said`` in their language, any other text as it is."""
    return getattr(text, "shown", text)


def _fields(labels: list[str]) -> str:
    return "; ".join(f"“{_clip(label, 60)}”" for label in labels[:4])


def _bare(url: str) -> str:
    """An address as a person reads it: no scheme, no query."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}{parts.path}" if parts.hostname else url


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or ["?"])[0][:200]


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}m{rest:02d}s"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


#: a wait shorter than this shows no clock (the line saying what objector waits for is enough)
CLOCK_AFTER = 5.0


def wait_clock(reporter: Any, limit: float, doing: str, *, after: float = CLOCK_AFTER) -> Callable[[], None]:
    """A ``tick()`` for a wait of up to ``limit`` seconds: once the wait has lasted ``after``
    seconds, each call shows the progress line (elapsed and limit, what the person may do, that
    Ctrl-C is safe)."""
    started = time.monotonic()

    def tick() -> None:
        waited = time.monotonic() - started
        if waited >= after:
            reporter.progress(waited, limit, doing)

    return tick
