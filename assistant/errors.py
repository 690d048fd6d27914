"""Errors a person can cause, each carrying one clear line for the terminal."""

from __future__ import annotations


def shown(value: object, limit: int = 80) -> str:
    """A value from the person's input, safe to print in one line (quoted, control characters escaped)."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    if text.isprintable():
        return f"'{text}'"
    return repr(text)


class UserError(Exception):
    """Bad input or configuration: the CLI prints the message alone and exits 2."""

    exit_code = 2
