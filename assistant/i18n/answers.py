"""The answers a question accepts, in the language in use as well as in English: one table.

A question names what its answers mean (``YES``, ``NO``, ``MYSELF`` …); ``answers(...)`` gives
the keys and words that mean them: the English ones always (piped answers and scripts use them,
whatever the language), and those of the language in use (German ``j``/``ja``, French
``o``/``oui``, Greek ``ν``/``ναι`` …). The first entry of a language's words is the key letter
the prompt shows.

Safety (the approval questions send forms): a typed answer that the English keys of the same
question read one way and the language's words another way is ambiguous. It keeps its English
meaning (so a piped English answer never changes meaning) and the language's key is neither
shown nor accepted for that question: the prompt shows the language's next word instead, or the
English key. The table itself never has a word of the language that English reads as ``yes`` or
``send`` while it means something else (``tests/test_native_answers.py`` checks every language),
so only an explicit yes in the language shown, or the English one, can send anything.

Answers are compared without case; a word of the language (two letters or more) also without its
accents (``sí`` = ``si`` = ``SI``, ``não`` = ``nao``, ``όχι`` = ``οχι``), but a key and every
English answer only as written: an accented or full-width look-alike of ``y`` is no answer.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

YES, NO, MYSELF, SEND, KEEP, SKIP = "yes", "no", "myself", "send", "keep", "skip"

#: the meanings that make objector act (submit a form, switch a setting, send a form again)
ACTING = frozenset({YES, SEND})

#: English: accepted in every language (the first of each is the key shown in English)
ENGLISH: dict[str, tuple[str, ...]] = {
    YES: ("y", "yes"),
    NO: ("n", "no"),
    MYSELF: ("m",),
    SEND: ("s", "send"),
    KEEP: ("k", "keep"),
    SKIP: ("skip", "s", "n", "no"),
}

#: each language's own keys and words (the first is the key shown); English ones are added anyway.
#: YES/NO: the yes/no questions and the approvals · MYSELF: "I'll click Send myself" ·
#: SEND/KEEP: a form that may have been sent, send it again or keep it · SKIP: a step done by hand.
NATIVE: dict[str, dict[str, tuple[str, ...]]] = {
    "cs": {YES: ("a", "ano"), NO: ("n", "ne"), MYSELF: ("s", "sám", "sama"),
           SEND: ("o", "odeslat"), KEEP: ("p", "ponechat"), SKIP: ("přeskočit", "ne")},
    "da": {YES: ("j", "ja"), NO: ("n", "nej"), MYSELF: ("s", "selv"),
           SEND: ("g", "gensend"), KEEP: ("b", "behold"), SKIP: ("spring over", "nej")},
    "de": {YES: ("j", "ja"), NO: ("n", "nein"), MYSELF: ("s", "selbst"),
           SEND: ("e", "erneut"), KEEP: ("b", "behalten"), SKIP: ("überspringen", "nein")},
    "el": {YES: ("ν", "ναι"), NO: ("ο", "όχι", "o"), MYSELF: ("μ", "μόνος", "μόνη"),
           SEND: ("α", "αποστολή"), KEEP: ("κ", "κράτηση"), SKIP: ("παράλειψη", "όχι")},
    "es": {YES: ("s", "sí"), NO: ("n", "no"), MYSELF: ("m", "mismo", "misma"),
           SEND: ("e", "enviar"), KEEP: ("c", "conservar"), SKIP: ("omitir", "no")},
    "fi": {YES: ("k", "kyllä"), NO: ("e", "ei"), MYSELF: ("i", "itse"),
           SEND: ("l", "lähetä"), KEEP: ("p", "pidä"), SKIP: ("ohita", "ei")},
    "fr": {YES: ("o", "oui"), NO: ("n", "non"), MYSELF: ("m", "moi-même", "moi"),
           SEND: ("r", "renvoyer"), KEEP: ("g", "garder"), SKIP: ("passer", "non")},
    "hu": {YES: ("i", "igen"), NO: ("n", "nem"), MYSELF: ("m", "magam"),
           SEND: ("ú", "újraküldés"), KEEP: ("m", "megtartás"), SKIP: ("kihagyás", "nem")},
    "it": {YES: ("s", "sì"), NO: ("n", "no"), MYSELF: ("m", "manualmente"),
           SEND: ("i", "invia"), KEEP: ("t", "tieni"), SKIP: ("salta", "no")},
    "nl": {YES: ("j", "ja"), NO: ("n", "nee"), MYSELF: ("z", "zelf"),
           SEND: ("o", "opnieuw"), KEEP: ("h", "houden"), SKIP: ("overslaan", "nee")},
    "pl": {YES: ("t", "tak"), NO: ("n", "nie"), MYSELF: ("s", "sam", "sama"),
           SEND: ("w", "wyślij"), KEEP: ("z", "zostaw"), SKIP: ("pomiń", "nie")},
    "pt": {YES: ("s", "sim"), NO: ("n", "não"), MYSELF: ("m", "manualmente"),
           SEND: ("e", "enviar"), KEEP: ("c", "conservar"), SKIP: ("saltar", "não")},
    "ro": {YES: ("d", "da"), NO: ("n", "nu"), MYSELF: ("s", "singur", "singură"),
           SEND: ("t", "trimite"), KEEP: ("p", "păstrează"), SKIP: ("omite", "nu")},
    "sv": {YES: ("j", "ja"), NO: ("n", "nej"), MYSELF: ("s", "själv"),
           SEND: ("o", "omsänd"), KEEP: ("b", "behåll"), SKIP: ("hoppa över", "nej")},
}  # fmt: skip


def fold(answer: str) -> str:
    """An answer as compared: stripped, without case or accents, inner spaces single."""
    decomposed = unicodedata.normalize("NFKD", answer.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def plain(answer: str) -> str:
    """An answer as typed: stripped, without case, inner spaces single (accents kept)."""
    return " ".join(unicodedata.normalize("NFC", answer.strip().casefold()).split())


@dataclass(frozen=True)
class Answers:
    """The answers one question accepts: ``accepted`` maps a folded answer to its meaning,
    ``keys`` each meaning to the key (or word) the prompt shows; ``exact`` holds every accepted
    answer as written, ``forgiving`` the folded words of the language that may be typed without
    their accents (``si`` for ``sí``)."""

    meanings: tuple[str, ...]
    accepted: dict[str, str]
    keys: dict[str, str]
    exact: frozenset[str] = frozenset()
    forgiving: frozenset[str] = frozenset()

    def read(self, answer: str) -> str | None:
        """The meaning of a typed answer; None when it is none of the accepted ones.

        A key and every English answer count only as written (any case): ``ý`` or a full-width
        ``ｙ`` is no ``y``, so nothing is sent on a look-alike. Only a word of the language, two
        letters or more, is also taken without its accents (``nao`` for ``não``)."""
        folded = fold(answer)
        meaning = self.accepted.get(folded)
        if meaning is None:
            return None
        if plain(answer) in self.exact or folded in self.forgiving:
            return meaning
        return None

    def key(self, meaning: str) -> str:
        """The key (or word) the prompt shows for ``meaning``."""
        return self.keys[meaning]

    def listed(self) -> str:
        """The keys shown, for "Please answer …": ``m, n, y`` (sorted)."""
        return ", ".join(sorted(self.keys[m] for m in self.meanings))


def answers(*meanings: str, language: str | None = None) -> Answers:
    """The answers of a question whose answers mean ``meanings``, in ``language`` (default: the
    language in use) and in English. A word of the language that the question's English words
    read as another meaning, or that two of its meanings share, is left out (see the module)."""
    if language is None:
        from . import language as current

        language = current()
    english: dict[str, str] = {}
    for meaning in meanings:
        for word in ENGLISH[meaning]:
            english.setdefault(fold(word), meaning)
    own = NATIVE.get(language, {})
    native: dict[str, set[str]] = {}
    for meaning in meanings:
        for word in own.get(meaning, ()):
            native.setdefault(fold(word), set()).add(meaning)
    accepted = dict(english)
    usable: dict[str, str] = {}
    for word, said in native.items():
        if len(said) == 1 and english.get(word, next(iter(said))) == next(iter(said)):
            usable[word] = next(iter(said))
    accepted.update(usable)
    keys: dict[str, str] = {}
    for meaning in meanings:
        shown = [w for w in own.get(meaning, ()) if usable.get(fold(w)) == meaning]
        keys[meaning] = shown[0] if shown else ENGLISH[meaning][0]
    exact = {plain(w) for m in meanings for w in ENGLISH[m]}
    exact |= {plain(w) for m in meanings for w in own.get(m, ()) if fold(w) in usable}
    forgiving = {fold(w) for m in meanings for w in own.get(m, ()) if fold(w) in usable and len(fold(w)) > 1}
    return Answers(tuple(meanings), accepted, keys, frozenset(exact), frozenset(forgiving))
