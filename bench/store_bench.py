"""The store benchmark (issue: the counter's vault): a real encrypted store at 1,000,000 claims.

Every figure goes through the real services, on a real SQLCipher file:

1. ``point.initialise`` makes a fresh store in ``bench/.work/`` (passphrase-wrapped key: there
   is no desktop keyring on a build box);
2. ``demo_data.generate`` fills it with the claims (1,000,000 by default): claims/s;
3. ``lookup.find_claims`` by receipt number, immatriculation, CIN and name prefix, with
   values picked at random from the stored claims: p50/p95/p99/max per kind;
4. ``claims.record_claim`` by a logged-in clerk, for varied drafts from ``DemoPeople``
   (warnings confirmed the way the form does, after ``check_claim``, outside the timing);
5. ``integrity.verify`` on the full store, the database file's size, the bench process's peak
   RSS, and ``point.open_store`` in a fresh process with the file evicted from the page cache
   (cold) and then with it cached (warm), with a breakdown of where a cold open goes.

Warm-up iterations run first and are left out of the statistics.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from agent_app.domain.model import Role
from agent_app.errors import AppError
from agent_app.services import demo_data
from agent_app.services.claims import check_claim, record_claim
from agent_app.services.context import OPERATOR, Actor, system_clock
from agent_app.services.demo_people import DemoPeople
from agent_app.services.integrity import verify
from agent_app.services.lookup import find_claims
from agent_app.services.point import initialise, open_store
from agent_app.services.users import add_user, authenticate
from agent_app.store.engine import DB_FILE, Store
from agent_app.store.models import Claim
from bench.common import (
    REPO_ROOT,
    RESULTS_FILE,
    CpuWatch,
    Latency,
    Log,
    evict_from_page_cache,
    fsync_latency,
    log_stderr,
    machine_lines,
    markers,
    mebibytes,
    ms,
    peak_rss_bytes,
    read_through,
    seconds,
    utc_now_text,
)

NAME = "store"
FULL_SIZE = 1_000_000
QUICK_SIZE = 50_000
SAMPLES = 1_000
WARMUP = 50
WORK_DIR = REPO_ROOT / "bench" / ".work"
PASSPHRASE = "bench-passphrase-not-a-secret"  # noqa: S105 - a throw-away bench store
POINT_CODE = "BENCH1"
PASSPHRASE_ENV = "AGENT_APP_PASSPHRASE"  # noqa: S105 - the variable's name
SEED = 20_261_120
SCRYPT_LOG2_N = 14  # production wraps with 2**17; only the open's key step differs
CLERK = ("bench.clerk", "bench-clerk-password")
# The issue asks for demo data "fast enough for 1,000,000 claims": read here as 10 minutes.
FILL_BUDGET_S = 600.0
RECORD_BUDGET_MS = 10.0
LOOKUP_BUDGET_MS = 5.0
COLD_START_BUDGET_S = 1.5

STEP_TITLES = {  # open_store's steps, as bench.open_child names them
    "key": f"key unwrap (scrypt 2^{SCRYPT_LOG2_N})",
    "connect": "first connection and key check",
    "migrations": "migrations check",
}
PHASE_TITLES = {
    "fill": "fill",
    "lookups": "lookups",
    "record": "recording",
    "verify": "verify",
    "open": "opening",
}
LOOKUP_KINDS = ("receipt", "immatriculation", "cin", "name")
LOOKUP_TITLES = {
    "receipt": "find by receipt number",
    "immatriculation": "find by immatriculation",
    "cin": "find by CIN",
    "name": "find by name prefix (6 letters)",
}


def passphrase() -> str:
    return PASSPHRASE


@dataclass(slots=True)
class OpenTimes:
    """``open_store`` in a fresh process, page cache evicted (cold) then kept (warm)."""

    cold_ns: int
    warm_ns: int
    import_ns: int
    breakdown_ns: dict[str, int]
    cache_evicted: bool


@dataclass(slots=True)
class StoreResults:
    claims: int
    samples: int
    started_utc: str
    init_ns: int = 0
    generate_ns: int = 0
    fill_marks: list[tuple[int, int]] = field(default_factory=list)  # (claims done, ns)
    lookups: dict[str, Latency] = field(default_factory=dict)
    lookup_rows: dict[str, float] = field(default_factory=dict)
    record: Latency | None = None
    fsync: Latency | None = None
    check: Latency | None = None
    record_with_warnings: int = 0
    record_skipped: int = 0
    verify_ns: int = 0
    verify_entries: int = 0
    verify_ok: bool = False
    db_bytes: int = 0
    db_bytes_after_fill: int = 0
    rss_after_fill: int = 0
    peak_rss: int = 0
    open_times: OpenTimes | None = None
    cipher_version: str = ""
    sqlite_version: str = ""
    sqlalchemy_version: str = sa.__version__
    total_ns: int = 0
    others_cpu: tuple[float, float] | None = None  # other processes' CPU-s, wall-clock s
    phase_others: dict[str, tuple[float, float]] = field(default_factory=dict)
    open_error: str = ""
    niceness: int = 0
    reused_claims: int = 0  # claims of an earlier run's store measured as it was (no fill)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Notes how much CPU other processes took while this phase ran."""
        watch = CpuWatch.start()
        yield
        used = watch.others()
        if used is not None:
            self.phase_others[name] = used


