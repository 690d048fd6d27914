"""Adding accounts by answering questions in a terminal (the first-run path of 'objector run')."""

import io

import pytest
from cli_helpers import run_cli
from rich.console import Console

from assistant.config.accounts import Account, load_accounts
from assistant.config.settings import Settings
from assistant.letters.letters import text_for_account
from assistant.people.answers import account_reference, country_code, platform_of
from assistant.people.human import TerminalHuman
from assistant.people.wizard import add_account, add_accounts_interactively


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class InterruptedTerminal(Terminal):
    """Answers the given lines, then the person presses Ctrl-C."""

    def readline(self, *args) -> str:
        line = super().readline(*args)
        if not line:
            raise KeyboardInterrupt
        return line


def _human(answers: list[str], terminal=Terminal) -> tuple[TerminalHuman, Console]:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    return TerminalHuman(console, terminal("\n".join(answers) + "\n")), console


def _out(console: Console) -> str:
    return console.file.getvalue()


# Answers for one account, in the order the wizard asks.
def _answers(
    platform="instagram",
    email="anna@example.org",
    username="",
    full_name="",
    name="",
    country="",
    language="",
    reasons="",
    save="y",
    linked=None,  # the answer to "same Accounts Centre as …?", asked once a Meta account exists
) -> list[str]:
    also = [] if linked is None else [linked]
    return [platform, email, username, *also, full_name, name, country, language, reasons, save]


def test_first_run_asks_for_accounts_and_saves_them(home):
    settings = Settings(home=home, country="DE", language="de")
    answers = [
        *_answers(reasons="1 3"),
        "y",
        *_answers("facebook", name="anna-fb", country="AT", language="en", linked="y"),
        "n",
    ]
    human, out = _human(answers)
    accounts = add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert [(a.name, a.platform, a.country, a.language) for a in accounts] == [
        ("anna-instagram", "instagram", "DE", "de"),
        ("anna-fb", "facebook", "AT", "en"),
    ]
    assert accounts[0].reasons == ("private_life", "creative_work")
    assert accounts[1].linked_with == "anna-instagram" and accounts[0].linked_with is None
    assert load_accounts(home / "accounts.toml") == accounts


def test_each_answer_is_checked_when_given_and_asked_again(home):
    """The transcript of a person who types insta, a wrong e-mail first, and Deutschland."""
    answers = [
        "insta",
        "anna@example",
        "anna@example.org",
        "anna..k",
        "@anna.k",
        "Anna Kowalska",
        "",
        "Deutschland",
        "Deutsch",
        "9",
        "1 3",
        "y",
        "n",
    ]
    human, out = _human(answers)
    accounts = add_accounts_interactively(Settings(home=home), home / "accounts.toml", human, out)
    transcript = _out(out)
    assert len(accounts) == 1
    account = accounts[0]
    assert (account.platform, account.email, account.username, account.full_name) == (
        "instagram",
        "anna@example.org",
        "anna.k",
        "Anna Kowalska",
    )
    assert (account.country, account.language, account.reasons) == (
        "DE",
        "de",
        ("private_life", "creative_work"),
    )
    assert transcript.count("Please try again") == 3  # the e-mail, the username, reason 9
    assert "there is no reason '9'; type numbers from 1 to 6" in transcript
    assert 'username = "anna.k"' in transcript and 'country = "DE"' in transcript  # shown before saving
    assert transcript.index("will be saved as") < transcript.index("Added anna-instagram")


def test_answers_in_other_words():
    assert [platform_of(a) for a in ("ig", "insta", "Instagram", "fb", " FB ")] == [
        "instagram",
        "instagram",
        "instagram",
        "facebook",
        "facebook",
    ]
    with pytest.raises(ValueError, match="instagram"):
        platform_of("tiktok")
    answers = ("UK", "uk", "Deutschland", "Germany", "allemagne", "Österreich", "osterreich", "de", "Polska")
    assert [country_code(a) for a in answers] == ["GB", "GB", "DE", "DE", "DE", "AT", "AT", "DE", "PL"]
    assert country_code("Sverige") == "SE" and country_code("Nederland") == "NL"
    with pytest.raises(ValueError, match="not a country"):
        country_code("Atlantis")


