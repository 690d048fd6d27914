"""Hostile input: random and malicious accounts files, flow files, settings, site maps,
answers on standard input and account names.

Every problem a person can cause must come back as a ``UserError`` whose text is one
line naming the file or setting (the CLI prints it and exits 2) — never another
exception, never a traceback. Names and paths can never lead outside the home folder.
Most properties run in-process; a handful of real ``objector`` subprocesses check the
command end to end.
"""

from __future__ import annotations

import copy
import io
import json
import math
import os
import re
import tempfile
import tomllib
from pathlib import Path

import pytest
from cli_helpers import account_toml, refused_in_one_line, run_cli
from fault_helpers import PipedStdin
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from assistant.config import settings as settings_module
from assistant.config.accounts import Account, load_accounts
from assistant.config.flows import bundled_flow_dir, load_flow_file
from assistant.config.hosts import SiteMap, origin_of
from assistant.config.settings import load_settings
from assistant.engine.profiles import profile_path
from assistant.errors import UserError
from assistant.people.human import Guidance, SubmitReview, TerminalHuman
from assistant.proof.evidence import Attempt

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
SAFE_FLOW_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,63}")
NO_SUCH_USER = "~objector-no-such-user"

HOSTILE = [
    "",
    " ",
    "..",
    "../../escape",
    "..\\..\\escape",
    "a/b",
    "/etc/passwd",
    "C:\\Windows",
    "anna\n",
    "\nanna",
    "an\x00na",
    "an\rna",
    "\x1b[31mred\x1b[0m",
    "anna\u202egnp.exe",
    "ＡＮＮＡ",
    "ánna",
    "a" * 65,
    "a" * 5000,
    "~",
    NO_SUCH_USER + "/x",
    "%00",
    "${HOME}",
    "$(rm -rf /)",
    "'; DROP TABLE",
    "\ufeffanna",
    "\u0085",
    "http://[::1",
    "inf",
    "nan",
    "-1",
    "1e999",
    "0",
    "\t",
    "a=b",
    "[[account]]",
    '"""',
]
hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=8)),
)
scalar = st.one_of(hostile_text, st.integers(-(2**63), 2**63 - 1), st.floats(), st.booleans())
value = st.one_of(
    scalar,
    st.lists(scalar, max_size=3),
    st.dictionaries(st.sampled_from(["a", "name", "x"]), scalar, max_size=2),
)


def one_line(message: str) -> str:
    assert "\n" not in message and "\r" not in message, f"not one line: {message!r}"
    assert message.strip(), "empty message"
    return message


# ---------------------------------------------------------- a TOML writer
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else _str(key)