def file_size(data_dir: Path) -> int:
    """The database and its WAL, as they lie on disk."""
    return sum(
        path.stat().st_size
        for path in (data_dir / DB_FILE, data_dir / f"{DB_FILE}-wal")
        if path.exists()
    )


def _run_child(data_dir: Path, mode: str, *, cold: bool) -> dict[str, int]:
    if cold:
        evict_from_page_cache(data_dir)
    result = subprocess.run(
        [sys.executable, "-m", "bench.open_child", str(data_dir), mode],
        cwd=REPO_ROOT,
        env={**os.environ, PASSPHRASE_ENV: PASSPHRASE},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"open child failed ({mode}): {result.stderr.strip()}")
    parsed: dict[str, int] = json.loads(result.stdout)
    return parsed


def measure_open(data_dir: Path) -> OpenTimes:
    evicted = evict_from_page_cache(data_dir)
    cold = _run_child(data_dir, "open", cold=True)
    warm = _run_child(data_dir, "open", cold=False)
    breakdown = _run_child(data_dir, "steps", cold=True)
    return OpenTimes(
        cold_ns=cold["open_ns"],
        warm_ns=warm["open_ns"],
        import_ns=cold["import_ns"],
        breakdown_ns=breakdown,
        cache_evicted=evicted,
    )


@dataclass(frozen=True, slots=True)
class Sample:
    """One stored claim's searchable values."""

    receipt_no: str
    immatriculation: str
    cin: str
    name_prefix: str


def pick_samples(store: Store, count: int, rng: random.Random) -> list[Sample]:
    """``count`` claims drawn at random from the store, each with a CIN to look up."""
    with store.read() as session:
        highest = session.scalar(sa.select(sa.func.max(Claim.id))) or 0
        if highest < count:
            raise RuntimeError(f"the store holds {highest} claims, {count} wanted")
        picked: list[Sample] = []
        ids = rng.sample(range(1, highest + 1), min(highest, 2 * count))
        for start in range(0, len(ids), 500):
            rows = session.execute(
                sa.select(
                    Claim.receipt_no,
                    Claim.insured_immatriculation,
                    Claim.insured_cin,
                    Claim.beneficiary_cin,
                    Claim.insured_name,
                ).where(Claim.id.in_(ids[start : start + 500]))
            )
            for receipt_no, immatriculation, insured_cin, beneficiary_cin, name in rows:
                cin = insured_cin or beneficiary_cin
                if cin:
                    picked.append(Sample(receipt_no, immatriculation, cin, name[:6]))
            if len(picked) >= count:
                break
    if len(picked) < count:
        raise RuntimeError("too few stored claims carry a CIN to sample lookups")
    rng.shuffle(picked)
    return picked[:count]


def time_lookups(
    store: Store, samples: list[Sample], warmup: int, rng: random.Random
) -> tuple[dict[str, Latency], dict[str, float]]:
    getters: dict[str, Callable[[Sample], str]] = {
        "receipt": lambda s: s.receipt_no,
        "immatriculation": lambda s: s.immatriculation,
        "cin": lambda s: s.cin,
        "name": lambda s: s.name_prefix,
    }
    stats: dict[str, Latency] = {}
    mean_rows: dict[str, float] = {}
    for kind in LOOKUP_KINDS:
        queries = [getters[kind](s) for s in samples]
        rng.shuffle(queries)
        timings: list[int] = []
        rows = 0
        for index, query in enumerate(queries):
            t0 = time.perf_counter_ns()
            found = find_claims(store, query)
            elapsed = time.perf_counter_ns() - t0
            if not found:
                raise RuntimeError(f"{kind} lookup of a stored value found nothing: {query!r}")
            if index >= warmup:
                timings.append(elapsed)
                rows += len(found)
        stats[kind] = Latency.of(timings)
        mean_rows[kind] = rows / len(timings)
    return stats, mean_rows


