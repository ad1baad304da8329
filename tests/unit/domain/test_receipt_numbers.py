"""Receipt and shipment numbers: printed once, read back by people who may mistype them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_app.domain.receipt_numbers import (
    CHECK_ALPHABET,
    ReceiptNumber,
    ShipmentNumber,
    format_receipt_number,
    format_shipment_number,
    is_valid_point_code,
    parse_receipt_number,
    parse_shipment_number,
)

point_codes = st.text(alphabet=CHECK_ALPHABET, min_size=2, max_size=8)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
sequences = st.integers(min_value=1, max_value=10**7)


def test_a_receipt_number_shows_point_day_sequence_and_check() -> None:
    number = format_receipt_number("CAS01", date(2026, 3, 5), 42)
    assert number[:-1] == "CAS01-260305-0042"
    assert number[-1] in CHECK_ALPHABET
    assert parse_receipt_number(number) == ReceiptNumber("CAS01", date(2026, 3, 5), 42)


def test_the_sequence_grows_wider_after_9999_receipts_in_a_day() -> None:
    number = format_receipt_number("CAS01", date(2026, 3, 5), 12_345)
    assert number[:-1] == "CAS01-260305-12345"
    assert parse_receipt_number(number) == ReceiptNumber("CAS01", date(2026, 3, 5), 12_345)


def test_a_receipt_number_read_over_the_phone_is_found_despite_case_spaces_and_o_for_zero() -> None:
    number = format_receipt_number("CAS01", date(2026, 3, 5), 42)
    quoted = " " + number.lower().replace("0", "o").replace("-", " - ", 1) + " "
    assert parse_receipt_number(quoted) == ReceiptNumber("CAS01", date(2026, 3, 5), 42)
    assert parse_receipt_number(number.replace("-", "–")) is not None


@given(point_codes, days, sequences)
def test_every_receipt_number_reads_back_to_what_was_printed(
    point: str, day: date, seq: int
) -> None:
    number = format_receipt_number(point, day, seq)
    parsed = parse_receipt_number(number)
    assert parsed == ReceiptNumber(point, day, seq)
    assert str(parsed) == number


@given(point_codes, days, sequences, st.data())
def test_any_single_mistyped_character_is_caught(
    point: str, day: date, seq: int, data: st.DataObject
) -> None:
    number = format_receipt_number(point, day, seq)
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    replacement = data.draw(
        st.sampled_from(CHECK_ALPHABET + "-").filter(lambda char: char != number[position])
    )
    corrupted = number[:position] + replacement + number[position + 1 :]
    assert parse_receipt_number(corrupted) is None


def test_a_sequence_padded_wider_than_printed_is_not_the_same_text() -> None:
    number = format_receipt_number("CAS01", date(2026, 3, 5), 42)
    assert parse_receipt_number(number.replace("-0042", "-00042")) is None


@pytest.mark.parametrize(
    "text", ["", "CAS01", "CAS01-260305-0042", "CAS01-261305-00429", "C-260305-00429"]
)
def test_malformed_receipt_numbers_are_not_numbers(text: str) -> None:
    assert parse_receipt_number(text) is None


@pytest.mark.parametrize("point", ["CA", "CAS01", "RBT2A", "12345678"])
def test_valid_point_codes(point: str) -> None:
    assert is_valid_point_code(point)


@pytest.mark.parametrize("point", ["C", "cas01", "CASO1", "AIN1", "ABCDEFGH9", "CA-01", ""])
def test_point_codes_are_2_to_8_capitals_or_digits_without_i_or_o(point: str) -> None:
    assert not is_valid_point_code(point)
    with pytest.raises(ValueError, match="point code"):
        format_receipt_number(point, date(2026, 3, 5), 1)


def test_numbering_starts_at_1_and_stays_within_the_century_of_yymmdd() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        format_receipt_number("CAS01", date(2026, 3, 5), 0)
    with pytest.raises(ValueError, match="YYMMDD"):
        format_receipt_number("CAS01", date(2100, 1, 1), 1)


def test_a_shipment_number_is_prefixed_env_and_checked() -> None:
    number = format_shipment_number("CAS01", date(2026, 3, 5), 3)
    assert number[:-1] == "ENV-CAS01-260305-03"
    assert parse_shipment_number(number.lower()) == ShipmentNumber("CAS01", date(2026, 3, 5), 3)
    assert parse_receipt_number(number) is None
    assert parse_shipment_number(format_receipt_number("CAS01", date(2026, 3, 5), 3)) is None


@given(point_codes, days, sequences)
def test_every_shipment_number_reads_back_to_what_was_printed(
    point: str, day: date, seq: int
) -> None:
    number = format_shipment_number(point, day, seq)
    assert parse_shipment_number(number) == ShipmentNumber(point, day, seq)
    assert str(ShipmentNumber(point, day, seq)) == number


@given(point_codes, days, sequences, st.data())
def test_any_single_mistyped_character_of_a_shipment_number_is_caught(
    point: str, day: date, seq: int, data: st.DataObject
) -> None:
    number = format_shipment_number(point, day, seq)
    position = data.draw(st.integers(min_value=0, max_value=len(number) - 1))
    replacement = data.draw(
        st.sampled_from(CHECK_ALPHABET + "-").filter(lambda char: char != number[position])
    )
    assert parse_shipment_number(number[:position] + replacement + number[position + 1 :]) is None
