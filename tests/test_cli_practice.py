"""``objector run`` and ``objector demo`` as subprocesses against the practice site."""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import time
import zipfile

import pytest
from cli_helpers import account_toml, run_cli
from practice_helpers import read_record

from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.outcome import PRACTICE_MARK

pytestmark = [pytest.mark.cli, pytest.mark.browser]


def _attempts(home):
    return sorted((home / "evidence").glob("*/*/*/record.json"))


def test_demo_no_submits_nothing_and_exits_1_and_removes_its_temporary_home(cli_env, tmp_path):
    env = {**cli_env, "TMPDIR": str(tmp_path), "COLUMNS": "400"}  # long paths on one line
    result = run_cli(["demo", "--auto-login"], env, stdin="n\n" * 10)
    assert result.returncode == 1
    assert "received 0 submissions" in result.stdout
    assert "Summary: 0 confirmed" in result.stdout
    (used,) = set(re.findall(r"home: (\S+objector-demo-\w+)", result.stdout))
    assert not pathlib.Path(used).exists() and not list(tmp_path.glob("objector-demo-*"))
    assert "now deleted; to keep it:" in result.stdout and "demo --home DIR" in result.stdout
    assert "Proof:" not in result.stdout  # no hint to a folder that is gone


def test_demo_after_a_login_timeout_names_no_folder_it_then_deletes(cli_env, tmp_path):
    env = {**cli_env, "TMPDIR": str(tmp_path), "OBJECTOR_LOGIN_TIMEOUT": "3"}
    result = run_cli(["demo", "--service", "linkedin"], env)  # nobody logs in
    assert result.returncode == 1, result.stdout + result.stderr
    assert "not logged in after 3s" in result.stdout and "now deleted; to keep it:" in result.stdout
    assert "details:" not in result.stdout and not list(tmp_path.glob("objector-demo-*"))


