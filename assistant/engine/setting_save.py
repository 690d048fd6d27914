"""Saving a setting the way its page saves it: the page's own requests, and its Save button.

Many settings pages save a switch by themselves (a background request); others keep a change
only after a page-level "Save" / "Save settings" / "Apply" button below the controls, or in a
bar that shows after a change. After switching, objector looks for that button near the control
(its words in the page languages, or, by structure, the one button the change enabled or showed)
and presses it as part of the change the person approved. ``Traffic`` watches the page's
requests, to tell that a change was sent and what the server answered.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .page_scripts import SAVE_CANDIDATES_JS, SAVE_SNAPSHOT_JS
from .waiting import browser_gone, poll_until, until_still

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .run import FlowRun

SAVE_QUIET = 0.6  # seconds without a request in flight that count as "saved"
SAVE_MAX = 10.0  # seconds at most to wait for the page's requests to end
STUCK = 3.0  # a request open longer than this is the page's long polling, not a save
SAVE_BUTTON_WAIT = 1.5  # seconds a Save button may take to become usable after the change
NEAR = 4  # a Save button this many levels up from the control belongs to its card

#: the words of a page-level Save button, in the page languages (en, de, fr, it, es, nl, pl, pt,
#: sv, da): "Save", "Save settings", "Save changes", "Apply", "Einstellungen speichern", …
SAVE_WORDS = re.compile(
    r"(?<!\w)(save|apply|update|speichern|übernehmen|anwenden|enregistrer|sauvegarder|appliquer|"
    r"salva|applica|guardar|aplicar|opslaan|toepassen|zapisz|zastosuj|salvar|spara|tillämpa|"
    r"verkställ|gem|anvend)(?!\w)",
    re.IGNORECASE,
)
#: words of a button next to Save that is not Save (discard the change, cancel, delete)
NOT_SAVE = re.compile(
    r"cancel|discard|reset|undo|revert|delete|remove|abbrechen|verwerfen|zurücksetzen|löschen|"
    r"annuler|ignorer|supprimer|annulla|scarta|elimina|cancelar|descartar|eliminar|annuleren|"
    r"verwerpen|verwijder|anuluj|odrzuć|usuń|excluir|avbryt|förkasta|radera|annuller|kassér|fortryd|slet",
    re.IGNORECASE,
)


class Traffic:
    """The page's requests from a moment on: waiting until none is in flight says the change was
    sent, and the answers to the requests that change something are the server's own word.

    Only requests started after ``mark()`` count, and one open longer than ``STUCK`` seconds is
    the page's long polling (a request that never ends), which must not hold objector for its
    whole time. (``wait_for_load_state("networkidle")`` cannot say it: it answers at once once
    the page has been idle a first time.)
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.in_flight: dict[object, float] = {}
        self.since = time.monotonic()
        self.last = self.since
        self.seen = 0
        self.answers: list[tuple[float, str, int]] = []  # (started, method, status) of changes
        self._started_at: dict[object, float] = {}
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)
        page.on("response", self._answered)

    def _handlers(self) -> list[tuple[str, Any]]:
        return [
            ("request", self._started),
            ("requestfinished", self._ended),
            ("requestfailed", self._ended),
            ("response", self._answered),
        ]

    def mark(self) -> None:
        """From now on: what the page sends after this moment is the change's."""
        self.since = self.last = time.monotonic()

    def _started(self, request: object) -> None:
        now = time.monotonic()
        self.in_flight[request] = now
        self._started_at[request] = now
        self.seen += 1
        self.last = now

    def _ended(self, request: object) -> None:
        if self.in_flight.pop(request, None) is not None:
            self.last = time.monotonic()

    def _answered(self, response: Any) -> None:
        request = response.request
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        started = self._started_at.get(request, time.monotonic())
        self.answers.append((started, request.method, int(response.status)))

    def busy(self) -> bool:
        """A request started after ``mark()`` is in flight, and it is not a long poll."""
        now = time.monotonic()
        return any(self.since <= started and now - started < STUCK for started in self.in_flight.values())

    def quiet(self) -> bool | None:
        """True once no request of the change has been in flight for SAVE_QUIET seconds (else
        None, to poll on)."""
        return True if not self.busy() and time.monotonic() - self.last >= SAVE_QUIET else None

    def settle(self, seconds: float = SAVE_MAX) -> bool:
        """Wait until quiet (True), or ``seconds`` pass."""
        return bool(poll_until(self.page, seconds, self.quiet, every_ms=100))

    def changes_answered(self) -> list[dict[str, Any]]:
        """The answers to the requests that change something (not GET), sent after ``mark()``."""
        return [{"method": m, "status": s} for started, m, s in self.answers if started >= self.since]

    def close(self) -> None:
        for event, handler in self._handlers():
            try:
                self.page.remove_listener(event, handler)
            except Exception:  # noqa: BLE001 - a closed page has no listeners left to remove
                pass


