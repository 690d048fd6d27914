"""The flow schema: bundled flows are valid; bad flow files name file, step and field."""

import re
import tomllib
from pathlib import Path

import pytest

from assistant.config.flows import bundled_flow_dir, load_flow_file, load_flows
from assistant.errors import UserError

BUNDLED = sorted(bundled_flow_dir().glob("*.toml"))


def test_bundled_flows_load_and_cover_both_platforms():
    flows = load_flows()
    assert {"instagram-ai-objection", "facebook-ai-objection"} <= set(flows)
    assert flows["instagram-ai-objection"].flow.url == "https://help.instagram.com/contact/767264225370182"
    assert flows["facebook-ai-objection"].flow.url == "https://www.facebook.com/help/contact/712876720715583"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_flow_has_an_expect_after_submit_and_login_signals(path):
    """A form flow ends with its confirmation; a setting flow has settings with a wanted state."""
    flow = load_flow_file(path)
    actions = [s.action for s in flow.steps]
    if flow.kind == "form":
        assert actions.index("expect") > actions.index("review_and_submit")
    else:
        settings = [s for s in flow.steps if s.action == "setting"]
        assert settings and all(s.want and s.name and s.describe for s in settings)
        assert not {"review_and_submit", "expect", "code"} & set(actions)
    if flow.needs_login:  # WhatsApp's form has no login (it does not check who sends it)
        assert flow.login.cookies and flow.login.login_paths and flow.login.checkpoint_paths
    else:
        assert "ensure_login" not in actions and flow.kind == "form"
    for step in flow.steps:
        keys = ("target", "submit", "option", "menu", "confirm", "each")  # each action has some of them
        lists = [getattr(step, key, None) for key in keys]
        for candidate in [c for found in lists for c in found or []]:
            for pattern in (candidate.name, candidate.label, candidate.placeholder, candidate.text):
                if pattern:
                    re.compile(pattern)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("English and German", "Send|Senden"),
    ],
)
def test_send_button_names_match_english_and_german(text, field):
    flow = load_flows()["instagram-ai-objection"].flow
    name = flow.submit_step.target[0].name
    for word in field.split("|"):
        assert re.search(name, word, re.IGNORECASE), word


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    return path


def _base() -> str:
    return (bundled_flow_dir() / "instagram-ai-objection.toml").read_text()


def test_unknown_key_in_a_step_names_file_step_and_field(tmp_path):
    text = _base().replace('action = "ensure_login"', 'action = "ensure_login"\nretries = 3', 1)
    path = _write(tmp_path, text)
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    message = str(err.value)
    assert str(path) in message and "step 2 (ensure_login)" in message and "retries" in message


def test_bad_regex_is_reported(tmp_path):
    text = _base().replace('name = "^\\\\s*(send', 'name = "^\\\\s*((send', 1)
    path = _write(tmp_path, text)
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    assert "regular expression" in str(err.value) and "step" in str(err.value)


def test_unknown_action(tmp_path):
    path = _write(tmp_path, _base().replace('action = "open"', 'action = "teleport"', 1))
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    message = str(err.value)
    assert "step 1: 'teleport' is not an action; use one of open, ensure_login," in message


@pytest.mark.parametrize("action", ["\\r", "fill\\n", "\\u0007", ""])
def test_an_action_with_control_characters_is_named_in_one_line(tmp_path, action):
    path = _write(tmp_path, _base().replace('action = "open"', f'action = "{action}"', 1))
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    message = str(err.value)
    assert message.isprintable() and "step 1: " in message and "is not an action" in message


def test_candidate_with_two_kinds_is_rejected(tmp_path):
    text = _base().replace('{ css = "input[type=email]" }', '{ css = "input", label = "x" }', 1)
    with pytest.raises(UserError, match="exactly one of role"):
        load_flow_file(_write(tmp_path, text))