def time_recording(store: Store, count: int, warmup: int, results: StoreResults, log: Log) -> None:
    """``record_claim`` by a logged-in clerk; ``check_claim`` first, as the form does."""
    clerk = bench_clerk(store)
    # A reused store holds the drafts of the earlier runs: another seed, so no twins.
    people = DemoPeople(SEED + 1 + results.reused_claims, system_clock().date())
    recorded: list[int] = []
    checked: list[int] = []
    attempts = 0
    while len(recorded) < warmup + count:
        attempts += 1
        if attempts > 2 * (warmup + count):
            raise RuntimeError("too many demo drafts refused: see record_skipped")
        draft = people.claim(system_clock().date())
        t0 = time.perf_counter_ns()
        problems = check_claim(store, draft)
        t1 = time.perf_counter_ns()
        if any(p.blocking for p in problems):
            results.record_skipped += 1
            continue
        confirmations = {p.code: "bench" for p in problems}
        t2 = time.perf_counter_ns()
        record_claim(store, clerk, draft, confirmations)
        t3 = time.perf_counter_ns()
        if len(recorded) >= warmup:
            results.record_with_warnings += bool(problems)
        recorded.append(t3 - t2)
        checked.append(t1 - t0)
        if len(recorded) % 250 == 0:
            log(f"  recorded {len(recorded):,} claims")
    results.record = Latency.of(recorded[warmup:])
    results.check = Latency.of(checked[warmup:])


def create_store(work_dir: Path, log: Log) -> tuple[Store, int]:
    """A fresh, empty bench store in ``work_dir/point`` (``work_dir`` wiped first), and how
    long ``initialise`` took in nanoseconds."""
    shutil.rmtree(work_dir, ignore_errors=True)
    work_dir.mkdir(parents=True)
    data_dir = work_dir / "point"
    log(f"initialising a store in {data_dir}")
    t0 = time.perf_counter_ns()
    store = initialise(
        data_dir,
        POINT_CODE,
        "Point de mesure",
        passphrase,
        key_method="passphrase",
        scrypt_log2_n=SCRYPT_LOG2_N,
    )
    return store, time.perf_counter_ns() - t0