def _str(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _inline(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    raise TypeError(type(value))


def toml_dumps(data: dict) -> str:
    """Scalars and inline values first, then [tables], then [[arrays of tables]]."""
    lines: list[str] = []
    tables, arrays = {}, {}
    for key, value in data.items():
        if isinstance(value, dict) and value:
            tables[key] = value
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays[key] = value
        else:
            lines.append(f"{_key(key)} = {_inline(value)}")
    for key, table in tables.items():
        lines += ["", f"[{_key(key)}]", *(f"{_key(k)} = {_inline(v)}" for k, v in table.items())]
    for key, items in arrays.items():
        for item in items:
            lines += ["", f"[[{_key(key)}]]", *(f"{_key(k)} = {_inline(v)}" for k, v in item.items())]
    return "\n".join(lines) + "\n"


def test_the_toml_writer_round_trips():
    data = {"a": 'x\n"\\\x7f', "b": [1, 2.5, True], "t": {"k": {"in": "line"}}, "s": [{"q": 1}, {"q": "2"}]}
    assert tomllib.loads(toml_dumps(data)) == data


# ------------------------------------------------------------ accounts.toml
VALID = {
    "name": "anna-instagram",
    "platform": "instagram",
    "email": "anna@example.org",
    "country": "DE",
    "language": "en",
}
FIELDS = [
    *VALID,
    "flows",
    "reasons",
    "text_variant",
    "text_template",
    "linked_with",
    "first_name",
    "last_name",
    "prompts",
    "screenshot",
    "unknown_field",
]


def _load_accounts_text(text: str | bytes) -> list[Account] | str:
    """The accounts, or the UserError's text; any other exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "accounts.toml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        try:
            return load_accounts(path)
        except UserError as exc:
            message = one_line(str(exc))
            assert message.startswith(str(path)), f"does not name the file: {message}"
            return message


def _check_loaded(accounts: list[Account]) -> None:
    for acc in accounts:
        assert SAFE_NAME.fullmatch(acc.name), f"unsafe account name accepted: {acc.name!r}"
        assert not any(ord(c) < 0x20 or c.isspace() for c in acc.email), acc.email


@FAST
@given(st.dictionaries(st.sampled_from(FIELDS), value, max_size=5), st.booleans())
@example({"linked_with": "anna\n"}, True)  # once found: a line break in a name it points to
def test_random_field_values_in_accounts_toml(fields, keep_valid_base):
    table = {**(VALID if keep_valid_base else {}), **fields}
    result = _load_accounts_text(toml_dumps({"account": [table]}))
    if isinstance(result, list):
        _check_loaded(result)


@pytest.mark.parametrize(
    ("screenshot", "says"),
    [
        ("a" * 300 + ".png", "cannot be used (File name too long)"),  # longer than a name may be
        ("missing.png", "does not exist (or is not a file)"),
        (".", "does not exist (or is not a file)"),  # a folder
    ],
)
def test_a_screenshot_path_that_cannot_be_used_is_one_line(screenshot, says):
    result = _load_accounts_text(toml_dumps({"account": [{**VALID, "screenshot": screenshot}]}))
    assert isinstance(result, str) and says in result, result


def test_a_language_with_a_control_character_is_shown_escaped_in_one_line():
    result = _load_accounts_text(toml_dumps({"account": [{**VALID, "language": "\r"}]}))
    assert isinstance(result, str) and "no objection text in '\\r'; choose one of" in result, result


TOMLISH = [
    "[[account]]",
    "[account]",
    "name",
    "platform",
    "=",
    '"',
    "'",
    '"""',
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "instagram",
    "anna@example.org",
    "\\u0000",
    "\\",
    "#",
    "1979-05-27T07:32:00Z",
    "inf",
    "0x1F",
    "true",
]


@FAST
@given(
    st.one_of(
        st.text(max_size=200),
        st.lists(st.sampled_from(TOMLISH), max_size=30).map("".join),
        st.binary(max_size=60),
    )
)
def test_random_text_as_accounts_toml(text):
    result = _load_accounts_text(text)
    if isinstance(result, list):
        _check_loaded(result)


@pytest.mark.parametrize(
    "name", ["anna\n", "../../escape", "a/b", "an\x00na", "ＡＮＮＡ", "a" * 65, "anna\u202e", "\x1b[2Jclear"]
)
def test_hostile_account_names_are_refused_in_one_line(name):
    result = _load_accounts_text(toml_dumps({"account": [{**VALID, "name": name}]}))
    assert isinstance(result, str), f"account name {name!r} was accepted"
    assert "name" in result


@pytest.mark.parametrize("field", ["text_template", "screenshot"])
def test_a_path_under_an_unknown_users_home_is_a_user_error(field):
    result = _load_accounts_text(toml_dumps({"account": [{**VALID, field: NO_SUCH_USER + "/letter.txt"}]}))
    assert isinstance(result, (str, list))  # reaching here means no RuntimeError escaped


def test_a_template_path_with_a_nul_byte_is_a_user_error(tmp_path):
    """A NUL byte (possible through a TOML escape) must not reach the file system as a traceback."""
    from assistant.config.settings import Settings
    from assistant.letters.letters import text_for_account

    accounts = _load_accounts_text(toml_dumps({"account": [{**VALID, "text_template": "letter\x00.txt"}]}))
    if isinstance(accounts, str):
        return  # refused when the file is read: fine
    with pytest.raises(UserError) as err:
        text_for_account(accounts[0], Settings(home=tmp_path), 3000)
    one_line(str(err.value))


# -------------------------------------------------------------- flow files
BUNDLED = bundled_flow_dir() / "instagram-ai-objection.toml"
BUNDLED_DATA = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


def _paths(obj: object, here: tuple = ()) -> list[tuple]:
    found = [here]
    if isinstance(obj, dict):
        for key, item in obj.items():
            found += _paths(item, (*here, key))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            found += _paths(item, (*here, index))
    return found


def _at(obj: object, path: tuple) -> object:
    for part in path:
        obj = obj[part]  # type: ignore[index]
    return obj


REGEXES = ["(" * 300 + ")" * 300, "[", "(?i)x", "\\p{L}", "(a+)+$", "", ".*", "a{2,1}", "(?P<x>a)(?P<x>b)"]
HUGE_REPEAT = "a{4294967296}"  # re.compile raises OverflowError, not re.error


@st.composite
def mutated_flow(draw) -> dict:
    data = copy.deepcopy(BUNDLED_DATA)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _at(data, path[:-1]), path[-1]
        op = draw(st.sampled_from(["drop", "set", "regex", "add"]))
        if op == "drop":
            del parent[last]
        elif op == "set":
            parent[last] = draw(value)
        elif op == "regex":
            parent[last] = draw(st.sampled_from(REGEXES))
        elif isinstance(parent, dict):
            key = draw(st.sampled_from(["extra", "action", "target", "optional", "timeout", "id"]))
            parent[key] = draw(value)
        else:
            parent.insert(last, draw(value))
    return data


def _load_flow_text(text: str) -> object:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user-flow.toml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            flow = load_flow_file(path)
        except UserError as exc:
            message = one_line(str(exc))
            assert message.startswith(str(path)), f"does not name the file: {message}"
            return message
    assert SAFE_FLOW_ID.fullmatch(flow.id), f"unsafe flow id accepted: {flow.id!r}"
    assert urlsplit_host(flow.url) in flow.allowed_hosts
    return flow


def urlsplit_host(url: str) -> str | None:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname


@FAST
@given(mutated_flow())
def test_random_mutations_of_a_bundled_flow(data):
    _load_flow_text(toml_dumps(data))


@FAST
@given(st.integers(0, 12000), st.integers(0, 200), st.text(max_size=30))
def test_random_edits_of_a_bundled_flow_file(at, cut, insert):
    text = BUNDLED.read_text(encoding="utf-8")
    _load_flow_text(text[:at] + insert + text[at + cut :])


@pytest.mark.parametrize("regex", [*REGEXES, HUGE_REPEAT])
def test_every_bad_regular_expression_in_a_flow_is_a_user_error(regex):
    text = BUNDLED.read_text(encoding="utf-8").replace('"^/accounts/login"', json.dumps(regex), 1)
    _load_flow_text(text)


def test_a_flow_id_with_a_trailing_newline_is_refused():
    text = BUNDLED.read_text(encoding="utf-8").replace(
        'id = "instagram-ai-objection"', 'id = "instagram-ai-objection\\n"', 1
    )
    assert isinstance(_load_flow_text(text), str)


# --------------------------------------------------- settings and .env files
VARIABLES = [*settings_module._FIELDS, "OBJECTOR_IMAP_PASSWORD", "OBJECTOR_NOT_A_SETTING", "OBJECTOR_"]


def _check_settings(environ: dict[str, str]) -> None:
    try:
        loaded = load_settings(environ)
    except UserError as exc:
        message = one_line(str(exc))
        assert any(var in message for var in environ if var.startswith("OBJECTOR_")), message
        return
    assert "\x00" not in str(loaded.home), "a home folder with a NUL byte was accepted"
    for name in ("login_timeout", "step_timeout", "confirm_timeout", "manual_timeout", "page_timeout"):
        seconds = getattr(loaded, name)
        assert math.isfinite(seconds * 1000) and seconds > 0, f"{name}={seconds!r} accepted"
    loaded.sites  # noqa: B018 - the site map parses again without raising


@FAST
@given(st.dictionaries(st.sampled_from(VARIABLES), hostile_text, max_size=4))
def test_random_objector_variables(environ):
    _check_settings(environ)


@pytest.mark.parametrize(
    "environ",
    [
        {"OBJECTOR_HOME": NO_SUCH_USER + "/proof"},  # Path.expanduser raises RuntimeError
        {"OBJECTOR_HOME": "/tmp/objector\x00home"},  # accepted, then mkdir raises ValueError
        {"OBJECTOR_STEP_TIMEOUT": "inf"},  # accepted, then Playwright: "Out of range float values"
        {"OBJECTOR_PAGE_TIMEOUT": "1e308"},  # finite, but x1000 ms is not
    ],
    ids=["home-unknown-user", "home-nul", "timeout-inf", "timeout-huge"],
)
def test_settings_that_cannot_work_are_refused_in_one_line(environ):
    _check_settings(environ)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(st.sampled_from(VARIABLES), hostile_text), max_size=4),
    st.sampled_from(["{k}={v}", "{k}='{v}'", '{k}="{v}"', "export {k}={v}", "{k} = {v} # note", "{v}"]),
)
def test_random_dotenv_files(clean_env, tmp_path, pairs, form):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "\n".join(form.format(k=k, v=v) for k, v in pairs) + "\n", encoding="utf-8", errors="surrogatepass"
    )
    try:
        load_settings(dotenv=dotenv)
    except UserError as exc:
        one_line(str(exc))


