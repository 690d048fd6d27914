"""The terminal's language: which one is chosen and why, the pseudo-language, the locale's formats."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from assistant import i18n
from assistant.errors import UserError
from assistant.i18n import catalogues, languages, startup
from assistant.i18n.pseudo import KEPT, pseudo


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = i18n.choice()
    yield
    i18n.use(before.code, before)


# -- which language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "code", "source"),
    [
        ({}, "en", ""),
        ({"LANG": "de_DE.UTF-8"}, "de", "LANG"),
        ({"LANG": "de-AT"}, "de", "LANG"),
        ({"LANG": "pt_BR"}, "pt", "LANG"),
        ({"LANG": "sv_SE.utf8@euro"}, "sv", "LANG"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "pl_PL.UTF-8"}, "pl", "LC_MESSAGES"),
        ({"LANG": "fr_FR", "LC_MESSAGES": "pl_PL", "LC_ALL": "el_GR.UTF-8"}, "el", "LC_ALL"),
        ({"LANG": "de_DE.UTF-8", "LANGUAGE": "tlh:fi:de"}, "fi", "LANGUAGE"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "de"}, "en", "LANG"),  # gettext ignores LANGUAGE under C
        ({"LC_ALL": "POSIX"}, "en", "LC_ALL"),
        ({"LANG": "ja_JP.UTF-8"}, "en", ""),  # not a language objector speaks: English, silently
        ({"LANG": "qps"}, "en", ""),  # the pseudo-language is for tests, never from the locale
        ({"LANG": "de_DE", "OBJECTOR_UI_LANGUAGE": "cs"}, "cs", "OBJECTOR_UI_LANGUAGE"),
        ({"LANG": "de_DE", "OBJECTOR_UI_LANGUAGE": "  "}, "de", "LANG"),
        ({"OBJECTOR_UI_LANGUAGE": "ro_RO.UTF-8"}, "ro", "OBJECTOR_UI_LANGUAGE"),
        ({"OBJECTOR_UI_LANGUAGE": "qps"}, "qps", "OBJECTOR_UI_LANGUAGE"),
    ],
)
def test_the_language_comes_from_the_variable_else_the_locale_else_english(
    environ: dict[str, str], code: str, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(languages, "system_language", lambda: None)
    chosen = i18n.choose(None, environ)
    assert (chosen.code, chosen.source) == (code, source)


def test_the_option_wins_over_the_variable_and_the_locale() -> None:
    chosen = i18n.choose("hu", {"OBJECTOR_UI_LANGUAGE": "de", "LANG": "fr_FR.UTF-8"})
    assert (chosen.code, chosen.source, chosen.value) == ("hu", "--ui-lang", "hu")
    assert chosen.reason == "from --ui-lang hu"


def test_the_systems_language_is_asked_only_when_no_locale_variable_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(languages, "system_language", lambda: "nl_NL")
    assert i18n.choose(None, {}).code == "nl"
    assert i18n.choose(None, {}).reason == "from the system's language (nl_NL)"
    assert i18n.choose(None, {"LANG": "C"}).code == "en"


def test_the_reasons_are_short_sentences() -> None:
    assert i18n.choose(None, {"OBJECTOR_UI_LANGUAGE": "de"}).reason == "from OBJECTOR_UI_LANGUAGE=de"
    assert i18n.choose(None, {"LANG": "de_DE.UTF-8"}).reason == "from LANG=de_DE.UTF-8"
    assert i18n.choose(None, {"LANG": "xx"}).reason == "by default"


@pytest.mark.parametrize(
    ("override", "environ", "named"),
    [
        ("klingon", {}, "--ui-lang"),
        (None, {"OBJECTOR_UI_LANGUAGE": "tlh"}, "OBJECTOR_UI_LANGUAGE"),
        (None, {"OBJECTOR_UI_LANGUAGE": "C"}, None),  # C is English, accepted
    ],
)
def test_an_unsupported_choice_is_one_line_naming_where_it_came_from(
    override: str | None, environ: dict[str, str], named: str | None
) -> None:
    if named is None:
        assert i18n.choose(override, environ).code == "en"
        return
    with pytest.raises(UserError) as raised:
        i18n.choose(override, environ)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"{named}: '")
    assert "cs, da, de, el, en, es, fi, fr, hu, it, nl, pl, pt, ro, sv" in message


@pytest.mark.parametrize(
    ("argv", "rest", "value"),
    [
        (["objector", "status"], ["objector", "status"], None),
        (["objector", "--ui-lang", "de", "status"], ["objector", "status"], "de"),
        (["objector", "status", "--ui-lang=pl", "--home", "x"], ["objector", "status", "--home", "x"], "pl"),
        (["objector", "status", "--ui-lang", "de", "--ui-lang", "el"], ["objector", "status"], "el"),
        (["objector", "text", "--lang", "fr"], ["objector", "text", "--lang", "fr"], None),
        (["objector", "x", "--", "--ui-lang", "de"], ["objector", "x", "--", "--ui-lang", "de"], None),
        (["objector", "status", "--ui-lang"], ["objector", "status", "--ui-lang"], None),
    ],
)
def test_the_option_is_taken_out_of_the_command_line_wherever_it_is(
    argv: list[str], rest: list[str], value: str | None
) -> None:
    left, found = startup.split_option(argv[1:])
    assert ([argv[0], *left], found) == (rest, value)


# -- speaking it ------------------------------------------------------------------------------------


def test_english_needs_no_catalogue(restore_language: None) -> None:
    i18n.use("en")
    assert i18n.language() == "en"
    assert i18n._("Usage:") == "Usage:"
    assert i18n.ngettext("{n} file", "{n} files", 2) == "{n} files"
    assert i18n.pgettext("answer", "yes") == "yes"
    assert i18n.N_("as it is") == "as it is"


def test_the_pseudo_language_answers_every_message(restore_language: None) -> None:
    i18n.use("qps", i18n.choose("qps", {}))
    assert i18n._("Usage:").startswith("⟦Úšáğé:")
    assert i18n.ngettext("{n} file", "{n} files", 1).startswith("⟦{n} ƒíĺé")
    assert i18n.ngettext("{n} file", "{n} files", 3).startswith("⟦{n} ƒíĺéš")
    assert i18n.pgettext("answer", "yes").startswith("⟦ýéš")
    assert i18n.describe().startswith("⟦Ĺáñğúáğé: ⟦þšéúďó-ĺáñğúáğé")
    assert "(qps)" in i18n.describe() and "--ui-lang qps" in i18n.describe()


def test_describe_names_the_language_and_why(restore_language: None) -> None:
    i18n.use("de", i18n.choose(None, {"LANG": "de_DE.UTF-8"}))
    assert i18n.language() == "de"
    line = i18n.describe()
    assert "Deutsch (de)" in line and "LANG=de_DE.UTF-8" in line


def test_dates_and_numbers_in_the_languages_format(restore_language: None) -> None:
    i18n.use("de")
    assert i18n.format_number(1234.5) == "1.234,5"
    assert i18n.format_date(date(2025, 3, 12)) == "12.03.2025"
    assert i18n.format_datetime(datetime(2025, 3, 12, 14, 5, tzinfo=UTC)).startswith("12.03.2025")
    assert i18n.language_name("fr") == "Französisch"
    i18n.use("fr")
    assert i18n.format_date(date(2025, 3, 12)) == "12 mars 2025"
    assert i18n.language_name("de") == "Allemand"
    i18n.use("en")
    assert i18n.format_number(1234.5) == "1,234.5"
    assert i18n.language_name("el") == "Greek"


def test_an_unknown_code_is_refused_by_use() -> None:
    with pytest.raises(ValueError):
        i18n.use("xx")


# -- the pseudo-language ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "Usage:",
        "Error: {message}",
        "{count} of {total} forms sent on %s (%(when)s) {0!r} {{literal}}",
        "Submit now? [bold]\\[y][/] yes, [bold red]n[/bold red] no",
        "See <b>the page</b> &amp; https://example.org/help?x=1 or run with --home DIR",
        "  Leading and trailing space stays outside.\n",
    ],
)
def test_pseudo_keeps_what_must_keep_working_and_accents_the_rest(message: str) -> None:
    made = pseudo(message)
    kept = KEPT.findall(message)
    assert KEPT.findall(made.replace("⟦", "").replace("⟧", "").replace("·", "")) == kept
    assert "⟦" in made and "⟧" in made
    assert made[: len(message) - len(message.lstrip())] == message[: len(message) - len(message.lstrip())]
    assert made.endswith(message[len(message.rstrip()) :])
    words = KEPT.sub("", made)
    assert not re.search(r"[A-Za-z]", words), words  # every English letter accented
    letters = sum(ch.isalpha() for ch in KEPT.sub("", message))
    assert len(made) >= len(message) + round(letters * 0.3)


def test_pseudo_leaves_empty_strings_alone() -> None:
    assert pseudo("") == ""
    assert pseudo("  ") == "  "


# -- catalogues -------------------------------------------------------------------------------------


def _po(path: Path, code: str, translations: dict[str, str]) -> None:
    catalog = Catalog(locale=code, domain="objector")
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_a_po_without_its_mo_is_compiled_when_loaded_and_kept_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogues, "LOCALES", tmp_path)
    po = catalogues.po_path("de")
    _po(po, "de", {"Usage:": "Aufruf:"})
    assert not catalogues.mo_path("de").exists()
    assert catalogues.load("de").gettext("Usage:") == "Aufruf:"
    assert catalogues.mo_path("de").exists()
    # An edited .po is newer than its .mo: compiled again.
    _po(po, "de", {"Usage:": "Verwendung:"})
    later = catalogues.mo_path("de").stat().st_mtime + 5
    import os

    os.utime(po, (later, later))
    assert catalogues.load("de").gettext("Usage:") == "Verwendung:"
    assert isinstance(catalogues.load("fi"), gettext.NullTranslations)  # no catalogue: English
