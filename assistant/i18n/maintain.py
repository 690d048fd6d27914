"""Keeping the catalogues in step with the sources (``scripts/i18n``; not used when objector runs).

    extract   every message of objector's sources (Python under assistant/, the Jinja2 templates
              under assistant/**/templates/, not the practice site), the words the person reads in
              the flows (flows/*.toml: each flow's title, each step's describe, a setting's name)
              and Typer's (and Click's, where it is installed on its own) into the template
              locales/objector.pot
    update    merge the template into each language's .po (no fuzzy matching: a changed message is
              a new, untranslated entry, never a guessed one)
    compile   write each .po's .mo (fuzzy entries left out)
    stats     how many messages each language has translated

With no command: extract, update, compile, stats.
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from .catalogues import DOMAIN, TEMPLATE, compile_po, mo_path, po_path, write_atomically
from .languages import ENGLISH, LETTER_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "assistant"
#: The flow files: their titles, steps' ``describe`` and settings' ``name`` are shown to the person.
FLOWS = ROOT / "flows"
#: Folders under assistant/ whose words are not the terminal's (the practice site has its own languages).
EXCLUDED = ("practice",)
#: The languages with a catalogue: every letter language but English, the source language.
LANGUAGES = tuple(code for code in LETTER_LANGUAGES if code != ENGLISH)

KEYWORDS: dict[str, tuple[int | tuple[int, str], ...] | None] = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ["TRANSLATORS:"]
WIDTH = 100


def _own_files() -> Iterator[tuple[Path, str]]:
    """objector's source files and the extraction method of each."""
    for path in sorted(SOURCES.rglob("*")):
        relative = path.relative_to(SOURCES)
        if relative.parts[0] in EXCLUDED or "__pycache__" in relative.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            yield path, "python"
        elif path.suffix == ".html" and "templates" in relative.parts[:-1]:
            yield path, "jinja2.ext:babel_extract"


def _flow_files() -> list[Path]:
    return sorted(FLOWS.glob("*.toml"))


def _flow_messages(path: Path) -> Iterator[tuple[int, str, str]]:
    """The words of one flow file the person reads, each with its line and a comment naming it:
    the title, each step's ``describe`` and a setting step's ``name``. Never a candidate's
    ``name``/``text``/``label`` (regular expressions matched against the page), nor anything else."""
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    flow = data.get("id") or path.stem
    lines = text.splitlines()
    searched = {"title": 0, "describe": 0, "name": 0}

    def line_of(key: str) -> int:
        """The line of the next ``key = …`` at the start of a line (the steps come in order)."""
        pattern = re.compile(rf"\s*{key}\s*=")
        for index in range(searched[key], len(lines)):
            if pattern.match(lines[index]):
                searched[key] = index + 1
                return index + 1
        return 0

    if isinstance(data.get("title"), str) and data["title"]:
        yield line_of("title"), data["title"], f"flow {flow}: title"
    for number, step in enumerate(data.get("steps", []), start=1):
        if not isinstance(step, dict):
            continue
        action = step.get("action", "?")
        if isinstance(step.get("describe"), str) and step["describe"]:
            yield line_of("describe"), step["describe"], f"flow {flow}: step {number} ({action}), describe"
        if action == "setting" and isinstance(step.get("name"), str) and step["name"]:
            yield line_of("name"), step["name"], f"flow {flow}: step {number} (setting), the setting's name"


def _add_flows(catalog: Catalog) -> None:
    for path in _flow_files():
        for lineno, message, comment in _flow_messages(path):
            catalog.add(message, None, [(_location(path), lineno)], auto_comments=[comment])


