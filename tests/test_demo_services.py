"""``objector demo --service …``: the setting flows end to end as a subprocess, on the practice pages."""

from __future__ import annotations

import pytest
from cli_helpers import account_toml, run_cli
from practice_helpers import read_record

pytestmark = [pytest.mark.cli, pytest.mark.browser]


def test_demo_switches_off_ai_training_on_two_services_with_proof(cli_env, tmp_path):
    home = tmp_path / "demo"
    args = ["demo", "--auto-login", "--service", "linkedin", "--service", "tumblr", "--home", str(home)]
    result = run_cli(args, cli_env, stdin="y\n" * 6)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 accounts · 2 settings to do" in result.stdout
    assert "LinkedIn · anna@example.org · Data for Generative AI Improvement: ON → OFF" in result.stdout
    assert "(anna-writes): OFF → ON" in result.stdout and "(anna-photos): OFF → ON" in result.stdout
    assert "saved 3 setting changes; nothing reached LinkedIn, Tumblr." in result.stdout
    records = {r["flow"]: r for r in map(read_record, sorted(home.glob("evidence/*/*/*/record.json")))}
    assert set(records) == {"linkedin-ai-training", "tumblr-third-party-sharing"}
    for record in records.values():
        assert record["outcome"] == "confirmed" and record["kind"] == "setting"
        assert all(s["after_reload"] == s["want"] for s in record["settings"])
        folder = home / "evidence" / record["account"] / record["flow"]
        for n in range(1, len(record["settings"]) + 1):
            for when in ("before", "after"):
                assert list(folder.glob(f"*/setting-{n}-{when}.png")), (folder, n, when)
    blogs = [s["item"] for s in records["tumblr-third-party-sharing"]["settings"]]
    assert blogs == ["anna-writes", "anna-photos"]
    status = run_cli(["status", "--home", str(home)], cli_env)
    assert status.returncode == 0 and "anna-tumblr" in status.stdout and "checked" in status.stdout
    assert run_cli(["verify", "--home", str(home)], cli_env).returncode == 0
    again = run_cli(args, cli_env, stdin="")  # nothing asked: each setting is done
    assert again.returncode == 0 and "already done" in again.stdout and "Ready to switch" not in again.stdout


def test_demo_names_an_unknown_service_in_one_line(cli_env):
    result = run_cli(["demo", "--service", "myspace"], cli_env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "--service myspace" in result.stderr
    assert "linkedin" in result.stderr and "Traceback" not in result.stderr


def test_run_over_two_services_then_recheck_finds_one_turned_on_again(cli_env, home):
    """``objector run`` with one account per service confirms each; the service turns one back on;
    ``objector recheck`` finds it (and only reads), status flags it, and the next run sets it again."""
    from assistant.practice import PracticeConfig, PracticeSite
    from assistant.practice.services import AUTO_LOGIN_USER

    services = ("linkedin", "quora")
    (home / "accounts.toml").write_text(
        "".join(account_toml(name=f"anna-{s}", platform=s, language="en") for s in services)
    )
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        first = run_cli(["run"], env, stdin="y\n" * 2)
        assert first.returncode == 0, first.stdout + first.stderr
        assert "Summary: 2 confirmed" in first.stdout
        site.set_setting("quora", AUTO_LOGIN_USER, "llm-training", True)  # the service turns it back on
        changes = len(site.setting_changes)
        recheck = run_cli(["recheck"], env)
        assert recheck.returncode == 1, recheck.stdout + recheck.stderr
        assert "LinkedIn · anna-linkedin: still off" in recheck.stdout
        assert "Quora · anna-quora: turned ON again" in recheck.stdout
        assert "Switch it" not in recheck.stdout and len(site.setting_changes) == changes  # only read
        status = run_cli(["status"], env)
        assert "anna-quora · quora-llm-training: turned on again on" in " ".join(status.stdout.split())
        again = run_cli(["run"], env, stdin="y\n")
        assert again.returncode == 0, again.stdout + again.stderr
        assert "found on again at the last check" in again.stdout
        assert again.stdout.count("Ready to switch") == 1 and "Quora" in again.stdout
        assert site.setting("quora", AUTO_LOGIN_USER, "llm-training") is False
    assert run_cli(["verify"], cli_env).returncode == 0
