"""The sync benchmark (issue 4): the link, the wire and the centre, against DESIGN.md §6.

Usage: ``python -m bench.sync_bench [--quick] [--write | --no-write]`` (or ``python -m
bench.run_all --only sync``). Every figure goes through the real parts: the real sync engine
(``sync.client.engine.SyncEngine``) and transport, the reference server started as a process
(``python -m sync.server serve``) on loopback, and ``bench.linkproxy`` between them:

a. 10,000 claims over an emulated 256 kbit/s, 300 ms RTT link, sealed in batches of 1,000, and
   the same claims the way ODK Collect and the openIMIS apps send them (one sealed batch of
   one item, one ``PUT`` each) in the same run; the one-per-record run is measured on a sample
   and extrapolated linearly (its fixed cost, a pass with nothing to send, measured apart);
b. wire bytes per claim (every byte of the pass, both ways, HTTP included) for batches of 1,
   10, 100 and 1,000;
c. the centre's ingest rate: ``sync.server.ingest.ingest_batch`` called directly on SQLite
   (and PostgreSQL when ``GAMO_TEST_POSTGRES_URL`` is set), and ``PUT`` over HTTP on loopback;
d. 200 points syncing at once (threads, one engine and one connection pool each) against one
   server: total time, per point p50/p95, failures, and every claim exactly once at the centre.

The counter's side is ``bench.sync_outbox`` (claims in memory, drawn by ``DemoPeople``): the
store's own speed is the store benchmark's subject. Sealing is timed apart from the upload.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from bench.common import (
    REPO_ROOT,
    RESULTS_FILE,
    CpuWatch,
    Latency,
    log_stderr,
    machine_lines,
    ms,
    replace_section,
    seconds,
    utc_now_text,
)
from bench.linkproxy import LinkProfile, LinkProxy, LinkStats
from bench.sync_outbox import BenchOutbox, demo_claims
from sync.client.engine import SealPolicy, SyncEngine, SyncReport, activate, seal_pending
from sync.client.outbox import DeviceIdentity
from sync.protocol.auth import b64url
from sync.protocol.envelope import seal_batch
from sync.protocol.schema import BatchPayload, ClaimItem
from sync.server import devices, ingest, store
from sync.server.config import default_database_url
from sync.server.keys import load_or_create_keys

NAME = "sync"
WORK_DIR = REPO_ROOT / "bench" / ".work" / "sync"
SLOW_LINK = LinkProfile(bits_per_second=256_000, rtt_seconds=0.300)
BATCH_SIZE = 1_000
WIRE_BATCH_SIZES = (1, 10, 100, 1_000)
WIRE_BYTES_BUDGET = 200
INGEST_BUDGET = 5_000  # claims/s
LINK_BUDGET = 1.25  # × the transfer time of the sealed bytes
ACTIVATION_LIFETIME = dt.timedelta(hours=72)
POSTGRES_VARIABLE = "GAMO_TEST_POSTGRES_URL"


@dataclass(frozen=True, slots=True)
class Size:
    claims: int  # (a)
    per_record_sample: int  # (a), the one-per-record run
    wire_claims: int  # (b), per batch size
    ingest_claims: int  # (c)
    points: int  # (d)
    claims_per_point: int  # (d)


FULL = Size(10_000, 300, 1_000, 10_000, 200, 50)
QUICK = Size(1_000, 40, 200, 2_000, 20, 20)


# --- the centre, as a process --------------------------------------------------------------


class Centre:
    """The reference server started as ``python -m sync.server serve`` on a free port.

    Activation codes are issued and the claims counted through the server's own modules on its
    SQLite file (WAL: the running server and this process share it safely).
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        port_file = data_dir / "port"
        self._log = (data_dir / "server.log").open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server",
                "serve",
                "--data-dir",
                str(data_dir),
                "--port",
                "0",
                "--port-file",
                str(port_file),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=REPO_ROOT,
        )
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError(f"the reference server did not start: see {self._log.name}")
            time.sleep(0.05)
        self.port = int(port_file.read_text().strip())
        self.url = f"http://127.0.0.1:{self.port}"
        self.engine = store.open_engine(default_database_url(data_dir))

    def issue_code(self, point_code: str) -> str:
        return devices.issue_activation_code(self.engine, point_code, ACTIVATION_LIFETIME)

    def claim_uuids(self, point_codes: Sequence[str]) -> list[str]:
        """Every claim uuid the centre holds for these points (a uuid twice would show twice)."""
        query = sa.select(store.claims.c.uuid).where(store.claims.c.point_code.in_(point_codes))
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        with contextlib.suppress(AttributeError):
            self.engine.dispose()
        self._log.close()