def _check_site_map(text: str) -> None:
    try:
        sites = SiteMap.parse(text)
    except UserError as exc:
        one_line(str(exc))
        return
    for host, origin in sites.targets.items():
        assert origin_of(origin) is not None
        assert sites.rewrite(f"https://{host}/x?y#z").startswith(origin + "/x")


@FAST
@given(
    st.one_of(
        hostile_text,
        st.lists(st.tuples(hostile_text, hostile_text), max_size=3).map(
            lambda pairs: ",".join(f"{a}={b}" for a, b in pairs)
        ),
    )
)
def test_random_site_maps(text):
    _check_site_map(text)


@pytest.mark.parametrize(
    "text",
    [
        "help.instagram.com=http://[::1",
        "help.instagram.com=http://[",
        "help.instagram.com=http://127.0.0.1:99999",
    ],
)
def test_a_site_map_with_a_broken_address_is_a_user_error(text):
    _check_site_map(text)


# ----------------------------------------------------------- stdin answers
REVIEW = SubmitReview(
    account="anna-instagram",
    email="anna@example.org",
    flow_title="Instagram form",
    url="help.instagram.com/contact/767264225370182",
    text="I object.",
    language="en",
)
VALID_ANSWERS = {"y": "y", "yes": "y", "n": "n", "no": "n", "": "n", "m": "m"}
answer_line = st.one_of(
    st.sampled_from(
        ["y", "Y", " yes ", "YES", "n", "m", "", "ja", "yy", "y n", "\x1b[A", "ｙ", "y\r", "\ty"]
    ),
    st.text(max_size=12).filter(lambda s: "\n" not in s),
)


