"""``objector status`` and ``objector accounts list`` as a person reads them: at 80 columns and at 120,
outcomes in the person's words, and a confirmed objection that a later skipped attempt does not hide."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run_cli

from assistant.proof.ledger import Ledger

pytestmark = pytest.mark.cli

SIX = [
    ("anna-instagram", "instagram", "anna.kowalska@example.org", "DE", "de", None),
    ("anna-facebook", "facebook", "anna.kowalska@example.org", "DE", "de", "anna-instagram"),
    ("ben-instagram", "instagram", "ben.schneider@example.net", "AT", "de", None),
    ("anna-linkedin", "linkedin", "anna.kowalska@example.org", "DE", "en", None),
    ("anna-wordpress", "wordpress", "anna.kowalska@example.org", "DE", "en", None),
    ("ben-microsoft", "microsoft", "ben.schneider@example.net", "AT", "de", None),
]


def six_accounts(home) -> None:
    """Six accounts: a confirmed objection then a skipped ``--again``, a covered one, a skipped one,
    a switched setting, a failed one and one not tried yet."""
    lines = []
    for name, platform, email, country, language, linked in SIX:
        lines += ["[[account]]", f'name = "{name}"', f'platform = "{platform}"', f'email = "{email}"']
        lines += [f'country = "{country}"', f'language = "{language}"']
        lines += [f'linked_with = "{linked}"'] if linked else []
    (home / "accounts.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ledger = Ledger(home)

    def attempt(account: str, flow: str, outcome: str, stamp: str, **more) -> None:
        folder = f"evidence/{account}/{flow}/{stamp}"
        ledger.append(account=account, flow=flow, outcome=outcome, attempt=folder, files={}, **more)

    attempt("anna-instagram", "instagram-ai-objection", "confirmed", "20260520T101502Z")
    attempt("anna-instagram", "instagram-ai-objection", "declined", "20260601T090000Z")
    attempt(
        "anna-facebook", "facebook-ai-objection", "covered", "20260520T101600Z", covered_via="anna-instagram"
    )
    attempt("ben-instagram", "instagram-ai-objection", "declined", "20260521T080000Z")
    attempt("anna-linkedin", "linkedin-ai-training", "confirmed", "20260522T080000Z")
    attempt("anna-wordpress", "wordpress-third-party-sharing", "failed", "20260523T080000Z")


def _status(env, *args: str, columns: int):
    result = run_cli(["status", *args], {**env, "COLUMNS": str(columns)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_status_fits_80_columns_and_uses_120(cli_env, home):
    six_accounts(home)
    narrow = _status(cli_env, columns=80)
    assert max(len(line) for line in narrow.splitlines() if not line.startswith(("home:", "Time-"))) <= 80
    for name, *_ in SIX:
        assert f"\n{name}" in narrow  # one block per account, its name whole
    assert "wordpress-third-party-sharing" in narrow and "microsoft-copilot-training  not yet" in narrow
    assert "evidence/" not in narrow  # paths only on request
    wide = _status(cli_env, columns=120)
    assert max(len(line) for line in wide.splitlines() if not line.startswith(("home:", "Time-"))) <= 120
    row = next(line for line in wide.splitlines() if "anna-instagram" in line and "│" in line)
    assert "instagram-ai-objection" in row and "confirmed" in row and "2026" in row  # one row, ids whole
    assert "evidence/" not in wide


def test_a_skipped_again_does_not_hide_the_confirmation(cli_env, home):
    six_accounts(home)
    for columns in (80, 160):
        out = _status(cli_env, columns=columns)
        assert "declined" not in out  # the person's words: they skipped it, the service declined nothing
        block = out[out.index("anna-instagram") : out.index("anna-facebook")]
        assert "confirmed" in block and "latest try: skipped" in block
        assert "skipped" in out[out.index("ben-instagram") :]
    stored = [json.loads(line)["outcome"] for line in (home / "ledger.jsonl").read_text().splitlines()]
    assert "declined" in stored and "skipped" not in stored  # the ledger keeps its language-neutral values


def test_status_paths_and_one_account(cli_env, home):
    six_accounts(home)
    folder = f"{home}/evidence/anna-instagram/instagram-ai-objection/20260601T090000Z"
    assert folder in _status(cli_env, "--paths", columns=240)
    one = _status(cli_env, "anna-instagram", columns=80)
    assert "anna-instagram" in one and "ben-instagram" not in one
    assert folder in "".join(line.strip() for line in one.splitlines())
    unknown = run_cli(["status", "nobody"], cli_env)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert "no account named 'nobody'" in unknown.stderr and "Traceback" not in unknown.stderr


def test_accounts_list_fits_80_columns_with_whole_e_mails(cli_env, home):
    six_accounts(home)
    for columns in (80, 120):
        out = run_cli(["accounts", "list"], {**cli_env, "COLUMNS": str(columns)}).stdout
        table = [line for line in out.splitlines() if not line.startswith(str(home))]
        assert max(len(line) for line in table) <= columns, out
        assert out.count("anna.kowalska@example.org") == 4 and out.count("ben.schneider@example.net") == 2
        assert "linked with" in out and "anna-instagram" in out
    assert "microsoft-copilot-training" in out  # at 120 the flows have room


def test_flows_are_grouped_by_what_objector_does(cli_env):
    out = run_cli(["flows"], cli_env).stdout
    forms, settings = out.index("OBJECTION FORMS"), out.index("AI-TRAINING SETTINGS")
    for flow in (
        "instagram-ai-objection",
        "facebook-ai-objection",
        "linkedin-ai-objection",
        "meta-third-party-ai",
    ):
        assert forms < out.index(flow) < settings, flow
    for flow in ("linkedin-ai-training", "x-grok-training", "adobe-content-analysis"):
        assert settings < out.index(flow), flow


def test_forget_keeping_the_proof_as_chosen_exits_0(cli_env, home):
    six_accounts(home)
    (home / "profiles" / "anna-instagram").mkdir(parents=True)
    (home / "evidence" / "anna-instagram" / "instagram-ai-objection" / "20260520T101502Z").mkdir(parents=True)
    kept = run_cli(["forget", "anna-instagram", "--evidence"], cli_env, stdin="y\nn\n")
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "Proof kept." in kept.stdout and (home / "evidence" / "anna-instagram").is_dir()
    assert not (home / "profiles" / "anna-instagram").exists()
