"""The proof report on setting attempts: the per-service history and each attempt's settings.

Homes are written through objector's own writers (setting_helpers), so they verify.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from setting_helpers import LINKEDIN, X_FLOW, record_form, record_setting

from assistant.proof.ledger import Ledger
from assistant.proof.report import render_html
from assistant.proof.verify import verify_home


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 30, tzinfo=UTC)


def _home(home: Path) -> Path:
    record_setting(home, "anna", LINKEDIN, at=at(9, 1))
    record_setting(home, "anna", LINKEDIN, at=at(10, 1), outcome="still-set")
    record_setting(home, "anna", LINKEDIN, at=at(11, 2), outcome="turned-back")
    record_setting(home, "ben", LINKEDIN, at=at(9, 5), already=True)
    record_setting(home, "anna", X_FLOW, at=at(9, 3), platform="x", name="Grok training")
    record_setting(home, "anna", X_FLOW, at=at(11, 4), outcome="failed", platform="x")
    record_form(home, "anna", "instagram-ai-objection", at=at(8, 1))
    return home


def _images(page: str) -> set[str]:
    found = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    return {hashlib.sha256(base64.b64decode(data)).hexdigest() for data in found}


def _section(page: str, start: str, end: str) -> str:
    return page[page.index(start) : page.index(end, page.index(start))]


def test_settings_history_per_service_with_every_set_and_recheck(home: Path) -> None:
    page = render_html(_home(home))
    assert "Proof intact" in page and verify_home(home).ok
    for path in home.glob("evidence/*/*/*/record.json"):  # the records fit the documented format
        assert "format_problems" not in json.loads(path.read_text(encoding="utf-8")), path
    history = _section(page, "<h2>Settings</h2>", "</section>")
    linkedin = _section(history, "<h3>LinkedIn</h3>", "</table>")
    x_table = _section(history, "<h3>X</h3>", "</table>")
    rows = re.findall(r"<tr>(.*?)</tr>", linkedin)[1:]
    texts = [re.sub(r"<[^>]+>", " ", r) for r in rows]
    texts = [" ".join(t.split()) for t in texts]
    # anna's history in order, then ben's
    assert texts[0].startswith("01 Sep 2026 10:30 UTC Set anna Data for Generative AI Improvement on → off")
    assert "Switched off" in texts[0] and "setting-1-after.png" in texts[0]
    assert texts[1].startswith("01 Oct 2026 10:30 UTC Re-check anna") and "Still off" in texts[1]
    assert "recheck-1.png" in texts[1]
    assert texts[2].startswith("02 Nov 2026 10:30 UTC Re-check anna") and "Turned on again" in texts[2]
    assert texts[3].startswith("05 Sep 2026 10:30 UTC Set ben") and "off → off" in texts[3]
    assert "Already off" in texts[3]
    assert len(texts) == 4
    assert "Grok training" in x_table and "no setting read" in x_table and "Failed" in x_table
    assert "instagram-ai-objection" not in history  # forms are not settings
    # every screenshot link leads to a picture in the page
    targets = re.findall(r'href="#([^"]+)"', history)
    assert len(targets) == 6
    for target in targets:
        assert f'id="{target}"' in page


def test_setting_attempts_show_their_settings_and_screenshots(home: Path) -> None:
    page = render_html(_home(home))
    images = _images(page)
    for entry in Ledger(home).entries():
        for name, digest in entry["files"].items():
            if name.endswith(".png"):
                assert digest in images, name  # embedded, not linked
    articles = re.findall(r'<article class="attempt[^"]*" id="[^"]+">(.*?)</article>', page, re.S)
    ben = next(a for a in articles if "<b>ben</b>" in a)
    assert "Already off: nothing to change" in ben
    assert "The settings" in ben and "off → off" in ben
    assert "Setting 1 before objector changed anything" in ben and "Setting 1 after a reload" in ben
    recheck = next(a for a in articles if "Turned on again" in a)
    assert "What the re-check read" in recheck and "None needed: a re-check only reads" in recheck
    assert "Changed back by the service" in recheck  # the attempt's badge
    assert "Settings page (live address)" in recheck and " · LinkedIn · " in recheck
    assert "Setting 1 as the re-check read it" in recheck
    assert not re.search(r"<(?:script|link|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", page, re.IGNORECASE)


def test_setting_names_from_the_proof_are_shown_as_text(home: Path) -> None:
    entry = record_setting(home, "anna", LINKEDIN, at=at(9, 1), name="<img src=x onerror=alert(1)>")
    record = json.loads((home / entry["attempt"] / "record.json").read_text())
    assert record["settings"][0]["name"].startswith("<img")
    page = render_html(home)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
