"""The server's state is the judge: what a run's proof claims, held against what the site kept.

objector's record of an attempt says what it believes happened (``confirmed``, the text it
sent, the settings it changed). The practice site knows what really happened: which
submissions it kept, which setting changes it stored, and whether anything was typed into a box
the page owns (``PracticeSite.touched``). ``judge_form`` and ``judge_setting`` compare the two
and name every broken promise; an empty list is a run whose proof can be trusted.

The invariants:

- ``confirmed`` ⇒ the server kept exactly one submission for the form, with the text the record
  says was sent (a setting: the server holds the wanted state);
- the server kept nothing (or the setting is not as wanted) ⇒ the record is never ``confirmed``;
- the server kept the form ⇒ the record says it was sent (else a plain next run sends it again);
- never more than one submission for one attempt;
- no other setting than the flow's own was changed;
- nothing was typed into read-only, disabled, password, challenge or chrome boxes;
- the run ended within its bound.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import PracticeSite


@dataclass(frozen=True)
class Broken:
    """One broken invariant, said so that a failing test explains itself."""

    invariant: str
    detail: str

    def __str__(self) -> str:
        return f"{self.invariant}: {self.detail}"


def _same_text(sent: str, kept: str) -> bool:
    """The browser sends line breaks of a text box as CRLF and may trim the ends: compare as text."""

    def norm(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))

    return norm(sent) == norm(kept)


def _common(site: PracticeSite, seconds: float, bound: float) -> list[Broken]:
    broken = [Broken("typed only where it may", f"{touch}") for touch in site.touched]
    if seconds > bound:
        broken.append(Broken("ends within its bound", f"took {seconds:.1f} s, bound {bound:.0f} s"))
    if site.foreign_hits:
        broken.append(
            Broken("stays on the flow's hosts", f"{len(site.foreign_hits)} requests to the look-alike")
        )
    return broken


def judge_form(
    site: PracticeSite, records: Iterable[dict[str, Any]], *, seconds: float, bound: float
) -> list[Broken]:
    """The invariants of an objection form run (one account, one form)."""
    records = list(records)
    broken = _common(site, seconds, bound)
    kept = site.confirmed
    if len(site.submissions) > 1:
        broken.append(Broken("one submission at most", f"the server got {len(site.submissions)}"))
    confirmed = [r for r in records if r.get("outcome") == "confirmed"]
    for record in confirmed:
        if len(kept) > 1:
            broken.append(Broken("confirmed ⇒ kept once", f"record confirmed, the server kept {len(kept)}"))
            continue
        if not kept:
            continue  # said once below
        sent, got = str(record.get("text", "")), kept[0].fields.get("reason", "")
        if not _same_text(sent, got):
            broken.append(
                Broken("confirmed ⇒ same text", f"record text {sent[:60]!r}… ≠ server's {got[:60]!r}…")
            )
    if not kept and confirmed:
        broken.append(Broken("nothing kept ⇒ never confirmed", f"{len(confirmed)} confirmed record(s)"))
    if kept and records and not any(r.get("submitted") for r in records):
        # a record that says nothing was sent is one a plain next run sends again: a second objection
        outcome = records[-1].get("outcome")
        broken.append(Broken("kept ⇒ recorded as sent", f"the server kept it, the record says {outcome}"))
    return broken


def judge_setting(
    site: PracticeSite,
    records: Iterable[dict[str, Any]],
    *,
    service: str,
    user: str,
    seconds: float,
    bound: float,
) -> list[Broken]:
    """The invariants of a setting run on ``service``'s practice page, for the practice ``user``:
    the flow may change the service's AI-training settings (``services.py``) and nothing else."""
    from .services import SETTINGS_SERVICES

    records = list(records)
    svc = SETTINGS_SERVICES[service]
    items: tuple[str | None, ...] = tuple(site.config.blogs) if svc.items else (None,)
    targets = {setting.key: setting for setting in svc.settings}
    broken = _common(site, seconds, bound)
    for change in site.setting_changes:
        if change.by == "page" and (change.service != service or change.key not in targets):
            broken.append(
                Broken("only the target is touched", f"{change.service}/{change.key} set to {change.on}")
            )
    wrong = [
        f"{key}{f' ({item})' if item else ''} is {'on' if not setting.wanted_on else 'off'}"
        for key, setting in targets.items()
        for item in items
        if site.setting(service, user, key, item) != setting.wanted_on
    ]
    confirmed = [r for r in records if r.get("outcome") == "confirmed"]
    if confirmed and wrong:
        broken.append(Broken("confirmed ⇒ the server holds it", f"record confirmed, but {'; '.join(wrong)}"))
    return broken
