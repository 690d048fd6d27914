"""Trusted time-stamps (RFC 3161) of the ledger head, against a TSA on loopback (no network).

The TSA is OpenSSL's ``ts -reply`` behind a tiny HTTP handler (``tsa_helpers.py``), with a CA and
a TSA certificate made for the test; ``OBJECTOR_TSA_CAFILE`` names that CA, as a person would name
the root of a TSA that is not in the system's trust store.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import refused_in_one_line, run_cli
from setting_helpers import record_setting
from tsa_helpers import TSA_NAME, local_tsa

from assistant.config.settings import Settings, load_settings
from assistant.errors import UserError
from assistant.proof import stamps
from assistant.proof.ledger import Ledger

pytestmark = pytest.mark.cli


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory):
    with local_tsa(tmp_path_factory.mktemp("tsa")) as server:
        yield server


@pytest.fixture
def env(cli_env: dict[str, str], tsa) -> dict[str, str]:
    return {**cli_env, "OBJECTOR_TSA_URL": tsa.url, "OBJECTOR_TSA_CAFILE": str(tsa.cafile)}


def _record(home: Path, flow: str = "linkedin-ai-setting") -> dict:
    """One attempt with its files and ledger entry, as a run writes it."""
    return record_setting(home, "anna-linkedin", flow, at=datetime.now(UTC))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stamp_entries(home: Path) -> list[dict]:
    return [e for e in Ledger(home).entries() if e.get("kind") == "stamp"]


def _two_stamps(home: Path, env: dict[str, str]) -> list[dict]:
    _record(home)
    assert run_cli(["stamp"], env).returncode == 0
    _record(home, "linkedin-ai-setting-2")
    assert run_cli(["stamp"], env).returncode == 0
    return _stamp_entries(home)


def test_stamp_chains_a_token_into_the_ledger_and_verify_names_the_tsa(home, env):
    _record(home)
    head = Ledger(home).entries()[-1]
    result = run_cli(["stamp"], env)
    assert result.returncode == 0, result.stderr
    assert f"Time-stamped the ledger head by {TSA_NAME} at " in result.stdout
    (entry,) = _stamp_entries(home)
    assert entry["head"] == head["hash"] and entry["head_seq"] == head["seq"]
    assert entry["prev"] == head["hash"]  # the stamp is itself an entry of the chain
    assert (home / entry["token"]).is_file() and (home / entry["chain"]).is_file()
    assert (home / entry["token"]).stat().st_mode & 0o777 == 0o600
    assert not list((home / "stamps").glob(".*"))  # no temporary files left

    again = run_cli(["stamp"], env)
    assert "already time-stamped" in again.stdout and len(_stamp_entries(home)) == 1

    verify = run_cli(["verify"], env)
    assert verify.returncode == 0, verify.stdout
    assert f"time-stamped by {TSA_NAME} at {entry['time']}: ledger entry {head['seq']}" in verify.stdout
    assert "Proof intact" in verify.stdout


def test_a_home_with_two_stamps_verifies_and_openssl_agrees_on_the_export(home, env, tmp_path):
    first, second = _two_stamps(home, env)
    assert second["head_seq"] == first["seq"] + 1  # the second covers the first stamp too
    verify = run_cli(["verify"], env)
    assert verify.returncode == 0, verify.stdout
    assert verify.stdout.count("time-stamped by") == 2
    print(verify.stdout)  # the transcript, for the record (pytest -s)

    status = run_cli(["status"], env)
    assert f"the ledger head is time-stamped ({TSA_NAME} at {second['time']})" in status.stdout

    dest = tmp_path / "proof.zip"
    exported = run_cli(["export", str(dest)], env)
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(dest) as archive:
        names = set(archive.namelist())
        for entry in (first, second):
            assert {entry["token"], entry["chain"]} <= names
        how_to = archive.read(stamps.HOW_TO_NAME).decode()
        archive.extractall(tmp_path / "unpacked")
    assert "openssl ts -verify" in how_to
    # every command the text gives works as written, from the unpacked folder
    commands = [line.strip() for line in how_to.splitlines() if line.strip().startswith("openssl ts -verify")]
    assert len(commands) == 2
    for command in commands:
        checked = subprocess.run(command.split(), cwd=tmp_path / "unpacked", capture_output=True, text=True)
        assert "Verification: OK" in checked.stdout, checked.stderr


def test_report_shows_each_token_with_its_details(home, env):
    first, second = _two_stamps(home, env)
    result = run_cli(["report"], env)
    assert result.returncode == 0, result.stderr
    page = (home / "report" / "objector-report.html").read_text()
    assert "Trusted time-stamps (RFC 3161)" in page
    for entry in (first, second):
        assert entry["imprint"] in page and entry["token"] in page and entry["time"] in page
    assert "does not verify" not in page


def test_a_tampered_token_fails_verify_naming_it(home, env):
    first, _second = _two_stamps(home, env)
    token = home / first["token"]
    data = bytearray(token.read_bytes())
    data[-20] ^= 0x01  # inside the signature
    token.write_bytes(bytes(data))
    result = run_cli(["verify"], env)
    assert result.returncode == 1
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("stamp:")]
    assert first["token"] in line and "does not verify" in line
    assert "Proof NOT intact" in result.stdout


def test_a_token_for_another_head_fails_verify(home, env):
    first, second = _two_stamps(home, env)
    (home / second["token"]).write_bytes((home / first["token"]).read_bytes())
    result = run_cli(["verify"], env)
    assert result.returncode == 1
    wrong = f"stamp: {second['token']} — the time-stamp token does not verify: it was issued for another"
    assert f"{wrong} ledger head" in result.stdout


def test_without_the_tsa_root_as_trust_anchor_the_token_is_refused(home, env):
    _record(home)
    untrusting = {k: v for k, v in env.items() if k != "OBJECTOR_TSA_CAFILE"}
    result = run_cli(["stamp"], untrusting)
    assert result.returncode == 1
    assert "does not chain to a trusted root" in result.stdout and "OBJECTOR_TSA_CAFILE" in result.stdout
    assert not _stamp_entries(home)
    assert run_cli(["stamp"], env).returncode == 0
    verify = run_cli(["verify"], untrusting)  # a reader who does not trust that root
    assert verify.returncode == 1 and "does not chain to a trusted root" in verify.stdout


def test_an_unreachable_tsa_leaves_the_stamp_pending_until_the_next_stamp(home, env, tsa):
    _record(home)
    offline = {**env, "OBJECTOR_TSA_URL": f"http://127.0.0.1:{_closed_port()}/tsa"}
    started = time.monotonic()
    result = run_cli(["stamp"], offline)
    took = time.monotonic() - started
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Time-stamp pending: ") and "Traceback" not in lines[0]
    assert took < 5, took  # quick: a refused connection is not waited for
    assert not _stamp_entries(home)
    status = run_cli(["status"], offline)
    assert "Time-stamps: pending for 1 ledger entry (none yet)" in status.stdout

    _record(home, "linkedin-ai-setting-2")  # more entries while offline: one stamp covers them all
    assert run_cli(["stamp"], env).returncode == 0
    (entry,) = _stamp_entries(home)
    assert entry["head_seq"] == 2
    assert "Time-stamps: the ledger head is time-stamped" in run_cli(["status"], env).stdout


def test_tsa_answers_are_tried_in_order(home, tsa):
    _record(home)
    tsa.fail = True
    try:
        result = stamps.stamp(home, (tsa.url,), tsa.cafile)
    finally:
        tsa.fail = False
    assert result.state == "pending" and "HTTP 500" in result.line()
    down = f"http://127.0.0.1:{_closed_port()}/tsa"
    result = stamps.stamp(home, (down, tsa.url), tsa.cafile)
    assert result.state == "stamped" and result.entry is not None and result.entry["tsa"] == tsa.url


def test_off_asks_no_one(home, env, tsa):
    _record(home)
    asked = len(tsa.requests)
    off = {**env, "OBJECTOR_TSA_URL": "off"}
    result = run_cli(["stamp"], off)
    assert result.returncode == 0 and "off" in result.stdout
    assert len(tsa.requests) == asked and not _stamp_entries(home)
    assert "Time-stamps: off (OBJECTOR_TSA_URL=off)" in run_cli(["status"], off).stdout


@pytest.mark.parametrize("value", ["ftp://tsa.example", "timestamp.digicert.com", "http://a.example, nope"])
def test_a_bad_tsa_url_is_one_line_naming_the_setting(home, env, value):
    line = refused_in_one_line(run_cli(["stamp"], {**env, "OBJECTOR_TSA_URL": value}))
    assert "OBJECTOR_TSA_URL=" in line and "http:// or https://" in line


def test_a_bad_cafile_is_one_line_naming_the_setting(home, env, tmp_path):
    _record(home)
    missing = refused_in_one_line(
        run_cli(["stamp"], {**env, "OBJECTOR_TSA_CAFILE": str(tmp_path / "no.pem")})
    )
    assert "OBJECTOR_TSA_CAFILE=" in missing and "no such file" in missing
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    line = refused_in_one_line(run_cli(["stamp"], {**env, "OBJECTOR_TSA_CAFILE": str(junk)}))
    assert "holds no PEM certificate" in line


def test_settings_read_the_tsa_list(clean_env):
    assert load_settings({}).tsa_urls == stamps.DEFAULT_TSA_URLS
    assert load_settings({"OBJECTOR_TSA_URL": "off"}).tsa_urls == ()
    two = load_settings({"OBJECTOR_TSA_URL": "http://a.example/tsr, https://b.example"})
    assert two.tsa_urls == ("http://a.example/tsr", "https://b.example")
    with pytest.raises(UserError, match="OBJECTOR_TSA_URL"):
        load_settings({"OBJECTOR_TSA_URL": "http://a.example:port"})


def test_a_run_stamps_at_its_end_but_a_practice_run_asks_no_public_tsa(home, tsa):
    _record(home)
    said: list[str] = []
    practice = Settings(home=home, site_map="help.instagram.com=http://127.0.0.1:9", tsa_cafile=tsa.cafile)
    stamps.after_run(practice, said.append, said.append)
    assert said == [] and not _stamp_entries(home)
    chosen = practice.model_copy(update={"tsa_url": tsa.url})  # set on purpose: asked even in practice
    stamps.after_run(chosen, said.append, said.append)
    assert len(said) == 1 and said[0].startswith("time-stamped the ledger head by")
    offline = chosen.model_copy(update={"tsa_url": f"http://127.0.0.1:{_closed_port()}"})
    _record(home, "linkedin-ai-setting-2")
    stamps.after_run(offline, said.append, said.append)
    assert said[-1].startswith("time-stamp pending:")


def test_runner_calls_the_stamp_after_a_run():
    """The run's end is the one place a stamp is taken automatically (``runner.execute``)."""
    import inspect

    from assistant import runner

    source = inspect.getsource(runner.execute)
    assert "after_run(settings, reporter.ok, reporter.warn)" in source


