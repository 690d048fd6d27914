"""Tests for the objection text generator (assistant/letters/text.py) and its docs
(assistant/letters/textdocs.py).

Snapshots of the rendered texts live in tests/snapshots/text/. After an intended change to
a template, review the diff and refresh them with:

    UPDATE_SNAPSHOTS=1 python -m pytest tests/test_text.py

and regenerate docs/texts.md with:  python -m assistant.letters.textdocs

browser_length() is checked against real Chromium (the one objector finds) only on request,
because starting a browser takes seconds:  TEXT_CHROMIUM_CHECK=1 python -m pytest tests/test_text.py
"""

from __future__ import annotations

import datetime
import os
import pathlib
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from assistant.engine.browser import driver
from assistant.letters import text, textdocs
from assistant.letters.text import (
    DEFAULT_MAX_LENGTH,
    LANGUAGES,
    MIN_LENGTH,
    REASONS,
    VARIANTS,
    LetterInput,
    TextError,
    browser_length,
    language_name,
    reason_label,
    render_letter,
)

REQUIRED_LANGUAGES = (
    "en",
    "de",
    "fr",
    "it",
    "es",
    "nl",
    "pl",
    "pt",
    "sv",
    "da",
    "fi",
    "cs",
    "ro",
    "el",
    "hu",
)
SNAPSHOT_DIR = pathlib.Path(__file__).parent / "snapshots" / "text"
UPDATE_HINT = "UPDATE_SNAPSHOTS=1 python -m pytest tests/test_text.py"

# The term each language's data protection authority uses for the regulation.
LAW_TERMS = {
    "en": "GDPR",
    "de": "DSGVO",
    "fr": "RGPD",
    "it": "GDPR",
    "es": "RGPD",
    "nl": "AVG",
    "pl": "RODO",
    "pt": "RGPD",
    "sv": "dataskyddsförordningen",
    "da": "databeskyttelsesforordningen",
    "fi": "tietosuoja-asetu",
    "cs": "GDPR",
    "ro": "GDPR",
    "el": "ΓΚΠΔ",
    "hu": "GDPR",
}

REASON_SETS = [()] + [(r,) for r in REASONS] + [REASONS]


def make(
    language="en",
    *,
    variant="standard",
    reasons=(),
    country=None,
    platform="instagram",
    account="anna-instagram",
    email="anna@example.org",
    name=None,
) -> LetterInput:
    if country is None:
        country = text._language(language).example_country
    return LetterInput(
        platform=platform,
        account=account,
        email=email,
        country=country,
        language=language,
        reasons=tuple(reasons),
        variant=variant,
        name=name,
    )


def check_format(body: str) -> None:
    assert body == unicodedata.normalize("NFC", body)
    assert "\r" not in body and "\t" not in body
    assert "\n\n\n" not in body
    assert body == body.strip()
    for line in body.split("\n"):
        assert line == line.rstrip(), f"trailing whitespace in {line!r}"
        assert "  " not in line, f"double space in {line!r}"


# --------------------------------------------------------------------------- constants


def test_constants():
    assert REASONS == (
        "private_life",
        "children",
        "creative_work",
        "private_context",
        "location_behaviour",
        "personalisation",
    )
    assert VARIANTS == ("short", "standard", "detailed")
    assert MIN_LENGTH == 100 and DEFAULT_MAX_LENGTH == 3000
    assert issubclass(TextError, ValueError)


def test_languages_are_the_template_folders():
    assert set(REQUIRED_LANGUAGES) <= set(LANGUAGES)
    assert list(LANGUAGES) == sorted(LANGUAGES)
    on_disk = sorted(p.parent.name for p in text.TEMPLATES_DIR.glob(f"*/{text.TEMPLATE_FILE}"))
    assert list(LANGUAGES) == on_disk


