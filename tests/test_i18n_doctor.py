"""``objector doctor`` says which language the terminal speaks and why, through the real command."""

from __future__ import annotations

import pytest
from cli_helpers import run_cli

pytestmark = pytest.mark.cli


def test_doctor_names_the_language_and_why(cli_env: dict[str, str]) -> None:
    env = {k: v for k, v in cli_env.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    result = run_cli(["doctor"], {**env, "OBJECTOR_UI_LANGUAGE": "pl"}, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stdout.splitlines() if "(pl)" in line]
    assert len(lines) == 1, result.stdout
    # the words around it may be translated; the language's own name, its code and the variable are not
    assert lines[0].startswith("✓ ") and "Polski (pl)" in lines[0], lines[0]
    assert "OBJECTOR_UI_LANGUAGE=pl" in lines[0], lines[0]
    english = run_cli(["doctor", "--json", "--ui-lang", "en"], env, timeout=120)
    assert '"check": "language"' in english.stdout and "English (en), from --ui-lang en" in english.stdout
