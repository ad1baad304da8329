"""Dirham amounts: what a clerk types becomes exact centimes, and centimes read back right."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_app.domain.money import AmountError, format_amount, parse_amount
from agent_app.i18n import LANGS, Lang


@pytest.mark.parametrize(
    "typed",
    [
        "1234,56",
        "1 234,56",
        "1.234,56",
        "1234.56",
        "1,234.56",
        "1\u202f234,56",
        "1.234,56 DH",
        "MAD 1,234.56",
        "1.234,56 درهم",
        "١٢٣٤٫٥٦",
        "  1234,56  ",
    ],
)
def test_every_usual_way_of_typing_an_amount_reads_the_same(typed: str) -> None:
    assert parse_amount(typed) == 123_456


def test_whole_dirhams_and_single_decimals_are_read_as_centimes() -> None:
    assert parse_amount("1234") == 123_400
    assert parse_amount("12,5") == 1_250
    assert parse_amount("0,10") == 10
    assert parse_amount("1.234.567") == 123_456_700


def test_large_amounts_stay_exact_because_no_float_is_involved() -> None:
    assert parse_amount("98765432109876,99") == 9_876_543_210_987_699


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "amount.empty"),
        ("  DH ", "amount.empty"),
        ("-12,50", "amount.negative"),
        ("12,345", "amount.too_many_decimals"),
        ("1.234", "amount.too_many_decimals"),
        ("douze", "amount.not_a_number"),
        ("12 34", "amount.not_a_number"),
        ("1,23,456", "amount.not_a_number"),
        ("12,", "amount.not_a_number"),
        ("1e3", "amount.not_a_number"),
    ],
)
def test_junk_is_refused_with_a_code_that_has_a_message(typed: str, code: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount(typed)
    assert raised.value.code == code
    assert isinstance(raised.value, ValueError)


def test_amounts_are_written_the_way_each_reader_expects() -> None:
    assert format_amount(123_456, "fr") == "1.234,56 DH"
    assert format_amount(123_456, "ar") == "1.234,56 درهم"
    assert format_amount(123_456, "en") == "MAD 1,234.56"
    assert format_amount(5, "fr") == "0,05 DH"
    assert format_amount(10_000_000, "fr") == "100.000,00 DH"


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(LANGS))
def test_a_written_amount_reads_back_to_the_same_centimes(centimes: int, lang: Lang) -> None:
    assert parse_amount(format_amount(centimes, lang)) == centimes


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_plain_typing_with_a_decimal_comma_reads_exactly(dirhams: int, cents: int) -> None:
    assert parse_amount(f"{dirhams},{cents:02d}") == dirhams * 100 + cents
    assert parse_amount(f"{dirhams}.{cents:02d}") == dirhams * 100 + cents
