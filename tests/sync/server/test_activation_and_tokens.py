"""Activation codes and the token dance against the real centre, refusals counted in stats."""

from __future__ import annotations

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.auth import b64url, verify_answer
from sync.protocol.canonical import canonical_bytes
from sync.server import store
from tests.sync.builders import (
    JSON,
    POINT,
    activate,
    bearer,
    challenge,
    get_token,
    token_request,
)
from tests.sync.conftest import Central
from tests.sync.server.helpers import age_everything, error_code


def _register(
    session: requests.Session, central: Central, point: str, code: str
) -> requests.Response:
    body = {
        "point_code": point,
        "activation_code": code,
        "device_public_key": b64url(Ed25519PrivateKey.generate().public_key().public_bytes_raw()),
    }
    return session.post(f"{central.url}/v1/devices", data=canonical_bytes(body), headers=JSON)


def test_a_fresh_code_registers_the_device_and_answers_the_centre_keys_signed(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    assert device.point_code == POINT
    assert central.stats()["devices"] == 1


def test_an_activation_code_typed_in_lower_case_without_dashes_still_works(
    central: Central, session: requests.Session
) -> None:
    code = central.issue_activation(POINT).replace("-", "").lower()
    assert _register(session, central, POINT, code).status_code == 201


def test_wrong_reused_expired_and_other_point_codes_are_refused_and_counted(
    central: Central, session: requests.Session
) -> None:
    assert error_code(_register(session, central, POINT, "ABCD-EFGH-JKMN")) == "bad_activation_code"

    used = central.issue_activation(POINT)
    assert _register(session, central, POINT, used).status_code == 201
    reused = _register(session, central, POINT, used)
    assert reused.status_code == 403
    assert error_code(reused) == "bad_activation_code"

    other_point = central.issue_activation("RB02")
    assert _register(session, central, POINT, other_point).status_code == 403

    expired = central.issue_activation(POINT)
    age_everything(central, store.activation_codes, hours=1)
    assert _register(session, central, POINT, expired).status_code == 403

    stats = central.stats()
    assert stats["refusals"]["bad_activation_code"] == 4
    assert stats["devices"] == 1
    assert central.log().count("refused POST /v1/devices: bad_activation_code") == 4


def test_a_signed_challenge_gets_a_token_that_opens_the_api(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    token = get_token(session, central.url, device)
    answer = session.get(f"{central.url}/v1/updates", headers=bearer(token))
    assert answer.status_code == 200
    assert verify_answer(
        device.centre_answer_key, answer.content, answer.headers["X-Gamo-Signature"]
    )


def test_a_token_request_signed_by_another_key_is_refused(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    nonce = challenge(session, central.url, device.device_id).json()["nonce"]
    forged = token_request(session, central.url, device, nonce, Ed25519PrivateKey.generate())
    assert forged.status_code == 401
    assert error_code(forged) == "bad_signature"
    # The nonce was spent by the failed try: the genuine signature cannot reuse it.
    again = token_request(session, central.url, device, nonce, None)
    assert error_code(again) == "replayed"
    assert central.stats()["refusals"] == {"bad_signature": 1, "replayed": 1}


def test_a_nonce_used_twice_is_a_replay(central: Central, session: requests.Session) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    nonce = challenge(session, central.url, device.device_id).json()["nonce"]
    assert token_request(session, central.url, device, nonce, None).status_code == 200
    replay = token_request(session, central.url, device, nonce, None)
    assert replay.status_code == 401
    assert error_code(replay) == "replayed"


def test_an_expired_challenge_or_token_is_refused(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    nonce = challenge(session, central.url, device.device_id).json()["nonce"]
    age_everything(central, store.auth_challenges, hours=1)
    stale = token_request(session, central.url, device, nonce, None)
    assert (stale.status_code, error_code(stale)) == (401, "bad_token")

    token = get_token(session, central.url, device)
    age_everything(central, store.tokens, hours=1)
    expired = session.get(f"{central.url}/v1/updates", headers=bearer(token))
    assert (expired.status_code, error_code(expired)) == (401, "token_expired")
    assert central.stats()["refusals"]["token_expired"] == 1


def test_an_unknown_device_and_an_unknown_token_are_refused(
    central: Central, session: requests.Session
) -> None:
    stranger = challenge(session, central.url, "no-such-device")
    assert (stranger.status_code, error_code(stranger)) == (401, "unknown_device")
    forged = session.get(f"{central.url}/v1/updates", headers=bearer("not-a-token"))
    assert (forged.status_code, error_code(forged)) == (401, "bad_token")
    missing = session.get(f"{central.url}/v1/updates")
    assert error_code(missing) == "bad_token"
    assert central.stats()["refusals"] == {"bad_token": 2, "unknown_device": 1}


def test_a_revoked_device_gets_no_challenge_and_its_tokens_stop_working(
    central: Central, session: requests.Session
) -> None:
    device = activate(session, central.url, POINT, central.issue_activation(POINT))
    token = get_token(session, central.url, device)
    central.revoke_device(device.device_id)
    refused = challenge(session, central.url, device.device_id)
    assert (refused.status_code, error_code(refused)) == (403, "device_revoked")
    # Revocation drops the device's tokens: a token held is no better than none.
    assert session.get(f"{central.url}/v1/updates", headers=bearer(token)).status_code == 401
    assert central.stats()["refusals"]["device_revoked"] == 1


def test_revoking_a_device_the_centre_never_registered_is_one_clear_line(
    central: Central,
) -> None:
    done = central.cli(
        "revoke-device", "--data-dir", str(central.data_dir), "--device-id", "nobody", check=False
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert "nobody" in done.stderr
