"""Reading a setting as a person does: on a settled page, from the right control, the right way.

A settings page may first draw a greyed-out placeholder of its switch (disabled, in whatever
state its skeleton has), or only its heading, and the real control a moment later. A reading is
taken only once the control can be used (not disabled, not busy, not a placeholder, see
``SETTING_STATE_JS``) and the page has stopped changing for a short quiet time; a control that
does not get there within ``SETTLE_MAX`` seconds reads "unknown", which is never taken for a
fact. The state comes from the checked state the accessibility tree exposes (``checked``,
``aria-checked``, ``aria-pressed``, through open shadow roots), never from a ``value``; words
are read only where a control has no such state (a button that says "On").

Which control: the found element itself, the control its ``<label>`` names, the one that names
itself by it (``aria-labelledby``), or the only control in its row. Where that gives several
controls, the only one of them whose own words (its name, label or own row) the flow's names for
the control match is taken ("named"); else (a card with no row per setting, switches named
alike) there is no control: the path is "ambiguous" and the person is asked to switch it. If
they use exactly one of those controls, the readings after that are taken from it (the path is
"yours"); else the state stays unknown.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..config.flows import SettingStep, flow_said
from ..i18n import N_
from ..proof.outcome import FlowStop, Outcome
from .common import Said
from .locate import Found, find
from .page_scripts import SETTING_STATE_JS
from .waiting import QUIET_MS, browser_gone, until_changed, until_still

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from .run import FlowRun

#: a state shown as text (a whole line): the defaults when a step gives no state_on / state_off
STATE_ON = (
    r"^\s*(on|enabled|active|allowed|an|ein|eingeschaltet|aktiviert|aktiv|activé|activée|activo|"
    r"activado|activada|attivo|attivato|attivata|aan|ingeschakeld|włączon[ey]|wł\.?|ativado|ativada|"
    r"ligado|på|aktiverad|aktiveret|til|päällä|käytössä|zapnuto|bekapcsolva|activat|ενεργό)\s*$"
)
STATE_OFF = (
    r"^\s*(off|disabled|inactive|not allowed|aus|ausgeschaltet|deaktiviert|inaktiv|désactivé|désactivée|"
    r"inactivo|desactivado|desactivada|disattivo|disattivato|disattivata|uit|uitgeschakeld|"
    r"wyłączon[ey]|wył\.?|desativado|desativada|desligado|av|avaktiverad|inaktiverad|deaktiveret|fra|"
    r"pois|pois käytöstä|vypnuto|kikapcsolva|dezactivat|ανενεργό)\s*$"
)
SETTLE_MAX = 4.0  # seconds a found control may take to become usable and its page to settle
LOOK_AGAIN_MS = 400  # at most this long between two readings of a page that does not settle


@dataclass(frozen=True)
class Reading:
    """One reading of a setting: its state, how its control was chosen, whether it was usable."""

    state: str  # "on" | "off" | "unknown"
    path: str  # itself | label | labelledby | row | button | ambiguous | named | yours | absent
    settled: bool = True

    @property
    def ambiguous(self) -> bool:
        return self.path == "ambiguous"


def read_state(run: FlowRun, element: Locator, step: SettingStep) -> str:
    """ "on", "off" or "unknown", from one evaluation in the page (see SETTING_STATE_JS)."""
    return reading_of(run, element, step).state


def reading_of(run: FlowRun, element: Locator, step: SettingStep, chosen: int | None = None) -> Reading:
    """One reading, as the page shows it now (it may not be settled yet). ``chosen``: where the
    control could be more than one, the place among them of the one the person used (``yours``)."""
    info = element.evaluate(SETTING_STATE_JS, None if chosen is None else {"place": chosen, "path": "yours"})
    if info.get("path") == "ambiguous" and chosen is None:
        named = _named_by_the_flow(step, info.get("names") or [])
        if named is not None:  # the only one whose own words the flow names: that one
            info = element.evaluate(SETTING_STATE_JS, {"place": named, "path": "named"})
    if info.get("type") == "password":
        raise FlowStop(
            Outcome.NEEDS_ATTENTION,
            # TRANSLATORS: {setting} is the setting's name on the page
            Said(N_("{setting} turned out to be a password field"), setting=flow_said(step.setting_name)),
        )
    path = str(info.get("path") or "itself")
    state = "unknown" if path == "ambiguous" else state_of(info, step)
    return Reading(state, path, bool(info.get("settled", True)))


def _named_by_the_flow(step: SettingStep, names: list[str]) -> int | None:
    """The place of the only candidate whose own words (its name, label or row) the step's names
    for the control match; None when none or more than one does."""
    patterns = [c.name or c.label for c in step.target or () if (c.role and c.name) or c.label]
    matching = [
        place
        for place, words in enumerate(names)
        if any(re.search(pattern, str(words), re.IGNORECASE) for pattern in patterns if pattern)
    ]
    return matching[0] if len(matching) == 1 else None


def state_of(info: dict[str, Any], step: SettingStep) -> str:
    """The state a control shows: its checked / aria-checked / aria-pressed, else its words.
    ``aria-checked="mixed"`` (partly on) is "unknown"."""
    if info.get("checked") is not None:
        return "on" if info["checked"] else "off"
    for attribute in ("ariaChecked", "ariaPressed"):
        value = info.get(attribute)
        if value in ("true", "false"):
            return "on" if value == "true" else "off"
        if value == "mixed":
            return "unknown"
    on, off = step.state_on or STATE_ON, step.state_off or STATE_OFF
    for lines in (info.get("own") or [], info.get("near") or []):
        says_on = any(re.search(on, line, re.IGNORECASE) for line in lines)
        says_off = any(re.search(off, line, re.IGNORECASE) for line in lines)
        if says_on != says_off:
            return "on" if says_on else "off"
    return "unknown"


def settled_reading(
    run: FlowRun, step: SettingStep, found: Found, seconds: float = SETTLE_MAX, chosen: int | None = None
) -> Reading:
    """The control's state once it is usable and the page has been still for a moment.

    Read again (the control found afresh: a page may replace its placeholder) while the control
    is disabled, busy or a placeholder, or shows no state it can be read by, until ``seconds``
    pass; then the reading is "unknown" and not settled. A control that could be more than one
    (``ambiguous``) is answered as soon as those controls can be used (waiting longer does not tell
    which one is meant, but a placeholder is not what the person will use).
    """
    from playwright.sync_api import Error as PlaywrightError

    assert step.target
    deadline = time.monotonic() + seconds
    last = Reading("unknown", "absent", False)
    while True:
        left = deadline - time.monotonic()
        until_still(run.page, max(0.0, left), quiet_ms=QUIET_MS)
        try:
            last = reading_of(run, found.locator, step, chosen)
        except PlaywrightError as exc:  # the page drew the control anew: find it again below
            if browser_gone(exc):
                raise
        if last.settled and (last.ambiguous or last.state != "unknown"):
            return last
        left = deadline - time.monotonic()
        if left <= 0:
            return Reading("unknown", last.path, False)
        until_changed(run.page, int(min(left * 1000, LOOK_AGAIN_MS)))
        again = find(run.page, step.target, min(max(0.1, deadline - time.monotonic()), 1.0))
        if again is not None:
            found = again


def read_afresh(run: FlowRun, step: SettingStep, timeout: float, chosen: int | None = None) -> Reading:
    """Find the control afresh (after a reload its heading may come before it) and read it settled."""
    from playwright.sync_api import Error as PlaywrightError

    assert step.target
    found = find(run.page, step.target, timeout)
    if found is None:
        return Reading("unknown", "absent", False)
    try:
        return settled_reading(run, step, found, chosen=chosen)
    except PlaywrightError as exc:
        if browser_gone(exc):
            raise
        return Reading("unknown", "absent", False)
