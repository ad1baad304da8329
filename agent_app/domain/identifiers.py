"""Identifiers and contact details as the counter types them: normalise, then check.

Owns the shape of the CNSS immatriculation, the CIN, the INPE, Moroccan phone numbers,
nationality codes, postal codes, e-mail addresses and person names, and the search key the
store indexes names by.
Every ``normalise_*`` function is idempotent; every ``check_*`` function normalises first, so
"123 456 789" and "123456789" are the same immatriculation. Problems never carry the typed
value itself (only its length, say): they may end up in logs and the audit trail, and
personal data has no business there.

Must never invent what no public source states: the immatriculation has no check digit, the
CIN patterns disagree (an odd shape is a warning, not a refusal), and phone numbers are
judged by the ``phonenumbers`` metadata, never by a hand-written pattern.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberType

from agent_app.domain.problems import Problem, Severity

IMMATRICULATION_LENGTH = 9
EMPLOYER_AFFILIATION_LENGTH = 7  # the employer's CNSS number, often typed by mistake
INPE_LENGTH = 9
POSTAL_CODE_LENGTH = 5
CIN_EXPECTED_MAX_LENGTH = 8
CIN_HARD_MAX_LENGTH = 10  # beyond this it is not an identity card number at all
NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # RFC 5321 path limit
PHONE_REGION = "MA"

# Keyboards set to Arabic type Arabic-Indic digits; the number is the same.
_TO_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Separators people put inside numbers: spaces of every kind, hyphens and dashes.
_NUMBER_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−]+")
_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_CIN_CHARACTERS = re.compile(r"[A-Z0-9]+", re.ASCII)
_CIN_EXPECTED_SHAPE = re.compile(r"[A-Z]{1,2}[0-9]+", re.ASCII)
# "]C1", "]E0"...: the symbology identifier some scanners send before the data (ISO/IEC 15424).
_AIM_SYMBOLOGY_ID = re.compile(r"^\s*\][A-Za-z][0-9A-Za-z]", re.ASCII)
_NINE_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])", re.ASCII)
# A scanner programmed for QWERTY on a French AZERTY keyboard types the unshifted symbols of
# the digit row instead of digits: "&é\"'(-è_çà" for "1234567890".
_AZERTY_DIGIT_ROW = str.maketrans("&é\"'(-è_çà", "1234567890")
_NATIONALITY = re.compile(r"[A-Z]{2}", re.ASCII)
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
# Punctuation that belongs in names: "AIT EL-HAJ", "N'DIAYE", "ST. JEAN".
_NAME_PUNCTUATION = frozenset(" -'’.")
_SEARCH_KEY_SEPARATORS = re.compile(r"[\s\-'’.]+")


def _error(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.ERROR, params)


def _warning(code: str, field: str, **params: str) -> Problem:
    return Problem(code, field, Severity.WARNING, params)


def _normalise_number(text: str) -> str:
    return _NUMBER_SEPARATORS.sub("", text.translate(_TO_ASCII_DIGITS))


def _is_digits(text: str, length: int) -> bool:
    return len(text) == length and _ASCII_DIGITS.fullmatch(text) is not None


# --- CNSS immatriculation ------------------------------------------------------------------


def normalise_immatriculation(text: str) -> str:
    """The immatriculation without spaces or dashes (Arabic-Indic digits become 0-9)."""
    return _normalise_number(text)


def is_valid_immatriculation(text: str) -> bool:
    return _is_digits(normalise_immatriculation(text), IMMATRICULATION_LENGTH)


def check_immatriculation(value: str | None, field: str) -> list[Problem]:
    """Exactly 9 digits: there is no public check digit, so none is checked."""
    number = normalise_immatriculation(value or "")
    if not number:
        return [_error("immatriculation.required", field)]
    if _is_digits(number, IMMATRICULATION_LENGTH):
        return []
    if _is_digits(number, EMPLOYER_AFFILIATION_LENGTH):
        return [_error("immatriculation.looks_like_affiliation", field)]
    return [_error("immatriculation.not_9_digits", field, length=str(len(number)))]


# --- CIN (national identity card) ----------------------------------------------------------


def normalise_cin(text: str) -> str:
    """Upper case, no spaces and no dashes: "bk 123-456" becomes "BK123456"."""
    return _normalise_number(text).upper()


def check_cin(value: str | None, field: str, *, required: bool) -> list[Problem]:
    """1–2 letters then digits, 8 characters at most; anything else plausible is a warning.

    Public sources disagree on the exact pattern of old and new cards, so only what cannot
    be a card number at all (other characters, more than 10 characters) is refused.
    """
    cin = normalise_cin(value or "")
    if not cin:
        return [_error("cin.required", field)] if required else []
    if _CIN_CHARACTERS.fullmatch(cin) is None:
        return [_error("cin.invalid_characters", field)]
    if len(cin) > CIN_HARD_MAX_LENGTH:
        return [_error("cin.too_long", field, length=str(len(cin)))]
    if len(cin) > CIN_EXPECTED_MAX_LENGTH or _CIN_EXPECTED_SHAPE.fullmatch(cin) is None:
        return [_warning("cin.odd_shape", field)]
    return []


# --- INPE (practitioners and facilities) ---------------------------------------------------


def normalise_inpe(text: str) -> str:
    return _normalise_number(text)


def check_inpe(value: str | None, field: str, *, required: bool = True) -> list[Problem]:
    """Exactly 9 digits, as printed under the practitioner's barcode label."""
    inpe = normalise_inpe(value or "")
    if not inpe:
        return [_error("inpe.required", field)] if required else []
    if not _is_digits(inpe, INPE_LENGTH):
        return [_error("inpe.not_9_digits", field, length=str(len(inpe)))]
    return []


