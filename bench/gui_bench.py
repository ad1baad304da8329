"""The GUI benchmark: the desktop app on a 1,000,000-claim store, as a clerk uses it.

Measures the budgets of DESIGN.md §6 and rule 4 of §1 that belong to the desktop app:

1. the GUI thread is never blocked over 50 ms while searching or saving: a heartbeat timer
   on the GUI thread, read from the key press (Enter in the lookup, Ctrl+Return on the
   deposit form) to the results painted or the form ready and the receipt printed;
2. save to ready for the next claim: p95 < 100 ms (and the time to the printed receipt);
3. keystrokes per typical claim (reported);
4. GUI memory with 1,000,000 claims stored: < 250 MB RSS, in a fresh process;
5. cold start to the login window: < 1.5 s from source.

Parts 1 to 4 run in one fresh process (:mod:`bench.gui_session`): the app's own main window,
task manager and store, typed into with ``QTest``. Part 5 starts fresh processes
(:mod:`bench.start_child`) on a copy of the app's sources, with and without compiled
bytecode, with the page cache warm, with the store evicted, and with everything evicted.

The store is the one the store benchmark leaves in ``bench/.work/point`` when it holds
enough claims; otherwise it is made here the same way. The GUI bench adds its deposits to it.
Owns nothing of the app: it only drives it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import store_bench
from bench.common import (
    REPO_ROOT,
    CpuWatch,
    Log,
    evict_from_page_cache,
    log_stderr,
    machine_lines,
    mebibytes,
    ms,
    seconds,
    utc_now_text,
)

NAME = "gui"
FULL_SIZE = store_bench.FULL_SIZE
SEARCHES = 200
DEPOSITS = 200
QUICK_STEPS = 40  # searches and deposits of a trial run on a smaller store
START_RUNS = 5
QUICK_START_RUNS = 2
SEED = 20_261_122
STALL_BUDGET_MS = 50.0
READY_BUDGET_MS = 100.0
MEMORY_BUDGET_BYTES = 250 * 10**6  # "250 MB"
START_BUDGET_S = 1.5
TYPICAL_IN_TESTS = 76  # tests/ui/test_deposit.py: test_typical_claim_keystroke_count_is_reported
TREND_FROM = 50  # memory's trend is read from this search and this deposit on
BUSY_SHARE = 0.25  # other processes' share of one CPU above which the run is flagged
NOISE = ("This plugin does not support propagateSizeHints()",)  # Qt's offscreen platform

CACHE_STATES = ("warm", "store", "all")
CACHE_TITLES = {
    "warm": "page cache warm",
    "store": "store evicted from the page cache",
    "all": "store, Python, libraries and sources evicted",
}
PHASE_TITLES = {
    "store": "store check",
    "session": "GUI session",
    "start": "start-ups",
}
START_STEPS = (  # bench.start_child's marks, in order, with what happened before each
    ("imported", "import of `agent_app.ui.app` (PySide6, SQLAlchemy, services, pages)"),
    ("application", "`QApplication`"),
    ("style", "style sheet"),
    ("language", "language and translators"),
    ("logging", "log file"),
    ("store", "`open_store` (key unwrap, key check, migrations check)"),
    ("tasks", "task manager"),
    ("identity", "point identity read on the worker"),
    ("dialog", "`LoginDialog` built"),
    ("shown", "shown and first painted"),
)


@dataclass(slots=True)
class StartRuns:
    """Start-ups of one kind: ``python start_child.py D main`` from spawn to first paint."""

    bytecode: bool
    cache: str
    runs: list[dict[str, Any]] = field(default_factory=list)

    def totals_ns(self) -> list[int]:
        return [run["shown"] - run["spawned"] for run in self.runs]

    def median_ns(self) -> float:
        return statistics.median(self.totals_ns())

    def imports_ns(self) -> list[int]:
        return [run["imported"] - run["started"] for run in self.runs]

    def interpreter_ns(self) -> list[int]:
        return [run["started"] - run["spawned"] for run in self.runs]


@dataclass(slots=True)
class GuiResults:
    claims: int
    started_utc: str
    searches: int
    deposits: int
    store_claims: int = 0
    store_built_ns: int = 0
    probe: tuple[float, float] | None = None  # other processes' CPU-s over an idle wait
    session: dict[str, Any] = field(default_factory=dict)
    session_ns: int = 0
    starts: list[StartRuns] = field(default_factory=list)
    steps: dict[bool, dict[str, Any]] = field(default_factory=dict)
    scrypt_ms: dict[int, float] = field(default_factory=dict)
    evicted: bool = False
    total_ns: int = 0
    others_cpu: tuple[float, float] | None = None
    phase_others: dict[str, tuple[float, float]] = field(default_factory=dict)
    niceness: int = 0

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        watch = CpuWatch.start()
        yield
        used = watch.others()
        if used is not None:
            self.phase_others[name] = used


# --- the store --------------------------------------------------------------------------------


def ensure_store(work_dir: Path, claims: int, log: Log) -> tuple[int, int]:
    """The claims in the bench store (made when missing or too small), and the ns to make it."""
    data_dir = work_dir / "point"
    held = store_bench.stored_claims(data_dir)
    if held is not None and held >= claims:
        log(f"reusing the store in {data_dir}: {held:,} claims")
        return held, 0
    log(f"no store of {claims:,} claims in {data_dir}: making one (minutes at full size)")
    began = time.perf_counter_ns()
    store, _ = store_bench.create_store(work_dir, log)
    try:
        store_bench.fill_store(store, claims, log)
    finally:
        store.close()
    built = time.perf_counter_ns() - began
    held = store_bench.stored_claims(data_dir)
    if held is None:
        raise RuntimeError(f"the store just made in {data_dir} cannot be opened")
    return held, built


def contention_probe(wait_s: float = 3.0) -> tuple[float, float] | None:
    """Other processes' CPU use while this one sleeps: is the machine quiet enough?"""
    watch = CpuWatch.start()
    time.sleep(wait_s)
    return watch.others()