def test_usernames_and_profile_links_have_the_platforms_shape():
    assert account_reference("instagram", "@anna.k") == "anna.k"
    assert account_reference("instagram", "instagram.com/anna.k") == "anna.k"  # a link becomes its username
    assert account_reference("facebook", "https://www.facebook.com/anna.kowalska/") == "anna.kowalska"
    assert account_reference("facebook", "https://m.facebook.com/profile.php?id=100012345678&x=1") == (
        "https://www.facebook.com/profile.php?id=100012345678"
    )
    assert account_reference("facebook", "anna.kowalska") == "anna.kowalska"
    for platform, bad in [
        ("instagram", "anna..k"),
        ("instagram", ".anna"),
        ("instagram", "a" * 31),
        ("instagram", "https://evil.example/anna"),
        ("instagram", "https://www.facebook.com/anna.k"),
        ("facebook", "ann"),
        ("facebook", "https://www.facebook.com/profile.php?id=abc"),
    ]:
        with pytest.raises(ValueError):
            account_reference(platform, bad)


def test_saying_no_at_the_summary_saves_nothing(home):
    human, out = _human([*_answers(save="n")])
    assert add_account(Settings(home=home, country="DE"), home / "accounts.toml", {}, human, out) is None
    assert "Not saved" in _out(out)
    assert not (home / "accounts.toml").exists()


def test_ctrl_c_keeps_the_accounts_saved_before(home):
    human, out = _human([*_answers(), "y", "facebook", "anna@"], terminal=InterruptedTerminal)
    with pytest.raises(KeyboardInterrupt):
        add_accounts_interactively(Settings(home=home, country="DE"), home / "accounts.toml", human, out)
    assert [a.name for a in load_accounts(home / "accounts.toml")] == ["anna-instagram"]


def test_a_taken_name_is_refused_and_a_free_one_suggested(home):
    settings = Settings(home=home, country="DE")
    human, out = _human(
        [*_answers(), "y", *_answers(linked="")[:5], "anna-instagram", "", "", "", "", "y", "n"]
    )
    accounts = add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert [a.name for a in accounts] == ["anna-instagram", "anna-instagram-2"]
    assert "exists already" in _out(out)


def test_end_of_input_adds_nothing(home):
    human, out = _human(["instagram"])
    assert add_accounts_interactively(Settings(home=home), home / "accounts.toml", human, out) == []
    assert "Nothing added" in _out(out)


def test_letter_names_the_account_as_meta_knows_it_and_is_signed(home):
    base = {"name": "anna-instagram", "platform": "instagram", "email": "anna@example.org", "country": "DE"}
    settings = Settings(home=home)
    for language in ("en", "de", "hu"):
        plain = text_for_account(Account(**base, language=language), settings, 3000)
        assert "anna-instagram" not in plain and "anna@example.org" in plain
        named = Account(**base, language=language, username="@anna.k", full_name="Anna Kowalska")
        body = text_for_account(named, settings, 3000)
        assert "anna.k" in body and "anna-instagram" not in body
        assert body.rstrip().endswith("Anna Kowalska")


