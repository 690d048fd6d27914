"""The proof report and the export, on proof made by the real demo (practice Help Centre)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from cli_helpers import run_cli
from markupsafe import escape

from assistant.proof.export import ExportError, export_zip
from assistant.proof.ledger import Ledger, sha256_bytes
from assistant.proof.report import build_report, count_pdf_pages, render_html

pytestmark = [pytest.mark.browser, pytest.mark.cli]

INSTAGRAM, FACEBOOK = "anna-instagram", "anna-facebook"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Proof of two confirmed objections, made once per module by ``objector demo``."""
    home = tmp_path_factory.mktemp("report") / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    env.update(
        OBJECTOR_HEADLESS="1",
        NO_COLOR="1",
        COLUMNS="120",
        OBJECTOR_LOGIN_TIMEOUT="60",
        OBJECTOR_CONFIRM_TIMEOUT="20",
    )
    done = run_cli(
        ["demo", "--auto-login", "--home", str(home)], env, stdin="y\ny\n", cwd=home.parent, timeout=150
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return home


@pytest.fixture
def proof(demo_home: Path, tmp_path: Path) -> Path:
    """A copy of the demo's proof (without the browser profiles) that a test may change."""
    copy = tmp_path / "home"
    shutil.copytree(demo_home, copy, ignore=shutil.ignore_patterns("profiles", "report"))
    return copy


def attempts(home: Path) -> dict[str, Path]:
    """account -> its attempt folder."""
    return {
        entry["account"]: home / entry["attempt"] for entry in Ledger(home).entries() if "attempt" in entry
    }


def data_uris(page: str) -> list[bytes]:
    return [base64.b64decode(m) for m in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)]


def test_report_shows_every_account_screenshot_text_and_hash(demo_home: Path) -> None:
    page = render_html(demo_home)
    assert INSTAGRAM in page and FACEBOOK in page
    images = {hashlib.sha256(data).hexdigest() for data in data_uris(page)}
    entries = Ledger(demo_home).entries()
    for folder in attempts(demo_home).values():
        record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
        assert escape(record["text"]) in page  # the text sent, whole
        assert escape(record["form_url"]) in page  # the live address
        for shot in ("form.png", "confirmation.png"):
            assert hashlib.sha256((folder / shot).read_bytes()).hexdigest() in images
    final = [e for e in entries if e.get("outcome") == "confirmed"]
    assert len(final) == 2
    for entry in final:
        for digest in entry["files"].values():
            assert digest in page
    assert "Proof intact" in page and "changed after it was recorded" not in page
    last = entries[-1]["hash"]
    assert " ".join(last[i : i + 8] for i in range(0, 64, 8)) in page  # the fingerprint
    assert "Confirmed" in page and "English" in page


def test_report_tells_the_steps_in_words_and_the_pages_answer_once(demo_home: Path) -> None:
    page = render_html(demo_home)
    for internal in ("ensure_login", "review_and_submit", ">absent<", ">done<"):
        assert internal not in page
    assert "<td>Log in</td>" in page and "<td>Review and send</td>" in page
    articles = re.findall(r'<article class="attempt[^"]*" id="[^"]+">(.*?)</article>', page, re.S)
    assert len(articles) == 2
    for folder in attempts(demo_home).values():
        record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
        # the page's answer (kept as the parts objector read: the whole, its heading, its body)
        heading = record["confirmation_text"].split(" · ")[1]
        (article,) = [a for a in articles if f"<b>{record['account']}</b>" in a]
        assert article.count(str(escape(heading))) == 1, heading


def test_report_loads_nothing_from_the_network(demo_home: Path) -> None:
    page = render_html(demo_home)
    assert "https://help.instagram.com" in page  # shown as text ...
    assert not re.search(
        r"""\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*(?:https?:|//)""", page, re.IGNORECASE
    )
    assert not re.search(r"<(?:script|link|iframe|object|embed)\b", page, re.IGNORECASE)  # ... never loaded
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:|//)", page, re.IGNORECASE)