# --- the GUI session ----------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        store_bench.PASSPHRASE_ENV: store_bench.PASSPHRASE,
    }


def run_session(data_dir: Path, searches: int, deposits: int, log: Log) -> dict[str, Any]:
    """``bench.gui_session`` in a fresh process; its progress is passed on to the log."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.gui_session",
                str(data_dir),
                f"--searches={searches}",
                f"--deposits={deposits}",
                f"--seed={SEED}",
            ],
            cwd=REPO_ROOT,
            env=child_env(),
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None
        tail: list[str] = []
        for line in child.stderr:
            text = line.rstrip("\n")
            if not text or text in NOISE:
                continue
            tail = [*tail[-20:], text]
            print(text, file=sys.stderr, flush=True)
        if child.wait() != 0:
            raise RuntimeError("the GUI session failed:\n" + "\n".join(tail))
        out.seek(0)
        parsed: dict[str, Any] = json.loads(out.read())
    return parsed


# --- start-up -----------------------------------------------------------------------------------


def prepare_sources(scratch: Path) -> dict[bool, Path]:
    """Two copies of the app's sources beside ``start_child.py``: as they are, and compiled.

    A copy, so the working tree's ``__pycache__`` is left as it is; the child runs with
    ``PYTHONDONTWRITEBYTECODE=1``, so the plain copy never gains bytecode.
    """
    shutil.rmtree(scratch, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    copies: dict[bool, Path] = {}
    for bytecode in (False, True):
        root = scratch / ("bytecode" if bytecode else "source")
        shutil.copytree(REPO_ROOT / "agent_app", root / "agent_app", ignore=ignore)
        shutil.copytree(REPO_ROOT / "resources", root / "resources", ignore=ignore)
        shutil.copy2(REPO_ROOT / "bench" / "start_child.py", root / "start_child.py")
        if bytecode:
            subprocess.run(
                [sys.executable, "-m", "compileall", "-q", str(root / "agent_app")], check=True
            )
        copies[bytecode] = root
    return copies


def python_roots() -> list[Path]:
    """Where the interpreter reads its code and libraries: standard library, site-packages."""
    paths = sysconfig.get_paths()
    roots = {Path(paths["stdlib"]), Path(paths["platstdlib"]), Path(paths["purelib"])}
    roots.add(Path(paths["platlib"]))
    return sorted(root for root in roots if root.is_dir())


def evict(cache: str, data_dir: Path, source: Path) -> bool:
    if cache == "warm":
        return True
    if cache == "store":
        return evict_from_page_cache(data_dir)
    evict_from_page_cache(*python_roots(), source, sync=False)
    return evict_from_page_cache(data_dir)


def start_once(source: Path, data_dir: Path, mode: str) -> dict[str, Any]:
    env = {**child_env(), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    spawned = time.monotonic_ns()
    result = subprocess.run(
        [sys.executable, str(source / "start_child.py"), str(data_dir), mode],
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"start child failed ({mode}): {result.stderr.strip()}")
    marks: dict[str, Any] = json.loads(result.stdout)
    marks["spawned"] = spawned
    if Path(marks["agent_app"]) != source:
        raise RuntimeError(f"the start child ran the app from {marks['agent_app']}, not {source}")
    return marks


def measure_starts(data_dir: Path, scratch: Path, runs: int, results: GuiResults, log: Log) -> None:
    copies = prepare_sources(scratch)
    for bytecode, source in copies.items():
        start_once(source, data_dir, "main")  # warms the cache for the warm runs
        for cache in CACHE_STATES:
            kind = StartRuns(bytecode, cache)
            for _ in range(runs):
                results.evicted = evict(cache, data_dir, source)
                kind.runs.append(start_once(source, data_dir, "main"))
            results.starts.append(kind)
            log(
                f"  {'bytecode' if bytecode else 'source only'}, {CACHE_TITLES[cache]}:"
                f" median {seconds(round(kind.median_ns()))}"
            )
        evict("store", data_dir, source)
        results.steps[bytecode] = start_once(source, data_dir, "steps")
    shutil.rmtree(scratch, ignore_errors=True)


def scrypt_cost() -> dict[int, float]:
    """Milliseconds to derive a key with scrypt at the bench's cost and at production's."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    from agent_app.security.keystore import SCRYPT_LOG2_N, SCRYPT_P, SCRYPT_R

    costs: dict[int, float] = {}
    for log2_n in (store_bench.SCRYPT_LOG2_N, SCRYPT_LOG2_N):
        t0 = time.perf_counter_ns()
        Scrypt(salt=b"\0" * 16, length=32, n=2**log2_n, r=SCRYPT_R, p=SCRYPT_P).derive(b"x" * 16)
        costs[log2_n] = (time.perf_counter_ns() - t0) / 1e6
    return costs