def test_allowed_hosts_must_include_the_form_host(tmp_path):
    data = tomllib.loads(_base())
    text = _base().replace(
        f"allowed_hosts = {data['allowed_hosts']!r}".replace("'", '"'), 'allowed_hosts = ["evil.example"]'
    )
    with pytest.raises(UserError, match="allowed_hosts"):
        load_flow_file(_write(tmp_path, text))


def test_flow_without_review_and_submit_is_rejected(tmp_path):
    text = _base().replace('action = "review_and_submit"', 'action = "wait"', 1)
    with pytest.raises(UserError, match="review_and_submit"):
        load_flow_file(_write(tmp_path, text))


def test_not_toml(tmp_path):
    with pytest.raises(UserError, match="not valid TOML"):
        load_flow_file(_write(tmp_path, "id = \n"))


def test_user_flow_with_same_id_replaces_the_bundled_one(tmp_path):
    user = tmp_path / "flows"
    user.mkdir()
    text = (bundled_flow_dir() / "instagram-ai-objection.toml").read_text()
    (user / "mine.toml").write_text(text.replace("text_max_length = 3000", "text_max_length = 2000"))
    flows = load_flows(user)
    loaded = flows["instagram-ai-objection"]
    assert loaded.source == "user" and loaded.path == user / "mine.toml"
    assert loaded.overrides == bundled_flow_dir() / "instagram-ai-objection.toml"
    assert loaded.flow.text_max_length == 2000
    assert flows["facebook-ai-objection"].source == "bundled"


def test_invalid_user_flow_is_an_error_not_ignored(tmp_path):
    user = tmp_path / "flows"
    user.mkdir()
    (user / "bad.toml").write_text('id = "x"\n')
    with pytest.raises(UserError, match="bad.toml"):
        load_flows(user)


def test_each_action_has_its_own_model_and_exactly_one_step_function():
    from assistant.config.flows import ACTIONS
    from assistant.engine import step_handler
    from assistant.engine.run import _handlers

    assert set(ACTIONS) == set(_handlers())
    assert len({step_handler(a) for a in ACTIONS}) == len(ACTIONS)
    assert len(set(ACTIONS.values())) == len(ACTIONS)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (('action = "open"', 'action = "open"\noptional = true'), "an 'open' step cannot be optional"),
        (('action = "ensure_login"', 'action = "ensure_login"\ntarget = []'), "takes no 'target'"),
        (('value = "email"', 'value = "email"\noption = []'), "only a 'choose' step takes 'option'"),
        (('value = "email"', 'value = "email"\nwant = "off"'), "only a 'setting' step takes 'want'"),
        (('value = "email"', 'value = "email"\nsubmits = []'), "field 'submits': unknown key"),
        (('action = "fill"\nvalue = "email"', 'action = "fill"'), "a 'fill' step needs 'value'"),
    ],
)
def test_each_action_model_names_what_is_wrong(tmp_path, change, words):
    text = _base().replace(*change, 1)
    assert text != _base(), change
    path = tmp_path / "flow.toml"
    path.write_text(text)
    with pytest.raises(UserError) as err:
        load_flow_file(path)
    assert words in str(err.value), str(err.value)


def test_a_flow_file_is_read_again_once_it_changed(tmp_path):
    source = next(p for p in BUNDLED if p.stem == "instagram-ai-objection").read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(source, encoding="utf-8")
    first = load_flow_file(path)
    assert load_flow_file(path) is first  # unchanged: not read and checked again
    path.write_text(source.replace('title = "', 'title = "Mine: ', 1), encoding="utf-8")
    assert load_flow_file(path).title.startswith("Mine: ")
    path.write_text(source.replace("[[steps]]", "[[steps]]\nbogus = 1", 1), encoding="utf-8")
    with pytest.raises(UserError, match="mine.toml"):
        load_flow_file(path)
    path.unlink()
    with pytest.raises(UserError, match="no such flow file"):
        load_flow_file(path)
