"""Fault injection: a killed objector, a killed browser, a failing, hanging or slow
site, and a read-only or full disk. After each, the proof must still verify, no
temporary file may be left, and no (account, flow) may be submitted twice.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_helpers import account_toml, run_cli
from fault_helpers import (
    LOGGED_IN_FAST,
    HangingServer,
    RunningCli,
    browser_processes,
    has_outcome,
    kill_pids,
    ledger_entries,
    outcomes,
    per_host,
    reap,
    run_inprocess,
    site_map_with,
    temp_files,
    wait_until,
)
from practice_helpers import account
from scripted_human import ScriptedHuman

from assistant import storage
from assistant.practice import PracticeConfig, PracticeSite
from assistant.proof.ledger import Ledger
from assistant.proof.verify import verify_home
from assistant.storage import StorageError, atomic_write

pytestmark = [pytest.mark.browser]

INSTAGRAM = "help.instagram.com"
FACEBOOK = "www.facebook.com"


@pytest.fixture
def site():
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as running:
        yield running


@pytest.fixture
def env(cli_env, site):
    return {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}


@pytest.fixture
def started(tmp_path):
    """objector processes a test starts; killed (by id) and reaped with their browsers afterwards."""
    made: list[RunningCli] = []

    def start(args: list[str], env: dict[str, str]) -> RunningCli:
        cli = RunningCli.start(args, env, tmp_path / f"run{len(made) + 1}")
        made.append(cli)
        return cli

    yield start
    for cli in made:
        cli.cleanup()


def _one_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got:\n{text}"
    assert "Traceback" not in text
    return lines[0]


def _assert_intact(home: Path, env: dict[str, str]) -> None:
    """objector verify passes, and no temporary file of an atomic write is left anywhere."""
    checked = run_cli(["verify"], env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Proof intact" in checked.stdout
    assert temp_files(home) == []


def _write_accounts(home: Path, *tables: str) -> None:
    (home / "accounts.toml").write_text("\n".join(tables), encoding="utf-8")


# ------------------------------------------------------------ killed objector
@pytest.mark.cli
def test_killed_while_waiting_for_approval_resumes_and_submits_once(home, env, site, started):
    _write_accounts(home, account_toml(language="en"))
    cli = started(["run"], env)  # stdin stays open: nobody has answered yet
    wait_until(lambda: has_outcome(home, "awaiting-approval"), 90, what="the approval question")
    cli.kill()
    reap(cli.descendants)
    assert site.submissions == []  # nothing is sent while the question is open

    second = run_cli(["run"], env, stdin="y\n")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "cut short" in second.stdout  # the killed attempt is closed in the books
    assert per_host(site) == {INSTAGRAM: 1}
    interrupted = [e for e in ledger_entries(home) if e.get("outcome") == "interrupted"]
    assert len(interrupted) == 1 and interrupted[0]["submitted"] is False and interrupted[0]["recovered"]
    assert "form.png" in interrupted[0]["files"]
    _assert_intact(home, env)


@pytest.mark.cli
def test_killed_right_after_the_submit_click_is_never_submitted_again_on_its_own(
    home, env, site, started, monkeypatch
):
    _write_accounts(home, account_toml(language="en"))
    cli = started(["run"], env)
    store = site.state.add_submission

    def store_then_kill(submission):
        store(submission)
        cli.remember_children()
        os.kill(cli.pid, signal.SIGKILL)  # the form has just been accepted by the site

    monkeypatch.setattr(site.state, "add_submission", store_then_kill)
    cli.answer("y\n")
    assert cli.wait(90) == -signal.SIGKILL
    monkeypatch.setattr(site.state, "add_submission", store)
    reap(cli.descendants)
    assert per_host(site) == {INSTAGRAM: 1}
    # "sent" when the gate had written it before the kill, else "submitting": then it is unknown
    cut_at = outcomes(home)[-1]
    assert cut_at in ("submitting", "sent")

    # A plain run must not send it again, even with a "y" waiting on stdin.
    resumed = run_cli(["run"], env, stdin="y\ny\n")
    assert resumed.returncode == 1, resumed.stdout + resumed.stderr
    assert "--again" in resumed.stdout
    assert "Submit now?" not in resumed.stdout
    assert per_host(site) == {INSTAGRAM: 1}
    recovered = next(e for e in ledger_entries(home) if e.get("recovered"))
    assert recovered["submitted"] is True
    if cut_at == "sent":
        assert recovered["outcome"] == "interrupted" and "not confirmed" in resumed.stdout
    else:  # the person was asked, with keys a typed-ahead "y" does not answer; the default keeps it
        assert recovered["outcome"] == "unknown" and "may or may not have reached" in resumed.stdout
        assert "kept as sent" in resumed.stdout

    # --again asks, and "n" still sends nothing.
    declined = run_cli(["run", "--again"], env, stdin="n\n")
    assert declined.returncode == 1, declined.stdout + declined.stderr
    assert "Submit now?" in declined.stdout
    assert per_host(site) == {INSTAGRAM: 1}
    _assert_intact(home, env)


@pytest.mark.cli
def test_killed_while_writing_the_proof_leaves_no_temp_file_and_no_second_submission(
    home, env, site, started
):
    _write_accounts(home, account_toml(language="en"))
    cli = started(["run"], env)
    cli.answer("y\n")

    wait_until(lambda: site.submissions, 90, what="the submission")
    folder = wait_until(lambda: next(home.glob("evidence/*/*/*/form.png"), None), 10).parent

    def proof_being_written() -> bool:  # a temporary file of the screenshot, or the screenshot itself
        return any(folder.glob(".confirmation.*.tmp")) or (folder / "confirmation.png").exists()

    wait_until(proof_being_written, 60, interval=0.0005, what="the confirmation screenshot")
    cli.kill()
    reap(cli.descendants)
    assert per_host(site) == {INSTAGRAM: 1}
    confirmed_before_kill = "confirmed" in outcomes(home)

    again = run_cli(["run"], env, stdin="y\ny\n")
    assert per_host(site) == {INSTAGRAM: 1}, again.stdout
    assert "Submit now?" not in again.stdout
    if confirmed_before_kill:  # the kill came after the last ledger entry: nothing left to do
        assert again.returncode == 0 and "already done" in again.stdout
    else:
        assert again.returncode == 1, again.stdout + again.stderr
        assert "not confirmed" in again.stdout
        assert ledger_entries(home)[-1]["submitted"] is True
    _assert_intact(home, env)


# ------------------------------------------------------------- killed browser
@pytest.mark.cli
def test_killed_browser_ends_that_account_clearly_and_the_run_goes_on(home, env, site, started):
    _write_accounts(
        home,
        account_toml(name="first-instagram", language="en"),
        account_toml(name="second-facebook", platform="facebook", language="en"),
    )
    cli = started(["run"], env)
    wait_until(
        lambda: has_outcome(home, "awaiting-approval", "first-instagram"),
        90,
        what="the first approval question",
    )
    browsers = wait_until(lambda: browser_processes(cli.pid), 10, what="Chromium under objector")
    kill_pids(browsers)
    reap(browsers, 10)
    cli.answer("y\ny\n")  # the person answers y, not knowing the window is gone
    code = cli.wait(120)
    out = cli.stdout()
    assert code == 1, out + cli.stderr()
    assert "Traceback" not in out + cli.stderr()
    assert "browser window was closed" in out
    assert per_host(site) == {FACEBOOK: 1}  # the next account went on and was confirmed
    _assert_intact(home, env)
    # Nothing reached the site for the first account, so its proof must not claim it was sent
    # (otherwise the next run refuses to submit it: "submitted … but not confirmed").
    first = [e for e in ledger_entries(home) if e.get("account") == "first-instagram"]
    assert first[-1]["outcome"] == "interrupted"
    assert first[-1]["submitted"] is False, (
        "ledger says the first account's form was submitted, but the browser was already gone: "
        f"{[(e['outcome'], e.get('submitted')) for e in first]}"
    )


# ----------------------------------------------------- failing, hanging, slow
def test_hanging_host_and_server_error_fail_clearly_and_the_run_goes_on(home):
    """The Facebook host accepts and never answers; the next account's site answers 500."""
    with HangingServer() as hang, PracticeSite(PracticeConfig(**LOGGED_IN_FAST, error_status=500)) as broken:
        site_map = site_map_with(broken, www_facebook_com=hang.origin)
        started = time.monotonic()
        accounts = [account("hang-facebook", "facebook"), account("error-instagram")]
        result = run_inprocess(
            home, site_map, accounts, ScriptedHuman(["y", "y"]), page_timeout=2, step_timeout=3
        )
        took = time.monotonic() - started
        assert hang.accepted >= 1
    assert result.summary.exit_code == 1, result.output
    assert broken.submissions == []
    hung, failed = result.record_of("hang-facebook"), result.record_of("error-instagram")
    assert hung["outcome"] == "failed" and "could not open" in hung["message"], hung["message"]
    assert failed["outcome"] == "failed" and "HTTP 500" in failed["message"], failed["message"]
    assert "\n" not in hung["message"] and "\n" not in failed["message"]
    assert took < 60, f"a hanging host held the run for {took:.0f}s"
    assert verify_home(home).ok, verify_home(home).problems
    assert temp_files(home) == []
    assert [e["outcome"] for e in ledger_entries(home)] == ["failed", "failed"]


