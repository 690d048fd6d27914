"""``objector recheck`` and the settings in ``objector status``, as the real command (subprocess)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cli_helpers import refused_in_one_line, run_cli
from setting_helpers import LINKEDIN, accounts_toml, record_form, record_setting

from assistant.proof.ledger import utc_now

pytestmark = pytest.mark.cli

FORM = "instagram-ai-objection"


@pytest.mark.parametrize("value", ["30", "3x", "1.5d", "forever", "99999999w"])
def test_recheck_refuses_a_bad_age_in_one_line(cli_env, home, value):
    line = refused_in_one_line(run_cli(["recheck", "--older-than", value], cli_env))
    assert line.startswith(f"objector: --older-than {value}:")


def test_recheck_refuses_an_unknown_account_in_one_line(cli_env, home):
    (home / "accounts.toml").write_text(accounts_toml(("anna", [LINKEDIN])))
    line = refused_in_one_line(run_cli(["recheck", "--account", "nobody"], cli_env))
    assert "--account nobody: no such account (accounts: anna)" in line


def test_recheck_with_nothing_switched_off_says_so_and_exits_0(cli_env, home, tmp_path):
    env = {**cli_env, "OBJECTOR_HOME": str(tmp_path / "none")}
    result = run_cli(["recheck", "--older-than", "30d"], env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Nothing to re-check: no setting has been switched off with objector yet" in result.stdout
    assert not (tmp_path / "none").exists()  # reading created no home
    (home / "accounts.toml").write_text(accounts_toml(("anna", [FORM])))
    record_form(home, "anna", FORM, at=utc_now() - timedelta(days=100))
    result = run_cli(["recheck"], cli_env)  # a confirmed form is never re-checked
    assert result.returncode == 0 and "Nothing to re-check" in result.stdout
    assert "browser" not in result.stdout  # no browser was looked for


def test_recheck_names_a_setting_found_on_again_and_the_command_for_it(cli_env, home):
    now = utc_now()
    (home / "accounts.toml").write_text(accounts_toml(("ben", [LINKEDIN])))
    record_setting(home, "ben", LINKEDIN, at=now - timedelta(days=60))
    record_setting(home, "ben", LINKEDIN, at=now - timedelta(days=2), outcome="turned-back")
    result = run_cli(["recheck"], cli_env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "Nothing to re-check."
    assert lines[0].startswith(f"ben · {LINKEDIN}: turned on again on ")
    assert lines[0].endswith(" run` to set it again (you will be asked first)")


def test_status_shows_setting_checks_and_what_to_do(cli_env, home):
    now = utc_now()
    (home / "accounts.toml").write_text(
        accounts_toml(("anna", [LINKEDIN, FORM]), ("ben", [LINKEDIN]), ("carl", [LINKEDIN]))
    )
    record_setting(home, "anna", LINKEDIN, at=now - timedelta(days=45, hours=1))
    record_form(home, "anna", FORM, at=now - timedelta(days=45))
    record_setting(home, "ben", LINKEDIN, at=now - timedelta(days=90))
    back = now - timedelta(days=1)
    record_setting(home, "ben", LINKEDIN, at=back, outcome="turned-back")
    record_setting(home, "carl", LINKEDIN, at=now - timedelta(days=3), outcome="still-set")
    result = run_cli(["status"], cli_env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    advice = [line for line in out.splitlines() if " · " in line and "│" not in line]
    assert len(advice) == 2, out
    assert advice[0].startswith(f"anna · {LINKEDIN}: not checked for 45 days — run `")
    assert advice[0].endswith(" recheck`")
    assert advice[1].startswith(f"ben · {LINKEDIN}: turned on again on {back.day} {back:%b}") or advice[
        1
    ].startswith(f"ben · {LINKEDIN}: turned on again on {back.day} {back:%b %Y}")
    assert advice[1].endswith(" run`")
    rows = [line for line in out.splitlines() if "│" in line]
    carl = next(r for r in rows if "carl" in r)
    assert "still-set" in carl and f"checked {now - timedelta(days=3):%Y-%m-%d}" in carl
    form = next(r for r in rows if FORM in r)
    assert "confirmed" in form and "checked" not in form and "not checked" not in form
    verified = run_cli(["verify"], cli_env)
    assert verified.returncode == 0 and "Proof intact" in verified.stdout