def parse_inpe_scan(text: str) -> str | None:
    """The INPE in what a barcode scanner typed, or None when there is not exactly one.

    Scanners add prefixes, suffixes and line ends ("INPE:123456789\\r"); the INPE is the
    one run of exactly 9 digits. Two such runs, or a longer run, are not guessed at. Some
    scanners send an AIM symbology identifier first ("]C1" for Code 128), whose digit glues
    onto the INPE: the scan is read again without it when the raw text gives no answer.
    A scan typed through the wrong keyboard layout (AZERTY digit row without shift) is read
    back as digits only when the whole scan is 9 of those symbols and no digit at all.
    """
    ascii_text = text.translate(_TO_ASCII_DIGITS)
    without_aim_id = _AIM_SYMBOLOGY_ID.sub("", ascii_text, count=1)
    for candidate in (ascii_text, without_aim_id):
        runs = _NINE_DIGIT_RUN.findall(candidate)
        if len(runs) == 1:
            return str(runs[0])
    stripped = ascii_text.strip()
    if len(stripped) == INPE_LENGTH and _ASCII_DIGITS.search(stripped) is None:
        translated = stripped.translate(_AZERTY_DIGIT_ROW)
        if _is_digits(translated, INPE_LENGTH):
            return translated
    return None


# --- Phone ---------------------------------------------------------------------------------