def test_slow_site_within_the_timeouts_still_confirms(home, site, monkeypatch):
    from assistant.practice import server

    route = server.route

    def slow_route(*args, **kwargs):
        time.sleep(0.5)
        return route(*args, **kwargs)

    monkeypatch.setattr(server, "route", slow_route)
    result = run_inprocess(home, site.site_map, [account()], ScriptedHuman(["y"]), page_timeout=3)
    assert result.summary.exit_code == 0, result.output
    assert per_host(site) == {INSTAGRAM: 1}
    assert verify_home(home).ok and temp_files(home) == []


# ------------------------------------------------------ read-only, full disk
def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)], capture_output=True
    )
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture
def small_home(tmp_path):
    """A home on its own small tmpfs (root only), or None where mounting is not possible."""
    path = tmp_path / "mounted-home"
    path.mkdir(mode=0o700)
    if not _mount_tmpfs(path, "1m"):
        yield None
        return
    try:
        yield path
    finally:
        _umount(path)


@pytest.mark.cli
def test_read_only_home_gives_one_line_and_exit_2_and_keeps_the_ledger(small_home, home, cli_env):
    target = small_home or home
    env = {**cli_env, "OBJECTOR_HOME": str(target)}
    _write_accounts(target, account_toml(language="en"))
    Ledger(target).append(
        account="anna-instagram",
        flow="instagram-ai-objection",
        outcome="declined",
        attempt="evidence/anna-instagram/instagram-ai-objection/20260101T000000Z",
        files={},
    )
    before = (target / "ledger.jsonl").read_bytes()
    if small_home is not None:
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True, capture_output=True)
    else:
        if os.geteuid() == 0:
            pytest.skip("root ignores permissions and tmpfs cannot be mounted here")
        target.chmod(0o500)
    try:
        for args, stdin in (
            (["run"], "y\n"),
            (
                [
                    "accounts",
                    "add",
                    "--name",
                    "ben-facebook",
                    "--platform",
                    "facebook",
                    "--email",
                    "ben@example.org",
                    "--country",
                    "FR",
                    "--language",
                    "fr",
                ],
                "",
            ),
        ):
            result = run_cli(args, env, stdin=stdin, cwd=target.parent)
            assert result.returncode == 2, (args, result.stdout, result.stderr)
            line = _one_line(result.stderr)
            assert line.startswith("objector: ") and str(target) in line, line
            assert "Read-only file system" in line or "Permission denied" in line, line
        assert (target / "ledger.jsonl").read_bytes() == before
        assert verify_home(target).ok
    finally:
        if small_home is None:
            target.chmod(0o700)
    assert temp_files(target) == []