@contextlib.contextmanager
def running_centre(data_dir: Path) -> Iterator[Centre]:
    centre = Centre(data_dir)
    try:
        yield centre
    finally:
        centre.close()


@dataclass(slots=True)
class Point:
    """One counter: its outbox, its engine, its lock file."""

    code: str
    outbox: BenchOutbox
    engine: SyncEngine
    identity: DeviceIdentity

    def seal(self) -> tuple[int, int]:
        """Seal everything pending now; (batches, nanoseconds)."""
        t0 = time.perf_counter_ns()
        sealed = seal_pending(self.outbox, self.identity, self.engine.policy, force=True)
        return len(sealed), time.perf_counter_ns() - t0

    def frame_bytes(self) -> int:
        return sum(len(b.frame) for b in self.outbox.unacknowledged())


def activated_point(
    centre: Centre,
    code: str,
    url: str,
    lock_dir: Path,
    *,
    batch_size: int = BATCH_SIZE,
) -> Point:
    """Activate a new device for point ``code`` through ``url`` (the centre or a proxy)."""
    key = Ed25519PrivateKey.generate()
    result = activate(url, code, centre.issue_code(code), None, key)
    identity = DeviceIdentity(
        server_url=url,
        ca_file=None,
        device_id=result.device_id,
        point_code=code,
        signing_key=key,
        centre_public_key=result.centre_public_key,
        centre_verify_key=result.centre_answer_key,
    )
    outbox = BenchOutbox(identity_value=identity)
    engine = SyncEngine(outbox, lock_dir / f"{code}.lock", policy=SealPolicy(max_items=batch_size))
    return Point(code, outbox, engine, identity)


@dataclass(frozen=True, slots=True)
class Pass:
    """One timed sync pass through a proxy."""

    ns: int
    report: SyncReport
    stats: LinkStats

    @property
    def wire_bytes(self) -> int:
        return self.stats.bytes_up + self.stats.bytes_down


def timed_pass(point: Point, proxy: LinkProxy | None) -> Pass:
    if proxy is not None:
        proxy.reset_stats()
    t0 = time.perf_counter_ns()
    report = point.engine.run_once(force_seal=False)
    elapsed = time.perf_counter_ns() - t0
    return Pass(elapsed, report, proxy.stats if proxy is not None else LinkStats())


def settle(point: Point) -> None:
    """A first pass with nothing to send: token held, reference data fetched."""
    report = point.engine.run_once(force_seal=True)
    if not report.ok:
        raise RuntimeError(f"the warm-up pass failed: {report.error}")


def expect_all_accepted(point: Point, claims: int, report: SyncReport) -> None:
    outcomes = point.outbox.outcomes()
    if not report.ok or outcomes.get("accepted", 0) != claims or report.pending:
        raise RuntimeError(
            f"point {point.code}: pass ok={report.ok} error={report.error}, outcomes {outcomes},"
            f" refused batches {report.refused_batches[:3]}"
        )


# --- (a) the slow link ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkRun:
    claims: int
    measured_claims: int  # the sample actually sent
    batches: int
    seal_ns: int
    frame_bytes: int
    fixed: Pass  # a pass with nothing to send
    sent: Pass

    def extrapolated(self) -> tuple[float, float, float]:
        """(seconds, round trips, wire bytes) for ``claims``: linear in the items beyond the
        fixed cost of a pass."""
        scale = self.claims / self.measured_claims
        fixed_s, sent_s = self.fixed.ns / 1e9, self.sent.ns / 1e9
        trips = self.sent.stats.round_trips - self.fixed.stats.round_trips
        wire = self.sent.wire_bytes - self.fixed.wire_bytes
        return (
            fixed_s + (sent_s - fixed_s) * scale,
            self.fixed.stats.round_trips + trips * scale,
            self.fixed.wire_bytes + wire * scale,
        )


def link_run(
    centre: Centre, proxy: LinkProxy, work: Path, code: str, claims: int, sample: int, size: int
) -> LinkRun:
    point = activated_point(centre, code, proxy.url, work, batch_size=size)
    settle(point)
    fixed = timed_pass(point, proxy)
    point.outbox.add(demo_claims(sample, code, point.identity.signing_key, seed=len(code)))
    batches, seal_ns = point.seal()
    frames = point.frame_bytes()
    sent = timed_pass(point, proxy)
    expect_all_accepted(point, sample, sent.report)
    return LinkRun(claims, sample, batches, seal_ns, frames, fixed, sent)