# --- the whole bench ----------------------------------------------------------------------------


def run(
    claims: int = FULL_SIZE,
    *,
    searches: int | None = None,
    deposits: int | None = None,
    start_runs: int | None = None,
    work_dir: Path = store_bench.WORK_DIR,
    log: Log = log_stderr,
) -> GuiResults:
    """The GUI benchmark on the bench store (at least ``claims`` claims)."""
    began = time.perf_counter_ns()
    watch = CpuWatch.start()
    full = claims >= FULL_SIZE
    results = GuiResults(
        claims=claims,
        started_utc=utc_now_text(),
        searches=searches or (SEARCHES if full else QUICK_STEPS),
        deposits=deposits or (DEPOSITS if full else QUICK_STEPS),
    )
    results.niceness = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else 0
    data_dir = work_dir / "point"
    with results.phase("store"):
        results.store_claims, results.store_built_ns = ensure_store(work_dir, claims, log)

    log("checking what else runs on this machine (3 s idle)")
    results.probe = contention_probe()
    if results.probe is not None:
        used, wall = results.probe
        log(f"  other processes used {used / wall:.0%} of one CPU meanwhile")
        if used / wall > BUSY_SHARE:
            log("  the machine is busy: these figures will be pessimistic (rerun when quiet)")

    log(
        f"GUI session: main window, browsing, {results.searches} searches,"
        f" {results.deposits} deposits typed and printed"
    )
    t0 = time.perf_counter_ns()
    with results.phase("session"):
        results.session = run_session(data_dir, results.searches, results.deposits, log)
    results.session_ns = time.perf_counter_ns() - t0

    runs = start_runs or (START_RUNS if full else QUICK_START_RUNS)
    log(f"start-ups to the login window ({runs} of each kind)")
    scratch = Path(tempfile.mkdtemp(prefix="gui-start-", dir=work_dir))  # runs never collide
    with results.phase("start"):
        measure_starts(data_dir, scratch, runs, results, log)
    results.scrypt_ms = scrypt_cost()
    results.total_ns = time.perf_counter_ns() - began
    results.others_cpu = watch.others()
    return results


