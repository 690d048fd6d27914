"""Adding accounts by answering questions in a terminal (the first-run path of 'objector run')."""

import io

from rich.console import Console

from assistant.accounts import load_accounts
from assistant.human import TerminalHuman
from assistant.settings import Settings
from assistant.wizard import add_accounts_interactively


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _human(answers: str) -> tuple[TerminalHuman, Console]:
    console = Console(file=io.StringIO(), width=100)
    return TerminalHuman(console, Terminal(answers)), console


def test_first_run_asks_for_accounts_and_saves_them(home):
    settings = Settings(home=home, country="DE", language="de")
    answers = (
        "\n".join(
            [
                "instagram",
                "anna@example.org",
                "",
                "",
                "",
                "1 3",
                "y",  # first account, defaults for name/country/language
                "facebook",
                "anna@example.org",
                "anna-fb",
                "AT",
                "en",
                "",
                "n",
            ]
        )
        + "\n"
    )
    human, out = _human(answers)
    accounts = add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert [(a.name, a.platform, a.country, a.language) for a in accounts] == [
        ("anna-instagram", "instagram", "DE", "de"),
        ("anna-fb", "facebook", "AT", "en"),
    ]
    assert accounts[0].reasons == ("private_life", "creative_work")
    assert load_accounts(home / "accounts.toml") == accounts


def test_a_bad_answer_is_one_clear_line_and_nothing_half_written(home):
    import pytest

    from assistant.errors import UserError

    settings = Settings(home=home)
    human, out = _human("instagram\nnot-an-email\n\n\n\n\n")
    with pytest.raises(UserError, match="--email"):
        add_accounts_interactively(settings, home / "accounts.toml", human, out)
    assert not (home / "accounts.toml").exists()


def test_end_of_input_adds_nothing(home):
    human, out = _human("instagram\n")
    assert add_accounts_interactively(Settings(home=home), home / "accounts.toml", human, out) == []
    assert "Nothing added" in out.file.getvalue()
