"""The last hostile-input gaps around the proof: names with escape sequences, flow addresses with
credentials or odd ports, a lock whose refusal names the wrong command, and ``forget`` following a
link out of the home."""

from __future__ import annotations

from unittest import mock

import pytest
from cli_helpers import account_toml, refused_in_one_line, run_cli
from practice_helpers import account

from assistant.config.flows import bundled_flow_dir, load_flow_file
from assistant.engine.traces import forget_traces
from assistant.errors import UserError


@pytest.mark.parametrize("field", ["first_name", "last_name", "full_name"])
def test_names_with_escape_sequences_are_refused(field):
    with pytest.raises(ValueError, match="control characters"):
        account(**{field: "Anna\x1b[2J\x1b[31m"})
    assert getattr(account(**{field: "  Anna   Maria "}), field) == "Anna Maria"


@pytest.mark.cli
def test_a_name_with_an_escape_sequence_in_accounts_toml_is_one_line(home, cli_env):
    text = account_toml().replace('language = "de"', 'language = "de"\nlast_name = "K\\u001b[31m"')
    (home / "accounts.toml").write_text(text, encoding="utf-8")
    line = refused_in_one_line(run_cli(["accounts", "list"], cli_env))
    assert "last_name" in line and "control characters" in line and "\x1b" not in line


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("https://user:secret@help.instagram.com/contact/767264225370182", "user name or password"),
        ("https://help.instagram.com:8443/contact/767264225370182", "port 8443"),
        ("https://help.instagram.com:99999/contact/767264225370182", "port that is not a number"),
    ],
)
def test_flow_addresses_with_credentials_or_unusual_ports_are_refused(tmp_path, address, words):
    text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text(encoding="utf-8")
    text = text.replace('url = "https://help.instagram.com/contact/767264225370182"', f'url = "{address}"', 1)
    path = tmp_path / "instagram-ai-objection.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    message = str(err.value)
    assert words in message and str(path) in message and "\n" not in message


def test_forget_never_follows_a_linked_traces_folder_out_of_the_home(home, tmp_path):
    outside = tmp_path / "outside"
    (outside / "anna-instagram").mkdir(parents=True)
    (outside / "anna-instagram" / "keep.zip").write_bytes(b"not objector's")
    (home / "traces").symlink_to(outside)
    assert forget_traces(home, "anna-instagram") == 0
    assert (outside / "anna-instagram" / "keep.zip").is_file()


def test_a_recheck_holds_the_home_lock_under_its_own_name(home):
    from assistant.config.settings import Settings
    from assistant.runner import RunRequest, execute

    taken: list[str] = []

    class Lock:
        def __init__(self, _home, command: str = "run") -> None:
            taken.append(command)

        def __enter__(self):
            raise UserError("held")

        def __exit__(self, *exc):
            return False

    request = RunRequest(settings=Settings(home=home), accounts=[], flows={}, recheck=True)
    with mock.patch("assistant.runner.HomeLock", Lock), pytest.raises(UserError):
        execute(request, human=None, reporter=None)  # type: ignore[arg-type]
    assert taken == ["recheck"]


# ------------------------------------------------------------------ a form that is not official


def test_the_review_panels_say_when_a_form_is_not_official():
    from rich.console import Console

    from assistant.people.asks import SettingReview, SubmitReview
    from assistant.people.ui import review_panel, setting_panel

    label = "not an official form of Instagram"
    console = Console(width=100, record=True, color_system=None)
    console.print(review_panel(SubmitReview("anna", "a@b.c", "Form", "u", "text", "en", unofficial=label)))
    console.print(
        setting_panel(SettingReview("anna", "a@b.c", "X", "t", "u", "s", "on", "off", unofficial=label))
    )
    assert console.export_text().count("NOT AN OFFICIAL FORM OF INSTAGRAM") == 2
    plain = Console(width=100, record=True, color_system=None)
    plain.print(review_panel(SubmitReview("anna", "a@b.c", "Form", "u", "text", "en")))
    assert "OFFICIAL" not in plain.export_text()


def test_the_export_comment_names_attempts_on_forms_that_are_not_official(home, tmp_path):
    import zipfile

    from assistant.proof.evidence import Attempt
    from assistant.proof.export import export_zip
    from assistant.proof.ledger import Ledger

    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection", unofficial="instagram")
    attempt.write_record({"outcome": "confirmed"})
    attempt.log(Ledger(home), "confirmed", submitted=True)
    export_zip(home, tmp_path / "proof.zip")
    comment = zipfile.ZipFile(tmp_path / "proof.zip").comment.decode()
    assert "not an official form of Instagram: 1 attempt(s)" in comment


@pytest.mark.parametrize("kind", ["link", "folder", "fifo"])
def test_an_accounts_file_that_is_not_a_file_is_named_not_left_out_of_the_export(home, tmp_path, kind):
    import os

    from assistant.proof.export import ExportError, export_zip

    record_setting_home(home)
    accounts = home / "accounts.toml"
    if kind == "link":
        (tmp_path / "real.toml").write_text(account_toml())
        accounts.symlink_to(tmp_path / "real.toml")
    elif kind == "folder":
        accounts.mkdir()
    else:
        os.mkfifo(accounts)
    with pytest.raises(ExportError, match="accounts.toml: is") as err:
        export_zip(home, tmp_path / "proof.zip")
    assert "\n" not in str(err.value)
    assert not (tmp_path / "proof.zip").exists()


def record_setting_home(home):
    from datetime import UTC, datetime

    from setting_helpers import record_form

    record_form(home, "anna-instagram", "instagram-ai-objection", at=datetime(2026, 5, 20, tzinfo=UTC))


@pytest.mark.browser
def test_a_run_on_a_form_that_is_not_official_says_so_in_review_and_summary(home):
    from practice_helpers import run_practice

    from assistant.practice import PracticeConfig, PracticeSite

    text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text(encoding="utf-8")
    text = "unofficial = true\n" + text.replace(
        "https://help.instagram.com/contact/", "https://help.look-alike.example/contact/", 1
    ).replace("allowed_hosts = [", 'allowed_hosts = ["help.look-alike.example", ', 1)
    (home / "flows").mkdir()
    (home / "flows" / "instagram-ai-objection.toml").write_text(text, encoding="utf-8")
    with PracticeSite(PracticeConfig(auto_login=True, cookie_dialog=False)) as site:
        mapped = f"{site.site_map},help.look-alike.example={site.origin('help.instagram.com')}"
        result = run_practice(
            home, site, [account()], ["y"], logged_in=True, settings_overrides={"site_map": mapped}
        )
        assert len(site.confirmed) == 1, result.output
    label = "not an official form of Instagram"
    assert result.human.reviews[0].unofficial == label
    summary = result.output[result.output.index("Summary:") :]
    assert f"anna-instagram · instagram-ai-objection ({label})" in summary
