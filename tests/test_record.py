"""The attempt record's format (``assistant/proof/record.py``) and its documentation."""

from __future__ import annotations

import json
import subprocess
import sys

from assistant.proof.evidence import Attempt
from assistant.proof.ledger import Ledger
from assistant.proof.outcome import Outcome
from assistant.proof.record import DOC_PATH, MAX_RECORD_BYTES, AttemptRecord, markdown, read_record

MINIMAL = {
    "objector_version": "1.0",
    "started_at": "2026-11-27T10:00:00Z",
    "account": "anna-instagram",
    "platform": "instagram",
    "email": "anna@example.org",
    "flow": "instagram-ai-objection",
    "flow_title": "Instagram: object",
    "form_url": "https://help.instagram.com/contact/767264225370182",
    "outcome": "confirmed",
    "message": "confirmed",
    "submitted": True,
}


def test_docs_are_generated_from_the_model():
    assert DOC_PATH.read_text(encoding="utf-8") == markdown(), "run: python -m assistant.proof.record"
    check = subprocess.run([sys.executable, "-m", "assistant.proof.record", "--check"], check=False)
    assert check.returncode == 0


def test_every_outcome_and_setting_field_is_documented():
    page = markdown()
    for outcome in Outcome:
        assert f"`{outcome.value}`" in page
    for field in ("settings", "recheck_result", "after_reload", "approval", "after_send"):
        assert f"`{field}`" in page


def test_a_minimal_record_fits_and_a_wrong_one_is_named():
    assert AttemptRecord.problems(MINIMAL) == []
    wrong = {**MINIMAL, "outcome": "sent-probably", "steps": [{"action": "fill", "status": "ok"}]}
    problems = AttemptRecord.problems(wrong)
    assert any(p.startswith("outcome:") for p in problems)
    assert any(p.startswith("steps.0.status:") for p in problems)
    assert any(p.startswith("steps.0.detail:") for p in problems)
    misspelt = AttemptRecord.problems({**MINIMAL, "sumbitted": True})
    assert misspelt == ["sumbitted: Extra inputs are not permitted"]


def test_a_setting_record_fits():
    record = {
        **MINIMAL,
        "kind": "setting",
        "mode": "recheck",
        "outcome": "turned-back",
        "recheck_result": "turned-on-again",
        "settings": [
            {"name": "Data for Generative AI Improvement", "want": "off", "before": "on",
             "after_reload": "on", "result": "turned-back"},
        ],
    }  # fmt: skip
    assert AttemptRecord.problems(record) == []
    unknown_want = [{"name": "x", "want": "maybe", "result": "changed"}]
    assert AttemptRecord.problems({**record, "settings": unknown_want})


def test_a_record_that_does_not_fit_is_still_written_with_its_problems(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    attempt = Attempt(home, "anna-instagram", "instagram-ai-objection")
    attempt.write_record({**MINIMAL, "submitted": "yes please"})
    written = json.loads((attempt.folder / "record.json").read_text(encoding="utf-8"))
    assert written["submitted"] == "yes please"
    assert any(p.startswith("submitted:") for p in written["format_problems"])
    attempt.log(Ledger(home), "confirmed")


def test_reading_a_tampered_record_keeps_what_fits_and_names_the_rest():
    fields, bad = AttemptRecord.fitting({**MINIMAL, "text_length": "many", "steps": [{"at": 1}], "x": 1})
    assert bad == ["steps", "text_length", "x"]
    assert fields == MINIMAL
    fields, bad = AttemptRecord.fitting({"outcome": "confirmed"})  # absent fields are no problem
    assert fields == {"outcome": "confirmed"} and bad == []
    assert AttemptRecord.fitting(MINIMAL) == (MINIMAL, [])


def test_read_record_reads_only_real_records_inside_the_home(tmp_path):
    home, attempt = tmp_path / "home", "evidence/anna/flow/20260101T000000Z"
    folder = home / attempt
    folder.mkdir(parents=True)
    assert read_record(home, attempt) == (None, "record.json is missing")
    for content, problem in [
        ("{not json", "record.json cannot be read (it is not valid JSON)"),
        ("[1, 2]", "record.json does not hold a record"),
        (json.dumps({**MINIMAL, "submitted": "maybe"}), "record.json has fields that do not fit its format, "
         "left out: submitted"),
        (json.dumps(MINIMAL), ""),
    ]:  # fmt: skip
        (folder / "record.json").write_text(content, encoding="utf-8")
        fields, said = read_record(home, attempt)
        assert said == problem
        assert (fields is None) == (problem in ("record.json cannot be read (it is not valid JSON)",
                                                "record.json does not hold a record"))  # fmt: skip
    (folder / "record.json").write_bytes(b" " * (MAX_RECORD_BYTES + 1))
    assert read_record(home, attempt) == (None, "record.json cannot be read")
    # a record behind a link, or outside the home, is never read
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "record.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    (folder / "record.json").unlink()
    (folder / "record.json").symlink_to(outside / "record.json")
    assert read_record(home, attempt)[0] is None
    assert read_record(home, "../outside")[0] is None
