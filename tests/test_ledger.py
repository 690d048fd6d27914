"""Ledger and attempt folders: hash chain, latest state, private atomic files."""

import json
import os
import stat

from assistant.evidence import Attempt
from assistant.ledger import GENESIS, Ledger, entry_hash, sha256_bytes


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
    first = Attempt(home, "a", "f")
    second = Attempt(home, "a", "f", started=first.started)
    assert first.folder != second.folder and second.folder.name.endswith("-2")
