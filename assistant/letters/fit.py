"""Fitting a letter to the length a page (or a flow) allows, without ever cutting a word.

A page may take fewer characters than the account's letter has: a text box with ``maxlength``,
a counter such as ``0/500``, an error after a first try. The letter is then made to fit in
steps, each tried only when the one before is still too long:

1. the account's own variant, then each shorter one (``detailed`` → ``standard`` → ``short``);
2. in the short letter, the reason sentences are left out, the last chosen first;
3. then the signature (the person's name on its own line);
4. then the short letter's other sentences that are not its legal core, the last first.

The legal core is never left out: the sentence that objects under Art. 21 (it names the
article, and an objection under Art. 21(1) is itself the request to stop), the sentence that
names the account (its username or e-mail address), and the request to confirm (the short
letter's closing paragraph). When even the core does not fit, ``TextError`` says so: a text is
never cut mid-sentence, let alone mid-word.

A person's own template (``text_template``) is not rewritten: when it does not fit, the error
says so and the person can write a shorter one.

Sentences are split at ``.``, ``!``, ``?`` or ``…`` followed by white space and a capital
letter (or an opening quote or bracket before one). That is enough for the letters' own
templates in all their languages, where an abbreviation such as "Art. 21" is followed by a
digit; the unit tests check that splitting and joining again gives each letter back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..engine.common import Said
from ..i18n import N_, _, ngettext
from .text import (
    MIN_LENGTH,
    REASONS,
    VARIANTS,
    LetterInput,
    TextError,
    _letter_language,
    _values,
    browser_length,
    render_letter,
)

#: a sentence ends at one of these, followed by white space
_END = re.compile(r"[.!?…](?=\s)")
_OPENERS = "\"'„“‚‘«»([¿¡"


@dataclass(frozen=True)
class Fitted:
    """A letter that fits ``limit``: its text, the variant it came from, and what was left out."""

    text: str
    variant: str
    limit: int
    original_length: int  # the account's own letter, before fitting
    dropped: tuple[str, ...] = ()  # the sentences (and signature) left out, in the letter's order

    @property
    def changed(self) -> bool:
        return browser_length(self.text) != self.original_length or bool(self.dropped)

    def describe(self, wanted: str) -> str:
        """One line for the person (in their language): what was done to fit the limit."""
        values = {
            "limit": self.limit,
            "original": self.original_length,
            "variant": self.variant,
            "wanted": wanted,
            "length": browser_length(self.text),
        }
        if not self.dropped:
            if self.variant == wanted:
                # TRANSLATORS: {variant} is short, standard or detailed (as written); {limit}, {original} and
                # {length} count characters
                message = _(
                    "the page takes at most {limit} characters and the letter has {original}: "
                    "objector sends the {variant} letter, {length} characters in whole sentences"
                )
            else:
                # TRANSLATORS: {variant} and {wanted} are short, standard or detailed (as written); {limit},
                # {original} and {length} count characters
                message = _(
                    "the page takes at most {limit} characters and the letter has {original}: "
                    "objector sends the {variant} letter instead of the {wanted} one, "
                    "{length} characters in whole sentences"
                )
            return message.format(**values)
        n = sum(len(split_sentences(part)) for part in self.dropped)
        if self.variant == wanted:
            # TRANSLATORS: {variant} is short, standard or detailed (as written); {n} sentences were left out;
            # {limit}, {original} and {length} count characters
            message = ngettext(
                "the page takes at most {limit} characters and the letter has {original}: "
                "objector sends the {variant} letter with {n} sentence left out (the legal core kept), "
                "{length} characters in whole sentences",
                "the page takes at most {limit} characters and the letter has {original}: "
                "objector sends the {variant} letter with {n} sentences left out (the legal core kept), "
                "{length} characters in whole sentences",
                n,
            )
        else:
            # TRANSLATORS: {variant} and {wanted} are short, standard or detailed (as written); {n} sentences
            # were left out; {limit}, {original} and {length} count characters
            message = ngettext(
                "the page takes at most {limit} characters and the letter has {original}: "
                "objector sends the {variant} letter instead of the {wanted} one with {n} sentence left out "
                "(the legal core kept), {length} characters in whole sentences",
                "the page takes at most {limit} characters and the letter has {original}: "
                "objector sends the {variant} letter instead of the {wanted} one with {n} sentences left out "
                "(the legal core kept), {length} characters in whole sentences",
                n,
            )
        return message.format(n=n, **values)


def split_sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences, each with its closing punctuation; ``" ".join`` gives it back."""
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        after = paragraph[match.end() :].lstrip()
        first = after.lstrip(_OPENERS)[:1]
        if not first or not first.isupper() or "\n" in paragraph[match.end() : len(paragraph) - len(after)]:
            continue
        sentences.append(paragraph[start : match.end()])
        start = len(paragraph) - len(after)
    sentences.append(paragraph[start:])
    return [s for s in sentences if s]