def _human(text: str) -> tuple[TerminalHuman, io.StringIO]:
    shown = io.StringIO()
    return TerminalHuman(Console(file=shown, width=100, color_system=None), PipedStdin(text)), shown


@FAST
@given(st.lists(answer_line, max_size=8))
def test_only_an_explicit_y_approves(lines):
    human, _ = _human("".join(line + "\n" for line in lines))
    decision = human.approve_submit(REVIEW)
    expected = "none"  # no usable answer: nothing is sent, and the record says no answer was given
    for line in lines[:5]:  # five tries
        if line.strip().lower() in VALID_ANSWERS:
            expected = VALID_ANSWERS[line.strip().lower()]
            break
    assert decision == expected


def test_undecodable_input_is_no():
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\xfd y\ny\n"), encoding="utf-8")
    human = TerminalHuman(Console(file=io.StringIO()), stdin)
    assert human.approve_submit(REVIEW) == "none"


def _check_code(lines: list[str]) -> None:
    human, _ = _human("".join(line + "\n" for line in lines))
    code = human.ask_code("anna-instagram", "anna@example.org", 1)
    assert code is None or re.fullmatch(r"[0-9]{4,10}", code), f"code {code!r} would be typed into the form"


@FAST
@given(
    st.lists(
        st.one_of(st.text(max_size=14).filter(lambda s: "\n" not in s), st.from_regex(r"\A[0-9 ]{4,12}\Z")),
        max_size=6,
    )
)
def test_a_code_answer_is_ascii_digits_or_nothing(lines):
    _check_code(lines)


