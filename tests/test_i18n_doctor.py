"""``objector doctor`` says which language the terminal speaks and why, through the real command."""

from __future__ import annotations

import pytest
from cli_helpers import run_cli

pytestmark = pytest.mark.cli


def test_doctor_names_the_language_and_why(cli_env: dict[str, str]) -> None:
    env = {k: v for k, v in cli_env.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    # doctor in German, Polish and Greek: tests/test_languages_cli.py (the first hour)
    english = run_cli(["doctor", "--json", "--ui-lang", "en"], env, timeout=120)
    assert '"check": "language"' in english.stdout and "English (en), from --ui-lang en" in english.stdout
