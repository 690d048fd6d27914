"""Finding and loading the compiled catalogues (``locales/<lang>/LC_MESSAGES/objector.mo``).

The ``.mo`` files are built from the ``.po`` sources when the package is built or installed
(setup.py) and by ``scripts/i18n``. Where one is missing or older than its ``.po`` (a checkout
used in place, a ``.po`` just edited), the ``.po`` is compiled here with Babel: into memory, and
written beside it for the next start when the package folder is writable. Nothing is kept
anywhere else.
"""

from __future__ import annotations

import gettext
import io
import os
import tempfile
from pathlib import Path

DOMAIN = "objector"
LOCALES = Path(__file__).resolve().parent / "locales"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return po_path(code).with_suffix(".mo")


def available() -> list[str]:
    """The languages that have a catalogue (English needs none)."""
    return sorted(p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of ``po`` (fuzzy entries left out, as ``pybabel compile`` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # readable by everyone, like the rest of the package
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(code: str) -> gettext.NullTranslations:
    """The catalogue of ``code``; English (no translation) when there is none."""
    po, mo = po_path(code), mo_path(code)
    try:
        mo_time = mo.stat().st_mtime
    except OSError:
        mo_time = None
    try:
        po_time: float | None = po.stat().st_mtime
    except OSError:
        po_time = None
    if mo_time is not None and (po_time is None or mo_time >= po_time):
        try:
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
        except OSError:
            if po_time is None:
                return gettext.NullTranslations()
    if po_time is None:
        return gettext.NullTranslations()
    data = compile_po(po)
    try:
        write_atomically(mo, data)
    except OSError:
        pass  # an installed package may be read-only: the catalogue compiled in memory serves
    return gettext.GNUTranslations(io.BytesIO(data))
