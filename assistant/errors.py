"""Errors a person can cause, each carrying one clear line for the terminal."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or configuration: the CLI prints the message alone and exits 2."""

    exit_code = 2
