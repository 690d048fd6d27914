from pathlib import Path

import pytest

from assistant.config.settings import load_settings
from assistant.errors import UserError


def test_defaults(clean_env):
    settings = load_settings()
    assert settings.headless is False
    assert settings.site_map == ""
    assert settings.language == "en"
    assert settings.login_timeout == 600
    assert "objector" in str(settings.home)


def test_environment_values_are_parsed():
    settings = load_settings(
        {
            "OBJECTOR_HOME": "~/proof",
            "OBJECTOR_HEADLESS": "1",
            "OBJECTOR_COUNTRY": "de",
            "OBJECTOR_LANGUAGE": "DE",
            "OBJECTOR_LOGIN_TIMEOUT": "30",
            "OBJECTOR_SITE_MAP": "help.instagram.com=http://127.0.0.1:8001",
        }
    )
    assert settings.home == Path("~/proof").expanduser()
    assert settings.headless and settings.country == "DE" and settings.language == "de"
    assert settings.login_timeout == 30
    assert settings.sites.rewrite("https://help.instagram.com/x") == "http://127.0.0.1:8001/x"


def test_dotenv_in_current_folder_is_read_and_environment_wins(clean_env, tmp_path, monkeypatch):
    (tmp_path / ".env").write_text("OBJECTOR_COUNTRY=FR\nOBJECTOR_LANGUAGE=fr\n")
    monkeypatch.setenv("OBJECTOR_LANGUAGE", "it")
    settings = load_settings()
    assert settings.country == "FR"
    assert settings.language == "it"


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"OBJECTOR_HEADLESS": "maybe"}, "OBJECTOR_HEADLESS"),
        ({"OBJECTOR_LOGIN_TIMEOUT": "soon"}, "OBJECTOR_LOGIN_TIMEOUT"),
        ({"OBJECTOR_STEP_TIMEOUT": "-1"}, "OBJECTOR_STEP_TIMEOUT"),
        ({"OBJECTOR_COUNTRY": "Germany"}, "OBJECTOR_COUNTRY"),
        ({"OBJECTOR_SITE_MAP": "nonsense"}, "OBJECTOR_SITE_MAP"),
        ({"OBJECTOR_HOME": "  "}, "OBJECTOR_HOME"),
        ({"OBJECTOR_HEADLES": "1"}, "OBJECTOR_HEADLES"),
    ],
)
def test_bad_values_name_the_variable(env, names):
    with pytest.raises(UserError) as err:
        load_settings(env)
    message = str(err.value)
    assert names in message and "\n" not in message