def test_import_is_cheap_and_does_not_import_babel():
    code = (
        "import sys, assistant.letters.text as t; "
        "assert 'babel' not in sys.modules, 'babel imported at import time'; "
        "assert not t._language.cache_info().currsize, 'templates read at import time'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# --------------------------------------------------------------------------- every combination


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_variant_and_reason_set_renders(language, variant):
    for reasons in REASON_SETS:
        for platform, display in (("instagram", "Instagram"), ("facebook", "Facebook")):
            account = f"anna-{platform}"
            body = render_letter(
                make(language, variant=variant, reasons=reasons, platform=platform, account=account)
            )
            assert "{" not in body and "}" not in body, body
            assert MIN_LENGTH <= browser_length(body) <= DEFAULT_MAX_LENGTH
            assert display in body
            assert account in body
            assert re.search(r"\b21\b", body), "the article number is missing"
            assert "anna@example.org" in body
            assert not re.search(r"\b(19|20)\d\d\b", body), "texts must not contain a year/date"
            check_format(body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_law_term_and_country_name_per_language(language):
    from babel import Locale

    lang = text._language(language)
    body = render_letter(make(language, reasons=REASONS))
    assert LAW_TERMS.get(language, "GDPR") in body
    country = Locale.parse(lang.babel_locale).territories[lang.example_country]
    assert country in body
    assert "UK GDPR" not in body


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_uk_gdpr_for_great_britain(language, variant):
    body = render_letter(make(language, variant=variant, country="GB"))
    assert "UK GDPR" in body
    eu = render_letter(make(language, variant=variant, country="IE"))
    assert "UK GDPR" not in eu


def test_texts_differ_per_language():
    for variant in VARIANTS:
        bodies = {
            render_letter(make(lang, variant=variant, country="IE", reasons=REASONS)) for lang in LANGUAGES
        }
        assert len(bodies) == len(LANGUAGES)
    sentences = [text._language(lang).sentences[r] for lang in LANGUAGES for r in REASONS]
    assert len(set(sentences)) == len(sentences)


@pytest.mark.parametrize("language", LANGUAGES)
def test_variants_grow_in_length(language):
    short, standard, detailed = (browser_length(render_letter(make(language, variant=v))) for v in VARIANTS)
    assert short < standard < detailed


# --------------------------------------------------------------------------- reasons


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_reason_adds_its_sentence_in_canonical_order(language):
    lang = text._language(language)
    plain = render_letter(make(language))
    for reason in REASONS:
        assert lang.sentences[reason] not in plain
        with_one = render_letter(make(language, reasons=[reason]))
        assert lang.sentences[reason] in with_one
        assert browser_length(with_one) > browser_length(plain)
    everything = render_letter(make(language, reasons=REASONS))
    positions = [everything.index(lang.sentences[r]) for r in REASONS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", ["en", "de", "el"])
def test_reason_order_and_duplicates_do_not_matter(language):
    canonical = render_letter(make(language, reasons=REASONS))
    shuffled = (
        "personalisation",
        "children",
        "private_life",
        "location_behaviour",
        "children",
        "creative_work",
        "private_context",
        "personalisation",
    )
    assert render_letter(make(language, reasons=shuffled)) == canonical
    assert render_letter(make(language, reasons=list(reversed(REASONS)))) == canonical


@pytest.mark.parametrize("language", LANGUAGES)
def test_reason_labels_and_language_names(language):
    labels = [reason_label(r, language) for r in REASONS]
    assert all(label and label == label.strip() for label in labels)
    assert len(set(labels)) == len(REASONS)
    name = language_name(language)
    assert name and name[0].isupper()


def test_reason_label_and_language_name_examples():
    assert reason_label("children") == "Photos of children"
    assert language_name("de") == "Deutsch"
    assert language_name("fr") == "Français"


# --------------------------------------------------------------------------- determinism


def test_same_inputs_same_text_byte_for_byte():
    inp = make("de", variant="detailed", reasons=REASONS, name="Anna Beispiel")
    first = render_letter(inp)
    text._language.cache_clear()
    text._country_name.cache_clear()
    assert render_letter(inp) == first
    assert render_letter(inp).encode("utf-8") == first.encode("utf-8")


def test_no_current_date_in_text():
    today = datetime.date.today()
    body = render_letter(make("en", variant="detailed", reasons=REASONS))
    for form in (today.isoformat(), str(today.year), today.strftime("%d.%m.%Y"), today.strftime("%B")):
        assert form not in body


# --------------------------------------------------------------------------- inputs


def test_name_is_signature_when_given_and_omitted_otherwise():
    with_name = render_letter(make("de", name="  Anna   Beispiel "))
    assert with_name.endswith("\nAnna Beispiel")
    without = render_letter(make("de"))
    assert without.endswith("Mit freundlichen Grüßen")
    assert with_name.startswith(without)


def test_platform_display_names():
    assert "Facebook-Konto" in render_letter(make("de", platform="facebook"))
    assert "Instagram account" in render_letter(make("en", platform="Instagram"))
    assert "Threads account" in render_letter(make("en", platform="threads"))


def test_values_are_single_line():
    body = render_letter(make("en", account="anna\ninstagram", email=" anna@example.org\n"))
    assert "“anna instagram”" in body
    assert "(e-mail address: anna@example.org;" in body


def test_lower_case_country_is_accepted():
    assert render_letter(make("de", country="de")) == render_letter(make("de", country="DE"))


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"language": "xx"}, "unknown language 'xx'; available languages: cs, da, de"),
        ({"variant": "long"}, "unknown variant 'long'; valid variants: short, standard, detailed"),
        ({"reasons": ("children", "ai")}, "unknown reason 'ai'; valid reasons: private_life,"),
        ({"country": "XX"}, "unknown country code 'XX'"),
        ({"country": "DEU"}, "country 'DEU' is not an ISO 3166 alpha-2 code"),
        ({"account": "  "}, "the account label is empty"),
        ({"email": ""}, "the e-mail address for account 'anna-instagram' is empty"),
        ({"platform": ""}, "the platform is empty"),
    ],
)
def test_bad_inputs_are_one_clear_line(changes, expected):
    fields = dict(
        platform="instagram",
        account="anna-instagram",
        email="anna@example.org",
        country="DE",
        language="de",
        reasons=(),
        variant="standard",
    )
    fields.update(changes)
    with pytest.raises(TextError) as err:
        render_letter(LetterInput(**fields))
    assert expected in str(err.value)
    assert "\n" not in str(err.value)


