"""Answers in the language objector speaks (``assistant/i18n/answers.py``), and their safety.

Every question accepts the English keys in every language (piped answers), and the keys and words of
the language in use (German ``j``/``ja``, Greek ``ν``/``ναι`` …), shown in the prompt. Nothing but an
explicit yes in the language shown, or the English one, approves a submission, a switch or a second
sending: a word of one language never turns into "yes" where English (or the language shown) reads it
as something else.
"""

from __future__ import annotations

import io
import itertools

import pytest
from rich.console import Console

from assistant import i18n
from assistant.i18n.answers import (
    ACTING,
    ENGLISH,
    KEEP,
    MYSELF,
    NATIVE,
    NO,
    SEND,
    SKIP,
    YES,
    answers,
    fold,
)
from assistant.i18n.languages import SUPPORTED
from assistant.people.asks import SettingReview, SubmitReview
from assistant.people.human import TerminalHuman

#: the questions objector asks with keys, by what their answers mean
QUESTIONS = [(YES, NO, MYSELF), (YES, NO), (SEND, KEEP), (SKIP,)]
LANGUAGES = sorted(SUPPORTED)

#: the keys and words the issue names, per language: (yes, no)
EXAMPLES = {
    "de": (("j", "ja", "JA"), ("n", "nein")),
    "fr": (("o", "oui"), ("n", "non")),
    "es": (("s", "sí", "si"), ("n", "no")),
    "pl": (("t", "tak"), ("n", "nie")),
    "it": (("s", "sì", "si"), ("n", "no")),
    "nl": (("j", "ja"), ("n", "nee")),
    "pt": (("s", "sim"), ("n", "não", "nao")),
    "sv": (("j", "ja"), ("n", "nej")),
    "da": (("j", "ja"), ("n", "nej")),
    "fi": (("k", "kyllä", "kylla"), ("e", "ei")),
    "cs": (("a", "ano"), ("n", "ne")),
    "hu": (("i", "igen"), ("n", "nem")),
    "ro": (("d", "da"), ("n", "nu")),
    "el": (("ν", "ναι", "ναί", "Ν"), ("ο", "όχι", "οχι", "o")),
}


def _every_word() -> set[str]:
    """Every key and word of every language's table and of English, plus look-alikes a keyboard in
    another layout gives (Latin n and o for Greek ν and ο; v for ν)."""
    words = {w for table in NATIVE.values() for said in table.values() for w in said}
    words |= {w for said in ENGLISH.values() for w in said}
    return words | {"v", "n", "o", "y", "Y", "YES", "j", "ja", "s", "k"}


@pytest.fixture
def speak():
    """``speak(code)`` switches the language; English again afterwards."""
    yield i18n.use
    i18n.use("en")


