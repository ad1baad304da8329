"""Dirham amounts: integer centimes inside, the reader's convention outside.

Owns reading an amount typed at the counter into integer centimes and writing centimes back
for a reader: "1.234,56 DH" in French, "1.234,56 درهم" in Arabic (Western digits, as on
Moroccan forms), "MAD 1,234.56" in English. Never uses float: a binary fraction cannot hold
0,10 DH exactly, and a claim amount must survive every round trip unchanged.
"""

from __future__ import annotations

import re
from decimal import Decimal

from agent_app.i18n import Lang

# Keyboards set to Arabic type Arabic-Indic digits and separators ("١٬٢٣٤٫٥٦"); the amount
# is the same, so they are read as the French-Moroccan "1.234,56".
_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789,.")
_CURRENCY = re.compile(r"^\s*(?:MAD|DHS?|درهم)\s*|\s*(?:MAD|DHS?|درهم)\s*$", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_GROUPING_SEPARATORS = re.compile(r"[ .,]")
_MINUS_SIGNS = ("-", "−", "‐", "–")
_MAX_DECIMALS = 2


class AmountError(ValueError):
    """An amount that cannot be read; ``code`` names its message in the domain catalogue."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code


def _group(digits: str, separator: str) -> str:
    head_length = len(digits) % 3 or 3
    groups = [digits[:head_length]]
    groups += [digits[i : i + 3] for i in range(head_length, len(digits), 3)]
    return separator.join(groups)


def format_amount(centimes: int, lang: Lang) -> str:
    """``123456`` → "1.234,56 DH" (fr), "1.234,56 درهم" (ar), "MAD 1,234.56" (en)."""
    sign = "-" if centimes < 0 else ""
    dirhams, cents = divmod(abs(centimes), 100)
    if lang == "en":
        return f"MAD {sign}{_group(str(dirhams), ',')}.{cents:02d}"
    number = f"{sign}{_group(str(dirhams), '.')},{cents:02d}"
    return f"{number} درهم" if lang == "ar" else f"{number} DH"


def _decimal_separator(text: str) -> str | None:
    """Which of "," and "." separates the decimals, if any.

    Both present: the last one ("1.234,56", "1,234.56"). One of them once: that one, so
    "1.234" reads as 1 dirham and 234 thousandths and is refused, rather than silently taken
    as 1234 DH. Repeated ("1.234.567"): grouping only.
    """
    if "." in text and "," in text:
        return "." if text.rfind(".") > text.rfind(",") else ","
    for separator in (",", "."):
        if text.count(separator) == 1:
            return separator
    return None


def _whole_part(text: str, original: str) -> str:
    """The digits of the whole dirhams, with grouping ("1 234", "1.234.567") checked."""
    if _DIGITS.fullmatch(text):
        return text
    groups = _GROUPING_SEPARATORS.split(text)
    separators = set(_GROUPING_SEPARATORS.findall(text))
    well_grouped = (
        len(separators) == 1
        and all(_DIGITS.fullmatch(group) for group in groups)
        and 1 <= len(groups[0]) <= 3
        and all(len(group) == 3 for group in groups[1:])
    )
    if not well_grouped:
        raise AmountError("amount.not_a_number", f"not an amount: {original!r}")
    return "".join(groups)


def parse_amount(text: str) -> int:
    """Integer centimes from "1234,56", "1 234,56", "1.234,56", "1234.56" or "1234".

    A trailing or leading "DH", "MAD" or "درهم" is ignored. Raises :class:`AmountError`
    (a ValueError) for an empty text, a negative amount, more than two decimals, or anything
    that is not an amount.
    """
    cleaned = _CURRENCY.sub("", text.translate(_TO_ASCII_DIGITS))
    cleaned = " ".join(cleaned.split())  # any kind of space, non-breaking ones included
    if not cleaned:
        raise AmountError("amount.empty", "no amount given")
    if cleaned.startswith(_MINUS_SIGNS):
        raise AmountError("amount.negative", f"negative amount: {text!r}")
    cleaned = cleaned.removeprefix("+").strip()
    separator = _decimal_separator(cleaned)
    whole, decimals = cleaned.rsplit(separator, 1) if separator else (cleaned, "")
    if separator and _DIGITS.fullmatch(decimals) is None:
        raise AmountError("amount.not_a_number", f"not an amount: {text!r}")
    if len(decimals) > _MAX_DECIMALS:
        raise AmountError("amount.too_many_decimals", f"more than 2 decimals: {text!r}")
    whole_digits = _whole_part(whole.strip(), text)
    value = Decimal(f"{whole_digits}.{decimals or '0'}")
    return int((value * 100).to_integral_exact())