def _toolkit_files() -> Iterator[tuple[Path, str]]:
    """The installed Typer's modules (and a standalone Click's), whose messages objector shows."""
    import importlib.util

    for name in ("typer", "click"):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        package = Path(next(iter(spec.submodule_search_locations)))
        for path in sorted(package.rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield path, "python"


def _location(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:  # an installed package: from its own name on (typer/core.py)
        parts = path.parts
        index = max(i for i, part in enumerate(parts) if part in ("typer", "click"))
        return "/".join(parts[index:])


def _add(catalog: Catalog, files: Iterable[tuple[Path, str]]) -> None:
    for path, method in files:
        keywords = {**DEFAULT_KEYWORDS, **KEYWORDS} if method != "python" else KEYWORDS
        for lineno, message, comments, context in extract_from_file(
            method, str(path), keywords=keywords, comment_tags=COMMENT_TAGS, strip_comment_tags=False
        ):
            if not message or not (message[0] if isinstance(message, tuple) else message):
                continue
            catalog.add(message, None, [(_location(path), lineno)], auto_comments=comments, context=context)


def _new_catalog(**more: Any) -> Catalog:
    """An empty catalogue with objector's header (the template's, or a new language's)."""
    return Catalog(
        project="objector",
        version="1",
        copyright_holder="objector's contributors",
        msgid_bugs_address="",
        charset="utf-8",
        fuzzy=False,
        **more,
    )


def extract(*, toolkit: bool = True) -> Catalog:
    """The template catalogue of the sources as they are now."""
    catalog = _new_catalog(creation_date=datetime.now(UTC))
    _add(catalog, _own_files())
    _add_flows(catalog)
    if toolkit:
        _add(catalog, _toolkit_files())
    return catalog


def own_locations() -> set[str]:
    return {_location(path) for path, _method in _own_files()} | {_location(path) for path in _flow_files()}


def _po_bytes(catalog: Catalog, **options: bool) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False, **options)
    return buffer.getvalue()


def _same_but_dates(old: bytes, new: bytes) -> bool:
    def strip(data: bytes) -> list[bytes]:
        return [
            line
            for line in data.splitlines()
            if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:'))
        ]

    return strip(old) == strip(new)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and _same_but_dates(path.read_bytes(), data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return True


def write_template(catalog: Catalog) -> bool:
    return _write_if_changed(TEMPLATE, _po_bytes(catalog))


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def update(template: Catalog) -> list[str]:
    """Merge ``template`` into every language's .po (created when missing); the languages changed."""
    changed = []
    for code in LANGUAGES:
        path = po_path(code)
        if path.exists():
            catalog = read(path, code)
        else:
            catalog = _new_catalog(locale=code, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        # An entry that went away is kept (as #~) only when someone had translated it.
        for key in [key for key, message in catalog.obsolete.items() if not _translated(message.string)]:
            del catalog.obsolete[key]
        if _write_if_changed(path, _po_bytes(catalog)):
            changed.append(code)
    return changed


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def compile_all() -> list[str]:
    compiled = []
    for code in LANGUAGES:
        po = po_path(code)
        if po.exists():
            write_atomically(mo_path(code), compile_po(po))
            compiled.append(code)
    return compiled


def stats() -> list[str]:
    lines = []
    for code in LANGUAGES:
        po = po_path(code)
        if not po.exists():
            lines.append(f"{code}: no catalogue")
            continue
        catalog = read(po, code)
        messages = [m for m in catalog if m.id]
        done = sum(1 for m in messages if _translated(m.string) and not m.fuzzy)
        lines.append(f"{code}: {done} of {len(messages)} messages translated")
    return lines


def main(argv: list[str]) -> int:
    steps = argv or ["extract", "update", "compile", "stats"]
    unknown = [step for step in steps if step not in ("extract", "update", "compile", "stats")]
    if unknown:
        print(__doc__, file=sys.stderr)
        return 2
    template: Catalog | None = None
    for step in steps:
        if step == "extract":
            template = extract()
            written = write_template(template)
            note = "" if written else " (unchanged)"
            print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} messages{note}")
        elif step == "update":
            template = template or read(TEMPLATE)
            changed = update(template)
            print("updated: " + (", ".join(changed) or "none"))
        elif step == "compile":
            print("compiled: " + ", ".join(compile_all()))
        elif step == "stats":
            print("\n".join(stats()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