@pytest.mark.parametrize(
    "typed", ["２４６８１０", "²⁴⁶⁸⁰¹", "٢٤٦٨١٠"], ids=["fullwidth", "superscript", "arabic-indic"]
)
def test_a_code_in_other_digit_forms_is_not_typed_as_is(typed):
    _check_code([typed])


def test_typing_skip_at_a_by_hand_step_is_not_done():
    human, shown = _human("skip\n")
    done = human.guide(Guidance("anna-instagram", "Tick the box in the browser window, then press Enter."))
    assert "skip" in shown.getvalue()  # the prompt offers it
    assert done is False, "'skip' was taken as 'done': the step is recorded as done by hand"


# ------------------------------------------------------------ names & paths
path_like = st.lists(
    st.sampled_from(["..", ".", "a", "evil", "", "x y", "ü", "\x01", "\n"]), min_size=1, max_size=3
).map("/".join)


def _check_profile_path(name: str, home: Path) -> None:
    try:
        path = profile_path(home, name)
    except UserError as exc:
        one_line(str(exc))
        return
    assert path.parent == home / "profiles"
    assert SAFE_NAME.fullmatch(path.name), f"profile folder {path.name!r} accepted"


@FAST
@given(st.one_of(hostile_text, path_like))
def test_a_profile_path_never_leaves_the_profiles_folder(tmp_path_factory, name):
    _check_profile_path(name, tmp_path_factory.getbasetemp() / "profiles-home")


def test_a_profile_name_with_a_trailing_newline_is_refused(tmp_path):
    _check_profile_path("anna\n", tmp_path / "home")


def _check_attempt(name: str, base: Path) -> None:
    home = base / "one" / "two" / "three" / "home"  # deep enough that "../.." stays in the temp dir
    home.mkdir(parents=True)
    try:
        attempt = Attempt(home, name, "instagram-ai-objection")
    except (UserError, ValueError):
        return
    inside = (home / "evidence").resolve()
    assert inside in attempt.folder.resolve().parents, f"{name!r} made {attempt.folder.resolve()}"
    outside = [p for p in base.rglob("*") if not p.is_relative_to(home) and not home.is_relative_to(p)]
    assert outside == [], f"{name!r} made {outside}"


@FAST
@given(path_like)
def test_an_attempt_folder_never_leaves_the_evidence_folder(tmp_path_factory, name):
    """Attempt is where every proof folder is made; a name from anywhere must not climb out."""
    _check_attempt(name, Path(tempfile.mkdtemp(dir=tmp_path_factory.getbasetemp())))


def test_an_attempt_for_a_climbing_name_stays_in_the_home(tmp_path):
    _check_attempt("../../escape", tmp_path)


# ------------------------------------------------------- the real command
def _cli(args: list[str], env: dict[str, str], cwd: Path, stdin: str = ""):
    return run_cli(args, env, stdin=stdin, cwd=cwd, timeout=60)


