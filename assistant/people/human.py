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

from .asks import Decision, Guidance, Human, SettingReview, SubmitReview, Watch

__all__ = ["Decision", "Guidance", "Human", "SettingReview", "SubmitReview", "TerminalHuman", "Watch"]

POLL_SECONDS = 0.15


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
                ready, _, _ = select.select([self.fd], [], [], POLL_SECONDS if watch else None)
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

            self.console.print(Text("(no answer: end of input)", style="dim"))  # type: ignore[attr-defined]
            raise EndOfAnswers
        answer = line.strip()
        if not self.interactive:
            self.console.print(answer, markup=False, highlight=False)  # type: ignore[attr-defined]
        return answer

    def _choose(
        self, prompt: str, valid: dict[str, str], *, tries: int = 5, watch: Watch | None = None
    ) -> str | None:
        for _ in range(tries):
            try:
                answer = self._line(prompt, watch).lower()
            except EndOfAnswers:
                return None
            if answer in valid:
                return valid[answer]
            self.console.print(  # type: ignore[attr-defined]
                f"  Please answer {', '.join(sorted(set(valid.values())))}.", highlight=False
            )
        return None

    def approve_submit(self, review: SubmitReview, watch: Watch | None = None) -> Decision:
        """y: objector sends it · n: skip · m: the person clicks Send in the browser."""
        from .ui import review_panel

        return self._approve(
            review_panel(review),
            dry_run=review.dry_run,
            dry_note="nothing will be submitted",
            question="Submit now? [bold]\\[y][/] submit  [bold]\\[n][/] skip this account  "
            "[bold]\\[m][/] I'll click Send myself",
            watch=watch,
        )

    def approve_setting(self, review: SettingReview, watch: Watch | None = None) -> Decision:
        """y: objector switches it · n: leave it · m: the person switches it in the browser."""
        from .ui import setting_panel

        return self._approve(
            setting_panel(review),
            dry_run=review.dry_run,
            dry_note="nothing will be changed",
            question=f"Switch it {review.after.upper()} now? [bold]\\[y][/] switch  [bold]\\[n][/] leave it  "
            "[bold]\\[m][/] I'll switch it myself",
            watch=watch,
        )

    def _approve(
        self, panel: object, *, dry_run: bool, dry_note: str, question: str, watch: Watch | None
    ) -> Decision:
        """Show what the answer applies to, then ask y/n/m (a click ``watch`` sees ends it as "browser")."""
        self.console.print(panel)  # type: ignore[attr-defined]
        if dry_run:
            from rich.text import Text

            self.console.print(Text(f"  Dry run: {dry_note}.", style="yellow"))  # type: ignore[attr-defined]
            return "n"
        valid = {"y": "y", "yes": "y", "n": "n", "no": "n", "m": "m"}
        if not self.interactive:
            valid[""] = "n"  # piped answers: an empty line is "no", as it always was
        no_default = " [dim](no default)[/]" if self.interactive else ""
        try:
            answer = self._choose(f"  {question}{no_default}: ", valid, watch=watch)
        except SentInBrowser:
            self.console.print()  # type: ignore[attr-defined]
            return "browser"
        return answer or "none"  # type: ignore[return-value]

    def ask_code(self, account: str, email: str, attempt: int, suggested: str | None = None) -> str | None:
        hint = f" \\[{suggested}]" if suggested else ""
        prompt = f"  Code from the e-mail Meta sent to {email}{hint}: "
        for _ in range(5):
            try:
                answer = self._line(prompt).replace(" ", "")
            except EndOfAnswers:
                return None
            if not answer and suggested:
                return suggested
            answer = unicodedata.normalize("NFKC", answer)
            if answer.isascii() and answer.isdigit() and 4 <= len(answer) <= 10:
                return answer
            self.console.print("  The code is the number in Meta's e-mail (usually 6 digits).")  # type: ignore[attr-defined]
        return None

    def guide(self, guidance: Guidance) -> bool:
        from .ui import guidance_panel

        self.console.print(guidance_panel(guidance))  # type: ignore[attr-defined]
        try:
            answer = self._line("  Press Enter here when done (or type 'skip'): ")
        except EndOfAnswers:
            return False
        return answer.strip().lower() not in ("skip", "s", "n", "no")

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
        answer = self._choose(
            "  \\[s] send it again  \\[k] keep it as sent (default): ",
            {"s": "s", "send": "s", "k": "k", "keep": "k", "": "k"},
        )
        return answer == "s"

    def confirm(self, question: str, default: bool = False) -> bool:
        """y or n; Enter gives ``default`` (shown in capitals: ``[y/N]`` or ``[Y/n]``)."""
        from rich.markup import escape

        keys = "\\[Y/n]" if default else "\\[y/N]"
        empty = "y" if default else "n"
        answer = self._choose(
            f"{escape(question)} {keys}: ", {"y": "y", "yes": "y", "n": "n", "no": "n", "": empty}
        )
        return answer == "y"
