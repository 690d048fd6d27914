"""The translation catalogues: valid (as ``msgfmt --check`` would have them), complete, up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from assistant.i18n import catalogues, maintain

#: Languages whose translation is not finished yet: their completeness test may fail (xfail).
#: Take a language out once its catalogue is complete; the set is empty when all are.
INCOMPLETE: set[str] = set()  # every catalogue is complete: a message added without translations fails

FORMAT_FIELD = re.compile(r"\{\{|\}\}|\{[^{}\s]*\}")
PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0+ ]*\d*(?:\.\d+)?[sdifrxXeEgGc]")
# Rich's style tags ([bold], [dim red], [/], [link=…]); a bracketed word that is no style, such as
# Typer's "[required]", is text a translator translates
_STYLE = (
    r"(?:not |on )?(?:bold|dim|italic|underline|reverse|strike|blink|red|green|yellow|blue|cyan|"
    r"magenta|white|black|grey\d*|bright_\w+|#[0-9a-f]{6}|link(?:=[^\]]*)?)"
)
MARKUP_TAG = re.compile(rf"(?<!\\)\[/?(?:{_STYLE}(?: {_STYLE})*)?\](?!\()")
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def _fields(text: str) -> list[str]:
    found = [f for f in FORMAT_FIELD.findall(text) if f not in ("{{", "}}")]
    return sorted(found + PERCENT_FIELD.findall(text))


def _tags(text: str) -> list[str]:
    return sorted(MARKUP_TAG.findall(text) + HTML_TAG.findall(text))


def _catalog(code: str) -> Catalog:
    return maintain.read(catalogues.po_path(code), code)


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def _forms(message: Message) -> list[str]:
    string = message.string
    return list(string) if isinstance(string, (tuple, list)) else [string or ""]


def _ids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]


def test_every_letter_language_but_english_has_a_catalogue() -> None:
    assert catalogues.available() == sorted(maintain.LANGUAGES)
    assert catalogues.TEMPLATE.is_file()


@pytest.mark.parametrize("code", maintain.LANGUAGES)
def test_the_catalogue_is_valid(code: str) -> None:
    catalog = _catalog(code)
    assert str(catalog.locale) == code
    assert catalog.num_plurals == get_plural(code).num_plurals, (
        "the Plural-Forms header is not the language's"
    )
    problems = []
    for message in _entries(catalog):
        forms = _forms(message)
        ids = _ids(message)
        if message.pluralizable and len(forms) != catalog.num_plurals:
            problems.append(f"{ids[0]!r}: {len(forms)} plural forms, the language has {catalog.num_plurals}")
        for index, form in enumerate(forms):
            if not form:
                continue
            # The singular form may leave out the count (one file -> "a file"); every other form
            # keeps exactly the plural's fields.
            source = ids[0] if index == 0 and len(ids) > 1 and catalog.num_plurals > 1 else ids[-1]
            fields, wanted = _fields(form), _fields(source)
            if index == 0 and len(ids) > 1:
                ok = set(fields) <= set(_fields(ids[0])) | set(_fields(ids[-1]))
            else:
                ok = fields == wanted
            if not ok:
                problems.append(f"{ids[0]!r}: fields {fields} in the translation, {wanted} in the source")
            if _tags(form) != _tags(source):
                problems.append(f"{ids[0]!r}: markup {_tags(form)} in the translation, {_tags(source)} in it")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.xfail(reason="translation not finished yet", strict=False))
        if code in INCOMPLETE
        else code
        for code in maintain.LANGUAGES
    ],
)
def test_the_catalogue_is_complete(code: str) -> None:
    template = maintain.read(catalogues.TEMPLATE)
    catalog = _catalog(code)
    missing = []
    for message in _entries(template):
        found = catalog.get(message.id, message.context)
        if found is None or found.fuzzy or not all(_forms(found)):
            missing.append(_ids(message)[0])
    assert not missing, (
        f"{len(missing)} of {len(_entries(template))} messages not translated, e.g. {missing[:5]}"
    )


def _keys(catalog: Catalog) -> set[tuple[object, object]]:
    return {
        (message.id if isinstance(message.id, str) else tuple(message.id), message.context)
        for message in _entries(catalog)
    }


def test_the_template_is_up_to_date_with_the_sources() -> None:
    committed = maintain.read(catalogues.TEMPLATE)
    own_files = maintain.own_locations()
    committed_own = Catalog()
    for message in _entries(committed):
        if any(path in own_files for path, _line in message.locations):
            committed_own[message.id] = message
    now_own = maintain.extract(toolkit=False)
    added = sorted(map(str, _keys(now_own) - _keys(committed_own)))
    gone = sorted(map(str, _keys(committed_own) - _keys(now_own)))
    assert not added and not gone, (
        f"the template is out of date: run scripts/i18n (new: {added[:5]}, gone: {gone[:5]})"
    )
    # Typer's (and Click's) messages: all there, for the version installed.
    toolkit_missing = sorted(map(str, _keys(maintain.extract()) - _keys(committed)))
    assert not toolkit_missing, f"Typer's messages changed: run scripts/i18n (new: {toolkit_missing[:5]})"


@pytest.mark.parametrize("code", maintain.LANGUAGES)
def test_each_catalogue_has_the_templates_messages(code: str) -> None:
    template = maintain.read(catalogues.TEMPLATE)
    assert _keys(_catalog(code)) == _keys(template), "run scripts/i18n to update the catalogues"


def test_the_catalogues_compile(tmp_path: Path) -> None:
    for code in maintain.LANGUAGES:
        data = catalogues.compile_po(catalogues.po_path(code))
        assert data[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # a gettext .mo file