@pytest.mark.cli
@pytest.mark.parametrize("name", ["../../escape", "anna\\nx"])
def test_cli_refuses_a_traversing_account_name(cli_env, home, tmp_path, name):
    (home / "accounts.toml").write_text(account_toml(name=name), encoding="utf-8")
    line = refused_in_one_line(_cli(["run"], cli_env, tmp_path))
    assert "accounts.toml" in line and "name" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


@pytest.mark.cli
def test_cli_forget_cannot_delete_outside_the_home(cli_env, home, tmp_path):
    victim = tmp_path / "victim"
    (victim / "Default").mkdir(parents=True)
    line = refused_in_one_line(_cli(["forget", "../victim", "--yes"], cli_env, tmp_path, stdin="y\n"))
    assert "../victim" in line
    assert (victim / "Default").is_dir()


@pytest.mark.cli
def test_cli_bad_site_map_is_one_line(cli_env, tmp_path):
    env = {**cli_env, "OBJECTOR_SITE_MAP": "help.instagram.com=http://[::1"}
    assert "OBJECTOR_SITE_MAP" in refused_in_one_line(_cli(["run"], env, tmp_path))


@pytest.mark.cli
def test_cli_home_under_an_unknown_user_is_one_line(cli_env, tmp_path):
    env = {**cli_env, "OBJECTOR_HOME": NO_SUCH_USER + "/objector"}
    assert "OBJECTOR_HOME" in refused_in_one_line(_cli(["status"], env, tmp_path))


@pytest.mark.cli
def test_cli_template_under_an_unknown_user_is_one_line(cli_env, home, tmp_path):
    accounts = account_toml(text_template=NO_SUCH_USER + "/letter.txt")
    (home / "accounts.toml").write_text(accounts, encoding="utf-8")
    assert "text_template" in refused_in_one_line(_cli(["accounts", "list"], cli_env, tmp_path))


@pytest.mark.cli
def test_cli_flow_with_an_impossible_repeat_is_one_line(cli_env, home, tmp_path):
    (home / "flows").mkdir()
    text = BUNDLED.read_text(encoding="utf-8").replace('"^/accounts/login"', json.dumps(HUGE_REPEAT), 1)
    (home / "flows" / "instagram-ai-objection.toml").write_text(text, encoding="utf-8")
    assert "instagram-ai-objection.toml" in refused_in_one_line(_cli(["flows"], cli_env, tmp_path))


@pytest.mark.cli
def test_cli_dotenv_home_with_a_nul_byte_is_one_line(cli_env, tmp_path):
    env = {k: v for k, v in cli_env.items() if k != "OBJECTOR_HOME"}
    (tmp_path / ".env").write_bytes(b"OBJECTOR_HOME=" + str(tmp_path).encode() + b"/h\x00me\n")
    result = _cli(
        [
            "accounts",
            "add",
            "--name",
            "anna-instagram",
            "--platform",
            "instagram",
            "--email",
            "anna@example.org",
            "--country",
            "DE",
            "--language",
            "en",
        ],
        env,
        tmp_path,
    )
    assert "OBJECTOR_HOME" in refused_in_one_line(result)


# --------------------------------------------------------------------------- Rich markup in values

MARKUP = ["[/]", "[red]x[/red]", "a[link=file:///etc/passwd]b[/link]", "[bold", "\\[y]"]


@pytest.mark.parametrize(
    "email", ["x[/]y@example.org", "[red]x@example.org", "a[link=file:///etc/passwd]b@example.org"]
)
def test_an_email_with_markup_is_refused_in_one_line(email):
    with pytest.raises(UserError, match="is not an e-mail address") as caught:
        load_accounts_from_text(account_toml(email=email))
    assert "\n" not in str(caught.value)


def load_accounts_from_text(text: str) -> list[Account]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "accounts.toml"
        path.write_text(text, encoding="utf-8")
        return load_accounts(path)


