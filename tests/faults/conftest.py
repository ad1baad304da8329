"""Fixtures for the fault tests: the real reference server as a process, the link proxy in
front of it, and counters (points) that sync through the proxy with the real engine."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.linkproxy import LinkProxy
from bench.sync_bench import Centre, running_centre
from sync.client.engine import Backoff, SealPolicy, SyncEngine, SyncReport, activate
from sync.client.outbox import DeviceIdentity
from sync.client.transport import Timeouts, Transport
from sync.protocol.schema import ClaimItem
from sync.server.stats import centre_stats
from tests.sync.memory_outbox import MemoryOutbox, make_claims


class RunningCentre:
    """The reference server process and what the tests read of it."""

    def __init__(self, centre: Centre) -> None:
        self.process = centre
        self.url = centre.url

    def issue_code(self, point_code: str) -> str:
        return self.process.issue_code(point_code)

    def stats(self) -> dict[str, Any]:
        return centre_stats(self.process.engine)

    def point_claims(self, point_code: str) -> int:
        points: dict[str, dict[str, int]] = self.stats()["points"]
        return points.get(point_code, {}).get("claims", 0)

    def claim_uuids(self, point_code: str) -> list[str]:
        return self.process.claim_uuids([point_code])


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCentre]:
    with running_centre(tmp_path_factory.mktemp("centre")) as process:
        yield RunningCentre(process)


@pytest.fixture
def proxy(centre: RunningCentre) -> Iterator[LinkProxy]:
    with LinkProxy.for_url(centre.url) as running:
        yield running


@dataclass
class Point:
    """A counter with its claims in memory, activated through the proxy."""

    code: str
    outbox: MemoryOutbox
    engine: SyncEngine
    claims: list[ClaimItem]

    def uuids(self) -> set[str]:
        return {claim.uuid for claim in self.claims}

    def outcomes(self) -> list[str | None]:
        return [self.outbox.outcome("claim", claim.uuid)[0] for claim in self.claims]

    def sync_until_converged(self, passes: int = 8) -> list[SyncReport]:
        """Pass after pass (a person pressing "sync now", so no backoff wait) until nothing is
        pending; fails if it does not converge."""
        reports = []
        for _ in range(passes):
            report = self.engine.run_once(force_seal=True)
            reports.append(report)
            if report.ok and report.pending == 0:
                return reports
        raise AssertionError(f"no convergence after {passes} passes: {reports}")


PointMaker = Callable[..., Point]

_codes_used: set[str] = set()


@pytest.fixture
def make_point(centre: RunningCentre, proxy: LinkProxy, tmp_path: Path) -> Callable[..., Point]:
    def make(
        code: str,
        count: int = 30,
        *,
        batch_size: int = 10,
        read_timeout: float = 30.0,
        claims: Sequence[ClaimItem] | None = None,
    ) -> Point:
        # The centre lives for the module: every test keeps to its own point code.
        assert code not in _codes_used, code
        _codes_used.add(code)
        key = Ed25519PrivateKey.generate()
        result = activate(proxy.url, code, centre.issue_code(code), None, key)
        identity = DeviceIdentity(
            server_url=proxy.url,
            ca_file=None,
            device_id=result.device_id,
            point_code=code,
            signing_key=key,
            centre_public_key=result.centre_public_key,
            centre_verify_key=result.centre_answer_key,
        )
        outbox = MemoryOutbox(identity_value=identity)
        items = (
            list(claims)
            if claims is not None
            else make_claims(count, code, seed=len(_codes_used), signing_key=key)
        )
        outbox.add(*items)
        timeouts = Timeouts(connect=5.0, read=read_timeout)

        def transport(device: DeviceIdentity) -> Transport:
            return Transport(
                device.server_url, device.ca_file, timeouts, answer_key=device.centre_verify_key
            )

        engine = SyncEngine(
            outbox,
            tmp_path / f"{code}.lock",
            transport_factory=transport,
            policy=SealPolicy(max_items=batch_size),
            backoff=Backoff(),
        )
        return Point(code, outbox, engine, items)

    return make


def with_people(
    claims: Sequence[ClaimItem], people: Sequence[tuple[str, str, str]]
) -> list[ClaimItem]:
    """The claims with these (name, CIN, immatriculation) as insured and beneficiary."""
    return [
        dataclasses.replace(
            claim,
            insured_name=name,
            beneficiary_name=name,
            insured_cin=cin,
            beneficiary_cin=cin,
            insured_immatriculation=immatriculation,
        )
        for claim, (name, cin, immatriculation) in zip(claims, people, strict=True)
    ]