# --- (b) wire bytes per claim --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WireRun:
    batch_size: int
    claims: int
    frame_bytes: int
    up: int
    down: int
    requests: int
    gzip_frame_bytes: int  # the same claims sealed with gzip instead of zstd


def frame_bytes_with(
    claims: Sequence[ClaimItem], batch_size: int, signing_key: Ed25519PrivateKey, compression: str
) -> int:
    """Bytes of the sealed frames of ``claims`` in batches of ``batch_size`` (offline)."""
    centre = X25519PrivateKey.generate().public_key()
    total = 0
    for start in range(0, len(claims), batch_size):
        chunk = tuple(claims[start : start + batch_size])
        payload = BatchPayload(
            batch_id=str(uuid.uuid4()),
            device_id="bench-device",
            point_code=chunk[0].point_code,
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
            claims=chunk,
        )
        total += len(seal_batch(payload, centre, signing_key, compression=compression))
    return total


def wire_run(centre: Centre, proxy: LinkProxy, work: Path, size: int, claims: int) -> WireRun:
    code = f"W{size}"
    point = activated_point(centre, code, proxy.url, work, batch_size=size)
    settle(point)
    drawn = demo_claims(claims, code, point.identity.signing_key, seed=size)
    point.outbox.add(drawn)
    point.seal()
    frames = point.frame_bytes()
    gzipped = frame_bytes_with(drawn, size, point.identity.signing_key, "gzip")
    sent = timed_pass(point, proxy)
    expect_all_accepted(point, claims, sent.report)
    stats = sent.stats
    return WireRun(size, claims, frames, stats.bytes_up, stats.bytes_down, stats.requests, gzipped)


# --- (c) ingest ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IngestRun:
    how: str
    claims: int
    batches: int
    ns: int
    accepted: int

    @property
    def rate(self) -> float:
        return self.claims / (self.ns / 1e9)


def direct_ingest(data_dir: Path, claims: int, db_url: str | None, how: str) -> IngestRun:
    """``ingest_batch`` called in this process on frames sealed beforehand."""
    data_dir.mkdir(parents=True, exist_ok=True)
    engine = store.open_engine(db_url or default_database_url(data_dir))
    try:
        keys = load_or_create_keys(data_dir)
        code = "DRCT" + os.urandom(2).hex().upper()  # point codes have no I or O
        key = Ed25519PrivateKey.generate()
        activation = devices.issue_activation_code(engine, code, ACTIVATION_LIFETIME)
        device = devices.register_device(
            engine, code, activation, b64url(key.public_key().public_bytes_raw())
        )
        identity = DeviceIdentity(
            "http://127.0.0.1:1",
            None,
            device.device_id,
            code,
            key,
            keys.kem_public,
            keys.answer_public,
        )
        outbox = BenchOutbox(identity_value=identity)
        outbox.add(demo_claims(claims, code, key, seed=7))
        frames = [
            b.frame
            for b in seal_pending(outbox, identity, SealPolicy(max_items=BATCH_SIZE), force=True)
        ]
        accepted = 0
        t0 = time.perf_counter_ns()
        for frame in frames:
            accepted += ingest.ingest_batch(engine, keys, frame).accepted
        elapsed = time.perf_counter_ns() - t0
    finally:
        engine.dispose()
    return IngestRun(how, claims, len(frames), elapsed, accepted)


def http_ingest(centre: Centre, work: Path, claims: int) -> IngestRun:
    point = activated_point(centre, "HTTP1", centre.url, work)
    settle(point)
    point.outbox.add(demo_claims(claims, "HTTP1", point.identity.signing_key, seed=11))
    batches, _ = point.seal()
    sent = timed_pass(point, None)
    expect_all_accepted(point, claims, sent.report)
    return IngestRun(
        "HTTP on loopback (a whole pass: token, PUTs, updates, reference)",
        claims,
        batches,
        sent.ns,
        point.outbox.outcomes().get("accepted", 0),
    )


# --- (d) many points at once ---------------------------------------------------------------


@dataclass(slots=True)
class CrowdRun:
    points: int
    claims_per_point: int
    total_ns: int = 0
    per_point_ns: list[int] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)  # error code -> points
    retries: int = 0
    centre_claims: int = 0
    distinct_claims: int = 0
    expected_claims: int = 0
    lost: int = 0


