"""A bad link between a counter and the centre: each fault, then the fault cleared, and sync
converges to every claim exactly once at the centre and nothing lost at the counter.

The real reference server runs as a process; the real engine and transport sync a point whose
claims are kept in memory (``MemoryOutbox``) through ``bench.linkproxy``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.linkproxy import LinkProxy
from tests.faults.conftest import Point, PointMaker, RunningCentre, with_people
from tests.sync.memory_outbox import make_claims

BATCHES = "/v1/batches/"


def assert_exactly_once(centre: RunningCentre, point: Point) -> None:
    held = centre.claim_uuids(point.code)
    assert len(held) == len(set(held)) == len(point.claims)
    assert set(held) == point.uuids()
    assert centre.point_claims(point.code) == len(point.claims)
    assert point.outcomes() == ["accepted"] * len(point.claims)
    assert point.outbox.pending_count() == 0


def test_a_lost_acknowledgement_is_asked_again_and_the_centre_keeps_one_copy(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("LST1", 30, batch_size=10)
    duplicates_before = centre.stats()["duplicates_refused"]
    proxy.fail("lose_response", count=2, method="PUT", path_prefix=BATCHES)

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, "network")
    assert centre.point_claims("LST1") == 10  # the centre HAS the first batch...
    assert point.outbox.pending_count() == 30  # ...the counter does not know it yet
    second = point.engine.run_once(force_seal=True)
    assert (second.ok, second.error) == (False, "network")
    assert centre.point_claims("LST1") == 10

    reports = point.sync_until_converged()

    assert reports[-1].accepted == 30  # the first batch's stored acknowledgement included
    assert_exactly_once(centre, point)
    assert centre.stats()["duplicates_refused"] == duplicates_before
    puts = [seen for seen in proxy.stats.seen if seen.method == "PUT"]
    assert [seen.fault for seen in puts[:2]] == ["lose_response", "lose_response"]
    assert len(puts) == 5  # the first batch three times, then the other two


def test_a_request_cut_mid_body_is_sent_again_whole(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("CUT1", 30, batch_size=10)
    proxy.fail("cut_request", method="PUT", path_prefix=BATCHES, cut_fraction=0.5)

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, "network")
    assert centre.point_claims("CUT1") == 0
    point.sync_until_converged()
    assert_exactly_once(centre, point)


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [("GW502", 502, "server_unavailable"), ("GW503", 503, "server_unavailable")],
)
def test_a_gateway_error_stops_the_pass_and_the_next_pass_delivers(
    centre: RunningCentre,
    proxy: LinkProxy,
    make_point: PointMaker,
    code: str,
    status: int,
    error: str,
) -> None:
    point = make_point(code, 30, batch_size=10)
    proxy.fail("status", count=1, method="PUT", path_prefix=BATCHES, status=status)
    before = dt.datetime.now(dt.UTC)

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, error)
    assert first.batches_sealed == 3 and first.batches_sent == 0
    assert first.retry_at is not None and first.retry_at >= before  # backoff set
    assert centre.point_claims(code) == 0
    point.sync_until_converged()
    assert_exactly_once(centre, point)


def test_too_many_requests_waits_at_least_retry_after_then_delivers(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("RATE1", 30, batch_size=10)
    proxy.fail("status", count=1, method="PUT", path_prefix=BATCHES, status=429, retry_after=120)
    before = dt.datetime.now(dt.UTC)

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, "rate_limited")
    assert first.retry_at is not None
    assert first.retry_at >= before + dt.timedelta(seconds=120)
    skipped = point.engine.run_once()  # a timer's pass inside the window does nothing
    assert skipped.skipped_reason == "backoff"
    point.sync_until_converged()
    assert_exactly_once(centre, point)


def test_a_captive_portal_page_is_never_taken_for_an_answer(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("PRTAL1", 30, batch_size=10)
    proxy.fail("captive_portal", count=None)  # the portal answers everything

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, "not_ours")
    assert point.outbox.pending_count() == 30
    assert point.outcomes() == [None] * 30
    proxy.clear_faults()
    point.sync_until_converged()
    assert_exactly_once(centre, point)


def test_a_captive_portal_answering_only_the_upload_leaves_every_claim_pending(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("PRTAL2", 20, batch_size=10)
    proxy.fail("captive_portal", count=1, method="PUT", path_prefix=BATCHES)

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error, first.accepted) == (False, "not_ours", 0)
    assert point.outbox.pending_count() == 20
    point.sync_until_converged()
    assert_exactly_once(centre, point)


@pytest.mark.parametrize(("code", "direction"), [("SLWDN", "down"), ("SLWUP", "up")])
def test_trickled_bytes_past_a_short_read_timeout_converge_once_the_link_recovers(
    centre: RunningCentre,
    proxy: LinkProxy,
    make_point: PointMaker,
    code: str,
    direction: str,
) -> None:
    point = make_point(code, 20, batch_size=10, read_timeout=0.5)
    fault = proxy.fail(
        "trickle",
        method="PUT",
        path_prefix=BATCHES,
        direction=direction,
        piece_bytes=16,
        piece_delay=1.0,
    )

    first = point.engine.run_once(force_seal=True)

    assert (first.ok, first.error) == (False, "timeout")
    assert fault.count == 0
    proxy.clear_faults()
    point.sync_until_converged()
    assert_exactly_once(centre, point)


def test_a_slow_but_steady_trickle_within_the_timeout_delivers_in_one_pass(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    point = make_point("STEADY", 10, batch_size=10, read_timeout=5.0)
    proxy.fail("trickle", count=None, direction="both", piece_bytes=512, piece_delay=0.002)

    report = point.engine.run_once(force_seal=True)

    assert (report.ok, report.accepted, report.pending) == (True, 10, 0)
    assert_exactly_once(centre, point)


def test_no_name_cin_or_immatriculation_crosses_the_wire_in_plaintext(
    centre: RunningCentre, proxy: LinkProxy, make_point: PointMaker
) -> None:
    key = Ed25519PrivateKey.generate()
    people = [
        ("BENNANI FATIMA-ZAHRA", "BK123456", "123456789"),
        ("EL AMRANI YOUSSEF", "J987654", "987654321"),
        ("ⵜⴰⵎⴰⵣⵉⵖⵜ OUHMAD", "ZT55555", "555444333"),
        ("العلوي محمد", "AB777888", "700800900"),
        ("TAZI NOUR", "XY12345", "100200300"),
    ]
    claims = with_people(make_claims(5, "PDP01", seed=99, signing_key=key), people)
    point = make_point("PDP01", claims=claims, batch_size=2)
    proxy.capture = True

    point.sync_until_converged()

    assert_exactly_once(centre, point)
    wire = bytes(proxy.captured_up) + bytes(proxy.captured_down)
    assert len(proxy.captured_up) > 0 and len(proxy.captured_down) > 0
    assert b"PDP01" in wire  # the capture is real: the clear header names the point
    for name, cin, immatriculation in people:
        for secret in (name, *name.split(), cin, immatriculation):
            # Shorter strings turn up by chance in a kilobyte of ciphertext.
            if len(secret.encode("utf-8")) >= 4:
                assert secret.encode("utf-8") not in wire, secret