def test_build_report_writes_a_private_page_in_the_home_folder(proof: Path) -> None:
    result = build_report(proof)
    assert result.html == proof / "report" / "objector-report.html"
    assert result.pdf is None and result.pdf_pages is None and result.attempts == 2
    assert stat.S_IMODE(result.html.stat().st_mode) == 0o600
    assert result.html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_changed_screenshot_is_reported_prominently_and_by_name(proof: Path) -> None:
    shot = attempts(proof)[INSTAGRAM] / "form.png"
    shot.write_bytes(shot.read_bytes() + b"edited")
    page = render_html(proof)
    assert "Warning: this proof was changed after it was recorded" in page
    assert "Proof intact" not in page
    rel = shot.relative_to(proof).as_posix()
    assert rel in page
    assert "This attempt’s proof was changed after it was recorded" in page
    assert "PROOF CHANGED" in page  # in the printed footer of every page


def test_missing_record_and_screenshot_are_shown_as_missing(proof: Path) -> None:
    folder = attempts(proof)[FACEBOOK]
    (folder / "record.json").unlink()
    (folder / "confirmation.png").unlink()
    page = render_html(proof)
    assert "record.json is missing" in page
    assert "confirmation.png is missing" in page
    assert INSTAGRAM in page  # the other attempt is shown as before


def test_hostile_proof_is_shown_as_text_never_as_markup(proof: Path, tmp_path: Path) -> None:
    folder = attempts(proof)[INSTAGRAM]
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    record.update(
        text="<script>alert('text')</script>",
        flow_title="<img src=x onerror=alert(1)>",
        form_url='https://evil.example/"><script>alert(2)</script>',
        confirmation_text="</pre><b>x",
        approval={"answer": "y", "by": "<i>y</i>", "at": "<b>"},
        steps=[{"action": "<script>", "status": "done", "detail": "<i>y</i>", "at": "<b>"}],
    )
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "form.png").write_bytes((folder / "form.png").read_bytes() + b"secret")
    Ledger(proof).append(
        account="<script>alert(3)</script>",
        flow='x"><b>',
        outcome="<b>bad</b>",
        attempt="../outside",
        files={"form.png": "0" * 64},
    )
    page = render_html(proof)
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<b>bad</b>" not in page and "<i>y</i>" not in page
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    # a ledger line pointing outside the home folder is never followed
    leaked = hashlib.sha256((outside / "form.png").read_bytes()).hexdigest()
    assert leaked not in {hashlib.sha256(d).hexdigest() for d in data_uris(page)}


def test_a_record_field_that_does_not_fit_its_format_is_left_out_and_named(proof: Path) -> None:
    folder = attempts(proof)[INSTAGRAM]
    record = json.loads((folder / "record.json").read_text(encoding="utf-8"))
    record.update(confirmation_text={"html": "<b>not words</b>"}, approval="yes", extra_key=1)
    (folder / "record.json").write_text(json.dumps(record), encoding="utf-8")
    page = render_html(proof)
    assert (
        "record.json has fields that do not fit its format, left out: approval, confirmation_text, "
        "extra_key" in page
    )
    assert "not words" not in page
    assert escape(record["text"]) in page  # what fits is still shown
    assert FACEBOOK in page


def test_confirmation_email_shows_in_summary_and_attempt(proof: Path) -> None:
    ledger = Ledger(proof)
    last = [e for e in ledger.entries() if e["account"] == INSTAGRAM][-1]
    eml = (
        b"From: Instagram <no-reply@mail.instagram.com>\r\nTo: anna@example.org\r\n"
        b"Subject: We've received your objection\r\nDate: Fri, 27 Nov 2026 06:12:00 +0000\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nWe'll honour your objection.<script>x</script>\r\n"
    )
    (proof / last["attempt"] / "mail-confirmation.eml").write_bytes(eml)
    files = {**last["files"], "mail-confirmation.eml": sha256_bytes(eml)}
    ledger.append(
        account=INSTAGRAM,
        flow=last["flow"],
        kind="mail",
        attempt=last["attempt"],
        files=dict(sorted(files.items())),
        mail_subject="We've received your objection",
        mail_date="Fri, 27 Nov 2026 06:12:00 +0000",
    )
    page = render_html(proof)
    assert "Proof intact" in page
    assert "<b>Yes</b>" in page and "27 Nov 2026, 06:12 UTC" in page
    assert "We&#39;ve received your objection" in page
    assert "We&#39;ll honour your objection.&lt;script&gt;" in page
    assert sha256_bytes(eml) in page
    # the status still comes from the attempt, not from the e-mail entry
    assert page.count('<span class="badge ok">Confirmed</span>') >= 2