def crowd_run(centre: Centre, work: Path, points: int, per_point: int) -> CrowdRun:
    crowd = [activated_point(centre, f"C{i:03d}", centre.url, work) for i in range(points)]
    for index, point in enumerate(crowd):
        settle(point)
        point.outbox.add(demo_claims(per_point, point.code, point.identity.signing_key, seed=index))
        point.seal()
    run = CrowdRun(points, per_point, expected_claims=points * per_point)
    barrier = threading.Barrier(points + 1)
    reports: dict[str, SyncReport] = {}
    times: dict[str, int] = {}

    def sync(point: Point) -> None:
        barrier.wait()
        t0 = time.perf_counter_ns()
        reports[point.code] = point.engine.run_once()
        times[point.code] = time.perf_counter_ns() - t0

    threads = [threading.Thread(target=sync, args=(p,)) for p in crowd]
    for thread in threads:
        thread.start()
    barrier.wait()
    t0 = time.perf_counter_ns()
    for thread in threads:
        thread.join()
    run.total_ns = time.perf_counter_ns() - t0
    run.per_point_ns = sorted(times.values())
    for report in reports.values():
        if not report.ok:
            code = report.error or report.skipped_reason or "unknown"
            run.failures[code] = run.failures.get(code, 0) + 1
    # Points that failed try again, as their next pass would, until all have converged.
    for _ in range(5):
        behind = [p for p in crowd if p.outbox.pending_count()]
        if not behind:
            break
        for point in behind:
            run.retries += 1
            point.engine.run_once(force_seal=True)
    held = centre.claim_uuids([p.code for p in crowd])
    run.centre_claims = len(held)
    run.distinct_claims = len(set(held))
    sent = {uuid for p in crowd for uuid in p.outbox.claims}
    run.lost = len(sent - set(held)) + sum(p.outbox.pending_count() for p in crowd)
    return run


# --- the whole benchmark -------------------------------------------------------------------


@dataclass(slots=True)
class Results:
    size: Size
    started: str
    batched: LinkRun | None = None
    per_record: LinkRun | None = None
    wire: list[WireRun] = field(default_factory=list)
    ingest: list[IngestRun] = field(default_factory=list)
    crowd: CrowdRun | None = None
    total_ns: int = 0
    others: tuple[float, float] | None = None


def run(size: Size = FULL, work_dir: Path = WORK_DIR) -> Results:
    results = Results(size, utc_now_text())
    watch = CpuWatch.start()
    t0 = time.perf_counter_ns()
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    locks = work_dir / "locks"
    locks.mkdir()
    with running_centre(work_dir / "centre-link") as centre:
        with LinkProxy.for_url(centre.url, link=SLOW_LINK) as slow:
            log_stderr(f"(a) {size.claims:,} claims in batches of {BATCH_SIZE:,} over 256 kbit/s")
            results.batched = link_run(
                centre, slow, locks, "BATCHED", size.claims, size.claims, BATCH_SIZE
            )
            log_stderr(f"(a) one request per record, {size.per_record_sample} records")
            results.per_record = link_run(
                centre, slow, locks, "PERREC", size.claims, size.per_record_sample, 1
            )
        with LinkProxy.for_url(centre.url) as counting:
            for batch_size in WIRE_BATCH_SIZES:
                log_stderr(f"(b) wire bytes, batches of {batch_size:,}")
                results.wire.append(wire_run(centre, counting, locks, batch_size, size.wire_claims))
    log_stderr(f"(c) ingest of {size.ingest_claims:,} claims")
    results.ingest.append(
        direct_ingest(work_dir / "centre-direct", size.ingest_claims, None, "ingest_batch, SQLite")
    )
    postgres = os.environ.get(POSTGRES_VARIABLE)
    if postgres:
        results.ingest.append(
            direct_ingest(
                work_dir / "centre-pg", size.ingest_claims, postgres, "ingest_batch, PostgreSQL"
            )
        )
    with running_centre(work_dir / "centre-http") as centre:
        results.ingest.append(http_ingest(centre, locks, size.ingest_claims))
    log_stderr(f"(d) {size.points} points × {size.claims_per_point} claims at once")
    with running_centre(work_dir / "centre-crowd") as centre:
        results.crowd = crowd_run(centre, locks, size.points, size.claims_per_point)
    results.total_ns = time.perf_counter_ns() - t0
    results.others = watch.others()
    return results


