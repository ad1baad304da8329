"""The frozen app (``dist/guichet-amo/``): its size on disk and its start to the login window.

``python -m bench.frozen_bench [--runs N] [--write]`` (or ``make bench``). Builds the folder
with ``build_installer.py`` when it is missing. A store is made by the build's own smoke test
(key wrapped by a passphrase at production's scrypt cost), then the built ``guichet-amo`` is
started ``--exit-at-login`` again and again, each time a new process: the time counts from
just before the bench starts the process to the login window's first paint, as the app
itself reports it (``time.monotonic_ns``, one clock for every process on Linux).

"Cold" runs first drop the app's folder and the store from the OS page cache
(``posix_fadvise(DONTNEED)``: the whole cache cannot be dropped without root, and pages other
processes keep mapped stay); "warm" runs follow one another with nothing dropped.
"""

from __future__ import annotations

import argparse
import ctypes.util
import hashlib
import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    REPO_ROOT,
    evict_from_page_cache,
    log_stderr,
    machine_lines,
    replace_section,
    utc_now_text,
)

NAME = "frozen"
APP_DIR = REPO_ROOT / "dist" / "guichet-amo"
EXECUTABLE = APP_DIR / ("guichet-amo.exe" if sys.platform == "win32" else "guichet-amo")
RUNS = 7
SIZE_BUDGET_MB = 200
START_BUDGET_S = 3.0
SHOWN = re.compile(r"login window shown: .* \(monotonic_ns (\d+)\)")


@dataclass(slots=True)
class FrozenResults:
    size_bytes: int = 0
    files: int = 0
    executables: dict[str, int] = field(default_factory=dict)
    cold_s: list[float] = field(default_factory=list)
    warm_s: list[float] = field(default_factory=list)
    smoke_line: str = ""
    listing_digest: str = ""
    gtk3_on_build_machine: bool = False
    evicted: bool = False
    total_ns: int = 0


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def listing_digest(folder: Path) -> str:
    """One short digest of every file's path and size: equal digests, same files.

    Sizes, not bytes: ``base_library.zip`` carries the build's timestamps.
    """
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest.update(
                f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size}\n".encode()
            )
    return digest.hexdigest()[:16]


def ensure_built() -> None:
    if EXECUTABLE.is_file():
        return
    log_stderr(f"{EXECUTABLE} missing: building it (build_installer.py)")
    subprocess.run([sys.executable, str(REPO_ROOT / "build_installer.py")], check=True)


def start_to_login(data_dir: Path, env: dict[str, str]) -> float:
    started = time.monotonic_ns()
    done = subprocess.run(
        [str(EXECUTABLE), "--exit-at-login", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    found = SHOWN.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"--exit-at-login failed ({done.returncode}): {done.stderr[-300:]}")
    return (int(found[1]) - started) / 1e9


def run(runs: int = RUNS) -> FrozenResults:
    began = time.monotonic_ns()
    ensure_built()
    results = FrozenResults()
    results.size_bytes, results.files = folder_size(APP_DIR)
    results.listing_digest = listing_digest(APP_DIR)
    results.gtk3_on_build_machine = ctypes.util.find_library("gtk-3") is not None
    for path in sorted(APP_DIR.iterdir()):
        if path.is_file():
            results.executables[path.name] = path.stat().st_size
    env = dict(os.environ, AGENT_APP_PASSPHRASE=secrets.token_urlsafe(24))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="gamo-frozen-bench-") as work:
        data_dir = Path(work) / "point"
        smoke = subprocess.run(
            [str(EXECUTABLE), "--smoke-test", "--data-dir", str(data_dir)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        results.smoke_line = smoke.stdout.strip()
        start_to_login(data_dir, env)  # the first start writes the log file and ui state
        for index in range(runs):
            results.evicted = evict_from_page_cache(APP_DIR, data_dir)
            results.cold_s.append(start_to_login(data_dir, env))
            log_stderr(f"cold start {index + 1}/{runs}: {results.cold_s[-1]:.2f} s")
        for index in range(runs):
            results.warm_s.append(start_to_login(data_dir, env))
            log_stderr(f"warm start {index + 1}/{runs}: {results.warm_s[-1]:.2f} s")
    results.total_ns = time.monotonic_ns() - began
    return results


def _spread(values: list[float]) -> str:
    return (
        f"median **{statistics.median(values):.2f} s** ({min(values):.2f} s – {max(values):.2f} s,"
        f" n = {len(values)})"
    )


def render(results: FrozenResults) -> str:
    size_mb = results.size_bytes / 1e6
    cold = statistics.median(results.cold_s)
    size_ok = "✅ within" if size_mb <= SIZE_BUDGET_MB else "❌ over"
    start_ok = "✅ within" if cold < START_BUDGET_S else "❌ over"
    exes = ", ".join(f"`{name}` {size / 1e6:.1f} MB" for name, size in results.executables.items())
    how_cold = (
        "app folder and store dropped from the page cache before each start"
        if results.evicted
        else "nothing could be dropped from the page cache here: these runs are warm"
    )
    lines = [
        "## Frozen app (the installer's PyInstaller folder)",
        "",
        f"Run on {utc_now_text()} by `bench/frozen_bench.py` (`make bench`; alone:"
        f" `.venv/bin/python -m bench.run_all --only frozen`), on `dist/guichet-amo/` as"
        f" `python build_installer.py` built it; the whole run took"
        f" {results.total_ns / 1e9:.0f} s.",
        "",
        "Machine:",
        "",
        *machine_lines(),
        "",
        "| what | measured | budget | verdict |",
        "|---|---|---|---|",
        f"| size of `dist/guichet-amo/` (both executables, every library and data file)"
        f" | **{size_mb:.1f} MB** ({results.size_bytes / 2**20:.1f} MiB, {results.files:,} files;"
        f" {exes}) | ≤ {SIZE_BUDGET_MB} MB | {size_ok} |",
        f"| files of the folder (paths and sizes), digest; GTK 3 on the build machine:"
        f" {'yes' if results.gtk3_on_build_machine else 'no'}"
        f" | `{results.listing_digest}` | the same with or without GTK 3 | — |",
        f"| cold start to the login window, frozen ({how_cold}) | {_spread(results.cold_s)}"
        f" | < {START_BUDGET_S:g} s | {start_ok} |",
        f"| start to the login window, frozen, page cache warm | {_spread(results.warm_s)}"
        " | — | — |",
        "",
        "Notes:",
        "",
        "- Each start is a new process: `guichet-amo --exit-at-login --data-dir D`, which"
        " quits once the login window's first paint is done and prints `time.monotonic_ns()`"
        " at that moment; the time counts from just before the bench started the process, so"
        " it includes the PyInstaller bootloader, the interpreter, every import, `open_store`"
        " (the key unwrapped by scrypt at production's 2^17) and the first paint.",
        "- Cold: `posix_fadvise(DONTNEED)` on every file of the app folder and of the store"
        " before each start (dropping the whole page cache needs root; system libraries that"
        " other processes keep mapped stay cached).",
        f"- The store was made by the build's own smoke test: `{results.smoke_line}`.",
        "- Qt platform: `offscreen` (no display on this machine).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.frozen_bench")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"starts of each kind ({RUNS})")
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = parser.parse_args(argv)
    section = render(run(args.runs))
    print(section)
    if args.write:
        replace_section(NAME, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
