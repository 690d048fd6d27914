"""``objector export``: the proof in one zip file, to keep elsewhere or hand over.

The zip holds the ledger, every attempt folder under ``evidence/``, the
accounts file and the report page (``report/objector-report.html``). It never
holds the browser profiles (they hold login cookies), the home folder's lock
or temporary files. Proof that does not verify is not exported: a copy of
changed proof would only spread the doubt. The zip is built completely before
it appears under its name, so there is never a half-written one.
"""

from __future__ import annotations

import io
import os
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..config.home import ACCOUNTS_NAME, LEDGER_NAME, Home
from ..errors import UserError
from ..i18n import _, ngettext
from ..storage import atomic_write
from .report import PRACTICE_MARK, REPORT_DIR, REPORT_NAME, render_html

# PNG screenshots are compressed already; deflating them again only costs time
STORED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".zip", ".gz"})


class ExportError(UserError):
    pass


@dataclass
class ExportResult:
    path: Path
    files: int
    bytes: int
    practice: int = 0  # attempts made against the practice site (not sent to Meta)


def export_files(home: Path) -> list[tuple[str, Path]]:
    """(name in the zip, file on disk) for everything that belongs in an export, in a stable order."""
    members: list[tuple[str, Path]] = []
    for name in (LEDGER_NAME, ACCOUNTS_NAME):
        path = home / name
        if path.is_file() and not path.is_symlink():
            members.append((name, path))
        elif os.path.lexists(path):  # said, never silently left out of what is handed over
            if path.is_symlink():
                raise ExportError(
                    _(
                        "{path}: is a symbolic link, so it cannot go into the export; "
                        "replace it with the real file "
                        "(or move it away) and export again."
                    ).format(path=path)
                )
            raise ExportError(
                _(
                    "{path}: is not an ordinary file, so it cannot go into the export; "
                    "replace it with the real file "
                    "(or move it away) and export again."
                ).format(path=path)
            )
    evidence = Home(home).evidence
    if evidence.is_dir() and not evidence.is_symlink():
        for path in evidence.rglob("*"):
            rel = path.relative_to(home)
            if any(part.startswith(".") for part in rel.parts):
                continue  # temporary files of an interrupted write, .lock, editor leftovers
            if path.is_symlink() or not path.is_file():
                continue  # a link could point anywhere, e.g. into a browser profile
            members.append((rel.as_posix(), path))
    from .stamps import stamp_files

    members += stamp_files(home)
    return sorted(members, key=lambda item: item[0])


def export_zip(home: Path, dest: Path, *, tsa_cafile: Path | None = None) -> ExportResult:
    """Write the verified proof in ``home`` to the new zip file ``dest``.

    ``tsa_cafile``: the extra trust anchors for time-stamp tokens (OBJECTOR_TSA_CAFILE).
    """
    from .stamps import HOW_TO_NAME, how_to_check
    from .verify import verify_home

    home = Path(home).expanduser()
    dest = Path(dest).expanduser()
    if dest.suffix.lower() != ".zip":
        raise ExportError(
            _("{path}: the export is a zip file; give a name ending in .zip.").format(path=dest)
        )
    if dest.exists():
        raise ExportError(
            _("{path} already exists; choose another name or move the old file away first.").format(path=dest)
        )
    if not dest.parent.is_dir():
        raise ExportError(
            _("{path}: no such folder; create it first or choose another place.").format(path=dest.parent)
        )
    if not Home(home).ledger_file.is_file():
        raise ExportError(
            # TRANSLATORS: {ledger} is the file name ledger.jsonl
            _("{home}: there is no proof to export yet (no {ledger}).").format(home=home, ledger=LEDGER_NAME)
        )
    result = verify_home(home, tsa_cafile=tsa_cafile)
    if not result.ok:
        count = len(result.problems)
        if count == 1:
            raise ExportError(
                # TRANSLATORS: {problem} is one line of 'objector verify'
                _(
                    "the proof in {home} does not verify, so nothing was exported: "
                    "{problem}; run 'objector verify' for the list."
                ).format(home=home, problem=result.problems[0].line())
            )
        raise ExportError(
            # TRANSLATORS: {problem} is one line of 'objector verify', {count} how many more there are
            ngettext(
                "the proof in {home} does not verify, so nothing was exported: "
                "{problem} (and {count} more problem); run 'objector verify' for the list.",
                "the proof in {home} does not verify, so nothing was exported: "
                "{problem} (and {count} more problems); run 'objector verify' for the list.",
                count - 1,
            ).format(home=home, problem=result.problems[0].line(), count=count - 1)
        )
    members = export_files(home)
    report = render_html(home, tsa_cafile=tsa_cafile).encode("utf-8")
    how_to = how_to_check(home)  # the openssl commands for the tokens in stamps/ (None: no stamps)
    practice = _practice_attempts(home)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, path in members:
            try:
                data = path.read_bytes()
                stamp = time.localtime(max(path.stat().st_mtime, 315532800))  # zip dates start in 1980
            except OSError as exc:
                raise ExportError(
                    _("{path}: cannot be read ({reason}).").format(path=path, reason=exc.strerror or exc)
                ) from None
            _add(archive, name, data, stamp[:6])
        _add(archive, f"{REPORT_DIR}/{REPORT_NAME}", report, time.localtime()[:6])
        if how_to:
            _add(archive, HOW_TO_NAME, how_to.encode("utf-8"), time.localtime()[:6])
        comment = [f"{PRACTICE_MARK}: {practice} practice attempt(s)"] if practice else []
        comment += [f"{label}: {count} attempt(s)" for label, count in _unofficial_attempts(home).items()]
        if comment:
            archive.comment = "; ".join(comment).encode()
    data = buffer.getvalue()
    if dest.exists():
        raise ExportError(
            _("{path} already exists; choose another name or move the old file away first.").format(path=dest)
        )
    atomic_write(dest, data)
    return ExportResult(dest, len(members) + 1 + bool(how_to), len(data), practice)


def _unofficial_attempts(home: Path) -> dict[str, int]:
    """ "not an official form of …" -> how many attempts of the export used such a form."""
    from ..config.flows import unofficial_label
    from .ledger import Ledger

    services: dict[str, str] = {}
    for entry in Ledger(home).entries():
        if isinstance(entry.get("attempt"), str) and isinstance(entry.get("unofficial"), str):
            services[entry["attempt"]] = entry["unofficial"]
    counts: dict[str, int] = {}
    for service in services.values():  # the zip's comment is part of the proof: in English
        label = unofficial_label(service, translated=False)
        counts[label] = counts.get(label, 0) + 1
    return counts


def _practice_attempts(home: Path) -> int:
    from .report import practice_attempts, read_proof

    return practice_attempts(read_proof(home))[0]


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.external_attr = 0o600 << 16
    stored = Path(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