def test_a_closed_terminal_during_the_demo_still_deletes_its_temporary_home(cli_env, tmp_path):
    """SIGHUP (the terminal window closed) while the demo waits for an answer: it stops as with
    Ctrl-C, sends nothing, and its temporary home is deleted."""
    import signal
    import subprocess
    import threading

    from cli_helpers import find_objector

    env = {**cli_env, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        [*find_objector(), "demo", "--auto-login"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
    )  # fmt: skip
    seen = bytearray()  # read as it comes: the question ends without a line break

    def read() -> None:
        for chunk in iter(lambda: proc.stdout.read1(4096), b""):
            seen.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    deadline = time.monotonic() + 90
    while b"Submit now?" not in seen and time.monotonic() < deadline:
        time.sleep(0.2)
    assert list(tmp_path.glob("objector-demo-*")), seen.decode()
    proc.send_signal(signal.SIGHUP)
    assert proc.wait(timeout=60) != 0
    reader.join(timeout=10)
    out = seen.decode()
    assert "received 0 submissions" in out and "Traceback" not in out
    assert not list(tmp_path.glob("objector-demo-*")), out


def test_demo_german_with_code_step(cli_env, tmp_path):
    demo_home = tmp_path / "demo"
    # The practice code is random: answer with a wrong code; the demo shows the real one.
    result = run_cli(
        ["demo", "--auto-login", "--language", "de", "--code-step", "--home", str(demo_home)],
        cli_env,
        stdin="y\n000000\n",
    )
    assert "Practice e-mail to anna@example.org" in result.stdout
    assert result.returncode == 1


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")
def test_demo_in_a_visible_browser_under_xvfb(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "OBJECTOR_HEADLESS"}
    import subprocess

    from cli_helpers import find_objector

    result = subprocess.run(
        ["xvfb-run", "-a", *find_objector(), "demo", "--auto-login", "--home", str(tmp_path / "demo")],
        input="y\ny\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(_attempts(tmp_path / "demo")) == 2


def test_run_with_code_step_and_status(cli_env, home):
    with PracticeSite(
        PracticeConfig(
            auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3, code_step=True, code="246810"
        )
    ) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml(language="de"))
        result = run_cli(["run"], env, stdin="y\n246810\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(site.confirmed) == 1
        status = run_cli(["status"], env)
        assert "confirmed" in status.stdout and "anna-instagram" in status.stdout
        again = run_cli(["run"], env, stdin="")
        assert again.returncode == 0 and len(site.submissions) == 1


def test_verify_report_export_and_forget_evidence_on_demo_proof(cli_env, tmp_path):
    """The demo confirms both accounts (a second demo finds them done); then every proof command on
    what it kept."""
    demo_home = tmp_path / "demo"
    result = run_cli(["demo", "--auto-login", "--home", str(demo_home)], cli_env, stdin="y\ny\n")
    assert result.returncode == 0, result.stdout + result.stderr
    records = [read_record(p) for p in _attempts(demo_home)]
    assert sorted(r["account"] for r in records) == ["anna-facebook", "anna-instagram"]
    assert "received 2 submissions (2 confirmed)" in result.stdout
    again = run_cli(["demo", "--auto-login", "--home", str(demo_home)], cli_env, stdin="")
    assert again.returncode == 0 and "already done" in again.stdout
    env = {**cli_env, "OBJECTOR_HOME": str(demo_home)}
    ok = run_cli(["verify"], env)
    assert ok.returncode == 0 and "Proof intact" in ok.stdout
    for path in (demo_home / "evidence").glob("*/*/*"):
        assert {"form.png", "confirmation.png", "form.mhtml", "confirmation.mhtml", "record.json"} <= {
            p.name for p in path.iterdir()
        }
    _practice_everywhere(result.stdout, demo_home, env, tmp_path)
    made = run_cli(["report", "--pdf"], env)
    assert made.returncode == 0, made.stderr
    assert (demo_home / "report" / "objector-report.html").is_file()
    assert "PDF:" in made.stdout
    exported = run_cli(["export", str(tmp_path / "proof.zip")], env)
    assert exported.returncode == 0 and (tmp_path / "proof.zip").is_file()
    assert f"{PRACTICE_MARK}: 2 of the attempts in it were practice" in exported.stdout
    with zipfile.ZipFile(tmp_path / "proof.zip") as archive:
        assert archive.comment.decode().startswith(PRACTICE_MARK)
        report = archive.read("report/objector-report.html").decode()
    assert f"<title>{PRACTICE_MARK}" in report
    shot = next((demo_home / "evidence").glob("anna-instagram/*/*/form.png"))
    shot.write_bytes(shot.read_bytes() + b"x")
    bad = run_cli(["verify"], env)
    assert bad.returncode == 1 and "modified" in bad.stdout and "form.png" in bad.stdout
    refused = run_cli(["export", str(tmp_path / "again.zip")], env)
    assert refused.returncode == 2 and not (tmp_path / "again.zip").exists()
    kept = run_cli(["forget", "anna-instagram", "--evidence", "--yes"], env, stdin="n\n")
    assert kept.returncode == 0 and "Proof kept." in kept.stdout  # keeping it is the person's choice
    assert (demo_home / "evidence" / "anna-instagram").exists()
    gone = run_cli(["forget", "anna-instagram", "--evidence", "--yes"], env, stdin="y\n")
    assert gone.returncode == 0 and not (demo_home / "evidence" / "anna-instagram").exists()
    assert run_cli(["verify"], env).returncode == 0


def _practice_everywhere(out: str, home: pathlib.Path, env: dict[str, str], tmp_path: pathlib.Path) -> None:
    """Demo proof says "practice" in the run's lines, record.json, the ledger, status and the report."""
    assert out.count("Proof:") == 1
    (hint,) = [line for line in out.splitlines() if line.startswith("Proof:")]
    assert f"status --home {home}" in hint
    assert "(practice copy: 127.0.0.1:" in out and "%2F" not in out
    records = [read_record(p) for p in _attempts(home)]
    assert records and all(r["practice"] is True for r in records)
    assert all(r["practice_url"].startswith("http://127.0.0.1:") for r in records)
    assert all(r["form_url"].startswith("https://") for r in records)  # the live address it stands for
    ledger = [json.loads(line) for line in (home / "ledger.jsonl").read_text().splitlines()]
    assert ledger and all(entry.get("practice") is True for entry in ledger)
    status = run_cli(["status"], env)
    assert f"home: {home}" in status.stdout
    assert status.stdout.count("· PRACTICE") == 2 and PRACTICE_MARK in status.stdout
    html = tmp_path / "practice.html"
    assert run_cli(["report", "--out", str(html)], env).returncode == 0
    page = html.read_text()
    assert f"<title>{PRACTICE_MARK}" in page
    assert page.count(f'<div class="warnbox soft"><b>{PRACTICE_MARK}</b></div>') == 2
    assert "Practice address used" in page


def test_doctor_reports_a_working_setup_and_names_a_broken_accounts_file(cli_env, home):
    import json as _json

    result = run_cli(["doctor", "--json"], cli_env)
    data = _json.loads(result.stdout)
    assert result.returncode == 0, result.stdout
    checks = {c["check"]: c for c in data["checks"]}
    assert checks["browser"]["ok"] and "version" in checks["browser"]["detail"]
    assert checks["flows"]["ok"] and "meta-third-party-ai" in checks["flows"]["detail"]
    hosts = checks["Meta's hosts"]  # a warning when offline: doctor still passes
    assert hosts["ok"] or (hosts["warning"] and hosts["detail"].startswith("cannot reach"))
    (home / "accounts.toml").write_text(account_toml(country="Atlantis"))
    broken = run_cli(["doctor"], cli_env)
    assert broken.returncode == 1
    assert "✗ accounts" in broken.stdout and "fix:" in broken.stdout and "country" in broken.stdout


def test_check_reports_every_target_without_submitting(cli_env, home):
    from assistant.config.flows import bundled_flow_dir

    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml())
        # a user copy of the flow that allows a minute for each optional question: a check looks
        # for them as a run does, so the ones absent from this page are not waited for
        text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text()
        text = re.sub(r"optional = true\ntimeout = \d+\n", "optional = true\ntimeout = 60\n", text)
        assert text.count("timeout = 60") >= 4
        (home / "flows").mkdir()
        (home / "flows" / "instagram-ai-objection.toml").write_text(text)
        started = time.monotonic()
        result = run_cli(["check"], env)
        assert time.monotonic() - started < 50, result.stdout
        assert result.returncode == 0, result.stdout + result.stderr
        assert "1 of 1 forms look as the flows expect" in result.stdout
        assert "✓ the box that asks how this processing affects you: found" in result.stdout
        optional = "the box confirming that the information you gave is accurate"
        assert f"! {optional}: not on this page (optional)" in result.stdout
        # in the flow's words: no patterns, and opening and logging in are said once
        assert "/^" not in result.stdout and "candidate" not in result.stdout
        assert result.stdout.count("✓ logged in") == 1 and result.stdout.count("✓ opened") == 1
        # a user copy of the flow whose review_and_submit candidates no longer match the page
        head, tail = text.split('action = "review_and_submit"')
        tail = tail.replace("(send|submit", "(sendx|submitx", 1).replace(
            "form button[type=submit]", "#gone", 1
        )
        (home / "flows" / "instagram-ai-objection.toml").write_text(
            head + 'action = "review_and_submit"' + tail
        )
        missing = run_cli(["check"], env)
        assert missing.returncode == 1
        assert "✗ the Send button: not found — the flow 'review_and_submit' step needs it" in missing.stdout
        assert site.submissions == []


def test_a_trace_is_kept_apart_from_the_proof_and_forget_removes_it(cli_env, home, tmp_path):
    import zipfile

    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml())
        result = run_cli(["run", "--trace"], env, stdin="y\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "session cookies" in result.stdout and "password you type" in result.stdout
    (trace,) = list(home.glob("traces/anna-instagram/*.zip"))
    assert trace.stat().st_size > 1000 and trace.stat().st_mode & 0o777 == 0o600
    assert (home / "traces").stat().st_mode & 0o777 == 0o700
    with zipfile.ZipFile(trace) as archive:  # no DOM snapshots: they would copy typed field values
        events = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".trace"))
    assert b'"frame-snapshot"' not in events
    assert not list(home.glob("evidence/**/trace.zip"))
    (record,) = [json.loads(p.read_text()) for p in home.glob("evidence/*/*/*/record.json")]
    assert record["trace"].startswith("taken") and "trace.zip" not in record["files"]
    assert "trace" not in (home / "ledger.jsonl").read_text()
    assert run_cli(["export", str(tmp_path / "proof.zip")], env).returncode == 0
    with zipfile.ZipFile(tmp_path / "proof.zip") as archive:
        assert not [n for n in archive.namelist() if "trace" in n]
    trace.unlink()  # deleting a trace never touches the proof
    assert run_cli(["verify"], env).returncode == 0
    trace.write_bytes(b"again")
    forgot = run_cli(["forget", "anna-instagram", "--yes"], env)
    assert forgot.returncode == 0 and "Deleted 1 trace of anna-instagram" in forgot.stdout
    assert not (home / "traces" / "anna-instagram").exists()


def test_ctrl_c_while_waiting_for_approval_stops_cleanly(cli_env, home):
    import os
    import signal
    import subprocess
    import time

    from cli_helpers import find_objector

    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.2)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml())
        proc = subprocess.Popen(
            [*find_objector(), "run"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=home,
            start_new_session=True,
        )
        ledger = home / "ledger.jsonl"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and "awaiting-approval" not in (
            ledger.read_text() if ledger.exists() else ""
        ):
            time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 130, out
        assert "Summary:" in out and "Ctrl-C" in out
        assert "Future exception" not in out and "Traceback" not in out
        assert site.submissions == []
    assert run_cli(["verify"], env).returncode == 0
    status = run_cli(["status"], env)
    assert "interrupted" in status.stdout