def test_empty_home_says_there_is_no_proof_yet(tmp_path: Path) -> None:
    home = tmp_path / "empty"
    home.mkdir()
    page = render_html(home)
    assert "There is no proof yet" in page and "No proof yet" in page
    result = build_report(home)
    assert result.attempts == 0 and result.html.is_file()


def test_pdf_is_printed_with_the_projects_browser(proof: Path) -> None:
    result = build_report(proof, proof / "out" / "proof.html", pdf=True)
    assert result.pdf == proof / "out" / "proof.pdf"
    data = result.pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert result.pdf_pages == count_pdf_pages(data)
    assert 3 <= result.pdf_pages <= 12  # cover page + attempts + ledger, nothing runaway
    assert stat.S_IMODE(result.pdf.stat().st_mode) == 0o600
    if shutil.which("pdfinfo"):
        import subprocess

        info = subprocess.run(["pdfinfo", str(result.pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(rf"^Pages:\s+{result.pdf_pages}$", info, re.MULTILINE)
        assert "(A4)" in info


def test_export_holds_the_proof_and_the_report_but_no_profiles(demo_home: Path, tmp_path: Path) -> None:
    assert (demo_home / "profiles").is_dir()
    dest = tmp_path / "proof.zip"
    result = export_zip(demo_home, dest)
    assert result.path == dest and result.bytes == dest.stat().st_size
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    with zipfile.ZipFile(dest) as archive:
        names = archive.namelist()
        assert names[:-1] == sorted(names[:-1]) and names[-1] == "report/objector-report.html"  # stable order
        assert "ledger.jsonl" in names and "accounts.toml" in names
        assert "report/objector-report.html" in names
        assert not any(n.startswith("profiles/") or n.endswith((".lock", ".tmp")) or "/." in n for n in names)
        expected = {
            f"{e['attempt']}/{name}" for e in Ledger(demo_home).entries() for name in e.get("files", {})
        }
        assert expected <= set(names)
        assert result.files == len(names)
        assert archive.read("ledger.jsonl") == (demo_home / "ledger.jsonl").read_bytes()
        assert b"Proof intact" in archive.read("report/objector-report.html")
        assert archive.testzip() is None
    assert list(tmp_path.iterdir()) == [dest]  # no temporary file left beside it


def test_export_refuses_changed_proof_and_writes_nothing(proof: Path, tmp_path: Path) -> None:
    shot = attempts(proof)[FACEBOOK] / "confirmation.png"
    shot.write_bytes(b"not the screenshot")
    (attempts(proof)[INSTAGRAM] / "extra.txt").write_text("added later")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError) as caught:
        export_zip(proof, out / "proof.zip")
    message = str(caught.value)
    assert "does not verify" in message and "objector verify" in message
    assert "and 1 more problem" in message
    assert shot.relative_to(proof).as_posix() in message or "extra.txt" in message
    assert "\n" not in message
    assert list(out.iterdir()) == []


def test_export_refuses_an_existing_file_and_a_name_that_is_not_a_zip(proof: Path, tmp_path: Path) -> None:
    dest = tmp_path / "proof.zip"
    dest.write_bytes(b"keep me")
    with pytest.raises(ExportError, match="already exists"):
        export_zip(proof, dest)
    assert dest.read_bytes() == b"keep me"
    with pytest.raises(ExportError, match=r"\.zip"):
        export_zip(proof, tmp_path / "proof.tar")
    with pytest.raises(ExportError, match="no proof"):
        export_zip(tmp_path / "nothing", tmp_path / "empty.zip")
