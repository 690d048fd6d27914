"""Packaging is in pyproject.toml; this only compiles the translations when the package is built.

Every ``assistant/i18n/locales/<lang>/LC_MESSAGES/objector.po`` becomes the ``objector.mo`` that
gettext reads, with Babel (fuzzy entries left out). The ``.mo`` files are not kept in git.
An editable install (``pip install -e .``) compiles them beside the ``.po`` files; objector also
compiles a missing or outdated one itself when it starts.
"""

from __future__ import annotations

import io
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALES = Path("assistant") / "i18n" / "locales"


def compiled(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name, domain="objector")
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


class BuildWithCatalogues(build_py):
    """``build_py`` that also writes each catalogue's ``.mo``."""

    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        editable = bool(getattr(self, "editable_mode", False))
        for po in sorted((root / LOCALES).glob("*/LC_MESSAGES/objector.po")):
            relative = po.relative_to(root).with_suffix(".mo")
            target = po.with_suffix(".mo") if editable else Path(self.build_lib) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(compiled(po))
            self.announce(f"compiled {relative}", level=2)


setup(cmdclass={"build_py": BuildWithCatalogues})
