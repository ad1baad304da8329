"""Identifiers as clerks and scanners type them: normalised, then judged."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_app.domain.identifiers import (
    check_arabic_name,
    check_cin,
    check_email,
    check_immatriculation,
    check_inpe,
    check_mobile_phone,
    check_nationality,
    check_person_name,
    check_postal_code,
    is_valid_immatriculation,
    name_search_key,
    normalise_cin,
    normalise_immatriculation,
    normalise_name,
    normalise_phone,
    parse_inpe_scan,
)
from agent_app.domain.problems import Problem, Severity

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
separators = st.text(alphabet=" -\t–", max_size=2)


def codes(problems: list[Problem]) -> list[tuple[str, Severity]]:
    return [(problem.code, problem.severity) for problem in problems]


# --- immatriculation -----------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["123456789", "123 456 789", "123-456-789", " ١٢٣٤٥٦٧٨٩ "])
def test_immatriculation_is_accepted_with_spaces_dashes_or_arabic_digits(typed: str) -> None:
    assert normalise_immatriculation(typed) == "123456789"
    assert check_immatriculation(typed, "insured_immatriculation") == []


def test_a_7_digit_number_is_recognised_as_the_employer_affiliation() -> None:
    problems = check_immatriculation("1234567", "insured_immatriculation")
    assert codes(problems) == [("immatriculation.looks_like_affiliation", Severity.ERROR)]
    assert problems[0].field == "insured_immatriculation"


@pytest.mark.parametrize("typed", ["12345678", "1234567890", "12345678A", "A23456789"])
def test_an_immatriculation_is_exactly_nine_digits(typed: str) -> None:
    assert codes(check_immatriculation(typed, "f")) == [
        ("immatriculation.not_9_digits", Severity.ERROR)
    ]


@pytest.mark.parametrize("typed", [None, "", "  - "])
def test_a_missing_immatriculation_is_reported_as_missing(typed: str | None) -> None:
    assert codes(check_immatriculation(typed, "f")) == [
        ("immatriculation.required", Severity.ERROR)
    ]


@given(st.text())
def test_immatriculation_normalisation_is_idempotent(text: str) -> None:
    once = normalise_immatriculation(text)
    assert normalise_immatriculation(once) == once


@given(st.lists(st.tuples(st.sampled_from("0123456789"), separators), min_size=9, max_size=9))
def test_any_nine_digits_are_valid_whatever_the_separators(parts: list[tuple[str, str]]) -> None:
    typed = "".join(digit + separator for digit, separator in parts)
    assert check_immatriculation(typed, "f") == []


@given(st.text())
def test_anything_that_is_not_nine_digits_once_normalised_is_refused(text: str) -> None:
    is_nine_digits = re.fullmatch(r"[0-9]{9}", normalise_immatriculation(text)) is not None
    assert is_valid_immatriculation(text) == is_nine_digits
    assert (check_immatriculation(text, "f") == []) == is_nine_digits


def test_no_check_digit_is_invented_every_nine_digit_number_passes() -> None:
    assert all(is_valid_immatriculation(f"{n:09d}") for n in range(0, 10**9, 99_999_989))


# --- CIN -----------------------------------------------------------------------------------


def test_cin_is_upper_cased_and_stripped_of_spaces_and_dashes() -> None:
    assert normalise_cin(" bk 123-456 ") == "BK123456"


@pytest.mark.parametrize("typed", ["BK123456", "A123456", "j12", "ab 123456"])
def test_usual_cin_shapes_raise_nothing(typed: str) -> None:
    assert check_cin(typed, "cin", required=True) == []


@pytest.mark.parametrize("typed", ["12345678", "ABC12345", "A1B2", "BK1234567", "BK"])
def test_an_odd_cin_shape_is_only_a_warning(typed: str) -> None:
    assert codes(check_cin(typed, "cin", required=True)) == [("cin.odd_shape", Severity.WARNING)]


def test_cin_with_symbols_or_far_too_long_is_refused() -> None:
    assert codes(check_cin("BK12345@", "cin", required=True)) == [
        ("cin.invalid_characters", Severity.ERROR)
    ]
    assert codes(check_cin("É12345", "cin", required=True)) == [
        ("cin.invalid_characters", Severity.ERROR)
    ]
    assert codes(check_cin("BK123456789", "cin", required=True)) == [
        ("cin.too_long", Severity.ERROR)
    ]


def test_empty_cin_is_an_error_only_when_required() -> None:
    assert codes(check_cin("", "cin", required=True)) == [("cin.required", Severity.ERROR)]
    assert check_cin(None, "cin", required=False) == []


@given(st.text())
def test_cin_normalisation_is_idempotent(text: str) -> None:
    once = normalise_cin(text)
    assert normalise_cin(once) == once


@given(st.from_regex(r"[A-Za-z]{1,2}[0-9]{1,6}", fullmatch=True))
def test_every_letters_then_digits_cin_of_eight_characters_passes(cin: str) -> None:
    assert check_cin(cin, "cin", required=True) == []


# --- INPE ----------------------------------------------------------------------------------


def test_inpe_is_nine_digits_and_optional_only_when_said_so() -> None:
    assert check_inpe("102345678", "prescriber_inpe") == []
    assert codes(check_inpe("10234567", "prescriber_inpe")) == [
        ("inpe.not_9_digits", Severity.ERROR)
    ]
    assert codes(check_inpe("", "prescriber_inpe")) == [("inpe.required", Severity.ERROR)]
    assert check_inpe(None, "facility_inpe", required=False) == []


@pytest.mark.parametrize(
    ("scanned", "inpe"),
    [
        ("102345678", "102345678"),
        ("INPE:102345678", "102345678"),
        ("  102345678\r\n", "102345678"),
        ("]C1102345678", "102345678"),
        ("INPE 102345678 FIN", "102345678"),
        ("&é\"'(-è_ç", "123456789"),  # a QWERTY-programmed scanner on an AZERTY keyboard
    ],
)
def test_a_scanned_inpe_is_found_inside_what_the_scanner_typed(scanned: str, inpe: str) -> None:
    assert parse_inpe_scan(scanned) == inpe


@pytest.mark.parametrize(
    "scanned", ["", "INPE:", "10234567", "1023456789", "102345678 876543210", "1234-5678"]
)
def test_no_inpe_is_guessed_when_there_is_not_exactly_one_nine_digit_run(scanned: str) -> None:
    assert parse_inpe_scan(scanned) is None


@given(nine_digits, st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=8))
def test_any_nine_digit_inpe_survives_non_digit_noise(inpe: str, noise: str) -> None:
    assert parse_inpe_scan(f"{noise}{inpe}{noise}") == inpe


# --- phone ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["0661234567", "06 61 23 45 67", "+212661234567", "00212661234567", "+212 6-61-23-45-67"],
)
def test_moroccan_mobiles_are_written_in_e164(typed: str) -> None:
    assert normalise_phone(typed) == "+212661234567"
    assert check_mobile_phone(typed, "mobile_phone") == []


def test_the_new_07_mobile_range_is_a_mobile() -> None:
    assert check_mobile_phone("0712345678", "mobile_phone") == []


def test_a_landline_is_not_accepted_as_the_mobile_number() -> None:
    assert codes(check_mobile_phone("0522123456", "mobile_phone")) == [
        ("phone.not_mobile", Severity.ERROR)
    ]


def test_a_foreign_mobile_is_accepted_with_a_warning() -> None:
    assert codes(check_mobile_phone("+33 6 12 34 56 78", "mobile_phone")) == [
        ("phone.foreign", Severity.WARNING)
    ]


@pytest.mark.parametrize("typed", ["123", "0812345678", "téléphone", "06123"])
def test_an_impossible_number_is_refused(typed: str) -> None:
    assert codes(check_mobile_phone(typed, "mobile_phone")) == [("phone.invalid", Severity.ERROR)]
    with pytest.raises(ValueError, match="not a valid phone number"):
        normalise_phone(typed)


def test_a_missing_mobile_is_reported_as_missing() -> None:
    assert codes(check_mobile_phone("  ", "mobile_phone")) == [("phone.required", Severity.ERROR)]


@given(st.sampled_from("67"), st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_phone_normalisation_is_idempotent(prefix: str, rest: str) -> None:
    typed = f"0{prefix}{rest}"
    if check_mobile_phone(typed, "f") != []:
        return  # a range not yet allocated in the metadata: nothing to normalise
    once = normalise_phone(typed)
    assert normalise_phone(once) == once


# --- postal code, e-mail, nationality ------------------------------------------------------


def test_a_postal_code_is_five_digits() -> None:
    assert check_postal_code("20250", "p") == []
    assert check_postal_code("20 250", "p") == []
    assert codes(check_postal_code("2025", "p")) == [("postal_code.not_5_digits", Severity.ERROR)]
    assert codes(check_postal_code("", "p")) == [("postal_code.required", Severity.ERROR)]


@pytest.mark.parametrize("typed", ["a@b.ma", "F.Benani@Example.MA", " x+tag@mail.example.com "])
def test_plausible_email_addresses_pass(typed: str) -> None:
    assert check_email(typed, "email") == []


@pytest.mark.parametrize(
    "typed", ["a@b", "a@@b.ma", "a b@c.ma", "@b.ma", "a@.ma", "a@b..ma", "a.b.ma", "a@b.ma."]
)
def test_clearly_malformed_email_addresses_are_refused(typed: str) -> None:
    assert codes(check_email(typed, "email")) == [("email.invalid", Severity.ERROR)]


def test_an_empty_email_is_simply_absent() -> None:
    assert check_email(None, "email") == []
    assert check_email("  ", "email") == []


def test_nationality_is_a_known_two_letter_country_code() -> None:
    assert check_nationality("ma", "nationality") == []
    assert codes(check_nationality("MAR", "nationality")) == [
        ("nationality.invalid", Severity.ERROR)
    ]
    assert codes(check_nationality("ZZ", "nationality")) == [
        ("nationality.unknown", Severity.WARNING)
    ]
    assert codes(check_nationality("", "nationality")) == [("nationality.required", Severity.ERROR)]


# --- names ---------------------------------------------------------------------------------


def test_names_have_their_whitespace_collapsed_and_capitals_on_request() -> None:
    assert normalise_name("  el   Alami\tMohamed ") == "el Alami Mohamed"
    assert normalise_name("  el   Alami ", capitals=True) == "EL ALAMI"
    assert normalise_name("Benaïssa", capitals=True) == "BENAÏSSA"


def test_the_search_key_finds_a_name_whatever_accents_hyphens_and_case() -> None:
    assert name_search_key("Aït-El  Ḥaj") == name_search_key("AIT EL HAJ") == "AIT EL HAJ"
    assert name_search_key("N'Diaye") == "N DIAYE"
    assert name_search_key("مُحَمَّد العَلَوي") == name_search_key("محمد العلوي")


@given(st.text())
def test_name_normalisation_and_search_key_are_idempotent(text: str) -> None:
    for normalise in (normalise_name, name_search_key):
        once = normalise(text)
        assert normalise(once) == once
    capitals = normalise_name(text, capitals=True)
    assert normalise_name(capitals, capitals=True) == capitals


def test_names_of_any_script_pass_where_the_form_allows_any() -> None:
    assert check_person_name("Aït-Bahadou M'barek", "insured_name") == []
    assert check_person_name("محمد العلوي", "insured_name") == []


def test_a_name_with_digits_or_symbols_is_refused() -> None:
    assert codes(check_person_name("ALAMI 2", "n")) == [("name.invalid_characters", Severity.ERROR)]
    assert codes(check_person_name("ALAMI@", "n")) == [("name.invalid_characters", Severity.ERROR)]


def test_a_single_letter_or_an_endless_name_is_refused() -> None:
    assert codes(check_person_name("A", "n")) == [("name.too_short", Severity.ERROR)]
    assert codes(check_person_name("A" * 101, "n")) == [("name.too_long", Severity.ERROR)]


def test_a_full_name_of_one_word_is_a_warning() -> None:
    assert codes(check_person_name("ALAMI", "n", full_name=True)) == [
        ("name.single_word", Severity.WARNING)
    ]


def test_latin_and_arabic_fields_each_want_their_own_script() -> None:
    assert codes(check_person_name("بناني", "last_name", latin_only=True)) == [
        ("name.not_latin_script", Severity.ERROR)
    ]
    assert codes(check_arabic_name("BENANI", "last_name_ar")) == [
        ("name.not_arabic_script", Severity.ERROR)
    ]
    assert check_arabic_name("فَاطِمَة الزَّهْرَاء", "first_name_ar") == []
    assert check_arabic_name(None, "first_name_ar") == []