def test_reason_label_and_language_name_reject_unknown_values():
    with pytest.raises(TextError, match="unknown reason 'kids'; valid reasons: private_life"):
        reason_label("kids")
    with pytest.raises(TextError, match="unknown language 'tlh'"):
        reason_label("children", "tlh")
    with pytest.raises(TextError, match="available languages: cs, da, de"):
        language_name("tlh")


def test_text_over_the_limit_is_an_error_not_truncated():
    inp = make("en", reasons=REASONS)
    length = browser_length(render_letter(inp))
    with pytest.raises(TextError) as err:
        render_letter(inp, max_length=length - 1)
    message = str(err.value)
    assert f"is {length} characters, over the limit of {length - 1}" in message
    assert "templates/en/letter.toml" in message
    assert err.value.length == length and err.value.limit == length - 1
    assert render_letter(inp, max_length=length)  # exactly at the limit is fine


def test_limit_below_minimum_is_an_error():
    with pytest.raises(TextError, match="below the minimum text length 100"):
        render_letter(make("en"), max_length=99)


# --------------------------------------------------------------------------- custom templates


def write(tmp_path: pathlib.Path, content: str | bytes, name: str = "mine.txt") -> pathlib.Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


CUSTOM = """Hello Meta,

I object ({article}; {law}) for {platform} account {account} ({email}), living in {country} \
({country_code}). Keep {{braces}} literal.

{reasons}

Thanks,
{name}
"""


def test_custom_template_with_all_placeholders(tmp_path):
    path = write(tmp_path, CUSTOM)
    body = render_letter(make("de", reasons=["children"], name="Anna"), template=path)
    assert body.startswith(
        "Hello Meta,\n\nI object (Art. 21 DSGVO; DSGVO) for Instagram account "
        "anna-instagram (anna@example.org), living in Deutschland (DE)."
    )
    assert "Keep {braces} literal." in body
    assert text._language("de").sentences["children"] in body
    assert body.endswith("Thanks,\nAnna")
    check_format(body)


def test_custom_template_empty_placeholders_leave_no_gaps(tmp_path):
    path = write(tmp_path, CUSTOM.replace("\n", "\r\n"))
    body = render_letter(make("en", country="GB"), template=path)
    assert "\n\n\n" not in body and "\r" not in body
    assert "(Article 21 UK GDPR; UK GDPR)" in body
    assert body.endswith("Thanks,")