def test_a_ledger_without_stamps_verifies_as_before(home, env):
    _record(home)
    result = run_cli(["verify"], env)
    assert result.returncode == 0 and "time-stamped" not in result.stdout
    assert json.loads(Ledger(home).path.read_text().splitlines()[0])["seq"] == 1


@pytest.mark.browser
def test_a_real_run_ends_with_a_stamp_of_its_last_entry(home, tsa):
    """A practice run with OBJECTOR_TSA_URL set on purpose stamps the head it leaves."""
    from practice_helpers import account, run_practice

    from assistant.practice import PracticeConfig, PracticeSite

    overrides = {"tsa_url": tsa.url, "tsa_cafile": tsa.cafile}
    with PracticeSite(PracticeConfig(auto_login=True, auto_login_key_ms=2, auto_login_delay=0.3)) as site:
        result = run_practice(home, site, [account()], ["y"], logged_in=True, settings_overrides=overrides)
    assert result.summary.exit_code == 0, result.output
    assert f"time-stamped the ledger head by {TSA_NAME}" in result.output
    *before, stamp = Ledger(home).entries()
    assert stamp["kind"] == "stamp" and stamp["head"] == before[-1]["hash"]
    assert before[-1]["outcome"] == "confirmed"
    checks, waiting = stamps.check_stamps(home, tsa.cafile)
    assert [c.problem for c in checks] == [None] and waiting == 0  # nothing after the stamp


def test_a_token_left_by_removed_ledger_lines_is_named(home, env):
    _first, second = _two_stamps(home, env)
    ledger = Ledger(home).path
    ledger.write_text("\n".join(ledger.read_text().splitlines()[:-2]) + "\n")  # the last two lines go
    result = run_cli(["verify"], env)
    assert result.returncode == 1
    assert (
        f"stamp: {second['token']} — a time-stamp token of {second['time']} for a ledger head that is not in "
        "this ledger: entries were removed or the ledger was replaced"
    ) in result.stdout


def test_a_token_whose_entry_was_never_written_is_said_not_failed(home, tsa):
    _record(home)
    (entry,) = [stamps.stamp(home, (tsa.url,), tsa.cafile).entry]
    assert entry is not None
    ledger = Ledger(home).path
    ledger.write_text(
        "\n".join(ledger.read_text().splitlines()[:-1]) + "\n"
    )  # as if killed before the append
    checks, waiting = stamps.check_stamps(home, tsa.cafile)
    assert [c.problem for c in checks] == [None] and waiting == 1
    assert "but not recorded (a stamp was cut short)" in checks[0].line
