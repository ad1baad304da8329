"""What every benchmark shares: latency statistics, the machine's description, peak memory,
and rewriting one's own section of ``docs/benchmarks.md`` without touching the others.

Timings are taken with :func:`time.perf_counter_ns`; percentiles use the nearest-rank method
(p95 of 1,000 samples is the 950th smallest), so every figure reported is a real sample.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = REPO_ROOT / "docs" / "benchmarks.md"

RESULTS_HEADER = """\
# Benchmarks

Measured performance of Guichet AMO against the budgets of DESIGN.md §6 (performance
budgets). These figures come from the benchmarks in `bench/`, not from timed tests: rerun
them with `make bench` (one benchmark alone: `.venv/bin/python -m bench.run_all --only
store` or `--only gui`; a quick trial: `--quick`). Each benchmark rewrites only its own section,
between its `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->` markers; anything
else in this file is kept as it is.
"""

Log = Callable[[str], None]


def log_stderr(message: str) -> None:
    """Progress for the person running the bench (stdout is kept for results)."""
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class Latency:
    """Latency statistics of one operation, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float

    @classmethod
    def of(cls, samples_ns: Sequence[int]) -> Latency:
        if not samples_ns:
            raise ValueError("no samples")
        ordered = sorted(samples_ns)

        def rank(q: float) -> float:
            index = max(0, math.ceil(q * len(ordered)) - 1)
            return ordered[index] / 1e6

        return cls(
            count=len(ordered),
            p50=rank(0.50),
            p95=rank(0.95),
            p99=rank(0.99),
            max=ordered[-1] / 1e6,
            mean=sum(ordered) / len(ordered) / 1e6,
        )

    def summary(self) -> str:
        """``p50 / p95 / p99 / max`` as shown in the results table."""
        return (
            f"{ms(self.p50)} / **{ms(self.p95)}** / {ms(self.p99)} / {ms(self.max)} ms"
            f" (n = {self.count:,})"
        )


def ms(value: float) -> str:
    """A duration in milliseconds, with the precision that matters at its size."""
    if value < 1:
        return f"{value:.3f}"
    if value < 100:
        return f"{value:.2f}"
    return f"{value:,.0f}"


def seconds(value_ns: int) -> str:
    value = value_ns / 1e9
    if value < 10:
        return f"{value:.2f} s"
    if value < 120:
        return f"{value:.1f} s"
    return f"{value:,.0f} s ({value / 60:.1f} min)"


def mebibytes(value: int) -> str:
    return f"{value / 2**20:,.1f} MiB"


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (``ru_maxrss`` is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def total_memory_bytes() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_lines() -> list[str]:
    """The machine and interpreter, as Markdown list items."""
    memory = total_memory_bytes()
    return [
        f"- OS: {platform.platform()}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical CPUs ({platform.machine()})",
        f"- memory: {'unknown' if memory is None else f'{memory / 2**30:.1f} GiB'}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
    ]


def fsync_latency(directory: Path, count: int = 200) -> Latency:
    """The disk's answer time: append 4 KiB to a file in ``directory`` and ``fsync`` it.

    A commit with ``synchronous=FULL`` waits for at least one such flush, so this is the
    floor under every write transaction's latency on this disk.
    """
    path = directory / "fsync-probe.bin"
    samples: list[int] = []
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        block = b"\0" * 4096
        for _ in range(count):
            os.write(fd, block)
            t0 = time.perf_counter_ns()
            os.fsync(fd)
            samples.append(time.perf_counter_ns() - t0)
    finally:
        os.close(fd)
        path.unlink()
    return Latency.of(samples)


def evict_from_page_cache(*roots: Path, sync: bool = True) -> bool:
    """Drop these files, or every file under these folders, from the OS page cache.

    The next read then comes from the disk, as after a reboot. Only clean pages can be
    dropped, so each file is flushed first (``sync``); pages that another process has mapped
    stay. Returns False where ``posix_fadvise`` does not exist (the run stays warm).
    """
    if not hasattr(os, "posix_fadvise"):
        return False
    for root in roots:
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            if path.is_symlink():
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue  # unreadable or gone: nothing of ours to evict
            try:
                if sync:
                    os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def read_through(*roots: Path, chunk: int = 8 << 20) -> int:
    """Read these files, or every file under these folders, once: into the page cache.

    Returns the bytes read.
    """
    total = 0
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            with path.open("rb", buffering=0) as handle:
                while block := handle.read(chunk):
                    total += len(block)
    return total


def _busy_seconds() -> float | None:
    """CPU time spent by the whole machine so far (``/proc/stat``), idle and iowait left out."""
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            fields = handle.readline().split()
    except OSError:
        return None
    if not fields or fields[0] != "cpu":
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@dataclass(slots=True)
class CpuWatch:
    """How much CPU other processes took while a benchmark ran (they skew its figures)."""

    machine_start: float | None
    own_start: float
    wall_start: float

    @classmethod
    def start(cls) -> CpuWatch:
        return cls(_busy_seconds(), _own_seconds(), time.monotonic())

    def others(self) -> tuple[float, float] | None:
        """CPU-seconds used by other processes so far, and the run's wall-clock seconds."""
        machine = _busy_seconds()
        if machine is None or self.machine_start is None:
            return None
        used = (machine - self.machine_start) - (_own_seconds() - self.own_start)
        return max(0.0, used), time.monotonic() - self.wall_start


def utc_now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def replace_section(name: str, body: str, path: Path = RESULTS_FILE) -> None:
    """Put ``body`` between this benchmark's markers; keep everything else in the file.

    A missing file is created with the common header; a missing section is appended.
    """
    start, end = markers(name)
    section = f"{start}\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else RESULTS_HEADER
    head, found, rest = text.partition(start)
    if found:
        _, closed, tail = rest.partition(end)
        if not closed:
            raise ValueError(f"{path}: {start} has no matching {end}")
        text = head + section + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