@pytest.mark.cli
def test_flags_are_checked_with_a_hint(cli_env, home):
    result = run_cli(
        ["accounts", "add", "--platform", "ig", "--email", "anna@example.org", "--country", "Atlantis"],
        cli_env,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "objector: accounts add: --country: 'Atlantis' is not a country objector knows; "
        "use an ISO 3166 two-letter code like DE or FR, or the country's name."
    )
    words = ["--platform", "IG", "--country", "UK", "--language", "Deutsch", "--name", "anna-uk"]
    said = run_cli(["accounts", "add", "--email", "anna@example.org", *words], cli_env)
    assert said.returncode == 0, said.stderr  # the wizard's words, stored as codes
    (account,) = [a for a in load_accounts(home / "accounts.toml") if a.name == "anna-uk"]
    assert (account.platform, account.country, account.language) == ("instagram", "GB", "de")
    assert 'country = "GB"' in (home / "accounts.toml").read_text()
    result = run_cli(
        ["accounts", "add", "--platform", "insta", "--email", "anna@example.org", "--country", "GB",
         "--language", "en", "--username", "instagram.com/anna.k", "--full-name", "Anna Kowalska"],
        cli_env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = run_cli(["text", "--account", "anna-instagram"], cli_env).stdout
    assert "“anna.k”" in text and "instagram.com/" not in text and text.rstrip().endswith("Anna Kowalska")


# Markup tags a Rich console would print raw (markup off) or that would have styled data (markup on).
_TAGS = __import__("re").compile(r"\[/\]|\[/?(?:dim|bold|yellow|red|green|italic|link)\b[^\]]*\]")


@pytest.mark.parametrize("markup", [True, False])
def test_no_wizard_review_or_guidance_line_shows_a_markup_tag(home, markup):
    """Every message goes through one layer (``Text``): no tag is printed raw with markup off, and a
    value that looks like markup is shown as typed with markup on."""
    from assistant.people.asks import Guidance, SettingReview, SubmitReview
    from assistant.people.ui import guidance_panel, review_panel, setting_panel

    console = Console(file=io.StringIO(), width=200, color_system=None, markup=markup)
    answers = ["insta", "", "anna@example", "anna@example.org", "anna..k", "", "", "", "", "", "9", "", "y"]
    human = TerminalHuman(console, Terminal("\n".join(answers) + "\n"))
    add_accounts_interactively(Settings(home=home, country="DE"), home / "accounts.toml", human, console)
    human = TerminalHuman(console, Terminal("facebook\n"))  # the input ends mid-way
    add_account(Settings(home=home), home / "other.toml", {}, human, console)
    value = "[bold]x[/] [dim]y[/]"
    console.print(review_panel(SubmitReview(value, "a@example.org", value, "https://x", value, "en")))
    console.print(
        setting_panel(SettingReview(value, "a@example.org", value, value, "https://x", value, "on", "off"))
    )
    console.print(guidance_panel(Guidance(value, value, value)))
    TerminalHuman(console, Terminal("")).approve_submit(
        SubmitReview("a", "a@example.org", "t", "https://x", "text", "en", dry_run=True)
    )
    transcript = _out(console)
    assert "Please try again" in transcript and "→ instagram" not in transcript
    assert "(no answer: end of input)" in transcript and "Dry run: nothing will be submitted" in transcript
    assert _TAGS.findall(transcript.replace(value, "")) == []
    assert transcript.count(value) >= 6  # the data, literally, in each panel


def test_the_final_save_defaults_to_yes(home):
    human, out = _human(_answers(save=""))
    account = add_account(Settings(home=home, country="DE"), home / "accounts.toml", {}, human, out)
    assert account is not None and "Save it? [Y/n]" in _out(out)
    assert load_accounts(home / "accounts.toml") == [account]


def test_an_empty_email_is_required_and_a_second_same_account_is_named(home):
    settings = Settings(home=home, country="DE")
    human, out = _human([*_answers(), "n"])
    add_accounts_interactively(settings, home / "accounts.toml", human, out)
    human, out = _human(["instagram", "", "anna@example.org", *_answers()[2:]])
    add_account(settings, home / "new.toml", {}, human, out)
    assert "an answer is required (the e-mail address you log in with)" in _out(out)
    # Enter at the e-mail: the last one again, the same as anna-instagram's
    human, out = _human([*_answers(email="", linked="")[:-1], "n", "n"])
    add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert "anna-instagram is already your instagram account with this e-mail" in _out(out)


def test_a_stopped_wizard_resumes_with_its_answers(home):
    """Ctrl-C after three answers and a checklist of two: the next wizard goes on from there."""
    settings = Settings(home=home, country="DE")
    path = home / "accounts.toml"
    human, out = _human(["1 5", "anna@example.org", "@anna.k"], terminal=InterruptedTerminal)
    with pytest.raises(KeyboardInterrupt):
        add_accounts_interactively(settings, path, human, out)
    assert "your answers are kept" in _out(out)
    human, out = _human([""] * 11 + ["n"])
    accounts = add_accounts_interactively(settings, path, human, out)
    assert "You were adding accounts when objector stopped (instagram, anna@example.org; then x)" in _out(out)
    assert [(a.platform, a.username, a.email) for a in accounts] == [
        ("instagram", "anna.k", "anna@example.org"),
        ("x", None, "anna@example.org"),
    ]
    assert not (home / ".accounts.toml.draft.json").exists()


def test_the_checklist_groups_services_by_what_objector_does(home):
    human, out = _human(["1 2 x", *_answers()[1:], *_answers(linked="")[1:], "anna@example.org", "", "", ""])
    accounts = add_accounts_interactively(
        Settings(home=home, country="DE"), home / "accounts.toml", human, out
    )
    transcript = _out(out)
    forms, settings = transcript.index("Objection forms"), transcript.index("AI-training settings")
    assert forms < transcript.index("Instagram") < transcript.index("LinkedIn") < settings
    assert settings < transcript.index("Pinterest")
    assert [a.platform for a in accounts] == ["instagram", "facebook", "x"]
    assert "Account 3 of 3: x" in transcript


@pytest.mark.cli
def test_accounts_add_help_names_every_platform_and_a_twin_is_refused(cli_env, home):
    from assistant.config.accounts import PLATFORMS

    helped = run_cli(["accounts", "add", "--help"], {**cli_env, "COLUMNS": "80"})
    assert all(p in " ".join(helped.stdout.split()) for p in PLATFORMS), helped.stdout
    flags = ["accounts", "add", "--platform", "ig", "--email", "anna@example.org", "--country", "DE"]
    assert run_cli(flags, cli_env).returncode == 0
    again = run_cli([*flags, "--name", "anna-2"], cli_env)
    assert (
        again.returncode == 2
        and "account with anna@example.org exists already (anna-instagram)" in again.stderr
    )
    wide = run_cli(["--help"], {**cli_env, "COLUMNS": "160"})
    assert "Delete an account's browser profile (its logins and cookies) and its traces" in wide.stdout


@pytest.mark.cli
def test_a_misspelt_key_in_accounts_toml_is_named_with_the_nearest_one(cli_env, home):
    (home / "accounts.toml").write_text(
        '[[account]]\nname = "a"\nplatform = "instagram"\nemial = "a@example.org"\n'
        'country = "DE"\nlanguage = "de"\n'
    )
    result = run_cli(["accounts", "list"], cli_env)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "unknown field 'emial' (did you mean 'email'?" in result.stderr


@pytest.mark.cli
def test_text_shows_an_accounts_letter_in_another_language(cli_env, home):
    from cli_helpers import account_toml

    (home / "accounts.toml").write_text(account_toml(language="de"))
    french = run_cli(["text", "--account", "anna-instagram", "--lang", "fr"], cli_env)
    assert (
        french.returncode == 0 and "Madame, Monsieur" in french.stdout and "anna@example.org" in french.stdout
    )
    unknown = run_cli(["text", "--account", "anna-instagram", "--lang", "xx"], cli_env)
    assert unknown.returncode == 2 and "unknown language 'xx'" in unknown.stderr


def test_a_whatsapp_account_is_asked_for_its_phone_number_checked_when_given(home):
    """WhatsApp's form needs the account's phone number: asked right after the e-mail, a number
    without its country code is refused with the reason and asked again, and it is kept as E.164."""
    settings = Settings(home=home, country="DE", language="de")
    answers = [
        "whatsapp",
        "anna@example.org",
        "0151 23456789",
        "+49 1512 3456789",
        "",
        "",
        "",
        "",
        "",
        "y",
        "n",
    ]
    human, out = _human(answers)
    accounts = add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert [(a.platform, a.phone) for a in accounts] == [("whatsapp", "+4915123456789")]
    assert "phone number of that WhatsApp account" in _out(out)
    assert _out(out).count("phone number of that WhatsApp account") == 2  # asked again after the refusal


@pytest.mark.cli
def test_accounts_add_with_options_takes_a_whatsapp_phone_and_requires_it(cli_env, home):
    base = ["accounts", "add", "--platform", "whatsapp", "--email", "anna@example.org", "--country", "DE"]
    missing = run_cli([*base, "--language", "de"], cli_env)
    assert missing.returncode == 2 and "--phone missing" in missing.stderr, missing.stderr
    added = run_cli([*base, "--language", "de", "--phone", "+49 1512 3456789"], cli_env)
    assert added.returncode == 0, added.stdout + added.stderr
    (account,) = load_accounts(home / "accounts.toml")
    assert account.platform == "whatsapp" and account.phone == "+4915123456789"
