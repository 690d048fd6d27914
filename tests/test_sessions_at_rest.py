"""Sessions sealed at rest: the keyring Chromium encrypts the kept logins with, what is said where
there is none, ``forget --sessions`` and ``run --no-keep-login``."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from cli_helpers import account_toml, find_objector, refused_in_one_line, run_cli
from rich.console import Console

from assistant.config.settings import load_settings
from assistant.engine import browser as browser_module
from assistant.engine.browser import BrowserSession, discover, driver, launch_args, open_profile, session
from assistant.engine.keystore import BASIC_SWITCHES, Keyring, detect_keyring, sealing
from assistant.engine.sessions import (
    TEMPORARY_DIR,
    forget_sessions,
    kept_profiles,
    new_temporary_profile,
    remove_profile,
    remove_stale_temporary,
)
from assistant.errors import UserError
from assistant.practice import PracticeConfig, PracticeSite

SECRET_SERVICE = Keyring("Secret Service", store="gnome-libsecret")
KWALLET5 = Keyring("KWallet 5", store="kwallet5")
NONE = Keyring(None, reason="no session bus: DBUS_SESSION_BUS_ADDRESS is not set")
LOGGED_IN_FAST = {"auto_login": True, "auto_login_key_ms": 2, "auto_login_delay": 0.2}


def effective_switches(seal) -> list[str]:
    """What Chromium is started with, as far as the password store goes: Playwright's defaults
    (which hold both fixed-key switches) less what objector ignores, plus objector's own."""
    defaults = [s for s in BASIC_SWITCHES if s not in seal.ignored_defaults]
    return [*defaults, *seal.adjust(launch_args())]


# --------------------------------------------------------------------- the switches
@pytest.mark.parametrize(
    ("platform", "mode", "keyring", "fixed_key", "store"),
    [
        ("linux", "auto", SECRET_SERVICE, False, "gnome-libsecret"),
        ("linux", "auto", KWALLET5, False, "kwallet5"),
        ("linux", "auto", NONE, True, "basic"),
        ("linux", "keyring", NONE, False, None),  # Chromium's own choice of the desktop's keyring
        ("linux", "basic", SECRET_SERVICE, True, "basic"),
        ("darwin", "auto", Keyring("macOS Keychain"), False, None),
        ("darwin", "keyring", Keyring("macOS Keychain"), False, None),
        ("darwin", "basic", Keyring("macOS Keychain"), True, "basic"),
        ("win32", "auto", Keyring("Windows DPAPI"), False, None),
        ("win32", "basic", Keyring("Windows DPAPI"), False, None),  # DPAPI whatever the switch says
    ],
)
def test_the_fixed_key_switches_are_passed_exactly_when_there_is_no_keyring(
    platform, mode, keyring, fixed_key, store
):
    seal = sealing(mode, platform=platform, keyring=keyring)
    switches = effective_switches(seal)
    assert seal.sealed is not fixed_key
    for switch in BASIC_SWITCHES:
        assert (switch in switches) is fixed_key, (switch, switches)
    stores = list(dict.fromkeys(s.split("=", 1)[1] for s in switches if s.startswith("--password-store=")))
    assert stores == ([store] if store else []), switches
    assert len([s for s in switches if s.startswith("--disable-features=")]) == 1  # the rest untouched


def test_auto_asks_the_system_and_basic_asks_nothing(monkeypatch):
    asked = []

    def fake_detect() -> Keyring:
        asked.append(1)
        return SECRET_SERVICE

    from assistant.engine import keystore

    monkeypatch.setattr(keystore, "system_keyring", fake_detect)
    assert sealing("auto", platform="linux").args == ["--password-store=gnome-libsecret"]
    assert sealing("basic", platform="linux").args == ["--password-store=basic"]
    assert asked == [1]


def test_open_profile_hands_the_sealing_to_playwright(tmp_path):
    seen: list[dict] = []

    class Chromium:
        def launch_persistent_context(self, path, **options):
            seen.append(options)
            return "context"

    class FakePlaywright:
        chromium = Chromium()

    choice = browser_module.BrowserChoice("test", executable=Path("/bin/true"))
    sealed = sealing("auto", platform="linux", keyring=SECRET_SERVICE)
    open_profile(FakePlaywright(), choice, tmp_path / "a", headless=True, sealing=sealed)  # type: ignore[arg-type]
    open_profile(FakePlaywright(), choice, tmp_path / "b", headless=True)  # type: ignore[arg-type]
    assert seen[0]["ignore_default_args"] == list(BASIC_SWITCHES)
    assert "--password-store=gnome-libsecret" in seen[0]["args"]
    assert "--password-store=basic" not in seen[0]["args"]
    assert "ignore_default_args" not in seen[1] and "--password-store=basic" in seen[1]["args"]


