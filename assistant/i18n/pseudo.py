"""The pseudo-language ``qps``: every translated string accented, about 30 % longer and in ⟦ ⟧.

It is made at run time from the English source strings (there is no catalogue), so that tests can
prove that no English source string reaches the output: a string that went through ``_`` shows up
as ``⟦Śţáţúš··⟧``, one that did not stays plain English. What must keep working is left intact:
format fields (``{name}``, ``{0!r}``), ``%s``-style fields, Rich markup (``[bold]…[/]``, ``\\[``),
HTML tags and entities, command-line options (``--home``) and web addresses.
"""

from __future__ import annotations

import gettext
import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçďéƒğĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁßÇĎÉƑĞĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)

#: Rich's style words that markup tags are made of.
_STYLES = (
    "bold|dim|italic|underline|strike|reverse|blink|conceal|overline|b|i|u|s|default|black|red|green"
    "|yellow|blue|magenta|cyan|white|bright_[a-z]+|gr[ae]y\\d*|color\\(\\d+\\)"
)

#: What is kept as it is, in the order tried.
KEPT = re.compile(
    r"""
      \{\{ | \}\}                                   # escaped braces
    | \{[^{}\s]*\}                                  # format fields: {}, {name}, {0!r}, {n:>5}
    | %(?:\([^)]*\))?[-\#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc%]   # %-style fields
    | \\\[                                          # Rich's escaped bracket
    | \[/?(?:(?:not\ |on\ )?(?:{styles}|\#[0-9a-fA-F]{{6}})\ ?)+\]   # Rich markup tags: [bold red], [/bold]
    | \[/\] | \[link=[^\]\s]*\]                        # [/], [link=…]
    | <[^<>\n]+> | &[A-Za-z]+; | &\#\d+;            # HTML tags and entities
    | https?://\S+                                  # web addresses
    | (?<![\w-])--?[A-Za-z][\w-]*                   # command-line options
    """.replace("{styles}", _STYLES).replace("{{6}}", "{6}"),
    re.VERBOSE,
)

OPEN, CLOSE, PAD = "⟦", "⟧", "·"


def pseudo(message: str) -> str:
    """``message`` in the pseudo-language (an empty string stays empty)."""
    if not message.strip():
        return message
    stripped = message.strip()
    start = message.index(stripped)
    lead, trail = message[:start], message[start + len(stripped) :]
    pieces: list[str] = []
    letters = 0
    last = 0
    for match in KEPT.finditer(stripped):
        text = stripped[last : match.start()]
        letters += sum(ch.isalpha() for ch in text)
        pieces.append(text.translate(_ACCENTED))
        pieces.append(match.group(0))
        last = match.end()
    tail = stripped[last:]
    letters += sum(ch.isalpha() for ch in tail)
    pieces.append(tail.translate(_ACCENTED))
    padding = PAD * max(1, round(letters * 0.3))
    return f"{lead}{OPEN}{''.join(pieces)}{padding}{CLOSE}{trail}"


class PseudoTranslations(gettext.NullTranslations):
    """A gettext catalogue that answers every message in the pseudo-language."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
