"""The person at the keyboard, as an interface the engine talks to.

``TerminalHuman`` asks in the terminal. When standard input is not a terminal
it reads one line per question (``y``, ``n``, ``m`` or a code), and the end of
input means "no": this is how tests and scripts drive the real CLI.
``ScriptedHuman`` answers from a list, for tests of the engine itself.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, TextIO

Decision = Literal["y", "n", "m"]


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


@dataclass(frozen=True)
class Guidance:
    """A step the assistant could not do: what the person should do by hand."""

    account: str
    instruction: str
    text_to_paste: str | None = None


class Human(Protocol):
    def approve_submit(self, review: SubmitReview) -> Decision: ...
    def ask_code(
        self, account: str, email: str, attempt: int, suggested: str | None = None
    ) -> str | None: ...
    def guide(self, guidance: Guidance) -> bool: ...
    def confirm(self, question: str) -> bool: ...


class EndOfAnswers(Exception):
    """Standard input ended: treated as "no" by every question."""


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

    def _line(self, prompt: str) -> str:
        """Print the prompt (Rich markup) and read one line; EndOfAnswers at the end of input."""
        self.console.print(prompt, end="", markup=True, highlight=False)  # type: ignore[attr-defined]
        try:
            line = self.stdin.readline()
        except (OSError, ValueError, UnicodeDecodeError):
            line = ""
        if not line:
            self.console.print("[dim](no answer: end of input)[/]")  # type: ignore[attr-defined]
            raise EndOfAnswers
        answer = line.strip()
        if not self.interactive:
            self.console.print(answer, markup=False, highlight=False)  # type: ignore[attr-defined]
        return answer

    def _choose(self, prompt: str, valid: dict[str, str], *, tries: int = 5) -> str | None:
        for _ in range(tries):
            try:
                answer = self._line(prompt).lower()
            except EndOfAnswers:
                return None
            if answer in valid:
                return valid[answer]
            self.console.print(  # type: ignore[attr-defined]
                f"  Please answer {', '.join(sorted(set(valid.values())))}.", highlight=False
            )
        return None

    def approve_submit(self, review: SubmitReview) -> Decision:
        from .ui import review_panel

        self.console.print(review_panel(review))  # type: ignore[attr-defined]
        if review.dry_run:
            self.console.print("  [yellow]Dry run: nothing will be submitted.[/]")  # type: ignore[attr-defined]
            return "n"
        answer = self._choose(
            "  Submit now? [bold]\\[y][/] submit  [bold]\\[n][/] skip this account  "
            "[bold]\\[m][/] I'll click Send myself: ",
            {"y": "y", "yes": "y", "n": "n", "no": "n", "": "n", "m": "m"},
        )
        return answer or "n"  # type: ignore[return-value]

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

    def confirm(self, question: str) -> bool:
        from rich.markup import escape

        answer = self._choose(
            f"{escape(question)} \\[y/N]: ", {"y": "y", "yes": "y", "n": "n", "no": "n", "": "n"}
        )
        return answer == "y"


@dataclass
class ScriptedHuman:
    """Answers from a script; each entry is an answer or a callable producing one."""

    answers: list[str | Callable[[], str | None] | None]
    asked: list[str] = field(default_factory=list)
    reviews: list[SubmitReview] = field(default_factory=list)

    def _next(self, question: str) -> str | None:
        self.asked.append(question)
        if not self.answers:
            return None
        answer = self.answers.pop(0)
        return answer() if callable(answer) else answer

    def approve_submit(self, review: SubmitReview) -> Decision:
        self.reviews.append(review)
        if review.dry_run:
            return "n"
        answer = self._next("submit")
        return answer if answer in ("y", "n", "m") else "n"  # type: ignore[return-value]

    def ask_code(self, account: str, email: str, attempt: int, suggested: str | None = None) -> str | None:
        answer = self._next("code")
        return suggested if answer == "" and suggested else answer

    def guide(self, guidance: Guidance) -> bool:
        return self._next(f"guide: {guidance.instruction}") is not None

    def confirm(self, question: str) -> bool:
        return self._next(f"confirm: {question}") == "y"