def paragraphs(text: str) -> list[list[str]]:
    """The text as paragraphs (split at blank lines), each a list of sentences."""
    return [split_sentences(p) for p in text.split("\n\n") if p.strip()]


def join(parts: list[list[str]]) -> str:
    return "\n\n".join(" ".join(sentences) for sentences in parts if sentences)


def fit_letter(inp: LetterInput, limit: int, *, template: Path | None = None) -> Fitted:
    """The letter for ``inp`` in at most ``limit`` characters (see the module docstring)."""
    if limit < MIN_LENGTH:
        raise TextError(
            Said(
                N_("the page takes at most {limit} characters, below the minimum of {minimum}"),
                limit=limit,
                minimum=MIN_LENGTH,
            )
        )
    original = render_letter(inp, max_length=10**6, template=template)
    length = browser_length(original)
    if length <= limit:
        return Fitted(original, inp.variant, limit, length)
    if template is not None:
        raise TextError(
            Said(
                N_(
                    "your letter template {template} gives {length} characters; the page takes at most "
                    "{limit}: write a shorter template (or remove text_template to use the built-in letters)"
                ),
                template=template,
                length=length,
                limit=limit,
            ),
            path=template,
            length=length,
            limit=limit,
        )
    order = VARIANTS[: VARIANTS.index(inp.variant) + 1] if inp.variant in VARIANTS else VARIANTS
    for variant in reversed(order[:-1]):  # the shorter variants, longest first
        text = render_letter(replace(inp, variant=variant), max_length=10**6)
        if browser_length(text) <= limit:
            return Fitted(text, variant, limit, length)
    return _shorten(replace(inp, variant=VARIANTS[0]), limit, length)


def _shorten(inp: LetterInput, limit: int, original_length: int) -> Fitted:
    """The short letter with reasons, signature and then other sentences left out (never the
    core) until it fits."""
    lang = _letter_language(inp)
    values = _values(inp, lang)
    chosen = [r for r in REASONS if r in _chosen(inp.reasons)]
    dropped: list[str] = []
    for keep in range(len(chosen) - 1, -1, -1):  # the reasons, the last chosen first
        dropped.insert(0, lang.sentences[chosen[keep]])
        text = render_letter(replace(inp, reasons=tuple(chosen[:keep])), max_length=10**6)
        if browser_length(text) <= limit:
            return Fitted(text, inp.variant, limit, original_length, tuple(dropped))
    bare = render_letter(replace(inp, reasons=(), name=None), max_length=10**6)
    if values["name"]:
        dropped.append(values["name"])
    parts = paragraphs(bare)
    core = set(parts[-1]) | {
        s
        for p in parts
        for s in p
        if any(v and v in s for v in (values["article"], values["account"], values["email"]))
    }
    left_out: list[str] = []
    for sentence in reversed([s for p in parts for s in p]):
        if browser_length(join(parts)) <= limit:
            break
        if sentence not in core and _remove(parts, sentence):
            left_out.insert(0, sentence)
    result = join(parts)
    length = browser_length(result)
    if length > limit:
        raise TextError(
            Said(
                N_(
                    "the page takes at most {limit} characters, and the shortest letter that keeps the "
                    "objection, the account and the request to confirm has {length}"
                ),
                limit=limit,
                length=length,
            ),
            length=length,
            limit=limit,
        )
    if length < MIN_LENGTH:
        raise TextError(
            Said(
                N_("the shortened letter has {length} characters, below the minimum of {minimum}"),
                length=length,
                minimum=MIN_LENGTH,
            )
        )
    return Fitted(result, inp.variant, limit, original_length, tuple(dropped + left_out))


def _chosen(reasons: tuple[str, ...] | str | None) -> set[str]:
    if not reasons:
        return set()
    return {reasons} if isinstance(reasons, str) else set(reasons)


def _remove(parts: list[list[str]], sentence: str) -> bool:
    """Leave one sentence out (the last one equal to it); an emptied paragraph goes too."""
    for p in reversed(parts):
        if sentence in p:
            p.remove(sentence)
            if not p:
                parts.remove(p)
            return True
    return False