def fill_store(
    store: Store, claims: int, log: Log, marks: list[tuple[int, int]] | None = None
) -> int:
    """``demo_data.generate`` of ``claims`` claims with progress in the log; nanoseconds taken.

    ``marks`` receives (claims done, nanoseconds since the start) at every chunk.
    """
    log(f"filling it with {claims:,} demo claims")
    started = time.perf_counter_ns()
    step = max(1, claims // 20)
    next_report = [step]

    def progress(done: int, _enrolments: int) -> None:
        now = time.perf_counter_ns()
        if marks is not None:
            marks.append((done, now - started))
        if done >= next_report[0] or done == claims:
            elapsed = (now - started) / 1e9
            rate = done / elapsed if elapsed else 0.0
            left = (claims - done) / rate if rate else 0.0
            log(f"  {done:,} / {claims:,} claims ({rate:,.0f}/s, {left:,.0f} s left)")
            next_report[0] = done + step

    demo_data.generate(store, claims, 0, seed=SEED, progress=progress)
    return time.perf_counter_ns() - started


def stored_claims(data_dir: Path) -> int | None:
    """How many claims the bench store in ``data_dir`` holds; None when there is none to use."""
    if not (data_dir / DB_FILE).exists():
        return None
    try:
        store = open_store(data_dir, passphrase)
    except AppError:
        return None
    try:
        with store.read() as session:
            return int(session.scalar(sa.select(sa.func.count()).select_from(Claim)) or 0)
    finally:
        store.close()


def bench_clerk(store: Store) -> Actor:
    """The bench's clerk, made on first use (a reused store already has it)."""
    username, password = CLERK
    try:
        return authenticate(store, username, password)
    except AppError:
        add_user(store, OPERATOR, username, password, Role.CLERK)
        return authenticate(store, username, password)


def run(
    claims: int = FULL_SIZE,
    *,
    samples: int = SAMPLES,
    warmup: int = WARMUP,
    work_dir: Path = WORK_DIR,
    log: Log = log_stderr,
    reuse_store: bool = False,
) -> StoreResults:
    """The whole store benchmark on a fresh store in ``work_dir`` (wiped first).

    With ``reuse_store``, a store left in ``work_dir/point`` by an earlier run that holds at
    least ``claims`` claims is measured as it is, without the fill (a run of minutes, not ten).
    """
    began = time.perf_counter_ns()
    watch = CpuWatch.start()
    results = StoreResults(claims=claims, samples=samples, started_utc=utc_now_text())
    results.niceness = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else 0
    data_dir = work_dir / "point"
    rng = random.Random(SEED)
    held = stored_claims(data_dir) if reuse_store else None
    if held is not None and held >= claims:
        log(f"reusing the store in {data_dir}: {held:,} claims, no fill")
        results.reused_claims = held
        store = open_store(data_dir, passphrase)
    else:
        if reuse_store:
            log(f"no store of {claims:,} claims to reuse in {data_dir}: making one")
        store, results.init_ns = create_store(work_dir, log)
    with store.engine.connect() as conn:
        results.cipher_version = str(conn.exec_driver_sql("PRAGMA cipher_version").scalar())
        results.sqlite_version = str(conn.exec_driver_sql("SELECT sqlite_version()").scalar())

    if results.reused_claims:
        # As warm as right after a fill: another bench may have evicted the file meanwhile.
        log("reading the reused store once, into the page cache")
        read_through(data_dir)
    else:
        with results.phase("fill"):
            results.generate_ns = fill_store(store, claims, log, results.fill_marks)
        results.rss_after_fill = peak_rss_bytes()
        results.db_bytes_after_fill = file_size(data_dir)

    log(f"looking up ({samples:,} per kind after {warmup} warm-up)")
    picked = pick_samples(store, samples + warmup, rng)
    with results.phase("lookups"):
        results.lookups, results.lookup_rows = time_lookups(store, picked, warmup, rng)
    for kind in LOOKUP_KINDS:
        log(f"  {kind}: {results.lookups[kind].summary()}")

    log(f"recording {samples:,} claims with record_claim (after {warmup} warm-up)")
    with results.phase("record"):
        results.fsync = fsync_latency(work_dir)
        time_recording(store, samples, warmup, results, log)
        results.fsync = min(results.fsync, fsync_latency(work_dir), key=lambda f: f.p50)
    log(f"  fsync of 4 KiB: {results.fsync.summary()}")
    assert results.record is not None
    log(f"  record_claim: {results.record.summary()}")

    log("verifying the whole store")
    with results.phase("verify"):
        t0 = time.perf_counter_ns()
        report = verify(store)
        results.verify_ns = time.perf_counter_ns() - t0
    results.verify_entries = report.audit_entries
    results.verify_ok = report.ok
    log(f"  verify: {seconds(results.verify_ns)}, ok={report.ok}")
    results.peak_rss = peak_rss_bytes()
    store.close()
    results.db_bytes = file_size(data_dir)

    log("opening the store in fresh processes (cold, warm, step by step)")
    try:
        with results.phase("open"):
            results.open_times = measure_open(data_dir)
        log(f"  open_store cold: {ms(results.open_times.cold_ns / 1e6)} ms")
    except (RuntimeError, ValueError, KeyError) as exc:  # keep the rest of a long run
        results.open_error = str(exc).strip().splitlines()[-1]
        log(f"  opening failed: {exc}")
    results.total_ns = time.perf_counter_ns() - began
    results.others_cpu = watch.others()
    return results


def _verdict(value: float, budget: float) -> str:
    return "✅ within" if value < budget else "❌ over"


def fill_trend(results: StoreResults) -> str:
    """The fill's rate over its first and its last tenth: it slows as the store grows."""
    marks = [(0, 0), *results.fill_marks]
    tenth = max(1, results.claims // 10)
    first = next(((n, t) for n, t in marks if n >= tenth), None)
    last = next(((n, t) for n, t in reversed(marks) if n <= results.claims - tenth), None)
    if first is None or last is None or first[1] == 0 or marks[-1][1] == last[1]:
        return ""
    done, end = marks[-1]
    head = first[0] / (first[1] / 1e9)
    tail = (done - last[0]) / ((end - last[1]) / 1e9)
    return f" ({head:,.0f}/s over the first tenth, {tail:,.0f}/s over the last)"


def load_line(results: StoreResults) -> list[str]:
    """How busy the machine was: other processes on these CPUs slow every figure."""
    if results.others_cpu is None:
        return []
    used, wall = results.others_cpu
    return [
        f"- other processes used {used:,.0f} CPU-seconds during the {wall:,.0f} s run"
        f" ({used / wall:.0%} of one CPU on average; the bench itself keeps one CPU busy)"
    ]


def phase_line(results: StoreResults) -> list[str]:
    if not results.phase_others:
        return []
    shares = ", ".join(
        f"{PHASE_TITLES[name]} {used / wall:.0%}"
        for name, (used, wall) in results.phase_others.items()
        if wall > 0
    )
    return [
        "- CPU taken by other processes during each phase, as a share of one CPU (the"
        f" machine has {os.cpu_count()}; high shares make that phase's figures pessimistic):"
        f" {shares}."
    ]


def open_rows(results: StoreResults) -> list[str]:
    opened = results.open_times
    if opened is None:
        return [f"| `open_store` | failed: {results.open_error} | — | — |"]
    cold_s = opened.cold_ns / 1e9
    return [
        f"| `open_store` cold (fresh process, store evicted from the page cache)"
        f" | {seconds(opened.cold_ns)} | part of cold start < {COLD_START_BUDGET_S:g} s"
        f" | {'❌ over on its own' if cold_s >= COLD_START_BUDGET_S else '✅ within (store part)'}"
        " |",
        f"| `open_store` warm (fresh process, file in the page cache)"
        f" | {seconds(opened.warm_ns)} | — | — |",
        "| `check_integrity` cold (`PRAGMA quick_check`, every page; the app runs it in the"
        f" background after start-up) | {seconds(opened.breakdown_ns['quick_check'])} | — | — |",
    ]


def open_notes(results: StoreResults) -> list[str]:
    opened = results.open_times
    if opened is None:
        return []
    steps = ", ".join(
        f"{title} {ms(opened.breakdown_ns[name] / 1e6)} ms" for name, title in STEP_TITLES.items()
    )
    return [
        "- Where a cold `open_store` goes (another fresh process, cache evicted again):"
        f" {steps}; importing the services beforehand took {ms(opened.import_ns / 1e6)} ms.",
        "- Cold means the store's files were dropped from the OS page cache with"
        " `posix_fadvise(DONTNEED)` before the process started"
        + ("" if opened.cache_evicted else " (not available here: the run was warm)")
        + ".",
    ]


def earlier_fill_row(path: Path = RESULTS_FILE) -> str | None:
    """The fill's row of the store section now in the results file (a reused store's fill)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    start, end = markers(NAME)
    section = text.partition(start)[2].partition(end)[0]
    rows = [line for line in section.splitlines() if line.startswith("| fill with demo data")]
    return rows[0] if rows else None


def fill_row(results: StoreResults, full: bool) -> str:
    if results.reused_claims:
        # The section in the results file is a full-size run's: its fill is this store's.
        earlier = earlier_fill_row() if full else None
        if earlier is None:
            return "| fill with demo data | not measured: the store was reused | — | — |"
        what, measured, budget, verdict = earlier.strip("|").split(" | ", 3)
        return (
            f"|{what} | {measured} (the run that filled this store; reused here) |"
            f" {budget} | {verdict.strip()} |"
        )
    fill_rate = results.claims / (results.generate_ns / 1e9)
    return (
        f"| fill with demo data: `demo_data.generate` of {results.claims:,} claims"
        f" | {seconds(results.generate_ns)}, {fill_rate:,.0f} claims/s{fill_trend(results)}"
        + f" | fast enough for {FULL_SIZE:,} (issue): < {FILL_BUDGET_S / 60:g} min | "
        + (_verdict(results.generate_ns / 1e9, FILL_BUDGET_S) if full else "—")
        + " |"
    )


def render(results: StoreResults) -> str:
    """The store's section of ``docs/benchmarks.md``."""
    assert results.record is not None and results.check is not None
    full = results.claims == FULL_SIZE
    stored = results.reused_claims or results.claims
    made = (
        f"{stored:,} claims in the encrypted store an earlier run left (`--reuse-store`:"
        " not refilled)"
        if results.reused_claims
        else f"{results.claims:,} claims in a fresh encrypted store"
    )
    lines = [
        "## Store (issue: the counter's vault)",
        "",
        f"Run on {results.started_utc} by `bench/store_bench.py` (`make bench`), with "
        f"{made}; the whole run took {seconds(results.total_ns)}."
        + (
            ""
            if full
            else f" **Not a full run**: the budgets are set at {FULL_SIZE:,} claims, so"
            " these verdicts are only indicative."
        ),
        "",
        "Machine:",
        "",
        *machine_lines(),
        f"- SQLCipher {results.cipher_version} (SQLite {results.sqlite_version}),"
        f" SQLAlchemy {results.sqlalchemy_version}",
        *load_line(results),
        "",
        f"Latencies are p50 / **p95** / p99 / max over {results.samples:,} calls after"
        f" {WARMUP} warm-up calls (nearest-rank percentiles), through the real services.",
        "",
        "| what | measured | budget | verdict |",
        "|---|---|---|---|",
        fill_row(results, full),
        f"| `record_claim` (validate, duplicate check, number, sign, insert, status,"
        f" audit) with {stored:,} claims stored | {results.record.summary()}"
        f" | p95 < {RECORD_BUDGET_MS:g} ms | {_verdict(results.record.p95, RECORD_BUDGET_MS)} |",
        f"| `check_claim` (the form's check before saving; not in the budget)"
        f" | {results.check.summary()} | — | — |",
        *(
            [
                "| the disk: `fsync` of 4 KiB appended (the floor under any commit with"
                f" `synchronous=FULL`) | {results.fsync.summary()} | — | — |"
            ]
            if results.fsync is not None
            else []
        ),
    ]
    for kind in LOOKUP_KINDS:
        latency = results.lookups[kind]
        budgeted = kind != "name"
        lines.append(
            f"| `find_claims`: {LOOKUP_TITLES[kind]} at {stored:,} claims"
            f" (mean {results.lookup_rows[kind]:,.1f} rows returned) | {latency.summary()}"
            + (
                f" | p95 < {LOOKUP_BUDGET_MS:g} ms | {_verdict(latency.p95, LOOKUP_BUDGET_MS)} |"
                if budgeted
                else " | — (reported) | — |"
            )
        )
    lines += [
        f"| `integrity.verify` (cipher_integrity_check, quick_check, audit chain of"
        f" {results.verify_entries:,} entries) | {seconds(results.verify_ns)}"
        f" ({'ok' if results.verify_ok else 'PROBLEMS FOUND'}) | — | — |",
        *open_rows(results),
        f"| database file (`guichet.db` + WAL) | {mebibytes(results.db_bytes)},"
        f" {results.db_bytes / max(1, stored):,.0f} bytes per claim | — | — |",
        f"| peak RSS of the bench process | {mebibytes(results.peak_rss)}"
        + (
            ""
            if results.reused_claims
            else f" ({mebibytes(results.rss_after_fill)} at the end of the fill)"
        )
        + " | — | — |",
        "",
        "Notes:",
        "",
        f"- The bench store's key is wrapped with scrypt at 2^{SCRYPT_LOG2_N}; production"
        " stores use 2^17 (about 8 times the work on the key step) or the OS keyring (no"
        " scrypt at all).",
        *open_notes(results),
        *phase_line(results),
        *(
            [
                f"- The bench ran at niceness {results.niceness} (`--nice`), to keep other"
                " processes on this machine from skewing its figures."
            ]
            if results.niceness
            else []
        ),
        *(
            [
                "- The reused store was read once before the lookups, so its pages are in the"
                " OS page cache as they are right after a fill."
            ]
            if results.reused_claims
            else []
        ),
        f"- Recorded drafts come from `DemoPeople` (another seed than the stored ones);"
        f" {results.record_with_warnings:,} of the {results.samples:,} timed drafts carried"
        f" warnings, confirmed outside the timing; {results.record_skipped:,} drafts with"
        " blocking problems were skipped.",
        "- Lookup values are real stored values drawn at random (name: the first 6"
        " characters of an insured's name); each kind's queries are shuffled.",
    ]
    return "\n".join(lines) + "\n"