# --- the results section ------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "✅ within" if ok else "❌ over"


def stall_cell(summary: dict[str, Any]) -> str:
    """Worst stall, p99 over the heartbeat's ticks, and how many steps passed 50 ms."""
    worst, ticks = summary["worst_per_window"], summary["per_tick"]
    return (
        f"max **{ms(worst['max'])} ms**; per step p50 {ms(worst['p50'])} / p95"
        f" {ms(worst['p95'])} ms; p99 of {summary['ticks']:,} ticks {ms(ticks['p99'])} ms;"
        f" {summary['over_50ms']} of {summary['windows']} steps over 50 ms"
    )


def latency_cell(latency: dict[str, float]) -> str:
    return (
        f"{ms(latency['p50'])} / **{ms(latency['p95'])}** / {ms(latency['p99'])} /"
        f" {ms(latency['max'])} ms (n = {int(latency['count']):,})"
    )


def memory_rows(results: GuiResults) -> list[str]:
    session = results.session
    budget = f"< {MEMORY_BUDGET_BYTES // 10**6} MB"
    peak = max(session["rss_end"]["VmHWM"], session["rss_end"]["ru_maxrss"])
    rows = [
        ("main window built (`build_main_window`, deposit page shown)", "rss_window"),
        (
            f"after browsing all {session['browse']['rows']:,} claims (empty search, then"
            " the whole range in jumps)",
            "rss_browsed",
        ),
        (f"after the {results.searches} searches", "rss_searched"),
        (f"after the {results.deposits} deposits and receipts", "rss_deposited"),
    ]
    lines = [
        f"| GUI memory (VmRSS), {label} | {size_cell(session[key]['VmRSS'])} | {budget}"
        f" | {_verdict(session[key]['VmRSS'] < MEMORY_BUDGET_BYTES)} |"
        for label, key in rows
    ]
    lines.append(
        f"| GUI memory, peak over the whole session (VmHWM, `ru_maxrss`) | {size_cell(peak)}"
        f" | {budget} | {_verdict(peak < MEMORY_BUDGET_BYTES)} |"
    )
    return lines


def size_cell(size: int) -> str:
    return f"{size / 10**6:,.0f} MB ({mebibytes(size)})"


def start_rows(results: GuiResults) -> list[str]:
    lines = []
    for kind in sorted(results.starts, key=lambda k: (not k.bytecode, CACHE_STATES.index(k.cache))):
        totals = kind.totals_ns()
        median = kind.median_ns()
        representative = kind.bytecode and kind.cache == "store"
        code = "compiled bytecode" if kind.bytecode else "no bytecode for `agent_app`"
        start = "start" if kind.cache == "warm" else "cold start"
        label = f"{start} to the login window from source, {code}, {CACHE_TITLES[kind.cache]}"
        if representative:
            label = f"**{label}** (the cold start; representative of an installed app)"
        elif kind.cache == "all":
            label += " (as after a reboot, as far as it can be done)"
        lines.append(
            f"| {label} | median **{seconds(round(median))}**"
            f" ({seconds(min(totals))} – {seconds(max(totals))}, n = {len(totals)}); import"
            f" {ms(statistics.median(kind.imports_ns()) / 1e6)} ms | < {START_BUDGET_S:g} s"
            f" | {_verdict(median / 1e9 < START_BUDGET_S)} |"
        )
    return lines


def start_notes(results: GuiResults) -> list[str]:
    notes = []
    for bytecode, marks in sorted(results.steps.items(), reverse=True):
        previous = marks["spawned"]
        parts = [f"interpreter start {ms((marks['started'] - previous) / 1e6)} ms"]
        previous = marks["started"]
        for key, title in START_STEPS:
            if key in marks:
                parts.append(f"{title} {ms((marks[key] - previous) / 1e6)} ms")
                previous = marks[key]
        notes.append(
            f"- Where a start goes ({'compiled bytecode' if bytecode else 'no bytecode'},"
            f" store evicted; `start_child.py steps` replays `main()` step by step, total"
            f" {seconds(marks['shown'] - marks['spawned'])}): " + ", ".join(parts) + "."
        )
    if results.scrypt_ms:
        bench_n, production_n = sorted(results.scrypt_ms)
        notes.append(
            f"- The bench store's key is wrapped with scrypt 2^{bench_n}"
            f" ({ms(results.scrypt_ms[bench_n])} ms here); a store whose passphrase is"
            f" wrapped at production's 2^{production_n} takes"
            f" {ms(results.scrypt_ms[production_n])} ms for that step instead, so its start is"
            f" about {ms(results.scrypt_ms[production_n] - results.scrypt_ms[bench_n])} ms"
            " longer; a key in the OS keyring needs no scrypt at all."
        )
    return notes