@dataclass(frozen=True)
class SaveButton:
    """A page-level button that keeps the change: its words, and how it was told apart."""

    words: str
    how: str  # "words" (its words say Save) | "became-enabled" (the change enabled or showed it)
    index: int


def note_buttons(run: FlowRun) -> None:
    """Before a switch: note which buttons are disabled or hidden now (see SAVE_SNAPSHOT_JS)."""
    _evaluate(run, SAVE_SNAPSHOT_JS)


def announced(run: FlowRun) -> str | None:
    """Before a switch: the words of the Save button nearest the control, shown or not yet
    (a save bar shows after a change), for the review; None when the page has none."""
    for candidate in _candidates(run):
        if _says_save(candidate) and (candidate["depth"] <= NEAR or not candidate["usable"]):
            return str(candidate["words"])
    return None


def save_button(run: FlowRun, expected: bool) -> SaveButton | None:
    """After a switch: the page's Save button for it, or None when the page saves by itself.

    One look once the page has drawn what the change shows; where a Save button was seen before
    the change (``expected``), it is waited for up to SAVE_BUTTON_WAIT seconds to become usable.
    """

    def look() -> SaveButton | None:
        return chosen(_candidates(run))

    until_still(run.page, 1.0)
    found = look()
    if found is not None or not expected:
        return found
    return poll_until(run.page, SAVE_BUTTON_WAIT, look, every_ms=150)


def chosen(candidates: list[dict[str, Any]]) -> SaveButton | None:
    """The Save button among the page's buttons (nearest the control first): one whose words say
    Save and that belongs to the control (its form, its card, or it was off before the change);
    else the one button the change enabled or showed, unless its words say discard or delete."""
    usable = [c for c in candidates if c["usable"]]
    for c in usable:
        if _says_save(c) and (c["wasOff"] or c["sameForm"] or c["depth"] <= NEAR):
            return SaveButton(str(c["words"]), "words", int(c["index"]))
    enabled = [c for c in usable if c["wasOff"] and c["words"] and not NOT_SAVE.search(c["words"])]
    if len(enabled) == 1:
        return SaveButton(str(enabled[0]["words"]), "became-enabled", int(enabled[0]["index"]))
    return None


def press(run: FlowRun, button: SaveButton) -> None:
    """Press the Save button (marked by the last look)."""
    run.click(run.page.locator(f'[data-objector-save-candidate="{button.index}"]').first, "save the change")


def still_to_save(run: FlowRun) -> bool:
    """A Save button can still be pressed (the person has not saved yet)."""
    return chosen(_candidates(run)) is not None


def _says_save(candidate: dict[str, Any]) -> bool:
    words = str(candidate["words"])
    return bool(words) and len(words) <= 60 and bool(SAVE_WORDS.search(words)) and not NOT_SAVE.search(words)


def _candidates(run: FlowRun) -> list[dict[str, Any]]:
    return list(_evaluate(run, SAVE_CANDIDATES_JS) or [])


def _evaluate(run: FlowRun, script: str) -> Any:
    from playwright.sync_api import Error as PlaywrightError

    try:
        return run.page.evaluate(script)
    except PlaywrightError as exc:  # the page is between two documents: nothing to say
        if browser_gone(exc):
            raise
        return None