def _fill_up(path: Path) -> None:
    """Write zeros into ``path`` until the file system has no byte left."""
    with path.open("wb", buffering=0) as fh:
        for size in (1 << 16, 1):
            try:
                while fh.write(b"\0" * size):
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC


@pytest.mark.cli
def test_full_disk_stops_with_one_line_and_leaves_no_half_written_file(small_home, env, cli_env, site):
    if small_home is None:
        pytest.skip("cannot mount a small tmpfs here (needs root); storage is covered in-process below")
    env = {**env, "OBJECTOR_HOME": str(small_home)}
    _write_accounts(small_home, account_toml(language="en"))
    _fill_up(small_home / "filler")  # not a byte left for the browser profile or the proof
    result = run_cli(["run"], env, stdin="y\n", cwd=small_home.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    line = _one_line(result.stderr)
    assert "No space left on device" in line and str(small_home) in line, line
    assert site.submissions == []
    assert temp_files(small_home) == []
    assert verify_home(small_home).ok, verify_home(small_home).problems
    Ledger(small_home).entries()  # still parses


# ------------------------------------------------ storage layer, in-process
def _enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("syscall", ["replace", "fsync", "chmod"])
def test_atomic_write_failing_at_any_step_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch, syscall):
    target = tmp_path / "private" / "record.json"
    atomic_write(target, "old content\n")
    monkeypatch.setattr(storage.os, syscall, _enospc)
    with pytest.raises(StorageError) as err:
        atomic_write(target, "new content that would be half-written\n")
    monkeypatch.undo()
    assert "No space left on device" in str(err.value) and "\n" not in str(err.value)
    assert target.read_text() == "old content\n"
    assert [p.name for p in target.parent.iterdir()] == ["record.json"]


def test_atomic_write_with_a_short_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "private" / "form.png"
    atomic_write(target, b"\x89PNG old")
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])  # half of it reaches the disk, then it is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

    monkeypatch.setattr(storage.os, "fdopen", lambda fd, mode: FullFile(real_fdopen(fd, mode)))
    with pytest.raises(StorageError):
        atomic_write(target, b"\x89PNG new and much longer " * 100)
    monkeypatch.undo()
    assert target.read_bytes() == b"\x89PNG old"
    assert [p.name for p in target.parent.iterdir()] == ["form.png"]


def test_ledger_append_on_a_full_disk_leaves_the_ledger_as_it_was(home, monkeypatch):
    ledger = Ledger(home)
    for outcome in ("awaiting-approval", "declined"):
        ledger.append(
            account="anna-instagram",
            flow="instagram-ai-objection",
            outcome=outcome,
            attempt="evidence/anna-instagram/instagram-ai-objection/20260101T000000Z",
            files={},
        )
    before = ledger.path.read_bytes()
    monkeypatch.setattr(storage.os, "replace", _enospc)
    with pytest.raises(StorageError):
        ledger.append(account="anna-instagram", flow="instagram-ai-objection", outcome="confirmed")
    monkeypatch.undo()
    assert ledger.path.read_bytes() == before
    assert verify_home(home).ok
    assert temp_files(home) == []
    assert [e["outcome"] for e in ledger.entries()] == ["awaiting-approval", "declined"]