def stall_causes(results: GuiResults) -> list[str]:
    """What the GUI thread was doing during the long stalls (over 16 ms)."""
    session = results.session
    phases = {
        "browsing all": [
            *session["browse"]["search"]["notable"],
            *session["browse"]["jumps"]["notable"],
        ],
        "searching": session["search"]["notable"],
        "scrolling": session["scroll"]["notable"],
        "saving": session["deposit"]["save"]["notable"],
    }
    parts = []
    for phase, stalls in phases.items():
        if not stalls:
            parts.append(f"{phase} none")
            continue
        working = [s for s in stalls if s["gui_cpu_ns"] >= s["stall_ns"] / 2]
        waiting = [s for s in stalls if s["gui_cpu_ns"] < s["stall_ns"] / 2]
        collected = [s for s in waiting if s["gc_generation"] == 2]
        kinds = []
        if working:
            longest = max(s["stall_ns"] for s in working) / 1e6
            kinds.append(f"{len(working)} with the GUI thread itself working (≤ {ms(longest)} ms)")
        if waiting:
            longest = max(s["stall_ns"] for s in waiting) / 1e6
            kinds.append(
                f"{len(waiting)} with it waiting (≤ {ms(longest)} ms), {len(collected)} of them"
                " during a full garbage collection"
            )
        parts.append(f"{phase} {len(stalls)}: " + " and ".join(kinds))
    gc_stats = session["gc"]
    return [
        "- Long stalls (over 16 ms), split by the GUI thread's own CPU time during each: "
        + "; ".join(parts)
        + ". Waiting means another thread held the GIL (a store job's Python or C-level"
        " loops, or a collection it set off: a collection holds the GIL whichever thread runs"
        f" it) or no CPU was free. The session made {gc_stats['full']} full (generation 2)"
        f" collections, {gc_stats['full_on_gui']} of them on the GUI thread, the longest"
        f" {ms(gc_stats['full_max_ns'] / 1e6)} ms."
    ]


def memory_trend(results: GuiResults) -> list[str]:
    """How VmRSS moved along the searches and along the deposits (a leak would show here)."""
    session = results.session
    moves = []
    for samples, what in (
        (session["rss_every_10_searches"], "search, its scrolls included"),
        (session["deposit"]["rss_every_10"], "deposit and printed receipt"),
    ):
        # From the 50th on: the first steps load once what every later one reuses.
        later = [(n, rss) for n, rss in samples if n >= TREND_FROM]
        if len(later) < 2:
            continue
        (n0, r0), (n1, r1) = later[0], later[-1]
        moves.append(
            f"from the {n0}th to the {n1}th {what.split(',')[0].split()[0]}"
            f" by {(r1 - r0) / 10**6:+,.1f} MB"
            f" ({(r1 - r0) / (n1 - n0) / 10**3:+,.0f} kB per {what})"
        )
    if not moves:
        return []
    return [
        "- VmRSS moved " + "; ".join(moves) + ". The steps before cost more: the first"
        " receipts load fonts and the PDF engine, the first searches size the allocator's"
        " heap for a second array of a million ids."
    ]


def by_kind_rows(results: GuiResults) -> list[str]:
    titles = {
        "receipt": "receipt number",
        "immatriculation": "immatriculation",
        "cin": "CIN",
        "name": "name prefix (6 letters)",
        "all": f"empty (every claim, {results.session['browse']['rows']:,} rows)",
    }
    lines = []
    for kind, summary in results.session["search_by_kind"].items():
        if not summary["windows"]:
            continue
        lines.append(
            f"| search by {titles[kind]}: Enter to results painted (at most"
            f" {summary['max_rows']:,} rows) | {latency_cell(summary['latency'])}; worst stall"
            f" {ms(summary['worst_per_window']['max'])} ms | — | — |"
        )
    return lines


