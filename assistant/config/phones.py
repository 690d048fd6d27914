"""Phone numbers (a WhatsApp account is its phone number): checked, normalised, shown masked.

The check is Google's libphonenumber metadata (the ``phonenumbers`` package), not a pattern of
our own: it knows each country's number lengths and ranges, which a regular expression does not.
Numbers are kept in E.164 (``+4915123456789``), typed into forms and named in letters in the
international format (``+49 1512 3456789``), and shown in the terminal masked
(``+49 ••• ••• 6789``): the terminal may be seen or recorded by others, the proof is the person's.
"""

from __future__ import annotations

import phonenumbers

from ..i18n import _

MASK = "•••"


def _parsed(value: str) -> phonenumbers.PhoneNumber:
    """The number in ``value``, which must be in international format (``+`` and country code).

    A number without ``+`` is refused rather than guessed: ``0151 …`` means a different number
    in each country, and WhatsApp knows the account by the full international number.
    """
    text = " ".join(str(value).split())
    if not text:
        raise ValueError(
            # TRANSLATORS: follows "field 'phone': "
            _("is empty; write the WhatsApp number in international format, like +49 1512 3456789")
        )
    if not text.startswith(("+", "00")):
        raise ValueError(
            _(
                "'{number}' has no country code; write it in international format with + and the "
                "country code, like +49 1512 3456789"
            ).format(number=text)
        )
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise ValueError(
            _("'{number}' is not a phone number; write it like +49 1512 3456789").format(number=text)
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            _(
                "'{number}' is not a valid phone number (wrong length or no such number range); "
                "write it like +49 1512 3456789"
            ).format(number=text)
        )
    return number


def normalise_phone(value: str) -> str:
    """The number in E.164 (``+4915123456789``), or ValueError saying in one line what is wrong."""
    return phonenumbers.format_number(_parsed(value), phonenumbers.PhoneNumberFormat.E164)


def international(value: str) -> str:
    """The number as people write it across borders (``+49 1512 3456789``): for forms and letters."""
    return phonenumbers.format_number(_parsed(value), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def mask_phone(value: str) -> str:
    """``+49 ••• ••• 6789``: the country code and the last four digits, enough for the person to
    recognise their own number and too little for anyone looking over their shoulder."""
    try:
        number = _parsed(value)
    except ValueError:
        digits = "".join(c for c in str(value) if c.isdigit())
        return f"{MASK} {MASK} {digits[-2:]}" if digits else MASK
    national = str(number.national_number)
    return f"+{number.country_code} {MASK} {MASK} {national[-4:]}"
