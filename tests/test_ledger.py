"""Ledger and attempt folders: hash chain, latest state, private atomic files."""

import json
import os
import stat

from assistant.proof.evidence import Attempt
from assistant.proof.ledger import GENESIS, Ledger, entry_hash, sha256_bytes


def test_entries_are_chained(home):
    ledger = Ledger(home)
    first = ledger.append(account="a", flow="f", outcome="declined")
    second = ledger.append(account="a", flow="f", outcome="confirmed")
    assert first["prev"] == GENESIS and first["seq"] == 1
    assert second["prev"] == first["hash"] and second["seq"] == 2
    for entry in ledger.entries():
        assert entry["hash"] == entry_hash(entry)
    assert ledger.latest()[("a", "f")]["outcome"] == "confirmed"
    assert ("a", "f") in ledger.confirmed()


def test_ledger_is_private_and_leaves_no_temp_files(home):
    ledger = Ledger(home)
    ledger.append(account="a", flow="f", outcome="declined")
    assert stat.S_IMODE(os.stat(ledger.path).st_mode) == 0o600
    assert [p.name for p in home.iterdir()] == ["ledger.jsonl"]
    assert all(json.loads(line) for line in ledger.path.read_text().splitlines())


def test_attempt_folder_files_and_ledger_hashes(home):
    ledger = Ledger(home)
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    attempt.save("form.png", b"png bytes")
    attempt.write_record({"outcome": "confirmed"})
    entry = attempt.log(ledger, "confirmed")
    assert attempt.folder.parent == home / "evidence" / "anna-instagram" / "instagram-ai-objection"
    assert stat.S_IMODE(os.stat(attempt.folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(attempt.folder / "form.png").st_mode) == 0o600
    assert entry["files"]["form.png"] == sha256_bytes(b"png bytes")
    record = json.loads((attempt.folder / "record.json").read_text())
    assert record["files"] == ["form.png"] and record["started_at"].endswith("Z")
    assert entry["attempt"] == attempt.relpath


def test_two_attempts_in_the_same_second_get_their_own_folders(home):
    first = Attempt(home, "anna", "some-flow")
    second = Attempt(home, "anna", "some-flow", started=first.started)
    assert first.folder != second.folder and second.folder.name.endswith("-2")


def _proof(home):
    ledger = Ledger(home)
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    attempt.save("form.png", b"form")
    attempt.log(ledger, "awaiting-approval")
    attempt.save("confirmation.png", b"done")
    attempt.write_record({"outcome": "confirmed"})
    attempt.log(ledger, "confirmed")
    return ledger, attempt


def test_verify_passes_on_fresh_proof(home):
    from assistant.proof.verify import verify_home

    _proof(home)
    result = verify_home(home)
    assert result.ok, result.problems
    assert result.entries == 2 and result.files == 3


def test_verify_names_a_changed_missing_or_unexpected_file(home):
    from assistant.proof.verify import verify_home

    _ledger, attempt = _proof(home)
    (attempt.folder / "confirmation.png").write_bytes(b"edited")
    (attempt.folder / "form.png").unlink()
    (attempt.folder / "extra.txt").write_text("x")
    kinds = {(p.kind, p.path.rsplit("/", 1)[-1]) for p in verify_home(home).problems}
    assert kinds == {("modified", "confirmation.png"), ("missing", "form.png"), ("unexpected", "extra.txt")}


def test_verify_finds_an_edited_or_removed_ledger_line(home):
    from assistant.proof.verify import verify_home

    ledger, _attempt = _proof(home)
    lines = ledger.path.read_text().splitlines()
    ledger.path.write_text(lines[0].replace("awaiting-approval", "confirmed") + "\n" + lines[1] + "\n")
    problems = verify_home(home).problems
    assert any(p.kind == "ledger-edited" and p.path == "ledger.jsonl:1" for p in problems)
    ledger.path.write_text(lines[1] + "\n")
    assert any(p.kind == "chain-broken" for p in verify_home(home).problems)


def test_existing_folders_keep_their_permissions(tmp_path):
    """objector makes its own folders private but never chmods one it did not create (like ~ or /)."""
    from assistant.storage import atomic_write

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    atomic_write(shared / "accounts.toml", "x")
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o755
    atomic_write(shared / "new" / "file", "x")
    assert stat.S_IMODE(os.stat(shared / "new").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(shared / "new" / "file").st_mode) == 0o600


def test_a_read_only_folder_is_one_clear_error(tmp_path, monkeypatch):
    import errno
    import tempfile

    import pytest

    from assistant.storage import StorageError, atomic_write

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(StorageError, match="cannot write \\(Read-only file system\\)"):
        atomic_write(tmp_path / "accounts.toml", "x")
    assert list(tmp_path.iterdir()) == []
