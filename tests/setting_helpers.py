"""Proof of setting attempts written through objector's own writers (Attempt, Ledger), at chosen times.

The engine that switches settings writes these records; here a test writes the
same shape (``record.json`` with ``kind = "setting"`` and its ``settings``
list, screenshots, hash-chained ledger entries) so ``status``, ``recheck`` and
the report can be tested on homes of any age without a browser.
"""

from __future__ import annotations

import struct
import zlib
from datetime import datetime
from pathlib import Path
from unittest import mock

from assistant import __version__
from assistant.proof.evidence import Attempt
from assistant.proof.ledger import Ledger

LINKEDIN = "linkedin-ai-training"
X_FLOW = "x-grok-training"
SETTING_NAME = "Data for Generative AI Improvement"


def png(width: int = 6, height: int = 4, shade: int = 90) -> bytes:
    """A real PNG image of one grey (``shade``), so each screenshot of a test can differ."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _other(state: str) -> str:
    return "on" if state == "off" else "off"


def record_setting(
    home: Path,
    account: str,
    flow: str,
    *,
    at: datetime,
    outcome: str = "confirmed",
    already: bool = False,
    want: str = "off",
    platform: str = "linkedin",
    name: str = SETTING_NAME,
    item: str | None = None,
) -> dict:
    """One setting attempt at ``at``: a set (``confirmed``), a re-check (``still-set``/``turned-back``)
    or one that ended otherwise (``failed``: no setting read). Returns its final ledger entry."""
    recheck = outcome in ("still-set", "turned-back")
    with mock.patch("assistant.proof.ledger.utc_now", return_value=at):
        attempt = Attempt(home, account, flow, started=at)
        record: dict = {
            **_common(account, flow, platform, outcome),
            "kind": "setting",
            "flow_title": f"{platform.title()}: switch off AI training",
            "form_url": f"https://www.{platform}.com/settings/ai",
            "message": f"the attempt ended {outcome}",
            "submitted": False,
        }
        if recheck:
            found = want if outcome == "still-set" else _other(want)
            attempt.save("recheck-1.png", png(shade=120))
            record["mode"] = "recheck"
            record["recheck_result"] = f"still-{want}" if outcome == "still-set" else f"turned-{found}-again"
            record["settings"] = [
                {
                    "name": name,
                    "item": item,
                    "want": want,
                    "before": found,
                    "after_reload": found,
                    "result": outcome,
                }
            ]
        elif outcome == "confirmed":
            before = want if already else _other(want)
            attempt.save("setting-1-before.png", png(shade=60))
            attempt.save("setting-1-after.png", png(shade=200))
            record["settings"] = [
                {
                    "name": name,
                    "item": item,
                    "want": want,
                    "before": before,
                    "after_reload": want,
                    "result": f"already-{want}" if already else "changed",
                }
            ]
            record["approval"] = {"answer": "y"}
        else:
            record["message"] = "the settings page did not load"
        attempt.write_record(record)
        return attempt.log(Ledger(home), outcome)


def _common(account: str, flow: str, platform: str, outcome: str) -> dict:
    """The fields every record has (docs/proof-format.md)."""
    return {
        "objector_version": __version__,
        "account": account,
        "flow": flow,
        "platform": platform,
        "email": f"{account}@example.org",
        "outcome": outcome,
    }


def record_form(home: Path, account: str, flow: str, *, at: datetime) -> dict:
    """A confirmed objection form, as the form engine records it (for rows that must stay as they were)."""
    with mock.patch("assistant.proof.ledger.utc_now", return_value=at):
        attempt = Attempt(home, account, flow, started=at)
        attempt.save("form.png", png(shade=30))
        attempt.save("confirmation.png", png(shade=230))
        attempt.write_record(
            {
                **_common(account, flow, "instagram", "confirmed"),
                "flow_title": "Instagram: object to AI at Meta",
                "form_url": "https://help.instagram.com/contact/767264225370182",
                "text": "I object.",
                "message": "confirmed",
                "submitted": True,
                "approval": {"answer": "y"},
            }
        )
        return attempt.log(Ledger(home), "confirmed", submitted=True)


def accounts_toml(*accounts: tuple[str, list[str]]) -> str:
    """An accounts file with each (name, flows); the details are the practice defaults."""
    blocks = []
    for name, flows in accounts:
        listed = ", ".join(f'"{f}"' for f in flows)
        blocks.append(
            f'[[account]]\nname = "{name}"\nplatform = "instagram"\nemail = "{name}@example.org"\n'
            f'country = "DE"\nlanguage = "en"\nflows = [{listed}]\n'
        )
    return "\n".join(blocks)
