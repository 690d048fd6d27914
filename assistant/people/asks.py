"""What objector asks the person, as data: the reviews shown before Send or a switch, the
guidance for a step done by hand, the possible answers, and the ``Human`` interface that answers.

The terminal (``human.TerminalHuman``) and its panels (``ui``) both depend on this module and not on
each other's data, so neither imports the other to know what a review is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from ..config.flows import flow_words
from ..i18n import _, pgettext

# y: send now · n: skip · m: the person clicks Send · browser: they already clicked it while asked ·
# none: no usable answer (end of input, or five answers that were not one of the choices)
Decision = Literal["y", "n", "m", "browser", "none"]
Watch = Callable[[], bool]


@dataclass(frozen=True)
class SubmitReview:
    """What the person sees before deciding to submit."""

    account: str
    email: str
    flow_title: str
    url: str
    text: str
    language: str
    filled: tuple[str, ...] = ()
    dry_run: bool = False
    email_sent: str | None = None  # the address the form holds (the page's own when it is read-only)
    notes: tuple[str, ...] = ()  # what the person must know first (another e-mail, a shortened letter)
    unofficial: str | None = None  # "not an official form of …": a user flow outside the service's hosts
    phone: str | None = None  # the account's phone number (WhatsApp), E.164: shown masked

    @property
    def shown_phone(self) -> str | None:
        """The phone number as the terminal shows it: ``+49 ••• ••• 6789``."""
        from ..config.phones import mask_phone

        return mask_phone(self.phone) if self.phone else None

    @property
    def shown_text(self) -> str:
        """The letter as the terminal shows it: the phone number in it masked (the record keeps it)."""
        if not self.phone:
            return self.text
        from ..config.phones import international, mask_phone

        text = self.text
        for written in {international(self.phone), self.phone}:
            text = text.replace(written, mask_phone(self.phone))
        return text


@dataclass(frozen=True)
class SettingReview:
    """What the person sees before deciding to switch a setting."""

    account: str
    email: str
    service: str  # the company, e.g. "LinkedIn"
    flow_title: str
    url: str
    setting: str  # the setting's name, e.g. "Data for Generative AI Improvement"
    before: str  # "on" | "off" | "unknown"
    after: str  # "on" | "off"
    item: str | None = None  # the blog or site, for settings made per item
    dry_run: bool = False
    then_press: str | None = None  # the page's own Save button, pressed after the switch
    unofficial: str | None = None  # "not an official form of …": a user flow outside the service's hosts

    @property
    def change(self) -> str:
        """``ON → OFF``, and ``, then press “Save settings”`` where the page keeps it only so."""
        before, after = state_word(self.before), state_word(self.after)
        if self.then_press:
            # TRANSLATORS: {before}, {after}: ON or OFF; {button}: the page's own button, as the page names it
            return _("{before} → {after}, then press “{button}”").format(
                before=before, after=after, button=self.then_press
            )
        return f"{before} → {after}"

    @property
    def headline(self) -> str:
        """One line: ``LinkedIn · anna@example.org · Data for …: ON → OFF``."""
        where = f" ({self.item})" if self.item else ""
        return f"{self.service} · {self.email} · {flow_words(self.setting)}{where}: {self.change}"


def state_word(state: str) -> str:
    """A setting's state as shown: ``on`` -> ``ON``, ``off`` -> ``OFF`` (in the language in use)."""
    if state == "on":
        return pgettext("setting state", "ON")
    if state == "off":
        return pgettext("setting state", "OFF")
    if state == "unknown":
        return pgettext("setting state", "UNKNOWN")
    return state.upper()


@dataclass(frozen=True)
class Guidance:
    """A step the assistant could not do: what the person should do by hand."""

    account: str
    instruction: str
    text_to_paste: str | None = None


class Human(Protocol):
    def approve_submit(self, review: SubmitReview, watch: Watch | None = None) -> Decision: ...
    def approve_setting(self, review: SettingReview, watch: Watch | None = None) -> Decision: ...
    def ask_code(
        self, account: str, email: str, attempt: int, suggested: str | None = None
    ) -> str | None: ...
    def guide(self, guidance: Guidance) -> bool: ...
    def confirm(self, question: str) -> bool: ...
    def send_again(self, question: str) -> bool:
        """A form may or may not have been sent (a run stopped while sending): send it again?
        The default, and any unclear answer, is no."""
        ...
