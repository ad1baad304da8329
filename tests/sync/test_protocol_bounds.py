"""The wire decoders on any bytes: a clean ProtocolError with a stable code, never another
exception; and a bomb refused within a bounded amount of memory."""

from __future__ import annotations

import tracemalloc

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol.bounds import JsonBounds, check_json
from sync.protocol.envelope import open_batch, peek_header
from sync.protocol.errors import ERROR_CODES, ProtocolError
from tests.sync.bombs import bomb_frame, zeros

CENTRE = X25519PrivateKey.generate()
DEVICE = Ed25519PrivateKey.generate()


@settings(max_examples=300)
@given(st.binary(max_size=2048))
def test_any_bytes_opened_as_a_batch_give_a_protocol_error(data: bytes) -> None:
    for decode in (peek_header, lambda d: open_batch(d, CENTRE, lambda _: DEVICE.public_key())):
        try:
            decode(b"GAMOB1" + data if data[:1] == b"\0" else data)
        except ProtocolError as error:
            assert error.code in ERROR_CODES


@settings(max_examples=300)
@given(st.binary(max_size=4096))
def test_any_bytes_checked_for_json_bounds_give_nothing_or_a_protocol_error(data: bytes) -> None:
    try:
        check_json(data, JsonBounds(max_bytes=2048, max_values=64, max_depth=4))
    except ProtocolError as error:
        assert error.code == "bad_payload"


def test_a_signed_zstd_bomb_is_refused_without_inflating_it() -> None:
    frame = bomb_frame(
        batch_id="00000000-0000-4000-8000-000000000000",
        device_id="d",
        point_code="CA01",
        centre_public_key=CENTRE.public_key(),
        device_key=DEVICE,
        plaintext=zeros(256 * 1024 * 1024),
    )
    tracemalloc.start()
    try:
        open_batch(frame, CENTRE, lambda _: DEVICE.public_key())
    except ProtocolError as error:
        assert error.code == "too_large"
    else:
        raise AssertionError("the bomb was opened")
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024
