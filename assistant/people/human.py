"""The person at the keyboard, as an interface the engine talks to.

``TerminalHuman`` asks in the terminal. On a terminal, keys typed before a
question was shown are thrown away, so an early "y" never approves a form the
person has not seen yet, and an empty answer asks again. When standard input is
not a terminal it reads one line per question (``y``, ``n``, ``m`` or a code;
an empty line is "no"), and the end of input means "no": this is how tests and
scripts drive the real CLI. (Tests of the engine itself answer from a list:
``tests/scripted_human.py``.) What is asked is defined in ``asks.py``.

While the Send question is open, the engine may pass a ``watch`` callback: it
is called a few times a second, and when it reports that the person clicked
Send in the browser themselves, the question ends with ``"browser"``. The
question before switching a setting (``approve_setting``) works the same way:
its ``watch`` reports that the person switched the setting themselves.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from dataclasses import dataclass, field
from typing import TextIO

from ..i18n import _
from ..i18n.answers import KEEP, MYSELF, NO, SEND, SKIP, YES, Answers, answers
from .asks import Decision, Guidance, Human, SettingReview, SubmitReview, Watch, state_word

__all__ = ["Decision", "Guidance", "Human", "SettingReview", "SubmitReview", "TerminalHuman", "Watch"]

POLL_SECONDS = 0.15

#: what an approval's answers mean, as ``Decision`` (``Decision`` values are recorded: English codes)
_DECISION = {YES: "y", NO: "n", MYSELF: "m"}


def _key(key: str) -> str:
    """A key as a prompt shows it, in bold: ``[y]`` (a ``[`` escaped for Rich)."""
    from rich.markup import escape

    return f"[bold]\\[{escape(key)}][/]"


class EndOfAnswers(Exception):
    """Standard input ended: treated as "no" by every question."""


class SentInBrowser(Exception):
    """The ``watch`` callback saw the person send the form in the browser while we asked."""


class _FdLines:
    """Lines read straight from a file descriptor, so that waiting for one can be interleaved
    with looking at the browser (``select``), and typed-ahead input can be thrown away.

    One buffer per descriptor for the whole process: every question reads through it, so no
    line is lost between two ``TerminalHuman`` objects.
    """

    _buffers: dict[int, bytearray] = {}

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = self._buffers.setdefault(fd, bytearray())

    def discard_pending(self) -> None:
        """Forget whatever was typed before now (a terminal only)."""
        self.buffer.clear()
        try:
            import termios

            termios.tcflush(self.fd, termios.TCIFLUSH)
        except (ImportError, OSError):
            _discard_windows_console()

    def readline(self, watch: Watch | None) -> str:
        """One line without its newline; "" at the end of input."""
        import select

        while b"\n" not in self.buffer:
            try:
                ready, _w, _x = select.select([self.fd], [], [], POLL_SECONDS if watch else None)
            except (OSError, ValueError):
                ready = [self.fd]
            if ready:
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    break
                self.buffer += chunk
            elif watch is not None and watch():
                raise SentInBrowser
        if not self.buffer:
            return ""
        line, sep, rest = bytes(self.buffer).partition(b"\n")
        self.buffer[:] = rest
        return line.decode("utf-8") + sep.decode()


def _discard_windows_console() -> None:
    try:
        import msvcrt  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return
    while msvcrt.kbhit():  # type: ignore[attr-defined,unused-ignore]  # pragma: no cover - Windows
        msvcrt.getwch()  # type: ignore[attr-defined,unused-ignore]


@dataclass
class TerminalHuman:
    """Asks on the terminal (or reads piped answers, one line per question)."""

    console: object  # rich.console.Console
    stdin: TextIO = field(default_factory=lambda: sys.stdin)

    @property
    def interactive(self) -> bool:
        try:
            return self.stdin.isatty()
        except (AttributeError, ValueError):
            return False

    def _fd_lines(self) -> _FdLines | None:
        """Direct reading of the descriptor where the platform allows waiting on it (POSIX)."""
        if os.name != "posix":
            return None
        try:
            return _FdLines(self.stdin.fileno())
        except (AttributeError, ValueError, OSError):
            return None  # a StringIO or a wrapper without a descriptor: plain readline

    def _line(self, prompt: str, watch: Watch | None = None) -> str:
        """Print the prompt (Rich markup) and read one line; EndOfAnswers at the end of input.

        On a terminal, anything typed before the prompt appeared is discarded first.
        """
        reader = self._fd_lines()
        if reader is not None and self.interactive:
            reader.discard_pending()
        elif reader is None and self.interactive:
            _discard_windows_console()
        self.console.print(prompt, end="", markup=True, highlight=False)  # type: ignore[attr-defined]
        try:
            line = reader.readline(watch) if reader is not None else self.stdin.readline()
        except (OSError, ValueError, UnicodeDecodeError):
            line = ""
        if not line:
            from rich.text import Text

            self.console.print(Text(_("(no answer: end of input)"), style="dim"))  # type: ignore[attr-defined]
            raise EndOfAnswers
        answer = line.strip()
        if not self.interactive:
            self.console.print(answer, markup=False, highlight=False)  # type: ignore[attr-defined]
        return answer

    def _choose(
        self,
        prompt: str,
        valid: Answers,
        *,
        empty: str | None = None,
        tries: int = 5,
        watch: Watch | None = None,
    ) -> str | None:
        """The meaning of the answer (``YES``, ``NO`` …: English keys, or the language's own); ``empty``
        for an empty line when given; None after ``tries`` answers that are none of them."""
        from rich.markup import escape

        for _attempt in range(tries):
            try:
                answer = self._line(prompt, watch)
            except EndOfAnswers:
                return None
            if not answer.strip() and empty is not None:
                return empty
            meaning = valid.read(answer)
            if meaning is not None:
                return meaning
            # TRANSLATORS: after an answer that is none of the keys; {keys}: the keys, e.g. "m, n, y"
            again = _("  Please answer {keys}.").format(keys=escape(valid.listed()))
            self.console.print(again, highlight=False)  # type: ignore[attr-defined]
        return None

    def approve_submit(self, review: SubmitReview, watch: Watch | None = None) -> Decision:
        """y: objector sends it · n: skip · m: the person clicks Send in the browser."""
        from .ui import review_panel

        valid = answers(YES, NO, MYSELF)
        # TRANSLATORS: the question before Send; {yes}, {no}, {myself}: the keys, e.g. [y] [n] [m]
        question = _("Submit now? {yes} submit  {no} skip this account  {myself} I'll click Send myself")
        return self._approve(
            review_panel(review),
            dry_run=review.dry_run,
            dry_note=_("  Dry run: nothing will be submitted."),
            question=question.format(
                yes=_key(valid.key(YES)), no=_key(valid.key(NO)), myself=_key(valid.key(MYSELF))
            ),
            valid=valid,
            watch=watch,
        )

    def approve_setting(self, review: SettingReview, watch: Watch | None = None) -> Decision:
        """y: objector switches it · n: leave it · m: the person switches it in the browser."""
        from .ui import setting_panel

        valid = answers(YES, NO, MYSELF)
        # TRANSLATORS: before switching a setting; {state}: ON or OFF; {yes}, {no}, {myself}: the keys
        question = _("Switch it {state} now? {yes} switch  {no} leave it  {myself} I'll switch it myself")
        return self._approve(
            setting_panel(review),
            dry_run=review.dry_run,
            dry_note=_("  Dry run: nothing will be changed."),
            question=question.format(
                state=state_word(review.after),
                yes=_key(valid.key(YES)),
                no=_key(valid.key(NO)),
                myself=_key(valid.key(MYSELF)),
            ),
            valid=valid,
            watch=watch,
        )

    def _approve(
        self,
        panel: object,
        *,
        dry_run: bool,
        dry_note: str,
        question: str,
        valid: Answers,
        watch: Watch | None,
    ) -> Decision:
        """Show what the answer applies to, then ask yes/no/myself (y/n/m, or the language's keys; a
        click ``watch`` sees ends it as "browser")."""
        self.console.print(panel)  # type: ignore[attr-defined]
        if dry_run:
            from rich.text import Text

            self.console.print(Text(dry_note, style="yellow"))  # type: ignore[attr-defined]
            return "n"
        # piped answers: an empty line is "no", as it always was
        empty = None if self.interactive else NO
        no_default = f" [dim]{_('(no default)')}[/]" if self.interactive else ""
        try:
            meaning = self._choose(f"  {question}{no_default}: ", valid, empty=empty, watch=watch)
        except SentInBrowser:
            self.console.print()  # type: ignore[attr-defined]
            return "browser"
        return _DECISION[meaning] if meaning is not None else "none"  # type: ignore[return-value]

    def ask_code(self, account: str, email: str, attempt: int, suggested: str | None = None) -> str | None:
        hint = f" \\[{suggested}]" if suggested else ""
        # TRANSLATORS: {email}: the account's address; {hint}: the code found in the mailbox, e.g. " [123456]"
        prompt = _("  Code from the e-mail Meta sent to {email}{hint}: ").format(email=email, hint=hint)
        for _attempt in range(5):
            try:
                answer = self._line(prompt).replace(" ", "")
            except EndOfAnswers:
                return None
            if not answer and suggested:
                return suggested
            answer = unicodedata.normalize("NFKC", answer)
            if answer.isascii() and answer.isdigit() and 4 <= len(answer) <= 10:
                return answer
            self.console.print(_("  The code is the number in Meta's e-mail (usually 6 digits)."))  # type: ignore[attr-defined]
        return None

    def guide(self, guidance: Guidance) -> bool:
        from .ui import guidance_panel

        self.console.print(guidance_panel(guidance))  # type: ignore[attr-defined]
        skip = answers(SKIP)
        # TRANSLATORS: {skip}: the word to type to skip the step ("skip", or the language's own word)
        prompt = _("  Press Enter here when done (or type '{skip}'): ").format(skip=skip.key(SKIP))
        try:
            answer = self._line(prompt)
        except EndOfAnswers:
            return False
        return skip.read(answer) != SKIP

    def ask(self, question: str, default: str | None = None) -> str | None:
        """A free answer (the default on an empty line); None at the end of input."""
        from rich.markup import escape

        shown = f" \\[{escape(default)}]" if default else ""
        try:
            answer = self._line(f"{question}{shown}: ")
        except EndOfAnswers:
            return None
        return answer or default or ""

    def send_again(self, question: str) -> bool:
        """Its own keys (not y/n): an answer typed ahead for "Submit now?" must not send twice."""
        from rich.markup import escape

        self.console.print(f"  {escape(question)}", highlight=False)  # type: ignore[attr-defined]
        valid = answers(SEND, KEEP)
        # TRANSLATORS: a form that may have been sent; {send}, {keep}: the keys, e.g. [s] [k]
        prompt = _("  {send} send it again  {keep} keep it as sent (default): ").format(
            send=f"\\[{escape(valid.key(SEND))}]", keep=f"\\[{escape(valid.key(KEEP))}]"
        )
        answer = self._choose(prompt, valid, empty=KEEP)
        return answer == SEND

    def confirm(self, question: str, default: bool = False) -> bool:
        """y or n; Enter gives ``default`` (shown in capitals: ``[y/N]`` or ``[Y/n]``)."""
        from rich.markup import escape

        valid = answers(YES, NO)
        yes, no = escape(valid.key(YES)), escape(valid.key(NO))
        keys = f"\\[{yes.upper()}/{no}]" if default else f"\\[{yes}/{no.upper()}]"
        answer = self._choose(f"{escape(question)} {keys}: ", valid, empty=YES if default else NO)
        return answer == YES