# --- rendering -----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "✅ within" if ok else "❌ over"


def kilobytes(value: float) -> str:
    return f"{value / 1000:,.1f} kB"


def uname() -> str:
    try:
        return subprocess.run(
            ["uname", "-a"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return platform.platform()


def render(results: Results) -> str:
    size = results.size
    lines = [
        "## Sync (issue 4: the link, the wire and the centre)",
        "",
        f"Run on {results.started} by `bench/sync_bench.py` (`python -m bench.sync_bench`,"
        f" or `make bench`); the whole run took {seconds(results.total_ns)}.",
        "",
        "Machine:",
        "",
        f"- `uname -a`: `{uname()}`",
        *machine_lines(),
    ]
    if results.others is not None:
        used, wall = results.others
        lines.append(
            f"- other processes used {used:,.0f} CPU-seconds during the {wall:,.0f} s run"
            f" ({used / wall:.0%} of one CPU on average)"
        )
    lines += ["", "| what | measured | budget | verdict |", "|---|---|---|---|"]
    batched, per_record = results.batched, results.per_record
    if batched is not None and per_record is not None:
        link = SLOW_LINK
        transfer = link.transfer_seconds(batched.frame_bytes)
        batched_s = batched.sent.ns / 1e9
        trips = batched.sent.stats.round_trips
        down = batched.sent.stats.bytes_down
        few_trips = trips < 3 * batched.batches + 10  # a handful per pass, one per batch
        pr_s, pr_trips, pr_wire = per_record.extrapolated()
        lines += [
            f"| (a) {size.claims:,} claims over 256 kbit/s, 300 ms RTT, batches of"
            f" {BATCH_SIZE:,}: upload pass | **{batched_s:,.1f} s**, {trips}"
            f" round trips ({batched.sent.stats.requests} requests,"
            f" {batched.sent.stats.connections} connection(s)),"
            f" {kilobytes(batched.sent.wire_bytes)} on the wire"
            f" ({kilobytes(batched.frame_bytes)} of sealed frames up: {transfer:,.1f} s at"
            f" 256 kbit/s; {kilobytes(down)} of answers down, mostly the gzip-compressed"
            f" acknowledgements: {link.transfer_seconds(down):,.1f} s; ratio"
            f" {batched_s / transfer:.2f}) | ≤ {LINK_BUDGET} × the sealed"
            f" bytes' transfer time = {LINK_BUDGET * transfer:,.1f} s"
            f" | {verdict(batched_s <= LINK_BUDGET * transfer)} |",
            f"| (a) the same {size.claims:,} claims one request per record (ODK Collect,"
            f" openIMIS): measured on {per_record.measured_claims} records, extrapolated"
            f" linearly | **{seconds(int(pr_s * 1e9))}**, {pr_trips:,.0f} round"
            f" trips, {kilobytes(pr_wire)} on the wire (sample: {per_record.sent.ns / 1e9:,.1f} s,"
            f" {per_record.sent.stats.round_trips} round trips) | — | — |",
            f"| (a) one-per-record ÷ batched | **{pr_s / batched_s:,.1f}×** the time,"
            f" {pr_trips / batched.sent.stats.round_trips:,.0f}× the round trips,"
            f" {pr_wire / batched.sent.wire_bytes:,.1f}× the bytes | round trips grow with"
            f" batches, not items | {verdict(few_trips)} |",
            f"| (a) sealing (zstd 19, HPKE, Ed25519), outside the upload time | batched"
            f" {seconds(batched.seal_ns)} for {batched.batches} batches; one per record"
            f" {ms(per_record.seal_ns / 1e6 / per_record.batches)} ms a batch | — | — |",
        ]
    for wire in results.wire:
        per_claim = (wire.up + wire.down) / wire.claims
        frame_per_claim = wire.frame_bytes / wire.claims
        lines.append(
            f"| (b) wire bytes per claim, batches of {wire.batch_size:,} ({wire.claims:,} claims,"
            f" {wire.requests} requests) | **{per_claim:,.0f} B** ({wire.up / wire.claims:,.0f} up,"
            f" {wire.down / wire.claims:,.0f} down; sealed frame {frame_per_claim:,.0f} with"
            f" zstd, {wire.gzip_frame_bytes / wire.claims:,.0f} with gzip)"
            f" | ≤ {WIRE_BYTES_BUDGET} B | {verdict(per_claim <= WIRE_BYTES_BUDGET)} |"
        )
    for run_ in results.ingest:
        lines.append(
            f"| (c) centre ingest, {run_.how}: {run_.claims:,} claims in {run_.batches} batches"
            f" | **{run_.rate:,.0f} claims/s** ({seconds(run_.ns)}; {run_.accepted:,} accepted)"
            f" | ≥ {INGEST_BUDGET:,} claims/s | {verdict(run_.rate >= INGEST_BUDGET)} |"
        )
    crowd = results.crowd
    if crowd is not None:
        latency = Latency.of(crowd.per_point_ns)
        failures = ", ".join(f"{n} {code}" for code, n in sorted(crowd.failures.items()))
        exact = crowd.centre_claims == crowd.distinct_claims == crowd.expected_claims
        lines.append(
            f"| (d) {crowd.points} points × {crowd.claims_per_point} claims syncing at once"
            f" | **{seconds(crowd.total_ns)}** in all; per point p50 {ms(latency.p50)} ms,"
            f" p95 **{ms(latency.p95)} ms**, max {ms(latency.max)} ms; first-pass failures:"
            f" {failures or 'none'} ({crowd.retries} later passes); centre holds"
            f" {crowd.centre_claims:,} claims ({crowd.distinct_claims:,} distinct) of"
            f" {crowd.expected_claims:,}, {crowd.lost} lost | every claim exactly once"
            f" | {verdict(exact and crowd.lost == 0)} |"
        )
    lines += [
        "",
        "Notes:",
        "",
        "- The link is `bench/linkproxy.py`: a TCP proxy on loopback that serialises each"
        " direction at 256,000 bit/s in 1,460-byte segments, delays every segment by half the"
        " RTT (150 ms), and charges each new connection one more RTT for the TCP handshake. It"
        " does not emulate TCP slow start or loss, so a real link of that rate is somewhat"
        " slower for both ways of sending.",
        "- Time is one sync pass (`SyncEngine.run_once`) after a settling pass (token held,"
        " reference data fetched): every `PUT` of the sealed batches, then the status-updates"
        " and reference-data requests. Sealing is done before and timed apart.",
        "- The budget's transfer time is the sealed frames' bytes × 8 ÷ 256,000 bit/s; the"
        " measured pass also carries HTTP headers, the acknowledgements coming back (one line"
        " per item, gzip-compressed by HTTP), one round trip per batch and the centre's ingest"
        " time.",
        f"- One request per record: {per_record.measured_claims if per_record else 0} claims,"
        " each sealed in its own batch of one item and sent with its own `PUT`, on the same link"
        " in the same run; its time, round trips and bytes are the fixed cost of a pass with"
        " nothing to send plus the sample's extra scaled linearly to"
        f" {size.claims:,} claims.",
        "- Wire bytes count every byte through the proxy both ways during the pass: request"
        " and answer heads, frames, acknowledgements, the updates and reference requests."
        ' "Down" is almost all acknowledgement: one JSON line per item (kind, uuid,'
        " outcome), about 70 bytes a claim as JSON, sent gzip-compressed (the random uuids"
        " keep it near 20 bytes a claim).",
        "- Ingest over HTTP runs the server as its own process (uvicorn) with the client on the"
        " same 2 CPUs; SQLite runs with `synchronous=FULL` (each batch is one transaction that"
        " is on disk before the answer).",
        "- The counter side of the bench is `bench/sync_outbox.py` (claims in memory, drawn by"
        " `DemoPeople`): the real engine and transport, without the store's own costs (those are"
        " in the store section).",
    ]
    if not os.environ.get(POSTGRES_VARIABLE):
        lines.append(f"- PostgreSQL was not measured: `{POSTGRES_VARIABLE}` was not set.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.sync_bench", description="Sync benchmarks (DESIGN.md §6)."
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a trial run")
    parser.add_argument("--work-dir", type=Path, default=WORK_DIR)
    write = parser.add_mutually_exclusive_group()
    write.add_argument("--write", action="store_true", default=None, help="write the results")
    write.add_argument("--no-write", dest="write", action="store_false", help="print only")
    args = parser.parse_args(argv)
    results = run(QUICK if args.quick else FULL, args.work_dir)
    section = render(results)
    print(section)
    if args.write if args.write is not None else not args.quick:
        replace_section(NAME, section)
        log_stderr(f"{NAME} results written to {RESULTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
