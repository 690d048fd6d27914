"""The real ``objector`` command as a subprocess, answers piped on stdin."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from cli_helpers import account_toml, run_cli

pytestmark = pytest.mark.cli


def test_version(cli_env):
    result = run_cli(["--version"], cli_env)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("objector 0.")


def test_help_does_not_import_playwright_or_pydantic(cli_env):
    code = (
        "import sys; sys.argv = ['objector', '--help']\n"
        "from assistant.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('playwright', 'pydantic', 'babel', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=cli_env)
    assert "Usage" in result.stdout
    assert "HEAVY []" in result.stdout


def test_run_without_accounts_and_no_terminal_says_how_to_add_one(cli_env, home):
    result = run_cli(["run"], cli_env)
    assert result.returncode == 2
    assert "objector accounts add" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_accounts_file_names_file_account_and_field(cli_env, home):
    (home / "accounts.toml").write_text(account_toml(country="Atlantis"))  # "Germany" would be accepted
    result = run_cli(["run"], cli_env)
    assert result.returncode == 2
    assert (
        "accounts.toml" in result.stderr and "anna-instagram" in result.stderr and "country" in result.stderr
    )
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[[account]\n", "not valid TOML"),
        ('[[account]]\nname = "a"\n', "field 'platform' is missing"),
        (account_toml(colour="blue"), "unknown field 'colour'"),
        (account_toml(platform="myspace"), "must be one of instagram, facebook"),
        (account_toml(email="not-an-email"), "field 'email'"),
        (account_toml(language="tlh"), "field 'language'"),
        (account_toml(name="../../etc"), "field 'name'"),
        (account_toml() + account_toml(), "used by two accounts"),
        (account_toml(linked_with="nobody"), "linked_with"),
        ("accounts = 3\n", "unknown key 'accounts'"),
    ],
)
def test_accounts_file_errors(cli_env, home, content, expected):
    (home / "accounts.toml").write_text(content)
    result = run_cli(["accounts", "list"], cli_env)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_setting_is_one_line_and_exit_2(cli_env):
    env = {**cli_env, "OBJECTOR_SITE_MAP": "help.instagram.com"}
    result = run_cli(["status"], env)
    assert result.returncode == 2 and "OBJECTOR_SITE_MAP" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_flow_and_account_selection(cli_env, home):
    (home / "accounts.toml").write_text(account_toml())
    result = run_cli(["run", "--flow", "nope"], cli_env)
    assert result.returncode == 2 and "--flow nope" in result.stderr
    result = run_cli(["run", "--account", "nobody"], cli_env)
    assert result.returncode == 2 and "--account nobody" in result.stderr


def test_accounts_add_list_remove(cli_env, home):
    result = run_cli(
        [
            "accounts",
            "add",
            "--platform",
            "instagram",
            "--email",
            "ben@example.org",
            "--country",
            "fr",
            "--language",
            "fr",
            "--reason",
            "children",
        ],
        cli_env,
    )
    assert result.returncode == 0, result.stderr
    text = (home / "accounts.toml").read_text()
    assert 'name = "ben-instagram"' in text and 'country = "FR"' in text and 'reasons = ["children"]' in text
    listed = run_cli(["accounts", "list"], cli_env)
    assert "ben-instagram" in listed.stdout
    duplicate = run_cli(
        [
            "accounts",
            "add",
            "--platform",
            "instagram",
            "--email",
            "ben@example.org",
            "--country",
            "FR",
            "--language",
            "fr",
        ],
        cli_env,
    )
    assert duplicate.returncode == 2 and "exists already" in duplicate.stderr
    bad = run_cli(
        [
            "accounts",
            "add",
            "--platform",
            "instagram",
            "--email",
            "x@example.org",
            "--country",
            "ZZ",
            "--language",
            "fr",
            "--name",
            "x",
        ],
        cli_env,
    )
    assert bad.returncode == 2 and "--country" in bad.stderr
    missing = run_cli(["accounts", "add", "--platform", "instagram"], cli_env)
    assert missing.returncode == 2 and "--email" in missing.stderr
    removed = run_cli(["accounts", "remove", "ben-instagram"], cli_env)
    assert removed.returncode == 0
    assert "ben-instagram" not in (home / "accounts.toml").read_text()
    gone = run_cli(["accounts", "remove", "ben-instagram"], cli_env)
    assert gone.returncode == 2 and "No account named" in gone.stderr


def test_flows_lists_bundled_and_user_overrides(cli_env, home):
    from assistant.config.flows import bundled_flow_dir

    result = run_cli(["flows"], cli_env)
    assert result.returncode == 0
    assert "instagram-ai-objection" in result.stdout and "facebook-ai-objection" in result.stdout
    (home / "flows").mkdir()
    shutil.copy(bundled_flow_dir() / "facebook-ai-objection.toml", home / "flows" / "my-facebook.toml")
    result = run_cli(["flows"], cli_env)
    assert "replaces the bundled one" in result.stdout


def test_forget_asks_first(cli_env, home):
    profile = home / "profiles" / "anna-instagram"
    profile.mkdir(parents=True)
    (profile / "Cookies").write_text("x")
    kept = run_cli(["forget", "anna-instagram"], cli_env, stdin="n\n")
    assert kept.returncode == 1 and profile.exists()
    eof = run_cli(["forget", "anna-instagram"], cli_env, stdin="")
    assert eof.returncode == 1 and profile.exists()
    gone = run_cli(["forget", "anna-instagram"], cli_env, stdin="y\n")
    assert gone.returncode == 0 and not profile.exists()
    bad = run_cli(["forget", "../x"], cli_env, stdin="y\n")
    assert bad.returncode == 2


def test_status_before_anything_happened(cli_env, home):
    (home / "accounts.toml").write_text(account_toml())
    result = run_cli(["status"], cli_env)
    assert result.returncode == 0
    assert "anna-instagram" in result.stdout and "not yet" in result.stdout


def test_env_example_documents_every_setting_with_its_default():
    from pathlib import Path

    from assistant.config.settings import _FIELDS, Settings

    example = (Path(__file__).parent.parent / ".env.example").read_text()
    for var, field in _FIELDS.items():
        line = next((ln for ln in example.splitlines() if ln.startswith(f"# {var}=")), None)
        assert line is not None, f"{var} is not documented in .env.example"
        default = Settings.model_fields[field].default
        shown = line.split("=", 1)[1]
        if field == "home":
            continue
        if isinstance(default, bool):
            assert shown == ("1" if default else "0")
        elif isinstance(default, (int, float)):
            assert float(shown) == default, var
        else:
            assert shown == (str(default) if default is not None else ""), var


def test_text_for_a_language_prints_only_the_text_on_stdout(cli_env):
    result = run_cli(["text", "--lang", "de", "--reasons", "children,creative_work"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "Art. 21 DSGVO" in result.stdout and "{" not in result.stdout
    assert len(result.stdout.strip()) >= 100
    assert "example details" in result.stderr


def test_text_for_an_account_uses_its_language_and_reasons(cli_env, home):
    (home / "accounts.toml").write_text(account_toml(language="fr", country="FR", reasons=["children"]))
    result = run_cli(["text", "--account", "anna-instagram", "--variant", "short"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "RGPD" in result.stdout and "anna@example.org" in result.stdout
    assert "anna-instagram" not in result.stdout  # the local label means nothing to Meta
    both = run_cli(["text", "--account", "anna-instagram", "--lang", "de"], cli_env)
    assert both.returncode == 0 and "DSGVO" in both.stdout  # that account's letter, in German


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "tlh"], "tlh"),
        (["--lang", "en", "--reasons", "boredom"], "boredom"),
        (["--lang", "en", "--variant", "epic"], "epic"),
    ],
)
def test_text_bad_choices(cli_env, args, expected):
    result = run_cli(["text", *args], cli_env)
    assert result.returncode == 2 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_custom_template_errors_name_the_placeholder(cli_env, home, tmp_path):
    template = tmp_path / "mine.txt"
    template.write_text("I object under {article}, says {nickname}. " + "x" * 120)
    result = run_cli(["text", "--lang", "en", "--template", str(template)], cli_env)
    assert result.returncode == 2 and "{nickname}" in result.stderr and "mine.txt" in result.stderr
    template.write_text("Too short {account}")
    result = run_cli(["text", "--lang", "en", "--template", str(template)], cli_env)
    assert result.returncode == 2 and "at least 100" in result.stderr
    (home / "accounts.toml").write_text(account_toml(text_template="mine.txt"))
    (home / "mine.txt").write_text(
        "Dear Meta, I, {email}, object under {article} for {account} on {platform}. " * 2
    )
    result = run_cli(["text", "--account", "anna-instagram"], cli_env)
    assert result.returncode == 0, result.stderr
    assert "anna@example.org" in result.stdout and "DSGVO" in result.stdout


def test_copy_without_a_clipboard_says_so(cli_env):
    env = {k: v for k, v in cli_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["PATH"] = "/nonexistent"
    import sys as _sys

    result = subprocess.run(
        [_sys.executable, "-m", "assistant.cli", "text", "--lang", "en", "--copy"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "no clipboard" in result.stderr and "Objection" not in result.stderr


def test_an_unknown_flow_in_another_accounts_file_names_that_file(cli_env, home, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(account_toml(flows=["no-such-flow"]), encoding="utf-8")
    result = run_cli(["run", "--accounts", str(other)], cli_env)
    assert result.returncode == 2, result.stdout + result.stderr
    message = result.stdout + result.stderr
    assert f"{other}: account (anna-instagram): field 'flows': no flow 'no-such-flow'" in message
    assert "Traceback" not in message
