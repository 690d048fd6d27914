"""Fitting the letter to a page's length limit, in every letter language: the legal core stays,
the result fits, and it ends on a whole sentence (never a word cut off)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.letters.fit import fit_letter, join, paragraphs
from assistant.letters.text import (
    LANGUAGES,
    REASONS,
    VARIANTS,
    LetterInput,
    TextError,
    browser_length,
    render_letter,
)

FULL = LetterInput(
    platform="instagram",
    account="anna.k",
    email="anna@example.org",
    country="DE",
    language="en",
    reasons=("private_life", "children", "creative_work"),
    variant="detailed",
    name="Anna Kowalska",
)


def _core(language: str) -> tuple[str, str, str]:
    """(objection sentence, account sentence, request to confirm) of the short letter."""
    bare = render_letter(replace(FULL, language=language, variant="short", reasons=(), name=None))
    sentences = [s for p in paragraphs(bare) for s in p]
    objection = next(s for s in sentences if "21" in s)
    account = next(s for s in sentences if "anna.k" in s)
    return objection, account, paragraphs(bare)[-1][-1]


def test_the_fifteen_letter_languages_are_covered():
    fifteen = {"cs", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "pl", "pt", "ro", "sv"}
    assert set(LANGUAGES) >= fifteen


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentences_split_and_join_back_to_the_letter(language):
    for variant in VARIANTS:
        text = render_letter(replace(FULL, language=language, variant=variant))
        assert join(paragraphs(text)) == text


@pytest.mark.parametrize("language", LANGUAGES)
def test_shortened_letter_fits_keeps_the_core_and_ends_on_a_sentence(language):
    core = _core(language)
    tightest = browser_length(" ".join(core[:2]) + "\n\n" + core[2])
    for limit in (1200, 600, 450, tightest + 5):
        fitted = fit_letter(replace(FULL, language=language), limit)
        text = fitted.text
        assert browser_length(text) <= limit, (limit, text)
        if fitted.variant != "short":  # a whole shorter letter, nothing left out
            assert text == render_letter(replace(FULL, language=language, variant=fitted.variant))
        for sentence in core if fitted.variant == "short" else ():
            assert sentence in text, (limit, sentence)
        assert text.rstrip()[-1] in ".!?" or text.endswith(FULL.name), text
        words = set(render_letter(replace(FULL, language=language, variant=fitted.variant)).split())
        assert set(text.split()) <= words  # only whole words of the letter, none cut short
        assert fitted.changed


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_limit_below_the_core_is_an_error_not_a_cut(language):
    core = _core(language)
    tightest = browser_length(" ".join(core[:2]) + "\n\n" + core[2])
    with pytest.raises(TextError, match="shortest letter"):
        fit_letter(replace(FULL, language=language), tightest - 1)


def test_a_letter_that_fits_is_left_alone():
    fitted = fit_letter(FULL, 3000)
    assert fitted.text == render_letter(FULL) and not fitted.changed and not fitted.dropped


def test_a_shorter_variant_comes_before_any_sentence_is_left_out():
    standard = render_letter(replace(FULL, variant="standard"))
    fitted = fit_letter(FULL, browser_length(standard))
    assert (fitted.text, fitted.variant, fitted.dropped) == (standard, "standard", ())
    assert "standard letter instead of the detailed one" in fitted.describe("detailed")


def test_reasons_go_first_the_last_chosen_first():
    short = replace(FULL, variant="short")
    one_reason = render_letter(replace(short, reasons=("private_life",)))
    fitted = fit_letter(FULL, browser_length(one_reason))
    assert fitted.text == one_reason and fitted.variant == "short" and len(fitted.dropped) == 2


def test_a_custom_template_that_does_not_fit_is_an_error(tmp_path):
    template = tmp_path / "mine.txt"
    long_letter = "I object under {article} for {account} ({email}). " + "Words. " * 80
    template.write_text(long_letter, encoding="utf-8")
    with pytest.raises(TextError, match="write a shorter template"):
        fit_letter(FULL, 300, template=template)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    language=st.sampled_from(LANGUAGES),
    variant=st.sampled_from(VARIANTS),
    reasons=st.sets(st.sampled_from(REASONS)),
    name=st.sampled_from([None, "Anna Kowalska"]),
    slack=st.integers(0, 2500),
)
def test_any_letter_fits_any_limit_above_its_core(language, variant, reasons, name, slack):
    inp = replace(FULL, language=language, variant=variant, reasons=tuple(reasons), name=name)
    core = _core(language)
    limit = browser_length(" ".join(core[:2]) + "\n\n" + core[2]) + slack
    fitted = fit_letter(inp, limit)
    assert browser_length(fitted.text) <= limit
    whole = render_letter(replace(inp, variant=fitted.variant))
    if fitted.dropped or fitted.variant == "short":
        assert all(sentence in fitted.text for sentence in core)
    sentences = [s for p in paragraphs(fitted.text) for s in p]
    assert all(s in whole for s in sentences)  # every sentence is one of the letter's, whole
