"""Hardening: special files, confined proof paths, traces apart from the proof, one home lock,
ledger schema, unofficial forms, odd homes, no display and a profile held by another browser.

Each test is a regression test for a case that once ended in a traceback, a hang, a silent
loss or a misleading answer. In-process tests come first; ``objector`` subprocesses check
what the person sees (one line, exit 2) end to end.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest
from cli_helpers import account_toml, refused_in_one_line, run_cli

from assistant.config.flows import bundled_flow_dir, load_flows, unofficial_service
from assistant.config.hosts import SiteMap
from assistant.engine.browser import driver
from assistant.errors import UserError
from assistant.proof.evidence import Attempt
from assistant.proof.ledger import Ledger, entry_hash, entry_problem
from assistant.proof.verify import verify_home
from assistant.storage import HomeLock, read_bounded

BUNDLED_IG = bundled_flow_dir() / "instagram-ai-objection.toml"


def _proof(home: Path) -> Attempt:
    """One recorded attempt with two files, as a run leaves it."""
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    attempt.save("form.png", b"\x89PNG fake")
    attempt.write_record({"outcome": "confirmed"})
    attempt.log(Ledger(home), "confirmed", submitted=True)
    return attempt


def _rewrite_entry(home: Path, **changes: object) -> None:
    """Edit the only ledger entry and re-seal its own hash (what a careful forger would do)."""
    path = home / "ledger.jsonl"
    entry = json.loads(path.read_text())
    entry.update(changes)
    entry["hash"] = entry_hash(entry)
    path.write_text(json.dumps(entry) + "\n")


# --------------------------------------------------------------------------- special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "accounts.toml"
    os.mkfifo(fifo)
    done: list[str] = []
    worker = threading.Thread(target=lambda: done.append(_error_of(lambda: read_bounded(fifo))), daemon=True)
    worker.start()
    worker.join(10)
    assert done, "reading a named pipe blocked"
    assert "named pipe (FIFO)" in done[0] and str(fifo) in done[0]


def _error_of(action) -> str:
    try:
        action()
    except UserError as exc:
        return str(exc)
    return "no error"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_never_read(device):
    if not os.path.exists(device):
        pytest.skip("no such device here")
    assert "is a device" in _error_of(lambda: read_bounded(Path(device)))


def test_a_folder_and_an_oversized_file_are_refused(tmp_path):
    assert "is a folder" in _error_of(lambda: read_bounded(tmp_path))
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 2048)
    assert "more than the 1,024 bytes" in _error_of(lambda: read_bounded(big, 1024))
    assert read_bounded(big, 4096) == b"#" * 2048


@pytest.mark.cli
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    "command", [["status"], ["accounts", "list"], ["run"], ["report"], ["export", "x.zip"], ["check"]]
)
def test_cli_accounts_file_as_a_pipe_is_one_line(cli_env, home, command):
    _proof(home)
    os.mkfifo(home / "accounts.toml")
    result = run_cli(command, cli_env, timeout=60)
    if command[0] == "report":
        # it names accounts from the ledger when the accounts file cannot be read; never a hang
        assert result.returncode == 0, result.stdout + result.stderr
    elif command[0] == "export":  # the export would lack it: said, never left out silently
        assert "accounts.toml: is not an ordinary file" in refused_in_one_line(result)
    else:
        assert "accounts.toml: is a named pipe" in refused_in_one_line(result)


@pytest.mark.cli
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_cli_flow_file_and_dotenv_as_pipes_are_one_line(cli_env, home, tmp_path):
    (home / "flows").mkdir()
    os.mkfifo(home / "flows" / "mine.toml")
    assert "mine.toml: is a named pipe" in refused_in_one_line(run_cli(["flows"], cli_env, timeout=60))
    doctor = run_cli(["doctor"], cli_env, timeout=120)
    assert doctor.returncode == 1 and "✗ flows" in doctor.stdout and "named pipe" in doctor.stdout
    (home / "flows" / "mine.toml").unlink()
    os.mkfifo(tmp_path / ".env")
    assert ".env: is a named pipe" in refused_in_one_line(
        run_cli(["status"], cli_env, cwd=tmp_path, timeout=60)
    )


@pytest.mark.cli
def test_cli_template_that_is_a_device_is_one_line(cli_env):
    env = {**cli_env, "OBJECTOR_TEXT_TEMPLATE": "/dev/zero"}
    assert "is a device" in refused_in_one_line(run_cli(["text", "--lang", "en"], env, timeout=60))


def test_deeply_nested_flow_toml_is_one_line(tmp_path):
    from assistant.config.flows import load_flow_file

    path = tmp_path / "deep.toml"
    path.write_text('id = "x"\nsteps = ' + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nested too deeply" in _error_of(lambda: load_flow_file(path))


def test_the_template_parser_is_linear():
    """Sixteen times the placeholders take about sixteen times as long (the old parser was quadratic)."""
    import gc

    from assistant.letters.text import _parse_template

    def best(count: int) -> float:
        text = "{email}" * count
        times = []
        for _ in range(7):  # the best of several: a busy machine only ever makes a run slower
            gc.collect()
            gc.disable()  # a collection inside one timing is noise, not the parser's cost
            try:
                start = time.perf_counter()
                parts = _parse_template(text, "t", None)
                times.append(time.perf_counter() - start)
            finally:
                gc.enable()
        assert len(parts) == count + 1
        return min(times)

    # Sixteen times the placeholders: a linear parser takes about 16 times as long (a little more
    # once the larger lists leave the processor's caches), a quadratic one 256 times. The bound in
    # between leaves a loaded machine four times its noise either way.
    small, large = best(5_000), best(80_000)
    assert large < small * 64, (small, large)


@pytest.mark.cli
def test_cli_overlong_home_is_one_line(cli_env, tmp_path):
    env = {**cli_env, "OBJECTOR_HOME": str(tmp_path / ("a" * 5000))}
    assert "OBJECTOR_HOME" in refused_in_one_line(run_cli(["status"], env, cwd=tmp_path))
    line = refused_in_one_line(
        run_cli(["verify", "--home", str(tmp_path / ("b" * 300))], cli_env, cwd=tmp_path)
    )
    assert "--home" in line and "longer than 255" in line


# --------------------------------------------------------------------------- ledger schema


@pytest.mark.parametrize(
    "changes, words",
    [
        ({"seq": "x"}, "'seq' field that is not a whole number"),
        ({"seq": True}, "'seq' field that is not a whole number"),
        ({"account": 5}, "'account' field that is not text"),
        ({"files": ["form.png"]}, "'files' field"),
        ({"files": {"../../etc/passwd": "0" * 64}}, "not a plain file name"),
        ({"attempt": "../outside"}, "not a folder under evidence/"),
        ({"attempt": "/etc"}, "not a folder under evidence/"),
    ],
)
def test_a_ledger_entry_of_the_wrong_shape_is_named_by_line(home, changes, words):
    _proof(home)
    _rewrite_entry(home, **changes)
    with pytest.raises(UserError, match="line 1 (has|lists)") as caught:
        Ledger(home).entries()
    assert words in str(caught.value)
    result = verify_home(home)
    assert any(p.kind == "ledger-edited" and p.path == "ledger.jsonl:1" for p in result.problems)


def test_entry_problem_accepts_what_objector_writes(home):
    _proof(home)
    Ledger(home).append(kind="forget", account="anna-instagram", forgotten="evidence/anna-instagram")
    assert [entry_problem(e) for e in Ledger(home).entries()] == [None, None]


@pytest.mark.cli
@pytest.mark.parametrize("command", [["status"], ["verify"], ["report"], ["export", "proof.zip"]])
def test_cli_wrong_ledger_types_never_end_in_a_traceback(cli_env, home, command):
    _proof(home)
    _rewrite_entry(home, seq="x", account=5)
    result = run_cli(command, cli_env)
    assert "Traceback" not in result.stdout + result.stderr
    if command == ["verify"]:
        assert result.returncode == 1 and "ledger.jsonl:1" in result.stdout
    elif command == ["report"]:
        assert result.returncode == 0  # the report shows the verification failure itself
    else:
        assert "line 1" in refused_in_one_line(result) or "ledger.jsonl:1" in refused_in_one_line(result)


# --------------------------------------------------------------------------- confined proof paths


def test_evidence_as_a_symlink_is_a_problem_for_verify_report_and_export(home, tmp_path):
    from assistant.proof.export import export_zip
    from assistant.proof.report import read_proof

    _proof(home)
    real = tmp_path / "elsewhere"
    (home / "evidence").rename(real)
    (home / "evidence").symlink_to(real)
    result = verify_home(home)
    assert not result.ok
    assert result.problems[0].kind == "symlink" and result.problems[0].path == "evidence"
    with pytest.raises(UserError, match="symlink: evidence"):
        export_zip(home, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()
    proof = read_proof(home)
    assert not proof.verification.ok


@pytest.mark.parametrize("kind", ["file-link", "folder-link"])
def test_a_link_inside_evidence_is_named_and_never_followed(home, tmp_path, kind):
    from assistant.proof.report import _read_bytes

    attempt = _proof(home)
    secret = tmp_path / "cookies"
    secret.write_bytes(b"session=1")
    if kind == "file-link":
        (attempt.folder / "form.png").unlink()
        (attempt.folder / "form.png").symlink_to(secret)
        rel = f"{attempt.relpath}/form.png"
    else:
        (attempt.folder / "more").symlink_to(tmp_path)
        rel = f"{attempt.relpath}/more"
    result = verify_home(home)
    assert [(p.kind, p.path) for p in result.problems if p.kind == "symlink"] == [("symlink", rel)]
    assert _read_bytes(home, f"{attempt.relpath}/form.png") in (None, b"\x89PNG fake")
    if kind == "file-link":
        assert _read_bytes(home, rel) is None  # the report never shows what a link points at


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_inside_evidence_is_named_not_read(home):
    attempt = _proof(home)
    os.mkfifo(attempt.folder / "x.png")
    result = verify_home(home)
    assert [(p.kind, p.path) for p in result.problems] == [("not-a-file", f"{attempt.relpath}/x.png")]


def test_a_ledger_path_outside_the_home_is_named(home, tmp_path):
    _proof(home)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "form.png").write_bytes(b"x")
    _rewrite_entry(home, attempt="../outside")
    result = verify_home(home)
    assert any("not a folder under evidence/" in p.detail for p in result.problems)


@pytest.mark.cli
def test_cli_verify_and_export_agree_on_a_symlinked_evidence_folder(cli_env, home, tmp_path):
    _proof(home)
    real = tmp_path / "elsewhere"
    (home / "evidence").rename(real)
    (home / "evidence").symlink_to(real)
    verify = run_cli(["verify"], cli_env)
    assert verify.returncode == 1 and "symlink: evidence" in verify.stdout
    assert "symlink: evidence" in refused_in_one_line(run_cli(["export", str(tmp_path / "p.zip")], cli_env))
    assert not (tmp_path / "p.zip").exists()


# --------------------------------------------------------------------------- one lock for writers


@pytest.mark.cli
@pytest.mark.parametrize(
    "command",
    [
        ["forget", "anna-instagram", "--yes"],
        ["accounts", "remove", "anna-instagram"],
        ["accounts", "add", "--name", "ben-instagram", "--platform", "instagram", "--email",
         "ben@example.org", "--country", "DE", "--language", "en"],
        ["mail", "check"],
        ["export", "proof.zip"],
        ["run"],
    ],
)  # fmt: skip
def test_cli_a_second_writer_is_told_who_holds_the_home(cli_env, home, command):
    (home / "accounts.toml").write_text(account_toml())
    _proof(home)
    before = (home / "accounts.toml").read_text(), (home / "ledger.jsonl").read_text()
    with HomeLock(home, "run"):
        line = refused_in_one_line(run_cli(command, cli_env))
    assert f"'objector run' (process {os.getpid()}) is using this folder" in line
    assert ((home / "accounts.toml").read_text(), (home / "ledger.jsonl").read_text()) == before
    assert not (home / "proof.zip").exists()


def test_the_lock_is_free_again_after_a_command(home):
    with HomeLock(home, "export"):
        pass
    with HomeLock(home, "forget"), pytest.raises(UserError, match="'objector forget'"):
        HomeLock(home, "run").__enter__()


# --------------------------------------------------------------------------- browser profile and display


def test_a_profile_held_by_a_live_browser_is_one_line(tmp_path):
    import socket

    from assistant.engine.browser import open_profile, profile_in_use

    profile = tmp_path / "anna-instagram"
    profile.mkdir()
    (profile / "SingletonLock").symlink_to(f"{socket.gethostname()}-{os.getpid()}")
    assert profile_in_use(profile)
    with pytest.raises(UserError) as caught:
        open_profile(None, None, profile, headless=True)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "the browser profile for anna-instagram is open in another window — close it and run again"
    )


def test_a_stale_profile_lock_is_not_in_use(tmp_path):
    import socket

    from assistant.engine.browser import profile_in_use

    profile = tmp_path / "p"
    profile.mkdir()
    assert not profile_in_use(profile)
    (profile / "SingletonLock").symlink_to(f"{socket.gethostname()}-999999999")
    assert not profile_in_use(profile)


@pytest.mark.browser
@pytest.mark.cli
def test_cli_check_with_the_profile_open_in_another_chromium_is_one_line(cli_env, home):
    from assistant.engine.browser import discover, launch_args, profile_dir

    (home / "accounts.toml").write_text(account_toml())
    playwright = driver()
    choice = discover(None, playwright)
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir(home, "anna-instagram")),
        headless=True,
        args=launch_args(),
        **choice.launch_options(),
    )
    try:
        line = refused_in_one_line(run_cli(["check"], cli_env, timeout=120))
    finally:
        context.close()
    assert line == (
        "objector: the browser profile for anna-instagram is open in another window — close it and run again"
    )


def test_display_detection():
    from assistant.engine.browser import display_problem

    problem = display_problem({}, "linux")
    assert "window you log in through cannot open" in problem and "OBJECTOR_HEADLESS=1" in problem
    assert "xvfb-run" not in problem  # an invisible window is no window anyone can log in through
    assert display_problem({"DISPLAY": ":0"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


@pytest.mark.cli
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display servers are a Linux matter")
def test_cli_headful_without_a_display_is_one_line_and_doctor_says_so(cli_env, home):
    env = {k: v for k, v in cli_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["OBJECTOR_HEADLESS"] = "0"
    (home / "accounts.toml").write_text(account_toml())
    check = run_cli(["check"], env, timeout=120)
    line = refused_in_one_line(check)
    assert "no graphical display" in line and "xvfb-run" not in line and "anna-instagram" not in check.stdout
    run = run_cli(["run"], env, stdin="y\n", timeout=120)  # said first: no account heading, no question
    assert refused_in_one_line(run) == line and run.stdout == ""
    doctor = run_cli(["doctor"], env, timeout=120)
    assert "✗ display: no graphical display" in doctor.stdout


# --------------------------------------------------------------------------- unofficial forms


def _user_flow(home: Path, text: str) -> Path:
    (home / "flows").mkdir(exist_ok=True)
    path = home / "flows" / "instagram-ai-objection.toml"
    path.write_text(text)
    return path


def _look_alike() -> str:
    return (
        BUNDLED_IG.read_text()
        .replace("https://help.instagram.com/contact/", "https://evil.example/contact/", 1)
        .replace("allowed_hosts = [", 'allowed_hosts = ["evil.example", ', 1)
    )


def test_a_look_alike_flow_is_refused_unless_marked_unofficial(home):
    path = _user_flow(home, _look_alike())
    with pytest.raises(UserError, match="evil.example is not an official host of instagram") as caught:
        load_flows(home / "flows")
    assert str(path) in str(caught.value) and "unofficial = true" in str(caught.value)
    _user_flow(home, "unofficial = true\n" + _look_alike())
    flow = load_flows(home / "flows")["instagram-ai-objection"].flow
    assert unofficial_service(flow, SiteMap()) == "instagram"


def test_a_site_map_to_another_computer_needs_an_unofficial_flow(home):
    flow = load_flows(None)["instagram-ai-objection"].flow
    assert unofficial_service(flow, SiteMap.parse("help.instagram.com=http://127.0.0.1:8001")) is None
    assert unofficial_service(flow, SiteMap.parse("help.instagram.com=http://localhost:8001")) is None
    with pytest.raises(UserError, match="not this computer"):
        unofficial_service(flow, SiteMap.parse("help.instagram.com=http://10.1.2.3:8001"))


def test_unofficial_attempts_are_marked_in_record_and_ledger(home):
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection", unofficial="instagram")
    attempt.write_record({"outcome": "confirmed"})
    entry = attempt.log(Ledger(home), "confirmed")
    record = json.loads((attempt.folder / "record.json").read_text())
    assert record["warning"] == entry["warning"] == "not an official form of Instagram"
    assert verify_home(home).ok


@pytest.mark.cli
def test_cli_status_report_flows_and_doctor_mark_an_unofficial_form(cli_env, home):
    _user_flow(home, "unofficial = true\n" + _look_alike())
    (home / "accounts.toml").write_text(account_toml())
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection", unofficial="instagram")
    attempt.write_record({"outcome": "confirmed", "flow_title": "look-alike"})
    attempt.log(Ledger(home), "confirmed", submitted=True)
    label = "not an official form of Instagram"
    assert label in run_cli(["status"], cli_env).stdout
    assert label in run_cli(["flows"], cli_env).stdout
    assert f"is {label}" in run_cli(["doctor"], cli_env, timeout=120).stdout
    assert run_cli(["report"], cli_env).returncode == 0
    page = (home / "report" / "objector-report.html").read_text()
    assert f'<div class="warnbox unofficial"><b>{label}.</b>' in page


@pytest.mark.cli
def test_cli_a_look_alike_flow_is_one_line(cli_env, home):
    _user_flow(home, _look_alike())
    (home / "accounts.toml").write_text(account_toml())
    for command in (["flows"], ["run"], ["check"]):
        assert "not an official host of instagram" in refused_in_one_line(run_cli(command, cli_env))


# --------------------------------------------------------------------------- odd homes


@pytest.mark.cli
@pytest.mark.parametrize(
    "command", [["verify"], ["report"], ["status"], ["export", "x.zip"], ["mail", "check"]]
)
def test_cli_a_home_that_does_not_exist_is_one_line_and_stays_absent(cli_env, tmp_path, command):
    missing = tmp_path / "nope"
    line = refused_in_one_line(run_cli([*command, "--home", str(missing)], cli_env, cwd=tmp_path))
    assert "no such folder" in line
    assert not missing.exists()


@pytest.mark.cli
def test_cli_a_file_as_home_and_forgetting_an_unknown_account_exit_2(cli_env, tmp_path):
    not_a_folder = tmp_path / "passwd"
    not_a_folder.write_text("root:x:0:0\n")
    assert "is not a folder" in refused_in_one_line(run_cli(["status", "--home", str(not_a_folder)], cli_env))
    assert "nothing to forget" in refused_in_one_line(run_cli(["forget", "nope", "--yes"], cli_env))


def test_a_leftover_temp_file_is_a_note_not_a_failure(home):
    attempt = _proof(home)
    (attempt.folder / ".record.json.k2j3.tmp").write_bytes(b"half")
    result = verify_home(home)
    assert result.ok
    assert [n.detail for n in result.notes] == [
        "a temporary file left by an interrupted run; the next run removes it"
    ]


def test_folders_objector_creates_are_private_parents_too(tmp_path):
    from assistant.storage import atomic_write

    atomic_write(tmp_path / "a" / "b" / "c" / "report.html", "x")
    for folder in (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "c"):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_no_proof_is_written_through_a_linked_evidence_folder(home, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (home / "evidence").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UserError, match="evidence: is a symbolic link"):
        Attempt(home, "anna-instagram", "instagram-ai-objection")
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_deep_temporary_folder_is_not_passed_to_the_browser(monkeypatch):
    """Chromium quits while starting when its socket under TMPDIR would be over 107 bytes."""
    from assistant.engine.browser import short_temp_env

    monkeypatch.setenv("TMPDIR", "/tmp/" + "deep/" * 20)
    env = short_temp_env()
    assert env is not None and env["TMPDIR"] == "/tmp" and env["PATH"] == os.environ["PATH"]
    monkeypatch.setenv("TMPDIR", "/tmp/short")
    assert short_temp_env() is None


@pytest.mark.cli
def test_doctor_with_a_wrong_objector_browser_says_to_correct_or_unset_it(cli_env, home, tmp_path):
    env = {**cli_env, "OBJECTOR_BROWSER": str(tmp_path / "nowhere" / "chrome")}
    doctor = run_cli(["doctor"], env, timeout=120)
    assert doctor.returncode == 1
    lines = doctor.stdout.splitlines()
    (at,) = [i for i, line in enumerate(lines) if line.startswith("✗ browser:")]
    assert "correct OBJECTOR_BROWSER" in lines[at + 1] and "or unset it" in lines[at + 1]
    assert "playwright install" not in lines[at + 1]  # installing another browser would not help
