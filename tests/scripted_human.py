"""``ScriptedHuman``: the person, answering from a list (for tests and benchmarks of the engine)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.people.asks import Decision, Guidance, SettingReview, SubmitReview, Watch


@dataclass
class ScriptedHuman:
    """Answers from a script; each entry is an answer or a callable producing one."""

    answers: list[str | Callable[[], str | None] | None]
    asked: list[str] = field(default_factory=list)
    reviews: list[SubmitReview] = field(default_factory=list)
    setting_reviews: list[SettingReview] = field(default_factory=list)

    def _next(self, question: str) -> str | None:
        self.asked.append(question)
        if not self.answers:
            return None
        answer = self.answers.pop(0)
        return answer() if callable(answer) else answer

    def approve_submit(self, review: SubmitReview, watch: Watch | None = None) -> Decision:
        self.reviews.append(review)
        if review.dry_run:
            return "n"
        answer = self._next("submit")
        if answer is None:
            return "browser" if watch is not None and watch() else "none"
        return answer if answer in ("y", "n", "m") else "none"  # type: ignore[return-value]

    def approve_setting(self, review: SettingReview, watch: Watch | None = None) -> Decision:
        self.setting_reviews.append(review)
        if review.dry_run:
            return "n"
        answer = self._next("setting")
        if answer is None:
            return "browser" if watch is not None and watch() else "none"
        return answer if answer in ("y", "n", "m") else "none"  # type: ignore[return-value]

    def ask_code(self, account: str, email: str, attempt: int, suggested: str | None = None) -> str | None:
        answer = self._next("code")
        return suggested if answer == "" and suggested else answer

    def guide(self, guidance: Guidance) -> bool:
        return self._next(f"guide: {guidance.instruction}") is not None

    def send_again(self, question: str) -> bool:
        return self._next(f"send again: {question}") == "s"

    def confirm(self, question: str) -> bool:
        return self._next(f"confirm: {question}") == "y"