def _parse_phone(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise_phone(text: str) -> str:
    """The number in E.164 ("+212612345678"); national "06 12 34 56 78" is read as Moroccan.

    Raises ValueError when the text is not a valid phone number: check it first with
    :func:`check_mobile_phone` to get a message the clerk can act on.
    """
    number = _parse_phone(text)
    if number is None:
        raise ValueError(f"not a valid phone number for region {PHONE_REGION}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_mobile_phone(value: str | None, field: str) -> list[Problem]:
    """A valid mobile number: Moroccan, or foreign with a warning (the SMS may not arrive)."""
    text = (value or "").strip()
    if not text:
        return [_error("phone.required", field)]
    number = _parse_phone(text)
    if number is None:
        return [_error("phone.invalid", field)]
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return [_error("phone.not_mobile", field)]
    if phonenumbers.region_code_for_number(number) != PHONE_REGION:
        return [_warning("phone.foreign", field)]
    return []


# --- Nationality ---------------------------------------------------------------------------


def normalise_nationality(text: str) -> str:
    return text.strip().upper()


def check_nationality(value: str | None, field: str) -> list[Problem]:
    """An ISO 3166-1 alpha-2 code ("MA"); an unknown pair of letters is only a warning.

    The list of known codes is the one ``phonenumbers`` ships (every inhabited territory);
    a code it lacks may still be right, so the clerk confirms rather than being blocked.
    """
    code = normalise_nationality(value or "")
    if not code:
        return [_error("nationality.required", field)]
    if _NATIONALITY.fullmatch(code) is None:
        return [_error("nationality.invalid", field)]
    if code not in phonenumbers.SUPPORTED_REGIONS:
        return [_warning("nationality.unknown", field)]
    return []


# --- Postal code and e-mail ----------------------------------------------------------------


def normalise_postal_code(text: str) -> str:
    return _normalise_number(text)


def check_postal_code(value: str | None, field: str) -> list[Problem]:
    code = normalise_postal_code(value or "")
    if not code:
        return [_error("postal_code.required", field)]
    if not _is_digits(code, POSTAL_CODE_LENGTH):
        return [_error("postal_code.not_5_digits", field)]
    return []


def normalise_email(text: str) -> str:
    """Trimmed; the domain in lower case (the local part is the mail server's business)."""
    stripped = text.strip()
    local, at, domain = stripped.rpartition("@")
    return f"{local}{at}{domain.lower()}" if at else stripped


def is_plausible_email(text: str) -> bool:
    """One "@", something before it, a dotted domain after it, no spaces.

    Deliberately light: the only proof that an address works is a message that arrives.
    """
    email = normalise_email(text)
    if len(email) > EMAIL_MAX_LENGTH or email.count("@") != 1:
        return False
    if any(char.isspace() or not char.isprintable() for char in email):
        return False
    local, _, domain = email.partition("@")
    labels = domain.split(".")
    return bool(local) and len(labels) >= 2 and all(labels)


def check_email(value: str | None, field: str) -> list[Problem]:
    """An optional address: nothing to say when empty, an error when clearly malformed."""
    if not (value or "").strip():
        return []
    return [] if is_plausible_email(value or "") else [_error("email.invalid", field)]


# --- Names ---------------------------------------------------------------------------------


def normalise_name(text: str, *, capitals: bool = False) -> str:
    """Whitespace collapsed and trimmed; in capitals when the form asks for them (328-1-01)."""
    collapsed = " ".join(text.split())
    return collapsed.upper() if capitals else collapsed


def name_search_key(text: str) -> str:
    """The key the store looks names up by: "Aït-El Ḥaj" and "AIT EL HAJ" meet.

    Upper case, accents and Arabic short vowels removed, hyphens, apostrophes and dots read
    as spaces, spaces collapsed. Used both when indexing and when searching, so widening it
    only ever finds more, never less.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_SEARCH_KEY_SEPARATORS.sub(" ", bare.upper()).split())


def _is_arabic_letter(char: str) -> bool:
    return char.isalpha() and "ARABIC" in unicodedata.name(char, "")


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and "LATIN" in unicodedata.name(char, "")


def _is_name_character(char: str) -> bool:
    # Combining marks are accents typed apart and Arabic short vowels (harakat).
    return char.isalpha() or char in _NAME_PUNCTUATION or unicodedata.combining(char) != 0


def check_person_name(
    value: str | None,
    field: str,
    *,
    required: bool = True,
    latin_only: bool = False,
    full_name: bool = False,
) -> list[Problem]:
    """A person's name: letters of any script, spaces, hyphens, apostrophes and dots.

    ``latin_only`` is for the Latin-script fields of the enrolment form (there are separate
    Arabic fields); ``full_name`` is for a single box holding surname and given name, where
    one word alone usually means half the name was left out.
    """
    name = normalise_name(value or "")
    if not name:
        return [_error("name.required", field)] if required else []
    if len(name) > NAME_MAX_LENGTH:
        return [_error("name.too_long", field, max_length=str(NAME_MAX_LENGTH))]
    if any(not _is_name_character(char) for char in name):
        return [_error("name.invalid_characters", field)]
    letters = [char for char in name if char.isalpha()]
    if len(letters) < 2:
        return [_error("name.too_short", field)]
    if latin_only and not all(_is_latin_letter(char) for char in letters):
        return [_error("name.not_latin_script", field)]
    if full_name and len(name.split()) < 2:
        return [_warning("name.single_word", field)]
    return []


def check_arabic_name(value: str | None, field: str) -> list[Problem]:
    """An optional name in Arabic script; short vowels (harakat) are allowed."""
    name = normalise_name(value or "")
    if not name:
        return []
    if len(name) > NAME_MAX_LENGTH:
        return [_error("name.too_long", field, max_length=str(NAME_MAX_LENGTH))]
    if not all(_is_name_character(char) for char in name):
        return [_error("name.invalid_characters", field)]
    letters = [char for char in name if char.isalpha()]
    if len(letters) < 2:
        return [_error("name.too_short", field)]
    if not all(_is_arabic_letter(char) for char in letters):
        return [_error("name.not_arabic_script", field)]
    return []