@pytest.mark.parametrize("value", MARKUP)
def test_the_review_panel_and_progress_lines_show_markup_literally(value):
    from assistant.people.ui import Reporter, review_panel

    review = SubmitReview(
        account=f"anna{value}",
        email="anna@example.org",
        flow_title=f"Form {value}",
        url=f"https://help.instagram.com/{value}",
        text=f"I object {value}",
        language="en",
        filled=(f"email {value}",),
    )
    buffer = io.StringIO()
    console = Console(file=buffer, width=300, highlight=False, color_system=None)
    console.print(review_panel(review))
    reporter = Reporter(console)
    reporter.ok(f"filled {value}")
    reporter.heading(f"[1/1] {value}")
    out = buffer.getvalue()
    for shown_value in (f"anna{value}", f"Form {value}", f"/{value}", f"I object {value}", f"filled {value}"):
        assert shown_value in out, (shown_value, out)


@pytest.mark.cli
def test_cli_markup_in_paths_titles_and_ledger_values_is_shown_as_written(cli_env, tmp_path):
    """Every command that prints a home path, a flow title or a ledger value prints it literally."""
    from assistant.proof.ledger import Ledger

    home = tmp_path / "h[/]o[red]me"
    env = {**cli_env, "OBJECTOR_HOME": str(home)}
    added = _cli(
        ["accounts", "add", "--name", "anna-instagram", "--platform", "instagram", "--email",
         "anna@example.org", "--country", "DE", "--language", "en"],
        env,
        tmp_path,
    )  # fmt: skip
    assert added.returncode == 0 and str(home) in added.stdout, added.stderr
    (home / "flows").mkdir()
    title = "Evil [red]form[/red] a[link=file:///etc/passwd]b[/link] [/]"
    text = BUNDLED.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^title = ".*"$', lambda _m: f"title = {json.dumps(title)}", text, count=1)
    (home / "flows" / "instagram-ai-objection.toml").write_text(text, encoding="utf-8")
    Ledger(home).append(
        account="anna-instagram",
        flow="instagram-ai-objection",
        outcome="[red]confirmed[/]",
        attempt="evidence/anna-instagram/instagram-ai-objection/[link=x]y[/link]",
        files={},
    )
    expected = {
        ("accounts", "list"): [str(home)],
        ("flows",): [title],
        ("status", "--paths"): ["[red]confirmed[/]", "[link=x]y[/link]"],
        ("verify",): [str(home)],
        ("forget", "anna-instagram", "--yes"): [f"{home}/profiles"],
    }
    for command, values in expected.items():
        result = _cli(list(command), env, tmp_path)
        out = result.stdout.replace("\n", "")
        assert "Traceback" not in result.stdout + result.stderr, result.stderr
        for value in values:
            assert value in out or value in re.sub(r"[│ ]*\n[│ ]*", "", result.stdout), (
                command,
                result.stdout,
            )


# --------------------------------------------------------------------------- special files


def _special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()


def _read_as(reader: str, path: Path) -> None:
    from assistant.letters.text import _read_custom_template
    from assistant.proof.ledger import Ledger

    if reader == "accounts":
        load_accounts(path)
    elif reader == "flow":
        load_flow_file(path)
    elif reader == "template":
        _read_custom_template(path)
    elif reader == "dotenv":
        load_settings(dotenv=path)
    else:
        Ledger(path.parent).entries()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX only")
@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
@pytest.mark.parametrize(
    "reader, name",
    [
        ("accounts", "accounts.toml"),
        ("flow", "mine.toml"),
        ("template", "letter.txt"),
        ("dotenv", ".env"),
        ("ledger", "ledger.jsonl"),
    ],
)
def test_every_file_objector_reads_refuses_pipes_devices_and_folders(clean_env, tmp_path, reader, name, kind):
    from assistant.letters.text import TextError

    path = tmp_path / name
    _special(path, kind)
    words = {"fifo": "named pipe", "device": "a device", "folder": "a folder"}[kind]
    with pytest.raises((UserError, TextError)) as caught:  # a pipe would block and /dev/zero never end
        _read_as(reader, path)
    message = str(caught.value)
    assert words in message and str(path) in message and "\n" not in message