# --------------------------------------------------------------------- finding a Linux keyring
def test_no_session_bus_or_a_dead_one_is_no_keyring_found_quickly():
    assert detect_keyring("linux", {}) == NONE
    started = time.monotonic()
    dead = detect_keyring("linux", {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"})
    assert not dead.found and "did not answer" in dead.reason
    assert time.monotonic() - started < 2
    assert detect_keyring("darwin", {}).name == "macOS Keychain"
    assert detect_keyring("win32", {}).name == "Windows DPAPI"


@pytest.fixture
def session_bus():
    """A private D-Bus session bus (``dbus-daemon``), its address; stopped after the test."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    try:
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _own_name(address: str, name: str):
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    connection = open_dbus_connection(bus=address)
    reply = connection.send_and_get_reply(message_bus.RequestName(name), timeout=5)
    assert reply.body[0] == 1  # the primary owner
    return connection


@pytest.mark.parametrize(
    ("bus_name", "label", "store"),
    [
        ("org.freedesktop.secrets", "Secret Service", "gnome-libsecret"),
        ("org.kde.kwalletd5", "KWallet 5", "kwallet5"),
    ],
)
def test_a_keyring_answering_on_the_session_bus_is_found(session_bus, bus_name, label, store):
    env = {"DBUS_SESSION_BUS_ADDRESS": session_bus}
    empty = detect_keyring("linux", env)
    assert not empty.found and "no Secret Service or KWallet" in empty.reason
    owner = _own_name(session_bus, bus_name)
    try:
        started = time.monotonic()
        found = detect_keyring("linux", env)
        assert time.monotonic() - started < 1
    finally:
        owner.close()
    assert found.found and label in (found.name or "") and found.store == store
    assert sealing("auto", platform="linux", keyring=found).args == [f"--password-store={store}"]


# --------------------------------------------------------------------- the setting
def test_the_setting_is_auto_by_default_and_checked():
    assert load_settings({}).password_store == "auto"
    assert load_settings({"OBJECTOR_PASSWORD_STORE": " Keyring "}).password_store == "keyring"
    assert load_settings({"OBJECTOR_PASSWORD_STORE": ""}).password_store == "auto"
    with pytest.raises(UserError, match="OBJECTOR_PASSWORD_STORE='sometimes': use auto"):
        load_settings({"OBJECTOR_PASSWORD_STORE": "sometimes"})


@pytest.mark.cli
def test_a_bad_password_store_is_one_line_and_exit_2(cli_env):
    line = refused_in_one_line(run_cli(["status"], {**cli_env, "OBJECTOR_PASSWORD_STORE": "plain"}))
    assert "OBJECTOR_PASSWORD_STORE='plain'" in line and "auto" in line and "basic" in line


# --------------------------------------------------------------------- the real browser
def _browser_switches(profile: Path) -> list[str]:
    for entry in Path("/proc").iterdir():
        try:
            args = (entry / "cmdline").read_bytes().decode().split("\0")
        except OSError:
            continue
        if f"--user-data-dir={profile}" in args and not any(a.startswith("--type=") for a in args):
            return args
    raise AssertionError(f"no browser process runs on {profile}")


@pytest.mark.browser
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads the browser's switches from /proc")
def test_chromium_gets_no_fixed_key_switch_when_the_keyring_is_used(tmp_path):
    p = driver()
    choice = discover(None, p)
    found = {}
    for mode in ("keyring", "basic"):
        profile = tmp_path / mode
        context = open_profile(
            p, choice, profile, headless=True, sealing=sealing(mode, platform="linux", keyring=NONE)
        )
        try:
            found[mode] = _browser_switches(profile)
        finally:
            context.close()
    for switch in BASIC_SWITCHES:
        assert switch not in found["keyring"]
        assert switch in found["basic"]


@pytest.fixture
def gnome_keyring(session_bus, tmp_path):
    """GNOME Keyring's Secret Service on the private session bus, its login keyring unlocked with
    a password given here (nothing prompts); its files in the test's folder."""
    if shutil.which("gnome-keyring-daemon") is None:
        pytest.skip("gnome-keyring-daemon is not installed (Debian: apt-get install gnome-keyring)")
    folder = tmp_path / "keyring-home"
    folder.mkdir(mode=0o700)
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": session_bus,
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_RUNTIME_DIR": str(folder),
    }
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(b"test-keyring-password")
    daemon.stdin.close()
    try:
        deadline = time.monotonic() + 10
        while not detect_keyring("linux", env).found:
            assert time.monotonic() < deadline, "GNOME Keyring did not come up"
            time.sleep(0.05)
        yield session_bus
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


def _cookie_sealing(profile: Path) -> set[bytes]:
    """The version prefix of each stored cookie: v10 is the fixed key, v11 the keyring's."""
    import sqlite3

    with sqlite3.connect(profile / "Default" / "Cookies") as db:
        return {bytes(row[0][:3]) for row in db.execute("select encrypted_value from cookies")}


@pytest.mark.browser
def test_with_a_keyring_on_the_session_bus_the_logins_are_sealed_with_it(gnome_keyring, home, monkeypatch):
    """The real thing: a session cookie Chromium writes to a kept profile is encrypted with GNOME
    Keyring's key (v11) under OBJECTOR_PASSWORD_STORE=auto, with the fixed key (v10) under basic."""
    from assistant.engine import keystore
    from assistant.engine.browser import stop_driver

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", gnome_keyring)
    keystore.system_keyring.cache_clear()
    stop_driver()  # the browser gets the driver's environment: a driver that knows the bus
    found: dict[str, set[bytes]] = {}
    try:
        for mode, account in (("auto", "anna-instagram"), ("basic", "ben-instagram")):
            with session(home, None, headless=True, password_store=mode) as opened:
                assert opened.sealing is not None and opened.sealing.sealed is (mode == "auto")
                context = opened.open(account)
                expires = time.time() + 3600
                cookie = {"name": "sessionid", "value": "logged-in", "domain": "example.org", "path": "/"}
                context.add_cookies([{**cookie, "expires": expires}])  # type: ignore[list-item]
            found[mode] = _cookie_sealing(home / "profiles" / account)
    finally:
        stop_driver()
        keystore.system_keyring.cache_clear()
    assert found == {"auto": {b"v11"}, "basic": {b"v10"}}


@pytest.mark.browser
def test_a_temporary_profile_is_private_and_deleted_even_after_ctrl_c(home):
    profiles_seen: list[Path] = []
    with pytest.raises(KeyboardInterrupt):
        with session(home, None, headless=True, keep_login=False) as opened:
            opened.open("anna-instagram")
            (profile,) = opened._temporary.values()
            profiles_seen.append(profile)
            assert profile.is_dir() and profile.parent.name == TEMPORARY_DIR
            assert profile.stat().st_mode & 0o777 == 0o700
            assert not (home / "profiles" / "anna-instagram").exists()
            raise KeyboardInterrupt
    assert not profiles_seen[0].exists()
    assert not list((home / "profiles" / TEMPORARY_DIR).iterdir())


def test_a_temporary_profile_whose_browser_did_not_start_is_deleted(home, monkeypatch):
    def failing(*_args, **_kwargs):
        raise UserError("the browser did not start")

    monkeypatch.setattr(browser_module, "open_profile", failing)
    choice = browser_module.BrowserChoice("test", executable=Path("/bin/true"))
    opened = BrowserSession(None, choice, home, headless=True, keep_login=False)  # type: ignore[arg-type]
    with pytest.raises(UserError):
        opened.open("anna-instagram")
    assert not list((home / "profiles" / TEMPORARY_DIR).iterdir())


def test_temporary_profiles_left_by_a_killed_run_are_deleted_unless_a_browser_holds_them(home):
    stale = new_temporary_profile(home, "anna-instagram")
    (stale / "Default").mkdir(exist_ok=True)
    held = new_temporary_profile(home, "ben-instagram")
    os.symlink(f"{socket.gethostname()}-{os.getpid()}", held / "SingletonLock")
    remove_stale_temporary(home)
    assert not stale.exists() and held.exists()


def test_a_file_the_ending_browser_renames_away_meanwhile_does_not_stop_the_deletion(home, monkeypatch):
    # Chromium writes its last files (a temporary file renamed over Local State, ...) while it
    # ends: rmtree then fails on a name it listed that is gone; the folder is still there
    profile = new_temporary_profile(home, "anna-instagram")
    (profile / "Local State").write_text("{}")
    real, calls = shutil.rmtree, []

    def walked_while_the_browser_ends(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 1:
            raise FileNotFoundError(errno.ENOENT, "No such file", ".org.chromium.Chromium.Local State.mMQZHv")
        real(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", walked_while_the_browser_ends)
    assert remove_profile(profile) and not profile.exists() and len(calls) == 2


# --------------------------------------------------------------------- the first run's notice
def test_the_fixed_key_notice_is_for_the_first_run_that_keeps_logins(home):
    choice = browser_module.BrowserChoice("test", executable=Path("/bin/true"))

    def notice(**kwargs) -> str | None:
        return BrowserSession(None, choice, home, headless=True, **kwargs).fixed_key_notice()  # type: ignore[arg-type]

    unsealed = sealing("auto", platform="linux", keyring=NONE)
    sealed = sealing("auto", platform="linux", keyring=SECRET_SERVICE)
    text = notice(sealing=unsealed)
    assert text is not None and f"anyone who copies {home / 'profiles'} can use your logins" in text
    assert "objector forget --sessions" in text and "--no-keep-login" in text
    assert notice(sealing=sealed) is None
    assert notice(sealing=unsealed, keep_login=False) is None
    new_temporary_profile(home, "anna-instagram")  # a temporary profile is no kept login
    assert notice(sealing=unsealed) is not None
    (home / "profiles" / "anna-instagram").mkdir()
    assert notice(sealing=unsealed) is None  # not repeated once a login is kept


# --------------------------------------------------------------------- forget --sessions
def _profiles(home: Path, *names: str) -> None:
    for name in names:
        (home / "profiles" / name / "Default").mkdir(parents=True)
        (home / "profiles" / name / "Default" / "Cookies").write_bytes(b"session")


class Answers:
    def __init__(self, *answers: bool):
        self.answers = list(answers)
        self.asked: list[str] = []

    def confirm(self, question: str) -> bool:
        self.asked.append(question)
        return self.answers.pop(0)


def test_forget_sessions_refuses_a_profile_in_use_before_deleting_anything(home):
    _profiles(home, "anna-instagram", "ben-instagram")
    os.symlink(f"{socket.gethostname()}-{os.getpid()}", home / "profiles" / "ben-instagram" / "SingletonLock")
    human = Answers(True)
    with pytest.raises(UserError, match="ben-instagram is open in another window"):
        forget_sessions(home, human, Console(file=io.StringIO()))
    assert human.asked == [] and len(kept_profiles(home)) == 2


def test_forget_sessions_never_follows_a_link_out_of_the_home(home, tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "anna-instagram" / "Default").mkdir(parents=True)
    (home / "profiles").symlink_to(outside)
    with pytest.raises(UserError, match="link out of the home folder"):
        forget_sessions(home, Answers(True), Console(file=io.StringIO()))
    assert (outside / "anna-instagram" / "Default").is_dir()


@pytest.mark.cli
def test_forget_sessions_no_account_and_an_account_are_one_line_each(cli_env, home):
    assert "--sessions" in refused_in_one_line(run_cli(["forget"], cli_env))
    assert "every account" in refused_in_one_line(run_cli(["forget", "anna", "--sessions"], cli_env))


@pytest.mark.cli
def test_doctor_names_the_missing_keyring(cli_env, home):
    env = {k: v for k, v in cli_env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = run_cli(["doctor"], env)
    line = next(line for line in result.stdout.splitlines() if "logins at rest" in line)
    assert line.startswith("! ")  # a warning: doctor itself still passes on it
    assert "no keyring" in line and "DBUS_SESSION_BUS_ADDRESS" in line
    assert f"anyone who copies {home / 'profiles'} can use your logins" in line
    assert "objector forget --sessions" in result.stdout and "--no-keep-login" in result.stdout


def test_doctor_says_why_the_logins_are_or_are_not_sealed(monkeypatch, clean_env):
    from assistant import doctor
    from assistant.engine import keystore

    monkeypatch.setattr(keystore, "system_keyring", lambda: SECRET_SERVICE)
    monkeypatch.setattr(keystore.sys, "platform", "linux")
    sealed = doctor._sessions_at_rest(load_settings({}))
    assert sealed.ok and "Secret Service" in sealed.detail
    basic = doctor._sessions_at_rest(load_settings({"OBJECTOR_PASSWORD_STORE": "basic"}))
    assert basic.warning and not basic.ok and "OBJECTOR_PASSWORD_STORE=basic" in basic.detail
    assert "fixed key" in basic.detail and "forget --sessions" in basic.fix


# --------------------------------------------------------------------- the real command, practice site
def _two_accounts(home: Path) -> None:
    text = account_toml(language="en") + account_toml(
        name="ben-instagram", email="ben@example.org", language="en"
    )
    (home / "accounts.toml").write_text(text)


@pytest.mark.cli
@pytest.mark.browser
def test_forget_sessions_deletes_every_profile_and_keeps_the_proof(cli_env, home):
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml(language="en"))
        first = run_cli(["run"], env, stdin="y\n")
        assert first.returncode == 0, first.stdout + first.stderr
        assert len(site.confirmed) == 1
    assert "sessions are stored with a fixed key" in first.stdout  # the first run says it, once
    assert "objector forget --sessions" in first.stdout
    _profiles(home, "ben-instagram")
    assert {p.name for p in kept_profiles(home)} == {"anna-instagram", "ben-instagram"}
    ledger = (home / "ledger.jsonl").read_bytes()
    evidence = sorted(p.relative_to(home) for p in (home / "evidence").rglob("*"))

    kept = run_cli(["forget", "--sessions"], env, stdin="n\n")
    assert kept.returncode == 1 and "Nothing deleted" in kept.stdout
    assert len(kept_profiles(home)) == 2

    gone = run_cli(["forget", "--sessions"], env, stdin="y\n")
    assert gone.returncode == 0, gone.stdout + gone.stderr
    assert "Deleted 2 browser profiles" in gone.stdout
    assert kept_profiles(home) == []
    assert (home / "ledger.jsonl").read_bytes() == ledger
    assert sorted(p.relative_to(home) for p in (home / "evidence").rglob("*")) == evidence
    verified = run_cli(["verify"], env)
    assert verified.returncode == 0 and "Proof intact" in verified.stdout
    again = run_cli(["forget", "--sessions"], env, stdin="")
    assert again.returncode == 0 and "nothing to forget" in again.stdout


@pytest.mark.cli
@pytest.mark.browser
def test_run_no_keep_login_leaves_no_profile_and_still_confirms(cli_env, home):
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        _two_accounts(home)
        result = run_cli(["run", "--no-keep-login"], env, stdin="y\ny\n")
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(site.confirmed) == 2
    assert "Summary: 2 confirmed" in result.stdout
    assert "fixed key" not in result.stdout  # nothing is kept, so nothing to warn of
    assert kept_profiles(home) == []
    assert not list((home / "profiles" / TEMPORARY_DIR).iterdir())
    assert run_cli(["verify"], env).returncode == 0


@pytest.mark.cli
@pytest.mark.browser
def test_ctrl_c_in_a_run_without_kept_login_deletes_the_temporary_profile(cli_env, home):
    with PracticeSite(PracticeConfig(**LOGGED_IN_FAST)) as site:
        env = {**cli_env, "OBJECTOR_SITE_MAP": site.site_map}
        (home / "accounts.toml").write_text(account_toml(language="en"))
        proc = subprocess.Popen(
            [*find_objector(), "run", "--no-keep-login"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=home,
            start_new_session=True,
        )
        temporary = home / "profiles" / TEMPORARY_DIR
        ledger = home / "ledger.jsonl"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and "awaiting-approval" not in (
            ledger.read_text() if ledger.exists() else ""
        ):
            time.sleep(0.1)
        if not temporary.is_dir() or len(list(temporary.iterdir())) != 1:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"no form awaiting approval with one temporary profile:\n{proc.communicate()[0]}")
        (profile,) = temporary.iterdir()  # the browser is open on it, waiting for the answer
        assert profile.stat().st_mode & 0o777 == 0o700
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 130, out
        assert site.submissions == []
    assert not profile.exists() and kept_profiles(home) == []
