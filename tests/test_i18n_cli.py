"""The ``objector`` command in the language chosen: ``--ui-lang``, OBJECTOR_UI_LANGUAGE, Click's own words."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from cli_helpers import refused_in_one_line, run_cli

pytestmark = pytest.mark.cli

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def env(cli_env: dict[str, str]) -> dict[str, str]:
    """The environment of the command without any locale: English unless a test says otherwise."""
    return {k: v for k, v in cli_env.items() if k not in LOCALE_VARIABLES}


def test_an_unsupported_ui_lang_is_one_line_and_exit_2(env: dict[str, str]) -> None:
    line = refused_in_one_line(run_cli(["status", "--ui-lang", "klingon"], env))
    assert "--ui-lang" in line and "'klingon'" in line
    assert "cs, da, de, el, en, es, fi, fr, hu, it, nl, pl, pt, ro, sv" in line


def test_an_unsupported_variable_is_one_line_and_exit_2(env: dict[str, str]) -> None:
    line = refused_in_one_line(run_cli(["--help"], {**env, "OBJECTOR_UI_LANGUAGE": "tlh"}))
    assert "OBJECTOR_UI_LANGUAGE" in line and "'tlh'" in line


def test_an_unsupported_locale_means_english(env: dict[str, str]) -> None:
    result = run_cli(["--help"], {**env, "LANG": "ja_JP.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: ")


def _english_words(text: str, commands: set[str]) -> list[str]:
    """Runs of plain ASCII words left in ``text`` once options, variables and names are set aside."""
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # options
    text = re.sub(r"\b[A-Z][A-Z0-9_]+\b", " ", text)  # metavars, variables
    text = re.sub(r"\b[a-z]{2}\b(?=[,)])", " ", text)  # language codes in a list
    words = [
        w for w in re.findall(r"(?<![^\s(\[\"'])[A-Za-z]+(?![^\s.,:;)\]\"'])", text) if w not in commands
    ]
    return words


def _commands(help_text: str) -> set[str]:
    names = {"objector"}
    for line in help_text.splitlines():
        match = re.match(r"^  ([a-z][a-z-]+)  ", line)
        if match:
            names.add(match.group(1))
    return names


def test_clicks_own_words_are_translated(env: dict[str, str]) -> None:
    result = run_cli(["--ui-lang", "qps", "--help"], env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Usage:" not in out and "⟦Úšáğé:" in out
    assert "⟦Óþţíóñš" in out and "⟦Çóɱɱáñďš" in out
    assert "Show this message and exit." not in out and "⟦Šĥóŵ ţĥíš ɱéššáğé áñď éẋíţ." in out
    assert "--ui-lang" in out  # the epilog says how to choose the language
    error = run_cli(["--ui-lang=qps", "status", "--no-such-option"], env)
    assert error.returncode == 2
    assert "Error:" not in error.stderr and "⟦Éŕŕóŕ: ⟦Ñó šúçĥ óþţíóñ: --no-such-option" in error.stderr
    assert "⟦Ţŕý 'objector status --help' ƒóŕ ĥéĺþ." in error.stderr


def test_the_variable_chooses_the_language_too(env: dict[str, str]) -> None:
    result = run_cli(["status", "--help"], {**env, "OBJECTOR_UI_LANGUAGE": "qps"})
    assert result.returncode == 0, result.stderr
    assert "⟦Úšáğé:" in result.stdout
    english = run_cli(["status", "--help", "--ui-lang", "en"], {**env, "OBJECTOR_UI_LANGUAGE": "qps"})
    assert english.stdout.startswith("Usage: ")  # the option wins over the variable


def test_the_help_is_pseudo_localised_in_full(env: dict[str, str]) -> None:
    english = run_cli(["--help"], env).stdout
    commands = _commands(english)
    for args in (["--help"], ["status", "--help"], ["run", "--help"]):
        out = run_cli(["--ui-lang", "qps", *args], env).stdout
        assert "⟦" in out
        left = _english_words(out, commands)
        assert not left, f"{' '.join(args)}: English left in the help: {left[:20]}"


def test_python_dash_m_assistant_is_the_same_command(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "--ui-lang", "qps", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "⟦Úšáğé:" in result.stdout
    version = run_cli(["--version", "--ui-lang", "de"], env)
    assert version.returncode == 0 and version.stdout.strip().startswith("objector ")


def test_the_language_set_in_a_dot_env_file_is_used_and_the_environment_wins(
    env: dict[str, str], tmp_path
) -> None:
    """OBJECTOR_UI_LANGUAGE in ``.env`` (the folder objector runs in), as every other setting."""
    env = {k: v for k, v in env.items() if k != "OBJECTOR_UI_LANGUAGE"}
    (tmp_path / ".env").write_text("OBJECTOR_UI_LANGUAGE=qps\n", encoding="utf-8")
    from_file = run_cli(["--help"], env, cwd=tmp_path)
    assert from_file.returncode == 0 and from_file.stdout.startswith("⟦"), from_file.stdout[:200]
    from_env = run_cli(["--help"], {**env, "OBJECTOR_UI_LANGUAGE": "en"}, cwd=tmp_path)
    assert from_env.stdout.startswith("Usage: ")