# ----------------------------------------------------------------- the table
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("meanings", QUESTIONS, ids=lambda m: "-".join(m))
def test_the_english_keys_keep_their_meaning_in_every_language(language, meanings):
    valid = answers(*meanings, language=language)
    for meaning in meanings:
        for word in ENGLISH[meaning]:
            assert valid.read(word) == meaning, (language, word)
            assert valid.read(f" {word.upper()} ") == meaning


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_the_languages_yes_and_no(language):
    yes, no = EXAMPLES[language]
    for meanings in [(YES, NO, MYSELF), (YES, NO)]:
        valid = answers(*meanings, language=language)
        assert all(valid.read(w) == YES for w in yes), (language, yes)
        assert all(valid.read(w) == NO for w in no), (language, no)
        assert valid.key(YES) == yes[0] and valid.key(NO) == no[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("meanings", QUESTIONS, ids=lambda m: "-".join(m))
def test_nothing_acts_but_an_explicit_yes_in_the_language_shown_or_in_english(language, meanings):
    """Any key or word of any language (and the look-alikes) reads as "yes"/"send" only when English
    reads it so, or the language shown has it for that meaning and English gives it no other one."""
    valid = answers(*meanings, language=language)
    own = NATIVE.get(language, {})
    for word in _every_word():
        meaning = valid.read(word)
        if meaning not in ACTING:
            continue
        english = {fold(w): m for m in meanings for w in ENGLISH[m]}.get(fold(word))
        native = {m for m in meanings for w in own.get(m, ()) if fold(w) == fold(word)}
        assert english == meaning or (native == {meaning} and english in (None, meaning)), (language, word)


@pytest.mark.parametrize("language", sorted(NATIVE))
def test_no_word_of_a_language_means_another_thing_to_english_in_the_same_question(language):
    """The table's own check: in each question, a word of the language that English reads as acting
    ("y", "yes", "s", "send") means that too; one that English reads otherwise is never acting."""
    for meanings in QUESTIONS:
        english = {fold(w): m for m in meanings for w in ENGLISH[m]}
        for meaning in meanings:
            for word in NATIVE[language].get(meaning, ()):
                said = english.get(fold(word))
                assert said is None or said == meaning or (said not in ACTING and meaning not in ACTING), (
                    language,
                    word,
                    meaning,
                    said,
                )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("meanings", QUESTIONS, ids=lambda m: "-".join(m))
def test_the_keys_shown_are_accepted_and_distinct(language, meanings):
    valid = answers(*meanings, language=language)
    shown = [valid.key(m) for m in meanings]
    assert len({fold(k) for k in shown}) == len(shown), (language, shown)
    for meaning in meanings:
        assert valid.read(valid.key(meaning)) == meaning


def test_an_ambiguous_key_keeps_its_english_meaning_and_is_not_shown(monkeypatch):
    """A language whose "yes" key is the English "n": n stays no, the prompt shows the language's word
    for yes instead; a key two meanings of the language share is neither shown nor accepted."""
    monkeypatch.setitem(NATIVE, "de", {YES: ("n", "nu"), NO: ("x", "nope"), MYSELF: ("x", "selbst")})
    valid = answers(YES, NO, MYSELF, language="de")
    assert valid.read("n") == NO and valid.read("nu") == YES
    assert valid.key(YES) == "nu" and valid.key(NO) == "nope" and valid.key(MYSELF) == "selbst"
    assert valid.read("x") is None


def test_greek_latin_n_is_no_and_never_yes():
    """On a Greek keyboard ν is where Latin n is: a Latin n is still the English "no" (never ναι), a
    Latin o is read as the omicron of όχι."""
    for meanings in [(YES, NO, MYSELF), (YES, NO)]:
        valid = answers(*meanings, language="el")
        assert valid.read("n") == NO and valid.read("N") == NO
        assert valid.read("o") == NO and valid.read("v") is None
        assert valid.read("ν") == YES and valid.read("ναι") == YES


def test_a_word_of_another_language_is_no_answer():
    assert answers(YES, NO, MYSELF, language="en").read("ja") is None
    assert answers(YES, NO, MYSELF, language="de").read("oui") is None
    assert answers(YES, NO, MYSELF, language="fr").read("o") == YES
    assert answers(YES, NO, MYSELF, language="de").read("o") is None


# ----------------------------------------------------------- the terminal
def _human(stdin: str) -> tuple[TerminalHuman, io.StringIO]:
    out = io.StringIO()
    return TerminalHuman(Console(file=out, width=200, color_system=None), io.StringIO(stdin)), out


REVIEW = SubmitReview("anna-instagram", "anna@example.org", "Form", "https://x.example", "text", "de")
SETTING = SettingReview("anna-x", "anna@example.org", "X", "X", "https://x.example", "Grok", "on", "off")


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_the_approval_takes_the_languages_keys_and_shows_them(speak, language):
    speak(language)
    yes, no = EXAMPLES[language]
    for word in yes:
        human, out = _human(f"{word}\n")
        assert human.approve_submit(REVIEW) == "y"
        assert f"[{yes[0]}] " in out.getvalue() and f"[{answers(YES, NO).key(NO)}] " in out.getvalue()
        human, _out = _human(f"{word}\n")
        assert human.approve_setting(SETTING) == "y"
    for word in no:
        human, _out = _human(f"{word}\n")
        assert human.approve_submit(REVIEW) == "n"
    human, _out = _human(f"{answers(MYSELF).key(MYSELF)}\n")
    assert human.approve_submit(REVIEW) == "m"
    for english, decision in [("y", "y"), ("yes", "y"), ("n", "n"), ("no", "n"), ("m", "m"), ("", "n")]:
        human, _out = _human(f"{english}\n")
        assert human.approve_submit(REVIEW) == decision, (language, english)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_unknown_answer_is_asked_again_with_the_languages_keys(speak, language):
    speak(language)
    human, out = _human("perhaps\n")
    assert human.approve_submit(REVIEW) == "none"
    keys = answers(YES, NO, MYSELF)
    expected = ", ".join(sorted([keys.key(YES), keys.key(NO), keys.key(MYSELF)]))
    # the sentence as the catalogue has it (pseudo-accented under qps), with the language's keys
    assert i18n._("  Please answer {keys}.").format(keys=expected).strip() in out.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_of_any_language_approves_unless_it_is_a_yes_here(speak, language):
    """Every key and word of every language, answered alone: only the English yes and the yes of the
    language shown submit, switch, confirm or send again."""
    speak(language)
    yes_here = {fold(w) for w in (*ENGLISH[YES], *NATIVE.get(language, {}).get(YES, ()))}
    send_here = {fold(w) for w in (*ENGLISH[SEND], *NATIVE.get(language, {}).get(SEND, ()))}
    for word in sorted(_every_word()):  # every word of every language, read as each question reads it
        approved = answers(YES, NO, MYSELF).read(word) == YES
        assert approved == (fold(word) in yes_here), (language, word)
        assert (answers(YES, NO).read(word) == YES) == approved, (language, word)
        assert (answers(SEND, KEEP).read(word) == SEND) == (fold(word) in send_here), (language, word)
    # and through the terminal's questions themselves, for the words of this language and English
    own = NATIVE.get(language, {})
    here = {w for m in (YES, NO, MYSELF, SEND, KEEP) for w in (*ENGLISH[m], *own.get(m, ()))}
    for word in sorted(here):
        human, _out = _human(f"{word}\n")
        approved = human.approve_submit(REVIEW) == "y"
        assert approved == (fold(word) in yes_here), (language, word)
        human, _out = _human(f"{word}\n")
        assert (human.approve_setting(SETTING) == "y") == approved
        human, _out = _human(f"{word}\n")
        assert human.confirm("Sure?") == approved
        human, _out = _human(f"{word}\n")
        assert human.send_again("Send it again?") == (fold(word) in send_here), (language, word)


def test_german_prompts_show_german_keys_and_defaults(speak):
    speak("de")
    human, out = _human("\n")
    assert human.confirm("Save it?", default=True) is True
    assert "Save it? [J/n]" in out.getvalue()
    human, out = _human("\n")
    assert human.confirm("Sure?") is False and "Sure? [j/N]" in out.getvalue()
    human, out = _human("e\n")
    assert human.send_again("Send it again?") is True
    asked = i18n._("  {send} send it again  {keep} keep it as sent (default): ")
    assert asked.format(send="[e]", keep="[b]").strip() in out.getvalue()
    human, out = _human("s\n")  # the English "send" key: piped scripts keep working
    assert human.send_again("Send it again?") is True
    human, out = _human("j\n")  # a German yes is not "send it again": that question has its own keys
    assert human.send_again("Send it again?") is False


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_step_by_hand_is_skipped_with_the_languages_word(speak, language):
    from assistant.people.asks import Guidance

    speak(language)
    for word, done in [("", True), ("done", True), ("skip", False), ("n", False), ("no", False)]:
        human, _out = _human(f"{word}\n")
        assert human.guide(Guidance("anna", "Do it.")) is done, (language, word)
    for word in NATIVE.get(language, {}).get(SKIP, ()):
        human, out = _human(f"{word}\n")
        assert human.guide(Guidance("anna", "Do it.")) is False, (language, word)
        prompt = i18n._("  Press Enter here when done (or type '{skip}'): ")
        assert prompt.format(skip=answers(SKIP).key(SKIP)).strip() in out.getvalue()


def test_every_pair_of_languages_agrees_on_what_english_reads():
    """Two languages never give the same English key two meanings: the English keys are one table."""
    for a, b in itertools.combinations(LANGUAGES, 2):
        for meanings in QUESTIONS:
            va, vb = answers(*meanings, language=a), answers(*meanings, language=b)
            for meaning in meanings:
                assert va.read(ENGLISH[meaning][0]) == vb.read(ENGLISH[meaning][0])


# ------------------------------------------------------- the real command
# practice runs in German, Polish and Greek answered with the language's keys (and asked again after an
# answer that is none of them): tests/test_languages_cli.py


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_look_alike_of_a_key_is_no_answer_but_a_word_may_lose_its_accents(language):
    """``ý``, ``ÿ`` or a full-width ``ｙ`` is not ``y`` (nothing is sent on a look-alike); a word of
    the language typed without its accents is still that word."""
    valid = answers(YES, NO, MYSELF, language=language)
    for look_alike in ("ý", "ÿ", "ŷ", "Ｙ", "ｙｅｓ", "ｎ"):
        assert valid.read(look_alike) is None, (language, look_alike)
    for meaning in (YES, NO):
        for word in NATIVE.get(language, {}).get(meaning, ()):
            if len(word) > 1 and valid.read(word) == meaning:
                assert valid.read(fold(word)) == meaning, (language, word)