def test_custom_template_with_bom(tmp_path):
    path = write(tmp_path, "\ufeff" + CUSTOM.encode("utf-8").decode("utf-8"))
    assert render_letter(make("en"), template=path).startswith("Hello Meta,")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("Object for {acount} " + "x" * 120, "unknown placeholder {acount} at line 1, column 12"),
        ("x" * 120 + "\n\nfor {account} by {nme}", "unknown placeholder {nme} at line 3"),
        ("Object for {account " + "x" * 120, "unclosed '{' at line 1, column 12"),
        ("Object for {account\n}" + "x" * 120, "unclosed '{' at line 1"),
        ("Object for account} " + "x" * 120, "single '}' at line 1, column 19"),
        ("Object for {} " + "x" * 120, "malformed placeholder {} at line 1"),
        ("Object for {0} " + "x" * 120, "malformed placeholder {0}"),
        ("Object for {account.name} " + "x" * 120, "malformed placeholder {account.name}"),
        ("Object for {account!r} " + "x" * 120, "malformed placeholder {account!r}"),
    ],
)
def test_custom_template_placeholder_errors(tmp_path, content, expected):
    path = write(tmp_path, content)
    with pytest.raises(TextError) as err:
        render_letter(make("en"), template=path)
    message = str(err.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_unknown_placeholder_lists_known_ones(tmp_path):
    path = write(tmp_path, "{acount}")
    with pytest.raises(TextError) as err:
        render_letter(make("en"), template=path)
    assert err.value.placeholder == "acount"
    for name in text.PLACEHOLDERS:
        assert "{" + name + "}" in str(err.value)


def test_custom_template_too_short(tmp_path):
    path = write(tmp_path, "I object, {account}.")
    with pytest.raises(TextError) as err:
        render_letter(make("en"), template=path)
    message = str(err.value)
    assert str(path) in message
    assert "is 25 characters; it must be at least 100" in message


def test_custom_template_too_long(tmp_path):
    path = write(tmp_path, "I object for {account}. " + "Really. " * 40)
    with pytest.raises(TextError) as err:
        render_letter(make("en"), template=path, max_length=200)
    message = str(err.value)
    assert str(path) in message
    assert "over the limit of 200" in message
    assert f"is {err.value.length} characters" in message


def test_custom_template_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(TextError, match="template file not found: .*nope.txt"):
        render_letter(make("en"), template=path)


def test_custom_template_is_a_directory(tmp_path):
    with pytest.raises(TextError, match="is a folder, not an ordinary file"):
        render_letter(make("en"), template=tmp_path)


def test_custom_template_not_utf8(tmp_path):
    path = write(tmp_path, "Widerspruch f\xfcr {account} ".encode("latin-1") + b"x" * 120)
    with pytest.raises(TextError, match=r"is not UTF-8 text \(bad byte at offset 13\)"):
        render_letter(make("en"), template=path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_custom_template_unreadable(tmp_path):
    path = write(tmp_path, CUSTOM)
    path.chmod(0)
    with pytest.raises(TextError, match=r"^template .*mine\.txt: cannot be read \(Permission denied\)\.$"):
        render_letter(make("en"), template=path)


# --------------------------------------------------------------------------- template folders


def test_a_broken_language_file_names_the_file(tmp_path):
    good = (text.TEMPLATES_DIR / "en" / text.TEMPLATE_FILE).read_text(encoding="utf-8")
    cases = {
        "toml": ("name = ", "not valid TOML"),
        "reason": (good.replace("[reasons.children]", "[reasons.kids]"), "missing table [reasons.children]"),
        "placeholder": (
            good.replace("{account}", "{acount}", 1),
            "[variants.short]: unknown placeholder {acount}",
        ),
        "variant": (
            good.replace("detailed = '''", "verbose = '''"),
            "missing or empty text variants.detailed",
        ),
    }
    for key, (content, expected) in cases.items():
        path = tmp_path / key / text.TEMPLATE_FILE
        path.parent.mkdir()
        path.write_text(content, encoding="utf-8")
        with pytest.raises(TextError) as err:
            text._read_language_file(path, key)
        assert expected in str(err.value), key
        assert str(path) in str(err.value), key


def test_a_copied_language_folder_loads(tmp_path):
    source = text.TEMPLATES_DIR / "en" / text.TEMPLATE_FILE
    target = tmp_path / "xx" / text.TEMPLATE_FILE
    target.parent.mkdir()
    shutil.copy(source, target)
    assert text._read_language_file(target, "xx").name == "English"


# --------------------------------------------------------------------------- browser_length


def test_browser_length_counts_like_maxlength():
    assert browser_length("") == 0
    assert browser_length("abc") == 3
    assert browser_length("a\nb") == 3
    assert browser_length("a\r\nb") == 3
    assert browser_length("a\rb") == 3
    assert browser_length("😀") == 2
    assert browser_length("👍🏽") == 4
    assert browser_length("𝄞x") == 3
    assert browser_length("é") == 1
    assert browser_length("e\u0301") == 2
    assert browser_length("Ελλάδα") == 6


@pytest.mark.browser
@pytest.mark.skipif(
    os.environ.get("TEXT_CHROMIUM_CHECK") != "1",
    reason="slow; set TEXT_CHROMIUM_CHECK=1 to compare with real Chromium",
)
def test_browser_length_matches_chromium(browser_launch):
    pytest.importorskip("playwright.sync_api")
    samples = ["Zeile 1\nZeile 2\r\nZeile 3", "😀 ok 👍🏽", "e\u0301té", "Ελλάδα «x»"]
    p = driver()
    browser = p.chromium.launch(
        **browser_launch,
        args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
    )
    try:
        page = browser.new_page()
        page.set_content("<textarea id=t></textarea>")
        for sample in samples:
            limit = browser_length(sample)
            page.eval_on_selector("#t", "(e, n) => { e.value = ''; e.maxLength = n; }", limit)
            page.focus("#t")
            page.keyboard.insert_text(sample + "zz")  # two more than the limit allows
            kept = page.eval_on_selector("#t", "e => e.value")
            assert kept == sample.replace("\r\n", "\n"), sample
    finally:
        browser.close()


# --------------------------------------------------------------------------- snapshots


def _snapshot_cases():
    for language in LANGUAGES:
        yield language, "standard", REASONS, f"{language}.standard-all.txt"
        yield language, "short", (), f"{language}.short-none.txt"


@pytest.mark.parametrize(
    "language, variant, reasons, filename",
    list(_snapshot_cases()),
    ids=[case[3] for case in _snapshot_cases()],
)
def test_snapshot(language, variant, reasons, filename):
    body = render_letter(textdocs.example_input(language, variant=variant, reasons=reasons)) + "\n"
    path = SNAPSHOT_DIR / filename
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"snapshot {path} is missing; create it with: {UPDATE_HINT}")
    expected = path.read_text(encoding="utf-8")
    assert body == expected, (
        f"the {variant} {language} text differs from snapshot {path}; if the change is "
        f"intended, review it and run: {UPDATE_HINT} (and: {textdocs.COMMAND})"
    )


def test_no_stale_snapshots():
    wanted = {case[3] for case in _snapshot_cases()}
    present = {p.name for p in SNAPSHOT_DIR.glob("*.txt")}
    assert present <= wanted, f"stale snapshots: {sorted(present - wanted)}; delete them"


# --------------------------------------------------------------------------- docs


def test_docs_are_up_to_date():
    path = textdocs.DOCS_PATH
    assert path.exists(), f"{path} is missing; run: {textdocs.COMMAND}"
    assert path.read_text(encoding="utf-8") == textdocs.generate(), (
        f"{path} is out of date with the templates; run: {textdocs.COMMAND}"
    )


def test_docs_cover_every_language():
    doc = textdocs.generate()
    for language in LANGUAGES:
        assert f"## {language_name(language)} ({language})" in doc
        assert render_letter(textdocs.example_input(language)) in doc


def test_textdocs_check_mode(tmp_path, capsys):
    out = tmp_path / "texts.md"
    assert textdocs.main(["--check", "--output", str(out)]) == 1
    assert "python -m assistant.letters.textdocs" in capsys.readouterr().err
    assert textdocs.main(["--output", str(out)]) == 0
    assert textdocs.main(["--check", "--output", str(out)]) == 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_linkedin_letters_name_linkedin_never_meta(variant):
    german = render_letter(make("de", platform="linkedin", variant=variant))
    english = render_letter(make("en", platform="linkedin", variant=variant))
    assert "LinkedIn-Konto" in german and "DSGVO" in german and "Meta" not in german
    assert "LinkedIn account" in english and "GDPR" in english and "Meta" not in english
    # a language without a LinkedIn letter sends the English one (LinkedIn's form accepts it)
    assert render_letter(make("fr", platform="linkedin", variant=variant)).startswith(english.split("\n")[0])


def test_a_service_without_a_letter_is_one_clear_error():
    with pytest.raises(TextError, match="no letter for pinterest"):
        render_letter(make("en", platform="pinterest"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_account_known_by_its_e_mail_is_named_by_it_once(language):
    """A settings service's account has no username: the letter names the address once, never as
    “a@b.eu” (e-mail address: a@b.eu); the quotation marks and a colon before them go too."""
    for platform in ("instagram", "linkedin", "facebook"):
        for variant in ("short", "standard", "detailed"):
            letter = render_letter(
                LetterInput(
                    platform=platform, account="Anna@B.eu", email="anna@b.eu", country="DE",
                    language=language, reasons=(), variant=variant,
                )
            )  # fmt: skip
            assert letter.casefold().count("anna@b.eu") == 1, (platform, variant, letter)
            assert not re.search(r"[„“”«»‘’\"'] ?\(|: \(", letter), (platform, variant, letter)


def test_objector_text_for_a_settings_account_names_its_e_mail_once(tmp_path):
    from cli_helpers import run_cli

    (tmp_path / "accounts.toml").write_text(
        '[[account]]\nname = "anna-linkedin"\nplatform = "linkedin"\nemail = "anna@example.org"\n'
        'country = "DE"\nlanguage = "de"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBJECTOR_")}
    result = run_cli(["text", "--account", "anna-linkedin"], {**env, "OBJECTOR_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("anna@example.org") == 1 and "LinkedIn-Konto (E-Mail-Adresse" in result.stdout