def load_lines(results: GuiResults) -> list[str]:
    lines = []
    if results.probe is not None:
        used, wall = results.probe
        lines.append(
            f"- before the timed parts, other processes used {used / wall:.0%} of one CPU"
            f" over a {wall:.0f} s idle wait"
        )
    if results.others_cpu is not None:
        used, wall = results.others_cpu
        lines.append(
            f"- other processes used {used:,.0f} CPU-seconds during the {wall:,.0f} s run"
            f" ({used / wall:.0%} of one CPU on average)"
        )
    return lines


def render(results: GuiResults) -> str:
    """The GUI's section of ``docs/benchmarks.md``."""
    session = results.session
    deposit = session["deposit"]
    full = results.store_claims >= FULL_SIZE and results.searches >= SEARCHES
    saves = deposit["save"]
    stall_rows = [
        (
            f"GUI thread while searching: Enter to results painted ({results.searches}"
            " searches mixing receipt numbers, immatriculations, CINs, name prefixes and the"
            " empty search)",
            session["search"],
        ),
        (
            f"GUI thread while scrolling the results: scroll to rows painted"
            f" ({session['scroll']['windows']} jumps to random rows, pages read lazily)",
            session["scroll"],
        ),
        (
            f"GUI thread while saving: Ctrl+Return to the form ready and the receipt printed"
            f" ({results.deposits} deposits typed like a clerk)",
            saves,
        ),
    ]
    keystrokes = deposit["keystrokes"]
    mean_keys = sum(keystrokes) / len(keystrokes)
    scans = deposit["scans"]
    lines = [
        "## Desktop app (GUI thread, saving, memory, start-up)",
        "",
        f"Run on {results.started_utc} by `bench/gui_bench.py` (`make bench`; alone:"
        f" `.venv/bin/python -m bench.run_all --only gui`), on the bench store holding"
        f" {results.store_claims:,} claims; the whole run took {seconds(results.total_ns)}"
        f" (the GUI session {seconds(results.session_ns)})."
        + (
            ""
            if full
            else f" **Not a full run**: the budgets are set at {FULL_SIZE:,} claims and"
            f" {SEARCHES} searches and deposits, so these verdicts are only indicative."
        ),
        "",
        "Machine:",
        "",
        *machine_lines(),
        "- Qt platform: `offscreen` (no display on a build box; painting is Qt's own raster"
        " engine, as on a desktop, without the final copy to the screen)",
        *load_lines(results),
        "",
        "Latencies are p50 / **p95** / p99 / max (nearest-rank percentiles). A stall is how"
        f" much later than its {session['heartbeat_ms']} ms interval a heartbeat timer on the"
        " GUI thread fired.",
        "",
        "| what | measured | budget | verdict |",
        "|---|---|---|---|",
        *(
            f"| {label} | {stall_cell(summary)} | never > {STALL_BUDGET_MS:g} ms"
            f" | {_verdict(summary['worst_per_window']['max'] <= STALL_BUDGET_MS)} |"
            for label, summary in stall_rows
        ),
        f"| save to ready for the next claim: Ctrl+Return to `claim_recorded` (form cleared,"
        f" cursor on the first field) | {latency_cell(deposit['ready'])}"
        f" | p95 < {READY_BUDGET_MS:g} ms"
        f" | {_verdict(deposit['ready']['p95'] < READY_BUDGET_MS)} |",
        "| save to receipt printed: Ctrl+Return to `ReceiptPrinter.printed` (read on the"
        " worker, painted to PDF on the GUI thread, print audited)"
        f" | {latency_cell(deposit['printed'])} | — | — |",
        f"| keystrokes per claim | typical claim **{keystrokes[0]}** + {scans[0]} scan"
        f" (the tests' count: {TYPICAL_IN_TESTS}); mean over the {len(keystrokes)} claims"
        f" {mean_keys:.1f} (min {min(keystrokes)}, max {max(keystrokes)})"
        f" + {sum(scans) / len(scans):.1f} scans | — (reported) | — |",
        *memory_rows(results),
        *start_rows(results),
        f"| browse every claim: empty search, Enter to the first rows painted"
        f" ({session['browse']['rows']:,} ids read on the worker)"
        f" | {ms(session['browse']['search']['latency']['max'])} ms; worst stall"
        f" {ms(session['browse']['search']['worst_per_window']['max'])} ms | — | — |",
        f"| browse every claim: {session['browse']['jumps']['windows']} jumps across the"
        f" range, scroll to rows painted | {latency_cell(session['browse']['jumps']['latency'])};"
        f" worst stall {ms(session['browse']['jumps']['worst_per_window']['max'])} ms | — | — |",
        *by_kind_rows(results),
        "",
        "Notes:",
        "",
        "- Everything is the app's own: a `QApplication`, `open_store`, a real `TaskManager` and"
        " `UiContext` with the bench clerk logged in, and the main window of"
        " `agent_app.ui.app.build_main_window`, run in a fresh process (`bench/gui_session.py`)"
        " so no other bench's memory counts. Only the receipt printer is faked (a PDF"
        " `QPrinter`), and the deposit page's scanner filter reads a clock that makes each scan"
        " burst 1 ms per key, as in `tests/ui/test_deposit.py`, so a scan stays a scan however"
        " loaded the machine is.",
        "- Stalls are read only from the key press (Enter, Ctrl+Return) or the scroll to the"
        " moment the step is done: results and the rows in view painted (for a single result,"
        " its details and history shown too); the form ready for the next claim and the receipt"
        " printed. `QTest`'s synthetic typing before it (synchronous, and none of the app's"
        f" work) is left out, and the event loop runs {session['settle_ms']} ms before each"
        " step so the paints the typing asked for are done. The first stall of a step includes"
        " the work the key press did synchronously (the save's checks, the search's request).",
        f"- The clerk (`Clerk` in `bench/gui_session.py`) types each deposit along the tab"
        " order as `tests/ui/test_deposit.py` does: the first is the tests' typical claim (the"
        " insured's own consultation and pharmacy, INPE label scanned), then a mix of the"
        " insured and children, one in ten with an FSE code scanned. Numbers are drawn afresh"
        " each run so no deposit is a likely duplicate of an earlier run's;"
        f" {deposit['receipts_printed']} receipts were printed"
        f" ({deposit['pdf_bytes'] / 10**3:,.0f} kB of PDF). `QTest` typing took"
        f" {ms(deposit['typing_ns_per_key'] / 1e6)} ms per key, the app's handling included"
        " (not budgeted).",
        *stall_causes(results),
        *memory_trend(results),
        "- Memory is the GUI process's resident set (VmRSS from `/proc/self/status`); the"
        " budget's 250 MB is read as 250 × 10^6 bytes. The daily full integrity check is not"
        " run in this session (the app runs it once a day on its own thread and connection).",
        "- Start-ups run `python start_child.py D main` (`bench/start_child.py`): it imports"
        " `agent_app.ui.app` and calls its `main()` unchanged; a timer finds the active modal"
        " `LoginDialog` and the time is taken once its first paint is done. Totals count from"
        " the moment the bench started the process. The app runs from a copy of `agent_app/`"
        ' and `resources/`, so the working tree\'s bytecode is left alone; "no bytecode" is a'
        " copy without `__pycache__` run with `PYTHONDONTWRITEBYTECODE=1` (how this machine"
        ' runs from source: it is set here), "compiled" is the same copy after `python -m'
        " compileall`. An installed app (a wheel installed by pip, or the frozen build) always"
        " carries compiled bytecode, so the compiled rows are the representative ones; the"
        " libraries (PySide6, SQLAlchemy, …) have their bytecode in both. Evicting uses"
        " `posix_fadvise(DONTNEED)`; pages other processes keep mapped (a Qt library in use"
        " elsewhere) stay cached"
        + ("" if results.evicted else " (not available here: every run was warm)")
        + ".",
        *start_notes(results),
        *phase_notes(results),
        *(
            [
                f"- The bench ran at niceness {results.niceness} (`--nice`), to keep other"
                " processes on this machine from skewing its figures."
            ]
            if results.niceness
            else []
        ),
        *problem_notes(results),
    ]
    return "\n".join(lines) + "\n"


def phase_notes(results: GuiResults) -> list[str]:
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


def problem_notes(results: GuiResults) -> list[str]:
    problems: list[str] = results.session.get("problems", [])
    if not problems:
        return []
    return [f"- Steps that failed: {'; '.join(problems[:10])}."]
